"""Injection: parameters of named queries are bound as RDF terms, never pasted into the query.

A hostile parameter returns no rows and changes nothing (quads counted before and after) on the
embedded Oxigraph store, the rdflib memory store and a served SPARQL endpoint; IRI parameters with
``>`` or spaces are refused with a clear error; the served endpoint refuses updates by default.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.query import list_queries, run
from kg.store import EndpointStore, MemoryStore, OxigraphStore, StoreError
from kg.store.base import Store

rdf = pytest.importorskip("kg.rdf")
from kg.pipeline import extract_text  # noqa: E402

ROOT = Path(__file__).resolve().parent
DOCS = [ROOT / "corpus" / "chains" / n for n in ("hg_tu_1042_cv.txt", "bp_tu_120_kh.txt")]

PAYLOADS = [
    '" } ; DROP ALL ; #',
    "' } ; DROP ALL ; #",
    '"} } ; DELETE WHERE { ?s ?p ?o } ; #',
    '\\" } ; DROP ALL ; #',
    '""" } ; DROP ALL ; #',
    '"\n} ; DROP ALL ;\n#',
    "\\u0022 } ; DROP ALL ; #",
    "> } ; CLEAR ALL ; <",
    'x" . } UNION { ?s ?p ?o } #',
    'tinh uy\u0000" } DROP ALL',
]
BAD_IRIS = [
    "https://w3id.org/vnkg/id/doc/x> } ; DROP ALL ; <x:",
    "https://w3id.org/vnkg/id/doc with space",
    'https://w3id.org/vnkg/id/doc/"quoted"',
    "not-an-iri",
    "",
]


def _data() -> dict[str, str]:
    out: dict[str, str] = {}
    for p in DOCS:
        text = p.read_text(encoding="utf-8")
        sid = f"docs/{p.name}"
        rec = extract_text(text, sid)
        out[rdf.graph_iri(rec.sha256)] = rdf.record_nquads(
            rec, text, sid, generated_at="2024-01-01T00:00:00Z"
        )
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    serve = pytest.importorskip("kg.serve")
    path = tmp_path_factory.mktemp("served") / "store"
    disk = OxigraphStore(path)
    disk.replace_graphs(_data())
    disk.close()
    server = serve.make_server(path, port=0)  # read-only by default
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(params=["oxigraph", "rdflib", "endpoint"])
def store(request: pytest.FixtureRequest) -> Store:
    if request.param == "oxigraph":
        s: Store = OxigraphStore(None)
    elif request.param == "rdflib":
        s = MemoryStore()
    else:
        url = request.getfixturevalue("served")
        return EndpointStore(f"{url}/query")
    s.replace_graphs(_data())
    return s


def _literal_params() -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in list_queries() for p in q.params if p.kind in {"literal", "search"}]


def _iri_params() -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in list_queries() for p in q.params if p.kind == "iri"]


def test_there_are_parameters_to_attack() -> None:
    assert _literal_params() and _iri_params()


def _payloads(store: Store) -> list[str]:
    """rdflib evaluates slowly: the three classic payloads there, all of them elsewhere."""
    return PAYLOADS[:3] if isinstance(store, MemoryStore) else PAYLOADS


def test_hostile_literals_return_nothing_and_change_nothing(store: Store) -> None:
    before = store.count()
    assert before > 100
    for qname, pname in _literal_params():
        for payload in _payloads(store):
            res = run(store, qname, {pname: payload})
            assert res.rows == [] or all(r == (None,) * len(r) for r in res.rows), (
                qname,
                payload,
                res.rows[:2],
            )
    assert store.count() == before


def test_hostile_literal_in_inline_query(store: Store) -> None:
    before = store.count()
    q = "SELECT ?s WHERE { ?s ?p ?o . FILTER(STR(?o) = ?x) }"
    for payload in _payloads(store):
        assert run(store, q, {"x": payload}).rows == []
    assert store.count() == before


def test_hostile_iris_are_refused(store: Store) -> None:
    before = store.count()
    for qname, pname in _iri_params():
        for bad in BAD_IRIS:
            # A value without a scheme is taken for a document number (bound as a literal, as kg
            # trace binds it) and refused when no document has it.
            expected = rf"parameter {pname}: not a valid IRI" if ":" in bad else r"no document numbered"
            with pytest.raises((ValueError, StoreError), match=expected):
                run(store, qname, {pname: bad})
    assert store.count() == before


def test_cli_refuses_bad_iri_cleanly(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    d = tmp_path / "store"
    s = OxigraphStore(d)
    s.replace_graphs(_data())
    s.close()
    qname, pname = _iri_params()[0]
    res = CliRunner().invoke(main, ["query", qname, "--store", str(d), "-p", f"{pname}={BAD_IRIS[0]}"])
    assert res.exit_code == 2
    assert f"parameter {pname}: not a valid IRI" in res.output and "Traceback" not in res.output


def _post(url: str, body: bytes, ctype: str) -> int:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


def test_served_endpoint_is_read_only_by_default(served: str) -> None:
    store = EndpointStore(f"{served}/query")
    before = store.count()
    assert _post(f"{served}/update", b"DROP ALL", "application/sparql-update") == 403
    form = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    assert _post(f"{served}/update", form, "application/x-www-form-urlencoded") == 403
    assert _post(f"{served}/store?default", b"<x:a> <x:b> <x:c> .", "application/n-triples") == 403
    # An update smuggled into the query route is a syntax error, not an update.
    assert _post(f"{served}/query", b"DROP ALL", "application/sparql-query") == 400
    assert store.count() == before


def test_endpoint_store_refuses_writes_on_read_only_server(served: str) -> None:
    store = EndpointStore(f"{served}/query")
    with pytest.raises(StoreError, match="403"):
        store.remove_graphs([next(iter(_data()))])
