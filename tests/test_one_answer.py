"""One document, one node, one definition: the demo corpus plus the chain corpus give the same answer in
every output. A document cited without a date and resolved to its dated namesake (owl:sameAs) is one
node in the network exports, the views, the trace, the statistics and the named queries; the lag of a
link is the graph's vnkg:lagDays in trace, implementers, lag-per-level and kg stats alike."""

from __future__ import annotations

import csv
import json
import statistics
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.query import list_queries, run
from kg.store import OxigraphStore
from kg.trace import Node, find_documents, trace

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "seeds", ROOT / "tests" / "corpus" / "chains"]
WHEN = "2024-05-01T12:00:00Z"
DOC = "https://w3id.org/vnkg/id/doc/"


def aliases(store: OxigraphStore) -> dict[str, str]:
    """owl:sameAs of the resolution graph: undated document → its dated namesake."""
    res = store.query(
        "SELECT ?a ?b WHERE { GRAPH <https://w3id.org/vnkg/id/graph/resolution> "
        "{ ?a <http://www.w3.org/2002/07/owl#sameAs> ?b } }"
    )
    return {a.value: b.value for a, b in res.rows if a is not None and b is not None}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("one-answer") / "store"
    store = OxigraphStore(d)
    report = build(CORPUS, store, jobs=1, generated_at=WHEN)
    assert report.ok
    store.close()
    return d


@pytest.fixture(scope="module")
def store(store_dir: Path) -> OxigraphStore:
    return OxigraphStore(store_dir, read_only=True)


def kg(store_dir: Path, *args: str) -> str:
    res = CliRunner().invoke(main, [*args, "--store", str(store_dir)])
    assert res.exit_code == 0, res.output
    return res.output


def test_the_corpus_has_undated_citations_resolved(store: OxigraphStore) -> None:
    same = aliases(store)
    # The chain corpus cites 05-CT/TW, a Bình Phước 120-KH/TU and 3412-CV/TU without a date.
    assert {a.split("/id/doc/")[1] for a in same} >= {
        "vn/nd/05-ct-tw",
        "binh-phuoc/nd/120-kh-tu",
        "nghe-an/nd/3412-cv-tu",
    }
    assert all(b.startswith(DOC) and "/nd/" not in b for b in same.values())


# -- one node per document ------------------------------------------------------------------------


def _document_keys(iris: list[str]) -> Counter[str]:
    """jurisdiction + number of each document IRI (the year left out): two nodes of one document
    collide here."""
    out: Counter[str] = Counter()
    for i in iris:
        parts = i[len(DOC) :].split("/")
        if parts[0] in {"src", "cited"}:
            out[i] += 1
        else:
            out["/".join(parts[:-2] + parts[-1:])] += 1
    return out


def _one_node_per_document(iris: list[str], what: str) -> None:
    assert not [i for i in iris if "/nd/" in i and i in _ALIASES], f"{what}: an alias is a node"
    doubles = {k: n for k, n in _document_keys(iris).items() if n > 1}
    assert not doubles, f"{what}: documents split in several nodes: {doubles}"


_ALIASES: set[str] = set()


