"""The same graph through a real SPARQL endpoint: build seeds/ and the chains corpus into
`oxigraph serve` through EndpointStore (Graph Store Protocol and SPARQL Update paths) and check that
the named queries answer the same rows as the embedded store built from the same files."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.query import list_queries, run
from kg.store import EndpointStore, OxigraphStore, QueryResult

ROOT = Path(__file__).resolve().parents[1]
WHEN = "2024-05-01T12:00:00Z"
SLOW = 2.0  # seconds
OXIGRAPH = shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(
    OXIGRAPH is None, reason="the `oxigraph` server binary is not installed (cargo install oxigraph-cli)"
)

# Queries every store must answer alike, besides the named-query library.
EXTRA = {
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "implementation-paths": (
        "SELECT ?d ?root WHERE { ?d (<https://w3id.org/vnkg/ontology#implements>"
        "|<http://data.europa.eu/eli/ontology#based_on>)+ ?root }"
    ),
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _oxigraph_server(location: Path, *flags: str) -> Iterator[str]:
    """`oxigraph serve` on a free local port; yields its base URL."""
    assert OXIGRAPH is not None
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"oxigraph serve did not start: {err[:500]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _oxigraph_server(tmp_path_factory.mktemp("oxigraph-server"), "--union-default-graph") as base:
        yield base


def _rows(res: QueryResult) -> list[tuple[str | None, ...]]:
    def norm(t: object) -> str | None:
        if t is None:
            return None
        kind, value, datatype, lang = t.kind, t.value, t.datatype, t.lang  # type: ignore[attr-defined]
        if kind == "literal" and ", " in value:
            # GROUP_CONCAT has no order in SPARQL 1.1: engines may list the same values differently.
            value = ", ".join(sorted(value.split(", ")))
        return f"{kind}|{value}|{datatype or ''}|{(lang or '').lower()}"

    return sorted((tuple(norm(t) for t in row) for row in res.rows), key=lambda r: tuple(x or "" for x in r))


def test_endpoint_store_gives_the_same_answers(
    endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the same source ids, hence the same graph IRIs, in both stores
    seeds, chains = ROOT / "seeds", ROOT / "tests" / "corpus" / "chains"
    embedded = OxigraphStore(None)  # the embedded engine; in memory keeps this test fast
    via_gsp = EndpointStore(f"{endpoint}/query", gsp_url=f"{endpoint}/store", timeout=30)
    via_update = EndpointStore(f"{endpoint}/query", f"{endpoint}/update", timeout=30)
    try:
        local = build([seeds, chains], embedded, jobs=2, generated_at=WHEN)
        remote = [
            *build([seeds], via_gsp, jobs=2, generated_at=WHEN).outcomes,
            *build([chains], via_update, jobs=2, generated_at=WHEN).outcomes,
        ]
        assert sorted((o.path, o.status, o.quads) for o in remote) == sorted(
            (o.path, o.status, o.quads) for o in local.outcomes
        )
        assert via_gsp.count() == embedded.count()
        assert via_gsp.source_graphs() == embedded.source_graphs()

        # An unchanged re-run against the endpoint extracts nothing.
        again = build([seeds, chains], via_update, generated_at=WHEN)
        assert again.counts()["unchanged"] == len(embedded.source_graphs())

        compared = []
        for q in list_queries():
            if any(not p.optional for p in q.params):
                continue
            t0 = time.perf_counter()
            expected = _rows(run(embedded, q.name))
            if time.perf_counter() - t0 > SLOW:
                # Keeps this test fast while a named query is slow; the warning names the query.
                warnings.warn(f"named query {q.name!r} takes over {SLOW} s on 40 documents", stacklevel=1)
                continue
            assert _rows(run(via_gsp, q.name)) == expected, q.name
            compared.append(q.name)
        for name, sparql in EXTRA.items():
            assert _rows(via_gsp.query(sparql)) == _rows(embedded.query(sparql)), name
        if any(q.name == "summary" for q in list_queries()):
            assert "summary" in compared

        # What kg viz and kg stats read: the same network and the same statistics through the endpoint.
        from kg.netgraph import load_graph
        from kg.stats import compute_stats

        g_local, g_remote = load_graph(embedded), load_graph(via_gsp)
        assert g_local.number_of_nodes() > 50 and g_local.number_of_edges() > 100
        assert sorted(g_remote.nodes) == sorted(g_local.nodes)
        assert sorted(g_remote.edges(keys=True)) == sorted(g_local.edges(keys=True))
        assert compute_stats(g_remote) == compute_stats(g_local)
    finally:
        embedded.close()


def test_a_plain_endpoint_is_refused_with_what_to_change(tmp_path: Path) -> None:
    """`oxigraph serve` without --union-default-graph answers every query over the default graph with
    nothing: kg says so instead of printing zeros."""
    from click.testing import CliRunner

    from kg.cli import main
    from kg.store import StoreError

    with _oxigraph_server(tmp_path / "plain") as base:
        store = EndpointStore(f"{base}/query", gsp_url=f"{base}/store", timeout=30)
        assert run(store, "summary").rows  # empty server: nothing to compare yet, the query runs
        with pytest.raises(StoreError, match="--union-default-graph"):
            build([ROOT / "seeds"], store, jobs=1, generated_at=WHEN)  # before any document is written
        res = CliRunner().invoke(main, ["query", "summary", "--endpoint", f"{base}/query"])
        assert res.exit_code == 2
        assert "not the union of its named graphs" in res.output and "--union-default-graph" in res.output
        assert "Traceback" not in res.output
