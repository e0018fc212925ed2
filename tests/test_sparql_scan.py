"""kg.sparql_scan: SERVICE and LOAD are found however they are written, and not where they are text.

Every "found" case below is one that Oxigraph parses as a SERVICE call or a LOAD (checked in
``test_found_cases_are_real_calls`` by running them against a store that counts outgoing requests:
pyoxigraph reports the refused port instead of running silently); every "not found" case is one
where the word is a string, a comment, an IRI, a variable or a local name.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.sparql_scan import find_keywords, scan

ROOT = Path(__file__).resolve().parents[1]
# Port 9 (discard) is refused by Oxigraph's HTTP client before it connects: a query that reaches the
# client fails with "port 9 is not allowed", without any network access.
T = "http://127.0.0.1:9/x"

SERVICE_CALLS = [
    f"SELECT * WHERE {{ SERVICE <{T}> {{ ?s ?p ?o }} }}",
    f"select * where {{ service <{T}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SeRvIcE\t<{T}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE#comment\n<{T}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE<{T}>{{ ?s ?p ?o }} }}",
    # No word boundary after a keyword in Oxigraph's grammar:
    f"PREFIX : <{T}#> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    f"PREFIX : <{T}#> SELECT * WHERE {{ SERVICE :x {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL{{SERVICE<{T}>{{?a ?b ?c}}}} }}",
    f"SELECT * WHERE {{ {{SELECT * WHERE{{SERVICE<{T}>{{?a ?b ?c}}}}}} }}",
    # '<' read as less-than by the engine, as an IRI by a naive scanner that then sees a string:
    f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?b&&'x>') SERVICE <{T}> {{}} FILTER('y') }}",
    # An escaped quote in a local name is not a string:
    f"PREFIX ex: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?s ex:a\\' ?o }} SERVICE <{T}> {{}}"
    " OPTIONAL { ?x ex:b\\' ?y } }",
    f"PREFIX ex: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?s ex:a\\#b ?o }} SERVICE <{T}> {{}} }}",
]

SERVICE_WORDS = [  # refused as well: SILENT hides the call's failure, keywords glued to other tokens
    f"select * where {{ service silent <{T}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p trueSERVICE<{T}>{{ ?a ?b ?c }} }}",
    f"SELECT * WHERE {{ ?s ?p 1SERVICE<{T}>{{ ?a ?b ?c }} }}",
    f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ex:.SERVICE <{T}> {{}} }}",
    "SELECT * WHERE { FILTER(?a<?b)SERVICE:u#>\n{} }",
    "PREFIX myservice: <http://e/> SELECT * WHERE { ?s ?p myservice:x }",  # over-cautious, documented
]

NOT_SERVICE = [
    f"SELECT * WHERE {{ ?s ?p 'SERVICE <{T}> {{}}' }}",
    f'SELECT * WHERE {{ ?s ?p """a\nSERVICE <{T}> {{}}""" }}',
    f'SELECT * WHERE {{ ?s ?p "say \\"SERVICE <{T}> {{}}\\"" }}',
    f"SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{T}> {{}}",
    "SELECT * WHERE { ?s <http://schema.org/serviceType> ?o }",
    "SELECT * WHERE { ?s <http://x.org/service#a> ?o FILTER(?o = <http://x.org/service#b>) }",
    "SELECT ?service WHERE { ?service ?p ?o }",
    "SELECT $service WHERE { $service ?p ?o }",
    "PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:service ?o . ?s ex:SERVICE ?p }",
    "SELECT * WHERE { ?s ?p _:service }",
    "SELECT * WHERE { ?s ?p ?o }",
]

LOADS = [
    f"LOAD <{T}>",
    f"load silent <{T}> into graph <http://g>",
    f"LOAD<{T}>",
    f"PREFIX : <{T}#> LOAD:x",
]
NOT_LOAD = [
    'INSERT DATA { <http://e/a> <http://e/b> "LOAD <http://x/>" }',
    "INSERT DATA { <http://e/download> <http://e/b> 1 } # LOAD",
    "PREFIX ex: <http://e/> INSERT DATA { ex:a ex:load ex:c }",
]


@pytest.mark.parametrize("text", SERVICE_CALLS + SERVICE_WORDS)
def test_service_is_found(text: str) -> None:
    assert find_keywords(text, ["SERVICE"]) == {"SERVICE"}


@pytest.mark.parametrize("text", NOT_SERVICE)
def test_service_as_text_is_not_found(text: str) -> None:
    assert find_keywords(text, ["SERVICE"]) == set()


@pytest.mark.parametrize("text", LOADS)
def test_load_is_found(text: str) -> None:
    assert find_keywords(text, ["SERVICE", "LOAD"]) == {"LOAD"}


@pytest.mark.parametrize("text", NOT_LOAD)
def test_load_as_text_is_not_found(text: str) -> None:
    assert find_keywords(text, ["SERVICE", "LOAD"]) == set()


@pytest.mark.parametrize("text", SERVICE_CALLS)
def test_found_cases_are_real_calls(text: str) -> None:
    """The engine really calls out for these: the scanner is not refusing imaginary calls."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("v")))
    with pytest.raises(OSError, match="port 9"):
        list(store.query(text))


@pytest.mark.parametrize("text", NOT_SERVICE)
def test_not_found_cases_run_without_calls(text: str) -> None:
    store = ox.Store()
    list(store.query(text))  # no OSError: nothing was sent


def test_named_queries_pass() -> None:
    for rq in sorted((ROOT / "queries").glob("*.rq")):
        assert find_keywords(rq.read_text(encoding="utf-8"), ["SERVICE", "LOAD"]) == set(), rq.name


@pytest.mark.parametrize(
    "line",
    [
        '<http://x/a{i}> <http://www.w3.org/2000/01/rdf-schema#label> "SERVICE {i}"@vi .\n',
        "FILTER(?x != <http://x/a#{i}>) ?s ?p 'service {i}' .\n",
        "?s ?p '''long\nSERVICE {i}''' . # LOAD <http://x/#{i}>\n",
    ],
)
def test_work_is_linear(line: str) -> None:
    """Texts that contain the words only as text (the slow path): the work, counted in characters
    covered by token matches, grows in proportion to the length at 1x, 4x and 16x."""
    per_char = []
    for n in (500, 2_000, 8_000):
        text = "INSERT DATA { GRAPH <http://g> {\n" + "".join(line.format(i=i) for i in range(n)) + "} }"
        found, work = scan(text, ["SERVICE", "LOAD"])
        assert found == set()
        per_char.append(work / len(text))
    assert max(per_char) < 3 and max(per_char) / min(per_char) < 1.2, per_char
