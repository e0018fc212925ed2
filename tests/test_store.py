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


@pytest.mark.parametrize(
    ("query", "limit", "offset", "expected_tail"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 0, "ORDER BY ?s\nLIMIT 10"),
        ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", None, 5, "ORDER BY ?s\nOFFSET 5"),
        ("SELECT ?s WHERE { ?s ?p ?o }\n# a trailing comment", 2, 1, "?o }\nLIMIT 2\nOFFSET 1"),
        ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", None, 0, "ORDER BY ?s"),
        # already windowed: wrapped, the query's own window applies first
        ("PREFIX ex: <http://e/#> SELECT ?s WHERE { ?s ex:p ?o } LIMIT 3", 2, 0, "LIMIT 3 }\n}\nLIMIT 2"),
        # '#' inside an IRI or a string is not a comment
        ('SELECT ?s WHERE { ?s <http://e/#p> "#x" } ORDER BY ?s', 1, 0, "ORDER BY ?s\nLIMIT 1"),
    ],
)
def test_page_appends_the_window(query: str, limit: int | None, offset: int, expected_tail: str) -> None:
    from kg.query import page

    out = page(query, limit, offset)
    assert out.endswith(expected_tail), out
    if "LIMIT 3" in query:
        assert out.startswith("PREFIX ex: <http://e/#> SELECT * WHERE {")


def test_page_runs_on_every_store(store) -> None:  # type: ignore[no-untyped-def]
    from kg.query import page

    q = f"SELECT ?s WHERE {{ ?s <{P}> ?o }} ORDER BY ?s"
    assert [r[0].value for r in store.query(page(q, 1, 1)).rows] == ["http://example.org/b"]
    assert [r[0].value for r in store.query(page(q + " LIMIT 1", 5, 0)).rows] == ["http://example.org/a"]


def test_page_refuses_negative_windows() -> None:
    from kg.query import page

    with pytest.raises(ValueError, match="non-negative"):
        page("SELECT * WHERE { ?s ?p ?o }", -1, 0)
