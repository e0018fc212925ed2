"""What the killable worker processes of ``kg serve`` cost per query.

    python bench/bench_serve.py [--runs 200] [--triples 1000]

Builds a small store in ``$KG_BENCH_DIR/serve``, then times the same queries three ways:

- ``in-process``: ``pyoxigraph.Store.read_only`` + ``query`` + JSON serialisation in this process (no
  HTTP: the floor);
- ``kg serve``: an HTTP GET to a ``kg.serve`` server (worker process, pipe, streamed answer);
- the cost of a time limit: how long from the deadline until the answer (the worker killed) and
  until a fresh worker answers again (respawn).

Writes bench/results/serve.json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox
from _common import WORKDIR, table, write_result

from kg.serve import ServeOptions, make_server
from kg.store import OxigraphStore

P = "http://example.org/p"
G = "https://w3id.org/vnkg/id/graph/bench.txt"
QUERIES = {
    "ASK": "ASK { ?s ?p ?o }",
    "one row": f"SELECT ?s WHERE {{ ?s <{P}> 'v1' }}",
    "100 rows": f"SELECT ?s ?o WHERE {{ ?s <{P}> ?o }} LIMIT 100",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--triples", type=int, default=1000)
    args = ap.parse_args()

    path = WORKDIR / "serve" / "store"
    shutil.rmtree(path, ignore_errors=True)
    s = OxigraphStore(path)
    s.replace_graphs(
        {G: "".join(f'<http://example.org/s{i}> <{P}> "v{i}" <{G}> .\n' for i in range(args.triples))}
    )
    s.close()

    local = ox.Store.read_only(str(path))
    t0 = time.perf_counter()
    server = make_server(path, "127.0.0.1", 0, options=ServeOptions(workers=1, query_timeout=2))
    start_s = time.perf_counter() - t0
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()

    rows = []
    results: dict[str, object] = {
        "triples": args.triples,
        "runs": args.runs,
        "server_start_s": round(start_s, 3),
    }
    try:
        for name, q in QUERIES.items():
            url = f"{server.url}/query?query={urllib.parse.quote(q)}"
            direct, served = [], []
            for i in range(args.runs + 5):
                t = time.perf_counter()
                res = local.query(q, use_default_graph_as_union=True)
                res.serialize(format=ox.QueryResultsFormat.JSON)
                d = time.perf_counter() - t
                t = time.perf_counter()
                with urllib.request.urlopen(url, timeout=30) as r:
                    r.read()
                h = time.perf_counter() - t
                if i >= 5:  # warm-up
                    direct.append(d)
                    served.append(h)
            a, b = _ms(direct), _ms(served)
            results[name] = {
                "in_process": a,
                "kg_serve": b,
                "overhead_p50_ms": round(b["p50_ms"] - a["p50_ms"], 3),
            }
            rows.append([name, a["p50_ms"], b["p50_ms"], b["p95_ms"], round(b["p50_ms"] - a["p50_ms"], 3)])

        # A query over the time limit: answer when the limit is reached, then the next query.
        url = f"{server.url}/query?query={urllib.parse.quote(SLOW)}"
        t = time.perf_counter()
        try:
            urllib.request.urlopen(url, timeout=60)
        except urllib.error.HTTPError as e:
            assert e.code == 503
        stopped = time.perf_counter() - t
        t = time.perf_counter()
        ask = f"{server.url}/query?query={urllib.parse.quote('ASK {}')}"
        with urllib.request.urlopen(ask, timeout=60) as r:
            r.read()
        respawn = time.perf_counter() - t
        results["timeout"] = {
            "limit_s": 2,
            "answer_after_s": round(stopped, 3),
            "next_answer_s": round(respawn, 3),
        }
    finally:
        server.shutdown()
        server.server_close()

    print(
        table(["query", "in-process p50 ms", "kg serve p50 ms", "kg serve p95 ms", "overhead p50 ms"], rows)
    )
    print(f"server start (1 worker): {start_s:.3f} s")
    t = results["timeout"]
    assert isinstance(t, dict)
    print(
        f"query over a 2 s limit: 503 after {t['answer_after_s']} s; next query answered after "
        f"{t['next_answer_s']} s (a new worker)"
    )
    print(write_result("serve", results))


if __name__ == "__main__":
    main()
