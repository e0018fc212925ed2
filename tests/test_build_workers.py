"""A killed parallel build leaves no orphaned extraction workers behind (Linux: PR_SET_PDEATHSIG)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHAINS = Path(__file__).resolve().parent / "corpus" / "chains"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("pgrep") is None, reason="Linux only"
)
def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(6):  # enough files to keep two workers busy for a while
        for f in CHAINS.glob("*.txt"):
            (corpus / f"{k}_{f.name}").write_bytes(f.read_bytes())
    cmd = [
        sys.executable,
        "-m",
        "kg.cli",
        "build",
        str(corpus),
        "--store",
        str(tmp_path / "s"),
        "-q",
        "-j",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.05)
        if len(workers) < 2:
            pytest.skip("the build finished before its workers could be observed")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "orphaned workers outlived the killed build"
    finally:
        if proc.poll() is None:
            proc.kill()