@pytest.fixture(scope="module", autouse=True)
def _aliases(store: OxigraphStore) -> None:
    _ALIASES.clear()
    _ALIASES.update(aliases(store))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_network_exports_have_one_node_per_document(store_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"net.{fmt}"
    kg(store_dir, "netexport", "--format", fmt, "--out", str(out))
    if fmt == "csv":
        with open(tmp_path / "net.nodes.csv", encoding="utf-8") as f:
            nodes = [r for r in csv.DictReader(f) if r["type"] == "document"]
        iris = [r["id"] for r in nodes]
        with open(out, encoding="utf-8") as f:
            edges = list(csv.DictReader(f))
        ends = {r["source_id"] for r in edges} | {r["target_id"] for r in edges}
        assert not ends & _ALIASES
        # Gephi / pandas users get the whole degree on one node: 05-CT/TW's four direct implementers
        central = f"{DOC}vn/2021/05-ct-tw"
        assert sum(1 for r in edges if r["target_id"] == central and r["relation"] == "implements") == 4
    else:
        root = ET.parse(out).getroot()
        ns = root.tag.split("}")[0] + "}"
        if fmt == "graphml":
            keys = {k.get("id"): k.get("attr.name") for k in root.iter(ns + "key")}
            iris = [
                n.get("id") or ""
                for n in root.iter(ns + "node")
                if any(keys.get(d.get("key")) == "type" and d.text == "document" for d in n.iter(ns + "data"))
            ]
        else:
            attrs = {a.get("id"): a.get("title") for a in root.iter(ns + "attribute")}
            iris = [
                n.get("id") or ""
                for n in root.iter(ns + "node")
                if any(
                    attrs.get(v.get("for")) == "type" and v.get("value") == "document"
                    for v in n.iter(ns + "attvalue")
                )
            ]
    assert len(iris) > 40
    _one_node_per_document(iris, fmt)


def test_views_have_one_page_and_one_tree_per_document(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "views"
    kg(store_dir, "viz", "--out", str(out), "--format", "json")
    manifest = json.loads((out / "views.json").read_text(encoding="utf-8"))
    pages = [v for v in manifest["views"] if v["kind"] == "document"]
    trees = [v for v in manifest["views"] if v["kind"] == "tree"]
    titles = Counter(v["title"] for v in pages)
    assert not [t for t, n in titles.items() if n > 1 and "05-CT/TW" in t]
    assert sum(1 for v in trees if "05-CT/TW" in v["title"]) == 1
    assert len(pages) == len({v["file"] for v in pages})
    corpus = json.loads((out / "views.json").read_text(encoding="utf-8"))
    assert corpus  # written
    assert not any("-nd-" in v["file"] for v in pages), "a page for an undated alias"


def test_trace_lists_the_centre_once_above_a_local_document(store: OxigraphStore, store_dir: Path) -> None:
    # 131-KH/TU cites 05-CT/TW without its date
    (root,) = find_documents(store, "131-KH/TU")
    t = trace(store, root)
    assert [(n.number, n.date, n.lag_days) for n in t.above] == [("05-CT/TW", "2021-03-22", 18)]
    text = kg(store_dir, "trace", "131-KH/TU")
    assert text.count("05-CT/TW") == 1
    # and the chain above a district document that cites its province's plan without a date
    (root,) = find_documents(store, "302-CV/HU")
    t = trace(store, root)
    assert [(n.number, n.lag_days, [(c.number, c.lag_days) for c in n.children]) for n in t.above] == [
        ("120-KH/TU", 20, [("05-CT/TW", 25)])
    ]


def test_an_alias_iri_traces_its_document(store: OxigraphStore) -> None:
    t = trace(store, f"{DOC}vn/nd/05-ct-tw")
    assert t.root.iri == f"{DOC}vn/2021/05-ct-tw"
    assert find_documents(store, f"{DOC}vn/nd/05-ct-tw") == [f"{DOC}vn/2021/05-ct-tw"]


def test_stats_list_each_central_document_once(store_dir: Path) -> None:
    result = json.loads(kg(store_dir, "stats", "--format", "json"))
    documents = [r["document"] for r in result["widest_implementation"]]
    assert documents.count("05-CT/TW") == 1
    row = next(r for r in result["widest_implementation"] if r["document"] == "05-CT/TW")
    assert (row["implementing_documents"], row["direct"], row["provinces"]) == (14, 4, 3)


def _sample_params(q: Any, store: OxigraphStore) -> list[dict[str, str]]:
    required = [p for p in q.params if not p.optional]
    if not required:
        return [{}]
    p = required[0]
    if p.kind == "iri":
        return [{p.name: d} for d in (f"{DOC}vn/2021/05-ct-tw", f"{DOC}binh-phuoc/loc-ninh/2021/302-cv-hu")]
    return [{p.name: "05-CT/TW"}, {p.name: "120-KH/TU"}]


def test_no_named_query_lists_an_alias(store: OxigraphStore) -> None:
    for q in list_queries():
        for params in _sample_params(q, store):
            res = run(store, q.name, params)
            values = {t.value for row in res.rows for t in row if t is not None}
            assert not values & _ALIASES, (q.name, params)


def test_summary_counts_an_alias_as_its_document(store: OxigraphStore) -> None:
    (row,) = run(store, "summary").dicts()
    gaps = run(store, "cited-not-in-corpus").rows
    assert row["cited_only_documents"] == len(gaps)


# -- one lag --------------------------------------------------------------------------------------


def _trace_links(n: Node, out: dict[tuple[str, str], tuple[str, int | None]]) -> None:
    for c in n.children:
        out[(c.iri, n.iri)] = (c.relation or "", c.lag_days)
        _trace_links(c, out)


def test_trace_implementers_lag_per_level_and_stats_agree(store: OxigraphStore, store_dir: Path) -> None:
    # every link below every document, as kg trace shows it
    links: dict[tuple[str, str], tuple[str, int | None]] = {}
    docs = [r["doc"] for r in run(store, "documents").dicts()]
    cited = [r["doc"] for r in run(store, "cited-not-in-corpus").dicts()]
    for d in docs + cited:
        _trace_links(trace(store, str(d)).root, links)
    assert links[(f"{DOC}nghe-an/2021/131-kh-tu", f"{DOC}vn/2021/05-ct-tw")] == ("implements", 18)
    # kg query implementers: one row per link, the same relation and lag
    for d in docs + cited:
        for r in run(store, "implementers", {"doc": str(d)}).dicts():
            assert links[(r["implementer"], r["parent"])] == (r["relation"], r["lag_days"]), r
    # lag-per-level: the links of the corpus documents with a lag, by relation and level
    levels = {r["doc"]: r["level"] or "unknown" for r in run(store, "documents").dicts()}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (child, _parent), (rel, lag) in links.items():
        if lag is not None and child in levels:
            groups[(rel, str(levels[child]))].append(lag)
    expected = {k: (len(v), min(v), float(statistics.median(v)), max(v)) for k, v in groups.items()}
    got = {
        (r["relation"], r["level"]): (r["links"], r["min_days"], float(r["median_days"]), r["max_days"])
        for r in run(store, "lag-per-level").dicts()
    }
    assert got == expected
    assert {rel for rel, _ in got} == {"implements", "based_on"}
    # kg stats: the same rows
    stats = json.loads(kg(store_dir, "stats", "--format", "json"))["lag"]
    assert {
        (r["relation"], r["level"]): (r["links"], r["min_days"], float(r["median_days"]), r["max_days"])
        for r in stats
    } == expected


def test_relation_names_are_the_same_everywhere(store: OxigraphStore, store_dir: Path) -> None:
    names: set[str] = set()
    for q in ("citation-evidence", "implementers", "chain-to-centre"):
        params = {} if q == "citation-evidence" else {"doc": f"{DOC}vn/2021/05-ct-tw"}
        if q == "chain-to-centre":
            params = {"doc": f"{DOC}ha-giang/vi-xuyen/2021/96-kh-ubnd"}
        names |= {str(r["relation"]) for r in run(store, q, params).dicts()}
    trace_json = json.loads(kg(store_dir, "trace", "05-CT/TW", "--format", "json"))
    stack = [trace_json[0]["root"]]
    while stack:
        n = stack.pop()
        if n["relation"]:
            names.add(n["relation"])
        stack.extend(n["children"])
    assert "based_on" in names and "implements" in names
    assert names <= {"implements", "based_on", "approves", "cites"}


def test_notes_in_lists_of_bodies_are_no_organisations(
    store: OxigraphStore, store_dir: Path, tmp_path: Path
) -> None:
    notes = ("Như trên", "Như kính gửi", "Lưu", "VT")
    recipients = {str(r["recipient"]) for r in run(store, "who-addresses-whom").dicts()}
    assert recipients and not [r for r in recipients if r.startswith(notes)]
    out = tmp_path / "net.csv"
    kg(store_dir, "netexport", "--format", "csv", "--out", str(out))
    with open(tmp_path / "net.nodes.csv", encoding="utf-8") as f:
        orgs = [r["label"] for r in csv.DictReader(f) if r["type"] == "organisation"]
    assert len(orgs) > 100 and not [o for o in orgs if o.startswith(notes)]
