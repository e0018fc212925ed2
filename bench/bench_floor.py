"""The floor under corpus-wide queries: what the smallest queries touching every document cost.

    python bench/bench_floor.py N [--seed 1] [--runs 5]

On the store that ``bench_build.py N`` built, times queries that any listing or aggregate of the
whole corpus contains as a part: counting one predicate's triples, counting them per graph, grouping
documents by type and by year, the first 100 documents by date (ORDER BY + LIMIT), and returning every
document's IRI. No named query over the whole corpus can be faster than the part it contains.
Writes bench/results/floor-N.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import WORKDIR, table, write_result
from bench_queries import timed

PREFIXES = """PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""
FLOOR = {
    "count documents": "SELECT (COUNT(*) AS ?n) WHERE { ?d vnkg:hasSourceText ?s }",
    "count documents per graph": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d vnkg:hasSourceText ?s } }",
    "count dated documents": "SELECT (COUNT(*) AS ?n) WHERE { ?d eli:date_document ?s }",
    "documents per type": (
        "SELECT ?t (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d eli:type_document ?t } } GROUP BY ?t"
    ),
    "documents per year": (
        "SELECT ?y (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d eli:date_document ?dt } BIND(YEAR(?dt) AS ?y) } "
        "GROUP BY ?y"
    ),
    "first 100 by date": "SELECT ?d ?dt WHERE { ?d eli:date_document ?dt } ORDER BY DESC(?dt) LIMIT 100",
    "every document IRI": "SELECT ?d WHERE { ?d vnkg:hasSourceText ?s }",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="floor of corpus-wide queries on the embedded store")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    import pyoxigraph

    store_dir = WORKDIR / f"store-{args.n}-s{args.seed}"
    if not store_dir.exists():
        print(f"{store_dir}: no store; run bench/bench_build.py {args.n} first", file=sys.stderr)
        return 2
    store = pyoxigraph.Store.read_only(str(store_dir))
    rows: list[list[object]] = []
    result: dict[str, dict[str, float]] = {}
    for name, q in FLOOR.items():
        counts: list[int] = []  # rows of each run

        def run(q: str = q, counts: list[int] = counts) -> None:
            counts.append(sum(1 for _ in store.query(PREFIXES + q, use_default_graph_as_union=True)))  # type: ignore[union-attr]

        # the warm-up run fills the caches and is not counted; no time budget: every run is made
        p50 = timed(run, args.runs, budget_s=float("inf"), warmup=1)["p50_ms"]
        result[name] = {"p50_ms": p50, "rows": counts[-1]}
        rows.append([name, counts[-1], round(p50, 1)])
    print(f"{args.n} documents: p50 of {args.runs} runs after one warm-up")
    print(table(["query", "rows", "p50 ms"], rows))
    path = write_result(f"floor-{args.n}", {"n": args.n, "runs": args.runs, "queries": result})
    print(f"written {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
