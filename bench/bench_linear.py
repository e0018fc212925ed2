"""Extraction grows linearly with the input: a file 4 times as long takes 4 times as long.

    python bench/bench_linear.py [--runs 3] [--tolerance 0.15]

Two inputs of issue 15, each at its full size and at a quarter of it, extracted in this process
(``kg.pipeline.extract_text``, CPU time, the best of ``--runs``, the runs of the two sizes taking
turns so that both see the same load of the host):

- 40,000 lines of "Số 1-CV/TU" (a number on every line) against 10,000;
- the five seed documents repeated to 1,600,000 characters against 400,000.

A linear extractor takes 4.0 times as long for the full input (a pass that rescans from every
position: 16 times). The check passes when the ratio is at most 4 (the target) plus ``--tolerance``
for this machine's timer noise; the ratio itself is printed and written to
bench/results/linear.json with the machine, date and commit.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, table, write_result

TARGET = 4.0


def _seed_text() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def _cut(text: str, n: int) -> str:
    return (text * (n // len(text) + 1))[:n]


def inputs() -> list[tuple[str, Callable[[], str], Callable[[], str]]]:
    seed = _seed_text()
    return [
        ("40,000 lines of 'Số 1-CV/TU'", lambda: "Số 1-CV/TU\n" * 10_000, lambda: "Số 1-CV/TU\n" * 40_000),
        ("1.6 M characters of seed text", lambda: _cut(seed, 400_000), lambda: _cut(seed, 1_600_000)),
    ]


def cpu_times(quarter: str, full: str, runs: int) -> tuple[float, float]:
    """Best CPU seconds of each input; runs alternate, so that both see the same load of the host."""
    from kg.pipeline import extract_text

    best = [float("inf"), float("inf")]
    for _ in range(runs):
        for k, text in enumerate((quarter, full)):
            gc.collect()  # each run starts from the same heap
            t0 = time.process_time()
            extract_text(text)
            best[k] = min(best[k], time.process_time() - t0)
    return best[0], best[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg: extraction time of an input and of a quarter of it")
    ap.add_argument("--runs", type=int, default=5, help="Runs per input; the best CPU time counts.")
    ap.add_argument("--tolerance", type=float, default=0.15, help="Allowed above 4x for timer noise.")
    args = ap.parse_args(argv)
    from kg.pipeline import extract_text

    extract_text(_seed_text())  # warm: gazetteers and compiled patterns
    rows: list[list[object]] = []
    results: list[dict[str, object]] = []
    ok = True
    for name, quarter, full in inputs():
        q_text, f_text = quarter(), full()
        tq, tf = cpu_times(q_text, f_text, args.runs)
        ratio = tf / tq
        passed = ratio <= TARGET * (1 + args.tolerance)
        ok = ok and passed
        rows.append([name, len(q_text), round(tq, 3), len(f_text), round(tf, 3), round(ratio, 2), passed])
        results.append(
            {
                "input": name,
                "quarter_chars": len(q_text),
                "quarter_cpu_s": round(tq, 4),
                "full_chars": len(f_text),
                "full_cpu_s": round(tf, 4),
                "ratio": round(ratio, 3),
                "within_4x": passed,
            }
        )
    headers = ["input", "quarter chars", "CPU s", "full chars", "CPU s", "full/quarter", "within 4x"]
    print(table(headers, rows))
    path = write_result("linear", {"runs": args.runs, "tolerance": args.tolerance, "inputs": results})
    print(f"\nwrote {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
