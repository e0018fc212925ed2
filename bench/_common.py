"""Shared helpers of the benchmark scripts: machine description, result files, tables, corpora."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
WORKDIR = Path(os.environ.get("KG_BENCH_DIR", "/tmp/kg-bench"))


def machine() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
        )
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "unknown", False
    mem = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = int(fh.readline().split()[1]) // 1024
    except OSError:
        pass
    import pyoxigraph
    import rdflib

    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "commit": commit + ("+dirty" if dirty else ""),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_mb": mem,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
    }


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child (KiB on Linux)."""
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def cpu_seconds() -> dict[str, float]:
    """User + system CPU seconds of this process and of its finished children so far."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"self": me.ru_utime + me.ru_stime, "children": kids.ru_utime + kids.ru_stime}


def dir_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def corpus_generated(n: int, seed: int = 1) -> bool:
    """Whether the synthetic corpus of ``n`` documents is already under WORKDIR."""
    return (_corpus_dir(n, seed) / "truth.json").exists()


def _corpus_dir(n: int, seed: int) -> Path:
    return WORKDIR / f"corpus-{n}-s{seed}"


def corpus(n: int, seed: int = 1) -> Path:
    """The synthetic corpus of ``n`` documents (generated once, in a subprocess, under WORKDIR)."""
    out = _corpus_dir(n, seed)
    if not corpus_generated(n, seed):
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), str(n), str(out), "--seed", str(seed)], check=True
        )
    return out / "docs"


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(
        json.dumps({"machine": machine(), **data}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return path


def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [
        [f"{c:.4g}" if isinstance(c, float) else str(c) for c in r] for r in rows
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(lines)
