"""Extraction benchmark: documents/s on one core, per stage (read, extract, N-Quads).

    python bench/bench_extract.py [N] [--profile]

Runs in one process over N synthetic documents (default 500); ``--profile`` prints the top
functions by cumulative time (cProfile). Writes bench/results/extract-N.json.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import corpus, table, write_result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg extraction benchmark (one core)")
    ap.add_argument("n", type=int, nargs="?", default=500)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    from kg.pipeline import extract_text
    from kg.rdf import record_nquads
    from kg.read import read_source

    files = sorted(corpus(args.n).rglob("*.txt"))
    extract_text(read_source(files[0]).text)  # warm caches (gazetteers, regexes)
    stages = {"read": 0.0, "extract": 0.0, "rdf": 0.0}
    out_bytes = 0
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    t_all = time.perf_counter()
    for f in files:
        t0 = time.perf_counter()
        src = read_source(f)
        t1 = time.perf_counter()
        rec = extract_text(src.text, str(f), src.sha256, src.encoding, src.warnings)
        t2 = time.perf_counter()
        nq = record_nquads(rec, src.text, str(f), generated_at="2024-01-01T00:00:00Z")
        t3 = time.perf_counter()
        stages["read"] += t1 - t0
        stages["extract"] += t2 - t1
        stages["rdf"] += t3 - t2
        out_bytes += len(nq)
    total = time.perf_counter() - t_all
    if prof:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    n = len(files)
    result = {
        "n": n,
        "docs_per_s_one_core": round(n / total, 1),
        "ms_per_doc": {k: round(1000 * v / n, 3) for k, v in stages.items()},
        "nquads_bytes_per_doc": round(out_bytes / n),
        "profiled": args.profile,
    }
    rows = [["documents/s (one core)", result["docs_per_s_one_core"]]]
    rows += [[f"ms/doc {k}", v] for k, v in result["ms_per_doc"].items()]
    rows += [["N-Quads bytes/doc", result["nquads_bytes_per_doc"]]]
    print(table(["extract", f"N={n}"], rows))
    if not args.profile:
        print(f"\nwrote {write_result(f'extract-{n}', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
