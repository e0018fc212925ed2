"""Build benchmark: N synthetic documents into a fresh embedded store.

    python bench/bench_build.py N [--jobs 0] [--seed 1]

Reports documents/s of the first build (extract + load), store size on disk, peak memory of the
build process and of its largest worker (``resource.getrusage``), and the time of a second,
unchanged build as a percentage of the first. Writes bench/results/build-N.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import WORKDIR, corpus, cpu_seconds, dir_size_mb, peak_rss_mb, table, write_result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg build benchmark")
    ap.add_argument("n", type=int)
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (0 = one per core)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args(argv)
    jobs = args.jobs or os.cpu_count() or 1

    docs = corpus(args.n, args.seed)
    os.chdir(docs.parent)  # short source ids, like a user building ./docs
    store_dir = WORKDIR / f"store-{args.n}-s{args.seed}"
    shutil.rmtree(store_dir, ignore_errors=True)

    from kg.build import build
    from kg.store import OxigraphStore

    store = OxigraphStore(store_dir)
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    first = build(["docs"], store, jobs=jobs, batch_size=args.batch_size)
    t_first = time.perf_counter() - t0
    cpu1 = cpu_seconds()
    quads = store.count()
    t0 = time.perf_counter()
    second = build(["docs"], store, jobs=jobs, batch_size=args.batch_size)
    t_second = time.perf_counter() - t0
    store.close()
    size = dir_size_mb(store_dir)
    rss = peak_rss_mb()
    counts = first.counts()
    result = {
        "n": args.n,
        "jobs": jobs,
        "first_build_s": round(t_first, 2),
        "docs_per_s": round(args.n / t_first, 1),
        "docs_per_s_per_core": round(args.n / t_first / jobs, 1),
        "quads": quads,
        "quads_per_doc": round(quads / args.n, 1),
        # CPU of the first build per document: the build process (loading, writer thread) and the
        # extraction workers; their sum over the cores bounds the wall time from below.
        "cpu_ms_per_doc_build_process": round(1000 * (cpu1["self"] - cpu0["self"]) / args.n, 2),
        "cpu_ms_per_doc_workers": round(1000 * (cpu1["children"] - cpu0["children"]) / args.n, 2),
        "store_mb": round(size, 1),
        "peak_rss_build_mb": round(rss["self"], 1),
        "peak_rss_worker_mb": round(rss["children"], 1),
        "second_build_s": round(t_second, 3),
        "second_pct_of_first": round(100 * t_second / t_first, 2),
        "counts_first": counts,
        "counts_second": second.counts(),
        "store": str(store_dir),
    }
    rows = [[k, v] for k, v in result.items() if not isinstance(v, dict)]
    print(table(["build", f"N={args.n}"], rows))
    print(f"\nwrote {write_result(f'build-{args.n}', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
