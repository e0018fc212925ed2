"""Every view of the seeds + tests/corpus/chains, opened in headless Chromium with the network blocked.

Checks per page: no console error, no request left the page, the network draws the number of nodes
and edges the generator wrote (views.json), the legend is there. On the probe document: the XSS
payloads in its title, source path and evidence are shown as text and never run; the search box
finds "tinh uy can tho" without diacritics. Screenshots go to test-artifacts/viz/.

Skipped (with the reason) when Chromium or Playwright for Python is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.viz.browser import missing_reason

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "viz"
PROBE_FILE = "doc-can-tho-2021-999-kh-probe.html"

_reason = missing_reason()
if _reason:
    pytest.skip(_reason, allow_module_level=True)


@pytest.fixture(scope="module")
def views_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build
    from kg.netgraph import load_graph
    from kg.store import open_store
    from kg.viz import write_views
    from kg.viz.synthetic import xss_probe_nquads

    tmp = tmp_path_factory.mktemp("viz")
    store = open_store(tmp / "store")
    build([str(ROOT / "seeds"), str(ROOT / "tests" / "corpus" / "chains")], store)
    cited = store.query(
        'SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> "05-CT/TW" } ORDER BY ?d LIMIT 1'
    ).column("d")
    store.replace_graphs(
        {"https://w3id.org/vnkg/id/graph/probe": xss_probe_nquads(cited[0] if cited else None)}
    )
    g = load_graph(store)
    store.close()
    out = tmp / "out"
    write_views(out, g)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from kg.viz.browser import session

    with session() as s:
        yield s


def manifest(views_dir: Path) -> list[dict[str, Any]]:
    return json.loads((views_dir / "views.json").read_text(encoding="utf-8"))["views"]


def test_every_view_draws_offline(views_dir: Path, browser: Any) -> None:
    views = manifest(views_dir)
    kinds = {v["kind"] for v in views}
    assert kinds == {"document", "tree", "bodies-measures", "corpus", "corpus-aggregated"}
    problems = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = {"corpus", "tree", "corpus-aggregated"}
    for v in views:
        page, r = browser.open(views_dir / v["file"])
        legend = page.evaluate("document.querySelectorAll('#kg-legend .kg-legend-item').length")
        if r.console_errors or r.requests_blocked:
            problems.append((v["file"], r.console_errors, r.requests_blocked))
        if (r.nodes_drawn, r.edges_drawn) != (v["nodes"], v["edges"]):
            problems.append(
                (v["file"], "drawn", (r.nodes_drawn, r.edges_drawn), "written", (v["nodes"], v["edges"]))
            )
        if legend < 2:
            problems.append((v["file"], "legend items", legend))
        if v["kind"] in shot:
            shot.discard(v["kind"])
            page.screenshot(path=str(ARTIFACTS / f"{v['kind']}.png"))
        page.close()
    assert problems == []


def test_index_links_every_view(views_dir: Path, browser: Any) -> None:
    page, r = browser.open(views_dir / "index.html")
    hrefs = set(page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))"))
    assert hrefs == {v["file"] for v in manifest(views_dir)}
    assert page.evaluate("window.kgSearch('tinh uy can tho')") >= 1
    assert r.console_errors == [] and r.requests_blocked == []
    page.close()


def test_xss_probe_is_text(views_dir: Path, browser: Any) -> None:
    from kg.viz.synthetic import XSS_QUOTE, XSS_TITLE

    page, r = browser.open(views_dir / PROBE_FILE)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    # the probe node's tooltip and the info panel hold the payload as literal text
    tip = page.evaluate(
        "(() => { const n = window.kgNodes.get().find(x => x.label === '999/KH-PROBE');"
        " return n.title.textContent; })()"
    )
    assert XSS_TITLE in tip and "probe/<b>probe</b>.txt" in tip
    page.evaluate("window.kgSearch('999/kh-probe')")
    info = page.evaluate("document.getElementById('kg-info').textContent")
    assert XSS_TITLE in info
    edge_tip = page.evaluate("window.kgEdges.get().map(e => e.title ? e.title.textContent : '').join('\\n')")
    assert XSS_QUOTE.replace("\u2028", "") in edge_tip.replace("\u2028", "")
    page.mouse.move(10, 10)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert r.console_errors == [] and r.requests_blocked == []
    page.screenshot(path=str(ARTIFACTS / "xss-probe.png"))
    page.close()


@pytest.mark.parametrize(
    ("query", "expected"), [("tinh uy can tho", "Tỉnh ủy Cần Thơ"), ("TỈNH ỦY CẦN THƠ", "Tỉnh ủy Cần Thơ")]
)
def test_search_without_diacritics(views_dir: Path, browser: Any, query: str, expected: str) -> None:
    page, _ = browser.open(views_dir / "corpus.html")
    ids = page.evaluate("q => window.kgSearch(q)", query)
    labels = page.evaluate("ids => ids.map(i => window.kgNodes.get(i).label)", ids)
    assert expected in labels
    assert sorted(page.evaluate("window.kgNetwork.getSelectedNodes()")) == sorted(ids)
    assert page.evaluate("document.getElementById('kg-search-count').textContent") == f"{len(ids)} kết quả"
    page.close()


def test_corpus_filters(views_dir: Path, browser: Any) -> None:
    page, _ = browser.open(views_dir / "corpus.html")
    total = page.evaluate("window.kgView.nodes")
    shown = page.evaluate("window.kgApplyFilters({prov: 'Cần Thơ'})")
    drawn = page.evaluate("window.kgNetwork.body.nodeIndices.length")
    assert 0 < shown == drawn < total
    labels = page.evaluate("window.kgNetwork.body.nodeIndices.map(i => window.kgNodes.get(i).label)")
    assert "999/KH-PROBE" in labels and "Tỉnh ủy Cần Thơ" in labels
    assert page.evaluate(
        "window.kgApplyFilters({prov: '', types: {document: true, organisation: false}})"
    ) == sum(1 for v in page.evaluate("window.kgNodes.get().map(n => n.kind)") if v == "document")
    page.close()


def test_double_click_opens_document_view(views_dir: Path, browser: Any) -> None:
    page, _ = browser.open(views_dir / "corpus.html")
    url = page.evaluate("window.kgNodes.get().find(n => n.label === '999/KH-PROBE').url")
    assert url == PROBE_FILE and (views_dir / url).is_file()
    pos = page.evaluate(
        """(() => { const n = window.kgNodes.get().find(x => x.label === '999/KH-PROBE');
        window.kgNetwork.focus(n.id, {scale: 1.5, animation: false});
        const p = window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition(n.id));
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; })()"""
    )
    page.mouse.dblclick(pos[0], pos[1])
    page.wait_for_url(f"**/{PROBE_FILE}", timeout=10_000)
    assert page.url.endswith(PROBE_FILE)
    page.close()
