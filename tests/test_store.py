"""Stores share one interface; parameters are bound as RDF terms, never as query text."""

from __future__ import annotations

import pytest

from kg.store import MemoryStore, OxigraphStore, StoreError, iri, literal
from kg.store.binding import bind, outer_group_start

G1 = "https://w3id.org/vnkg/id/graph/a.txt"
G2 = "https://w3id.org/vnkg/id/graph/b.txt"
P = "http://example.org/p"
DATA1 = f'<http://example.org/a> <{P}> "Tỉnh ủy Cần Thơ" <{G1}> .\n'
DATA2 = f'<http://example.org/b> <{P}> "x \\" y" <{G2}> .\n'


@pytest.fixture(params=["oxigraph-memory", "oxigraph-disk", "rdflib"])
def store(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    if request.param == "rdflib":
        s = MemoryStore()
    elif request.param == "oxigraph-disk":
        s = OxigraphStore(tmp_path / "store")
    else:
        s = OxigraphStore(None)
    s.replace_graphs({G1: DATA1, G2: DATA2})
    yield s
    s.close()


def test_replace_graph_only_touches_that_graph(store) -> None:  # type: ignore[no-untyped-def]
    assert store.count() == 2
    store.replace_graphs({G1: f'<http://example.org/c> <{P}> "new" <{G1}> .\n'})
    rows = store.query(f"SELECT ?s ?o WHERE {{ ?s <{P}> ?o }} ORDER BY ?s").rows
    assert [(s.value, o.value) for s, o in rows] == [
        ("http://example.org/b", 'x " y'),
        ("http://example.org/c", "new"),
    ]


def test_remove_graphs(store) -> None:  # type: ignore[no-untyped-def]
    store.remove_graphs([G2])
    assert store.count() == 1


def test_union_default_graph_and_binding(store) -> None:  # type: ignore[no-untyped-def]
    res = store.query(f"SELECT ?s WHERE {{ ?s <{P}> ?o }}", {"o": literal("Tỉnh ủy Cần Thơ")})
    assert res.column("s") == ["http://example.org/a"]


@pytest.mark.parametrize(
    "hostile",
    ['" } ; DROP ALL ; #', "x' } DELETE WHERE { ?s ?p ?o } #", '\\" }} INSERT DATA {<a> <b> <c>}', "\n}\n"],
)
def test_injection_binds_as_one_literal(store, hostile: str) -> None:  # type: ignore[no-untyped-def]
    res = store.query(f"SELECT ?s WHERE {{ ?s <{P}> ?o }}", {"o": literal(hostile)})
    assert res.rows == []
    assert store.count() == 2


@pytest.mark.parametrize("bad", ["http://a b", "http://a>", "no-scheme", 'http://a"', ""])
def test_iri_parameters_are_validated(bad: str) -> None:
    with pytest.raises(ValueError):
        iri(bad)


@pytest.mark.parametrize(
    ("query", "expected_prefix"),
    [
        ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE {"),
        ("# a { comment\nSELECT * { ?x <http://a{b}> ?o }", "# a { comment\nSELECT * {"),
        ('SELECT * WHERE { FILTER("{" = ?x) }', "SELECT * WHERE {"),
        ("SELECT * WHERE { FILTER(?a < ?b) }", "SELECT * WHERE {"),
        ("PREFIX x: <http://x/{>\nASK { ?s ?p ?o }", "PREFIX x: <http://x/{>\nASK {"),
    ],
)
def test_outer_group_start(query: str, expected_prefix: str) -> None:
    assert query[: outer_group_start(query)] == expected_prefix


def test_bind_places_values_in_outer_group() -> None:
    q = bind("SELECT ?x WHERE { ?x ?p ?n }", {"n": literal('a"b'), "x": iri("http://e/x")})
    assert q == 'SELECT ?x WHERE { VALUES (?n ?x) { ("a\\"b" <http://e/x>) }  ?x ?p ?n }'


def test_syntax_error_is_a_store_error(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError):
        store.query("SELECT WHERE {")


def test_second_writer_is_refused_clearly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = OxigraphStore(tmp_path / "s")
    try:
        with pytest.raises(StoreError, match=r"in use by another kg process|cannot open"):
            OxigraphStore(tmp_path / "s")
    finally:
        first.close()


def test_read_only_store_missing_is_clear(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="no store there yet"):
        OxigraphStore(tmp_path / "nothing", read_only=True)
