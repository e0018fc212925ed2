"""The first five minutes of a new user: examples that work on the demo corpus, help that names the real
parameters, clear answers for empty results, mistyped names and missing files, tables whose values can
be copied, a valid DOT stream for a shared number, readable test output."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.output import table
from kg.query import get_query, list_queries, run
from kg.store import MemoryStore, OxigraphStore
from kg.text import fold

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
WHEN = "2024-05-01T12:00:00Z"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus alone (seeds/), as the README's first command builds it."""
    d = tmp_path_factory.mktemp("demo") / "store"
    s = OxigraphStore(d)
    build([ROOT / "seeds"], s, jobs=1, generated_at=WHEN)
    s.close()
    return d


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo and chain corpora, as the README's examples build them."""
    d = tmp_path_factory.mktemp("both") / "store"
    s = OxigraphStore(d)
    build([ROOT / "seeds", ROOT / "tests" / "corpus" / "chains"], s, jobs=1, generated_at=WHEN)
    s.close()
    return d


def kg(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.output


def _search_keys(store_dir: Path) -> list[str]:
    s = OxigraphStore(store_dir, read_only=True)
    res = s.query("SELECT DISTINCT ?k WHERE { ?x <https://w3id.org/vnkg/ontology#searchKey> ?k }")
    return [r[0].value for r in res.rows if r[0] is not None]


# -- examples that find something ---------------------------------------------------------------


def _example_searches() -> dict[str, list[str]]:
    """Example search words, by where they are shown: README, kg query --help, the query library, views."""
    out: dict[str, list[str]] = {}
    out["README"] = re.findall(r'-p (?:search|issuer_q|name_q|body_q)="([^"]+)"', README)
    out["README finds"] = re.findall(r'\("([a-z ]+)" finds "', README)
    _, help_text = kg("query", "--help")
    out["kg query --help"] = re.findall(r'-p\s+\w+="([^"]+)"', " ".join(help_text.split()))
    out["queries"] = [
        m for q in list_queries() for m in re.findall(r'\("([a-z ]+)"\)', q.text.split("PREFIX")[0])
    ]
    page = (ROOT / "kg" / "viz" / "page.py").read_text(encoding="utf-8")
    out["views"] = re.findall(r"không cần dấu: ([a-z ]+)\"", page)
    return out


def test_every_example_search_finds_something(demo: Path, both: Path) -> None:
    examples = _example_searches()
    assert examples["README finds"] and examples["views"] and examples["kg query --help"]
    demo_keys, all_keys = _search_keys(demo), _search_keys(both)
    for where, words in examples.items():
        # The README's search statement and the views' placeholder are about the demo corpus itself.
        keys = demo_keys if where in {"README finds", "views"} else all_keys
        for w in words:
            assert any(fold(w) in k for k in keys), f"{where}: the example {w!r} finds nothing"


def test_help_and_readme_name_real_parameters() -> None:
    _, help_text = kg("query", "--help")
    used = re.findall(
        r"kg query ([a-z][a-z-]*) [^\n`]*?-p (\w+)=", README + "\n" + " ".join(help_text.split())
    )
    assert len(used) >= 4
    for name, param in used:
        q = get_query(name)
        assert q is not None, name
        assert param in {p.name for p in q.params}, f"kg query {name} has no parameter {param!r}"


# -- answers ------------------------------------------------------------------------------------


def test_an_empty_result_says_0_rows(demo: Path) -> None:
    code, out = kg("query", "documents", "-p", "search=zzzz no such words", "--store", str(demo))
    assert code == 0
    assert out.splitlines()[-1] == "0 rows"
    code, out = kg("query", "documents", "-p", "search=zzzz", "--store", str(demo), "--format", "json")
    assert out.strip() == "[]"  # machine formats stay machine-readable


def test_a_document_parameter_takes_a_number_as_trace_does(both: Path) -> None:
    store = OxigraphStore(both, read_only=True)
    iri = "https://w3id.org/vnkg/id/doc/vn/2021/05-ct-tw"
    by_iri = run(store, "implementers", {"doc": iri}).rows
    assert len(by_iri) >= 10
    assert run(store, "implementers", {"doc": "05-CT/TW"}).rows == by_iri
    assert run(store, "implementers", {"doc": "05-ct/tw"}).rows == by_iri
    # a number shared by two provinces' plans: the answer for each, as kg trace gives a tree each
    shared = run(store, "chain-to-centre", {"doc": "120-KH/TU"}).dicts()
    assert {str(r["from"]).split("/")[-3] for r in shared} == {"ha-giang", "binh-phuoc"}
    code, out = kg("query", "implementers", "-p", "doc=999-XX/YY", "--store", str(both))
    assert code == 2 and "no document numbered '999-XX/YY'" in out


def test_a_mistyped_query_name_gets_did_you_mean(demo: Path) -> None:
    code, out = kg("query", "implementors", "--store", str(demo))
    assert code == 2 and "did you mean 'implementers'?" in out
    code, out = kg("query", "lag-per-levels", "--store", str(demo))
    assert "did you mean 'lag-per-level'?" in out


def test_a_missing_query_file_is_named_missing(demo: Path, tmp_path: Path) -> None:
    code, out = kg("query", str(tmp_path / "my-query.rq"), "--store", str(demo))
    assert code == 2
    assert f"query file '{tmp_path / 'my-query.rq'}' does not exist" in out


def test_tables_never_cut_a_value() -> None:
    iri = "https://w3id.org/vnkg/id/doc/binh-phuoc/loc-ninh/2021/302-cv-hu"
    text = (
        "Chain to the centre: what a local document implements or is based on, step by step up to the centre."
    )
    out = table(["doc", "answers", "n"], [[iri, text, 3], ["x", "short", 12345]], max_width=80)
    assert iri in out.splitlines()[2]  # whole, on one line, so it can be copied
    assert "…" not in out
    header = out.splitlines()[0]
    a, b = header.index("answers"), header.rindex(" n") + 1
    column = " ".join(line[a:b] for line in out.splitlines()[2:-1])
    assert " ".join(column.split()) == text  # wrapped between words, nothing lost
    assert len(out.splitlines()) > 4  # it did wrap
    assert out.splitlines()[-1].split() == ["x", "short", "12345"]


def test_trace_dot_of_a_shared_number_is_one_graph(both: Path) -> None:
    pydot = pytest.importorskip("pydot")
    code, out = kg("trace", "120-KH/TU", "--dot", "--store", str(both))
    assert code == 0
    assert out.count("digraph") == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydot's parser warns about pyparsing's API
        graphs = pydot.graph_from_dot_data(out)
        parsed = pydot.graph_from_dot_data(kg("trace", "05-CT/TW", "--dot", "--store", str(both))[1])
    assert graphs is not None and len(graphs) == 1
    clusters = [s.get_name() for s in graphs[0].get_subgraphs()]
    assert clusters == ["cluster_0", "cluster_1"]  # one per document numbered 120-KH/TU
    assert parsed is not None and len(parsed) == 1 and not parsed[0].get_subgraphs()


# -- readable test output ------------------------------------------------------------------------


def test_the_memory_store_raises_no_rdflib_deprecation_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = MemoryStore()
        build([ROOT / "seeds"], store, jobs=1, generated_at=WHEN)
        for name in ("summary", "documents", "lag-per-level"):
            run(store, name)
        list(store.dump("nq"))
    rdflib_deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert not rdflib_deprecations, str(rdflib_deprecations[0].message)


@pytest.mark.slow
def test_the_test_summary_has_no_warning_flood(tmp_path: Path) -> None:
    """The tests that use rdflib's store run without a page of warnings."""
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests" / "test_store.py"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout[-2000:]
    assert "DeprecationWarning" not in res.stdout, res.stdout[-2000:]


# -- duplicates in naive queries -----------------------------------------------------------------


def test_readme_warns_about_duplicates_next_to_the_first_sparql_example(both: Path) -> None:
    first = README.index("```sparql")
    near = README[max(0, first - 1500) : first + 1500]
    assert "once per graph" in near and "DISTINCT" in near
    # and it is true: a cited document's number is stated by every graph that cites it
    store = OxigraphStore(both, read_only=True)
    q = (
        "SELECT ?n WHERE { <https://w3id.org/vnkg/id/doc/vn/2021/05-ct-tw> "
        "<http://data.europa.eu/eli/ontology#id_local> ?n }"
    )
    assert len(store.query(q).rows) > 1
    assert len(store.query(q.replace("SELECT ?n", "SELECT DISTINCT ?n")).rows) == 1
