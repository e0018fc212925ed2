"""kg viz: views built from small graphs, escaping, offline pages, layout, aggregation, netexport."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.netgraph import export_network, load_graph
from kg.store import open_store
from kg.viz.layout import grouped_layout
from kg.viz.page import json_for_script, render_view
from kg.viz.synthetic import XSS_QUOTE, XSS_TITLE, synthetic_graph, xss_probe_nquads
from kg.viz.views import (
    aggregate,
    bodies_measures_view,
    corpus_view,
    doc_file,
    document_view,
    resolve_documents,
    tree_from_graph,
    tree_view,
    write_views,
)

CITED = "https://w3id.org/vnkg/id/doc/vn/2021/05-ct-tw"
PROBE = "https://w3id.org/vnkg/id/doc/can-tho/2021/999-kh-probe"


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(
        "c",
        type="document",
        label="05-CT/TW",
        number="05-CT/TW",
        level="central",
        date="2021-03-22",
        province="Trung ương",
    )
    g.add_node(
        "p",
        type="document",
        label="120-KH/TU",
        number="120-KH/TU",
        level="province",
        date="2021-04-01",
        province="Hà Giang",
    )
    g.add_node(
        "d",
        type="document",
        label="45-KH/HU",
        number="45-KH/HU",
        level="district",
        date="2021-04-11",
        province="Hà Giang",
    )
    g.add_node("o", type="organisation", label="Tỉnh ủy Hà Giang", level="province", province="Hà Giang")
    g.add_node(
        "m", type="measure", code="vaccination", label="Tiêm vắc xin phòng Covid-19", label_en="Vaccination"
    )
    g.add_edge(
        "p",
        "c",
        key="implements",
        rel="implements",
        weight=1,
        evidence="Thực hiện Chỉ thị 05",
        source="a.txt",
        lag_days=10,
    )
    g.add_edge("d", "p", key="implements", rel="implements", weight=1, lag_days=10)
    g.add_edge("p", "o", key="issued_by", rel="issued_by", weight=1)
    g.add_edge("p", "m", key="prescribes", rel="prescribes", weight=2)
    g.add_edge("o", "m", key="assigned", rel="assigned", weight=3, docs=["p"])
    return g


@pytest.fixture(scope="module")
def probe_graph() -> nx.MultiDiGraph:
    store = open_store(memory=True)
    store.replace_graphs({"https://w3id.org/vnkg/id/graph/probe": xss_probe_nquads(CITED)})
    store.replace_graphs(
        {
            "https://w3id.org/vnkg/id/graph/cited": (
                f"<{CITED}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                "<http://data.europa.eu/eli/ontology#LegalResource> "
                "<https://w3id.org/vnkg/id/graph/cited> .\n"
                f'<{CITED}> <http://data.europa.eu/eli/ontology#id_local> "05-CT/TW" '
                "<https://w3id.org/vnkg/id/graph/cited> .\n"
            )
        }
    )
    return load_graph(store)


@pytest.mark.parametrize(
    ("value", "absent"),
    [
        ("</script><script>alert(1)</script>", "</script"),
        ("<!-- x", "<!--"),
        ("a\u2028b\u2029c", "\u2028"),
        ("a\u2028b\u2029c", "\u2029"),
        ("x & <b>", "<b>"),
    ],
)
def test_json_for_script_escapes(value: str, absent: str) -> None:
    text = json_for_script({"v": value})
    assert absent not in text
    assert json.loads(text) == {"v": value}


@pytest.mark.parametrize(
    ("iri", "file"),
    [
        ("https://w3id.org/vnkg/id/doc/can-tho/2021/168-cv-tu", "doc-can-tho-2021-168-cv-tu.html"),
        ("https://w3id.org/vnkg/id/doc/src/0fde03201799fe74", "doc-src-0fde03201799fe74.html"),
        (
            "https://w3id.org/vnkg/id/doc/binh-phuoc/bu-dang/2022/67-kh-ubnd",
            "doc-binh-phuoc-bu-dang-2022-67-kh-ubnd.html",
        ),
    ],
)
def test_doc_file(iri: str, file: str) -> None:
    assert doc_file(iri) == file


def test_load_graph_reads_probe(probe_graph: nx.MultiDiGraph) -> None:
    a = probe_graph.nodes[PROBE]
    assert (a["type"], a["number"], a["title"], a["province"], a["year"]) == (
        "document",
        "999/KH-PROBE",
        XSS_TITLE,
        "Cần Thơ",
        "2021",
    )
    edges = {(k, d.get("evidence")) for _, v, k, d in probe_graph.out_edges(PROBE, keys=True, data=True)}
    assert edges == {("issued_by", None), ("implements", XSS_QUOTE)}


def test_document_view_neighbourhood() -> None:
    g = small_graph()
    v = document_view(g, "p", {"c": "doc-c.html", "p": "doc-p.html", "d": "doc-d.html"})
    labels = {n["label"] for n in v.nodes}
    assert labels == {"120-KH/TU", "05-CT/TW", "45-KH/HU", "Tỉnh ủy Hà Giang", "Tiêm vắc xin phòng Covid-19"}
    assert sorted(e["rel"] for e in v.edges) == [
        "assigned",
        "implements",
        "implements",
        "issued_by",
        "prescribes",
    ]
    by_label = {n["label"]: n for n in v.nodes}
    assert (
        by_label["05-CT/TW"]["url"] == "doc-c.html" and "url" not in by_label["120-KH/TU"]
    )  # no link to itself
    assert ["Bằng chứng", "«Thực hiện Chỉ thị 05»"] in by_label["05-CT/TW"]["tip"]
    assert ["English", "Vaccination"] in by_label["Tiêm vắc xin phòng Covid-19"]["tip"]
    assert {it["label"] for it in v.legend} >= {"Văn bản", "Cơ quan, tổ chức", "Biện pháp", "thực hiện"}


def test_tree_view_levels() -> None:
    g = small_graph()
    tree = tree_from_graph(g, "c")
    assert sorted(tree.nodes) == ["c", "d", "p"]
    assert tree.edges == [("d", "implements", "p", 10), ("p", "implements", "c", 10)]
    v = tree_view(tree, {})
    assert {n["label"].split("\n")[0]: n["level"] for n in v.nodes} == {
        "05-CT/TW": 0,
        "120-KH/TU": 1,
        "45-KH/HU": 2,
    }
    assert v.options["layout"]["hierarchical"]["direction"] == "UD"


def test_bodies_measures_weights() -> None:
    v = bodies_measures_view(small_graph(), {})
    assert [(e["from"], e["to"], e["value"], e.get("label")) for e in v.edges] == [(0, 1, 3, "3")]
    assert [n["x"] for n in v.nodes] == [0.0, 900.0]


def test_corpus_filters_and_threshold() -> None:
    g = small_graph()
    v = corpus_view(g, {})
    assert v.physics and v.filters is not None
    assert v.filters["provinces"] == ["Trung ương", "Hà Giang"]
    assert v.filters["measures"] == [["vaccination", "Tiêm vắc xin phòng Covid-19"]]
    by = {n["label"]: n for n in v.nodes}
    assert by["120-KH/TU"]["f_meas"] == ["vaccination"] and by["Tỉnh ủy Hà Giang"]["f_meas"] == [
        "vaccination"
    ]
    big = corpus_view(g, {}, threshold=3)
    assert not big.physics and all("x" in n and "y" in n for n in big.nodes)
    assert big.options["physics"] == {"enabled": False}


def test_aggregate_groups_by_province_and_year() -> None:
    g = synthetic_graph(600, provinces=6)
    h = aggregate(g)
    kinds = {a["type"] for _, a in h.nodes(data=True)}
    assert kinds == {"doc-group", "org-group", "measure"}
    assert sum(a.get("count", 0) for _, a in h.nodes(data=True) if a["type"] == "doc-group") == sum(
        1 for _, a in g.nodes(data=True) if a["type"] == "document"
    )
    assert h.number_of_nodes() < g.number_of_nodes() / 5


def test_grouped_layout_separates_groups() -> None:
    g = synthetic_graph(400, provinces=4)
    group = {n: str(a.get("province") or "") for n, a in g.nodes(data=True)}
    pos = grouped_layout(g.nodes, g.edges(), group)
    assert set(pos) == set(g.nodes)
    centre = {}
    for p in set(group.values()):
        xs = [pos[n] for n in g if group[n] == p]
        centre[p] = (sum(x for x, _ in xs) / len(xs), sum(y for _, y in xs) / len(xs))
    provs = [p for p in centre if p]
    assert (
        min(
            ((centre[a][0] - centre[b][0]) ** 2 + (centre[a][1] - centre[b][1]) ** 2) ** 0.5
            for i, a in enumerate(provs)
            for b in provs[i + 1 :]
        )
        > 100
    )


@pytest.mark.parametrize(("spec", "found"), [("05-ct/tw", ["c"]), ("Số: 120-KH/TU", ["p"]), ("c", ["c"])])
def test_resolve_documents(spec: str, found: list[str]) -> None:
    assert resolve_documents(small_graph(), [spec]) == found


def test_resolve_unknown_document() -> None:
    with pytest.raises(ValueError, match="no document"):
        resolve_documents(small_graph(), ["1/XX"])


def test_pages_escape_and_stay_offline(tmp_path: Path, probe_graph: nx.MultiDiGraph) -> None:
    views = write_views(tmp_path, probe_graph)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == sorted({v.file for v in views} | {"index.html", "views.json"})
    manifest = json.loads((tmp_path / "views.json").read_text(encoding="utf-8"))
    assert {(m["file"], m["nodes"], m["edges"]) for m in manifest["views"]} >= {("corpus.html", 3, 2)}
    for p in tmp_path.glob("*.html"):
        text = p.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "window.__xss=2</script>" not in text, p.name
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), p.name
        assert not re.search(r"https?://(cdn|fonts\.googleapis|unpkg|cdnjs)", text), p.name
        assert 'http-equiv="Content-Security-Policy"' in text
        assert "\u2028" not in text.split('id="kg-data">', 1)[-1].split("</script>", 1)[0]
    page = (tmp_path / doc_file(PROBE)).read_text(encoding="utf-8")
    assert "\\u003cimg src=x onerror=window.__xss=1\\u003e" in page
    assert "lib/" not in {m.group(1)[:4] for m in re.finditer(r'src="([^"]*)"', page)}


def test_render_view_has_vis_inline() -> None:
    html = render_view(corpus_view(small_graph(), {}))
    assert (
        "vis-network" in html
        and "new vis.Network" in html
        and "<script src" not in html
        and "<link" not in html
    )


@pytest.mark.parametrize(("fmt", "suffix"), [("graphml", ".graphml"), ("gexf", ".gexf")])
def test_export_network_roundtrip(tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"g{suffix}"
    assert export_network(small_graph(), fmt, out) == [out]
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (5, 5)


def test_export_network_csv(tmp_path: Path) -> None:
    out = tmp_path / "net.csv"
    assert export_network(small_graph(), "csv", out) == [out, tmp_path / "net.nodes.csv"]
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "source_id,target_id,relation,weight,source_label,target_label,evidence,file"
    assert "o,m,assigned,3,Tỉnh ủy Hà Giang,Tiêm vắc xin phòng Covid-19,," in rows
    assert len((tmp_path / "net.nodes.csv").read_text(encoding="utf-8").splitlines()) == 6


def test_export_network_rejects_format() -> None:
    with pytest.raises(ValueError, match="unknown network format"):
        export_network(small_graph(), "dot", Path("x"))


def test_viz_command_writes_views(tmp_path: Path) -> None:
    from kg.cli import main

    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    store.replace_graphs({"https://w3id.org/vnkg/id/graph/probe": xss_probe_nquads(CITED)})
    store.close()
    res = CliRunner().invoke(
        main, ["viz", "--out", str(tmp_path / "out"), "--store", str(store_dir), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    files = {v["file"] for v in json.loads(res.output)}
    assert {"corpus.html", "bodies-measures.html", "corpus-aggregated.html", doc_file(PROBE)} <= files
    assert not (tmp_path / "out" / "lib").exists()
