"""Query benchmark: p50/p95 latency of the trace query and the named queries at N documents on the
embedded store, and the speed-up over rdflib's in-memory store measured in the same run.

    python bench/bench_queries.py N [--memory-max 10000] [--runs 20] [--warmup 1] [--only NAME]

Uses the store bench_build.py left for N (builds it if missing). Queries with required parameters
are bound to real values (a central document with implementers). rdflib is loaded from the same
N-Quads when N <= --memory-max. Writes bench/results/queries-N.json.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, WORKDIR, corpus, peak_rss_mb, table, write_result

VNKG = "https://w3id.org/vnkg/ontology#"
PATH_QUERY = (
    "SELECT ?d WHERE { ?d (<https://w3id.org/vnkg/ontology#implements>"
    "|<http://data.europa.eu/eli/ontology#based_on>)+ ?root }"
)


class Timeout(BaseException):  # passes through the stores' "except Exception"
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def _once(fn: Callable[[], object], timeout_s: float | None) -> float | None:
    """Milliseconds of one run; ``None`` when stopped by ``timeout_s`` (SIGALRM)."""
    t0 = time.perf_counter()
    if timeout_s:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
        try:
            fn()
        except Timeout:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    else:
        fn()
    return 1000 * (time.perf_counter() - t0)


def _stopped(timeout_s: float | None) -> dict[str, float]:
    """The result of a run stopped at ``timeout_s``: the timeout as a lower bound on the latency."""
    ms = 1000 * (timeout_s or 0)
    return {"timeout_s": timeout_s or 0, "p50_ms": ms, "p95_ms": ms, "runs": 0}


def timed(
    fn: Callable[[], object],
    runs: int,
    budget_s: float,
    timeout_s: float | None = None,
    warmup: int = 0,
) -> dict[str, float]:
    """p50/p95 over up to ``runs`` runs within ``budget_s``; a first run over the budget is the only one.

    ``warmup`` runs come first and are not in p50/p95; the first of them is reported as ``first_ms``
    (the cold latency), and a warm-up run over the budget is the only run. With ``timeout_s`` a run is
    stopped by SIGALRM (pure-Python engines such as rdflib check signals between bytecodes): the result
    is then ``{"timeout_s": ...}``, a lower bound on the latency.
    """
    first: float | None = None
    for i in range(warmup):
        ms = _once(fn, timeout_s)
        if ms is None:
            return _stopped(timeout_s)
        if i == 0:
            first = ms
        if ms > 1000 * budget_s:
            r = round(ms, 2)
            return {"p50_ms": r, "p95_ms": r, "runs": 1, "first_ms": r}
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < runs:
        ms = _once(fn, timeout_s)
        if ms is None:
            return _stopped(timeout_s)
        times.append(ms)
        if time.perf_counter() - start > budget_s:
            break
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    out = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2), "runs": len(times)}
    if first is not None:
        out["first_ms"] = round(first, 2)
    return out


_P = f"PREFIX vnkg: <{VNKG}> PREFIX eli: <http://data.europa.eu/eli/ontology#> "
_P += "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
LOCAL_QUERY = _P + (
    "SELECT ?local WHERE { ?local vnkg:implements ?root ; vnkg:hasSourceText ?s } ORDER BY ?local LIMIT 1"
)
# One value each, the smallest, for a bound ?x (a subquery would not see the binding).
VALUE_QUERIES = {
    "local_number": "SELECT (MIN(?v) AS ?m) WHERE { ?x eli:id_local ?v }",
    "issuer": "SELECT (MIN(?v) AS ?m) WHERE { ?x eli:passed_by ?o . ?o skos:prefLabel ?v }",
    "body": "SELECT (MIN(?v) AS ?m) WHERE { ?x vnkg:prescribes ?mi . ?mi vnkg:assignedTo ?o . "
    "?o skos:prefLabel ?v }",
    "signer": "SELECT (MIN(?v) AS ?m) WHERE { ?x vnkg:signedBy ?p . ?p vnkg:searchKey ?v }",
}


def anchors(store: object, root: str) -> dict[str, str]:
    """Values a user would give to the optional parameters, read from the store: a local document
    implementing ``root``, its number, issuer, a body it tasks and its signatory, and the root's
    number. Parameter names map to these by name (doc, search, issuer_q, body_q, name_q, citing, cited)."""
    from kg.store import iri

    res = store.query(LOCAL_QUERY, {"root": iri(root)})  # type: ignore[attr-defined]
    if not res.rows or res.rows[0][0] is None:
        return {}
    local = res.rows[0][0].value

    def value(name: str, x: str) -> str:
        rows = store.query(_P + VALUE_QUERIES[name], {"x": iri(x)}).rows  # type: ignore[attr-defined]
        return rows[0][0].value if rows and rows[0][0] is not None else ""

    issuer = value("issuer", local)
    return {
        "local": local,
        "doc": local,
        "search": issuer,
        "issuer_q": issuer,
        "body_q": value("body", local),
        "name_q": value("signer", local),
        "citing": value("local_number", local),
        "cited": value("local_number", root),
    }


def workload(store: object, root: str, values: dict[str, str]) -> dict[str, Callable[[], object]]:
    """The timed jobs: ``kg.trace``, the bare path query, every named query with its required
    parameters bound (the local document for "the local document", else ``root``) and its optional
    ones unbound (the whole corpus), then each query with optional parameters again with them bound
    to ``values`` (from :func:`anchors`, read once so both stores get the same; named
    ``query [param=value]``)."""
    from kg.query import list_queries, run
    from kg.store import iri

    jobs: dict[str, Callable[[], object]] = {}
    try:
        from kg.trace import trace

        jobs["trace (kg.trace)"] = lambda: trace(store, root)  # type: ignore[arg-type]
    except ImportError:
        pass
    jobs["path query (?root bound)"] = lambda: store.query(PATH_QUERY, {"root": iri(root)})  # type: ignore[attr-defined]
    anchored: dict[str, Callable[[], object]] = {}
    for q in list_queries():
        required = [p for p in q.params if not p.optional]
        if any(p.kind != "iri" for p in required):
            continue
        params = {
            p.name: values["local"] if "local" in p.description and values.get("local") else root
            for p in required
        }
        jobs[q.name] = lambda q=q, params=params: run(store, q.name, params)  # type: ignore[misc]
        for p in q.params:
            if p.optional and values.get(p.name):
                bound = {**params, p.name: values[p.name]}
                shown = values[p.name] if p.kind != "iri" else values[p.name].rsplit("/doc/", 1)[-1]
                anchored[f"{q.name} [{p.name}={shown}]"] = (
                    lambda q=q, bound=bound: run(store, q.name, bound)  # type: ignore[misc]
                )
    return {**jobs, **anchored}


def selected(name: str, only: list[str], skip: list[str]) -> bool:
    """Whether a job runs: not skipped, and named by ``only`` when given (``documents`` selects
    ``documents`` and ``documents [search=…]``, not ``documents-by-issuer``)."""
    if name in skip:
        return False
    return not only or name in only or name.split(" [", 1)[0] in only


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg query benchmark")
    ap.add_argument("n", type=int)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per query and store at most")
    ap.add_argument("--memory-max", type=int, default=10000, help="compare with rdflib up to this N")
    ap.add_argument("--skip", action="append", default=[], help="a query not to run (repeatable)")
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        help="run only this query, with its [param=value] variants (repeatable); the result is "
        "written to queries-N-only.json so the full run's file stays",
    )
    ap.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="untimed runs of each query on the embedded store before the timed ones (the first is "
        "reported as first_ms, the cold latency)",
    )
    ap.add_argument(
        "--memory-timeout", type=float, default=120.0, help="seconds before an rdflib run is stopped"
    )
    args = ap.parse_args(argv)
    store_dir = WORKDIR / f"store-{args.n}-s1"
    if not store_dir.exists():
        subprocess.run([sys.executable, str(BENCH / "bench_build.py"), str(args.n)], check=True)
    os.chdir(corpus(args.n).parent)

    from kg.store import MemoryStore, OxigraphStore

    ox = OxigraphStore(store_dir, read_only=True)
    # The most implemented central document: the root a user would trace.
    res = ox.query(
        f"SELECT ?root (COUNT(?d) AS ?n) WHERE {{ ?d <{VNKG}implements> ?root }} "
        "GROUP BY ?root ORDER BY DESC(?n) LIMIT 1"
    )
    root = res.rows[0][0].value  # type: ignore[union-attr]
    results: dict[str, dict[str, object]] = {}
    values = anchors(ox, root)
    for name, fn in workload(ox, root, values).items():
        if not selected(name, args.only, args.skip):
            continue
        print(f"  oxigraph {name} ...", file=sys.stderr, flush=True)
        results[name] = {"oxigraph": timed(fn, args.runs, args.budget, warmup=args.warmup)}
        print(f"  oxigraph {name}: {results[name]['oxigraph']}", file=sys.stderr)

    memory_load_s = None
    if args.n <= args.memory_max:
        mem = MemoryStore()
        t0 = time.perf_counter()
        data = b"".join(ox.dump("nq")).decode("utf-8")
        mem._ds.parse(data=data, format="nquads")  # one parse: the fastest way to fill rdflib
        del data
        memory_load_s = round(time.perf_counter() - t0, 1)
        for name, fn in workload(mem, root, values).items():
            if not selected(name, args.only, args.skip):
                continue
            print(f"  rdflib {name} ...", file=sys.stderr, flush=True)
            r = timed(fn, max(3, args.runs // 4), args.budget, args.memory_timeout, warmup=args.warmup)
            results[name]["rdflib"] = r
            o = results[name]["oxigraph"]
            ratio = round(r["p50_ms"] / max(o["p50_ms"], 0.01), 1)  # type: ignore[index]
            # a stopped rdflib run gives a lower bound on the speed-up
            results[name]["speedup"] = f">{ratio}" if "timeout_s" in r else ratio
            print(f"  rdflib {name}: {r}", file=sys.stderr)
    ox.close()

    rows = []
    for name, r in results.items():
        o = r["oxigraph"]
        m = r.get("rdflib")
        rows.append(
            [
                name,
                o.get("first_ms", "-"),  # type: ignore[union-attr]
                o["p50_ms"],  # type: ignore[index]
                o["p95_ms"],  # type: ignore[index]
                m["p50_ms"] if m else "-",  # type: ignore[index]
                r.get("speedup", "-"),
            ]
        )
    print(table(["query", "oxigraph first ms", "p50 ms", "p95 ms", "rdflib p50 ms", "speed-up"], rows))
    out = {
        "n": args.n,
        "root": root,
        "parameters": values,
        "rdflib_load_s": memory_load_s,
        "queries": results,
        "peak_rss_mb": peak_rss_mb(),
    }
    suffix = "-only" if args.only else ""
    print(f"\nwrote {write_result(f'queries-{args.n}{suffix}', out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
