"""`kg trace` on the written chain corpus reproduces every chain the corpus defines (tests/corpus/chains/
chains.json), edge by edge with relations and lags, on the embedded store and through a SPARQL endpoint
(the same store served over HTTP)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.serve import make_server
from kg.store import EndpointStore, OxigraphStore
from kg.store.base import Store
from kg.trace import Node, find_documents, to_dot, to_text, trace

ROOT = Path(__file__).resolve().parent.parent
CHAINS = ROOT / "tests" / "corpus" / "chains"
DOC = "https://w3id.org/vnkg/id/doc/"
SPEC = json.loads((CHAINS / "chains.json").read_text(encoding="utf-8"))
TRACED = ("implements", "based_on")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> OxigraphStore:
    d = tmp_path_factory.mktemp("trace") / "store"
    s = OxigraphStore(d)
    monkey = pytest.MonkeyPatch()
    monkey.chdir(ROOT)  # source ids relative to the repository, as a user would build
    report = build([str(CHAINS)], s, generated_at="2024-01-01T00:00:00Z")
    monkey.undo()
    assert report.ok
    s.flush()
    return s


@pytest.fixture(scope="module")
def endpoint(store: OxigraphStore) -> Iterator[EndpointStore]:
    """The same store served read-only over HTTP by `kg serve`'s server."""
    assert store.path is not None
    server = make_server(store.path, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield EndpointStore(f"{server.url}/query")
    finally:
        server.shutdown()
        server.server_close()


def _key(node: Node) -> str:
    if node.iri.startswith(DOC + "src/") and node.source:
        return "file:" + Path(node.source).name
    return node.iri[len(DOC) :]


def _edges(s: Store) -> set[tuple[str, str, str, int | None]]:
    """Every edge of the trees below every document of the corpus spec."""
    out: set[tuple[str, str, str, int | None]] = set()

    def walk(n: Node) -> None:
        for c in n.children:
            out.add((_key(c), _key(n), c.relation or "", c.lag_days))
            walk(c)

    for doc in SPEC["documents"]:
        if doc.get("key"):
            walk(trace(s, DOC + doc["key"], TRACED).root)
    return out


def _expected() -> set[tuple[str, str, str, int | None]]:
    return {
        (lk["from"], lk["to"], lk["relation"], lk["lag_days"])
        for lk in SPEC["links"]
        if lk["relation"] in TRACED
    }


def _tolerated() -> set[tuple[str, str, str, int | None]]:
    """Links whose relation the gold accepts either way (``accept``), traced or not."""
    return {
        (lk["from"], lk["to"], rel, lk["lag_days"])
        for lk in SPEC["links"]
        for rel in lk.get("accept", ())
        if rel in TRACED
    }


def _check(edges: set[tuple[str, str, str, int | None]]) -> None:
    expected = _expected()
    assert expected - edges == set(), "chains missing from the trace"
    assert edges - expected - _tolerated() == set(), "edges the corpus does not define"


def test_trace_reproduces_every_chain_of_the_corpus(store: OxigraphStore) -> None:
    _check(_edges(store))


def test_trace_through_a_sparql_endpoint_gives_the_same_trees(
    store: OxigraphStore, endpoint: EndpointStore
) -> None:
    for doc in (
        "vn/2021/05-ct-tw",
        "vn/2021/716-cd-ttg",
        "ha-giang/2021/120-kh-tu",
        "binh-phuoc/2021/120-kh-tu",
    ):
        local = trace(store, DOC + doc, TRACED).to_json()
        remote = trace(endpoint, DOC + doc, TRACED).to_json()
        assert local == remote, doc
    _check(_edges(endpoint))


def test_same_number_in_two_provinces_gives_two_documents(store: OxigraphStore) -> None:
    roots = find_documents(store, "Số 120-KH/TU")
    assert roots == [DOC + "binh-phuoc/2021/120-kh-tu", DOC + "ha-giang/2021/120-kh-tu"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("120-kh/tu", ["binh-phuoc/2021/120-kh-tu", "ha-giang/2021/120-kh-tu"]),  # any case
        ("Số: 120 - KH/TU", ["binh-phuoc/2021/120-kh-tu", "ha-giang/2021/120-kh-tu"]),  # as printed
        ("05-ct/tw", ["vn/2021/05-ct-tw"]),
        ("05-CT/TU", []),  # another issuer's code: not a match
    ],
)
def test_numbers_are_found_by_their_folded_key(store: OxigraphStore, typed: str, expected: list[str]) -> None:
    assert find_documents(store, typed) == [DOC + e for e in expected]


def test_chain_up_to_the_centre(store: OxigraphStore) -> None:
    t = trace(store, DOC + "ha-giang/vi-xuyen/2021/96-kh-ubnd", TRACED)
    ups = {(_key(n), n.relation, n.lag_days) for n in t.above}
    assert ("ha-giang/vi-xuyen/2021/45-kh-hu", "implements", 7) in ups
    assert ("ha-giang/2021/812-qd-ubnd", "based_on", 14) in ups
    chain = next(n for n in t.above if _key(n) == "ha-giang/vi-xuyen/2021/45-kh-hu")
    assert [_key(c) for c in chain.children] == ["ha-giang/2021/120-kh-tu"]
    assert [_key(c) for c in chain.children[0].children] == ["vn/2021/05-ct-tw"]
    assert chain.children[0].children[0].level == "central"


def test_text_and_dot_renderings(store: OxigraphStore) -> None:
    t = trace(store, DOC + "vn/2021/05-ct-tw", TRACED)
    text = to_text(t)
    assert "05-CT/TW  Chỉ thị  2021-03-22  Ban Bí thư [central]" in text
    assert "└── 120-KH/TU  Kế hoạch  2021-04-16  Tỉnh ủy Bình Phước [province]  (implements, +25 d)" in text
    dot = to_dot(t)
    assert dot.startswith("digraph trace {") and dot.count("->") == text.count("── ")


REALDOCS = ROOT / "tests" / "data" / "realdocs"


@pytest.mark.parametrize(
    ("document", "direction", "expected"),
    [
        # Ho Chi Minh City's health department: legal bases listed under an OCR'd "CAN CU PHÁP LÝ" heading.
        (
            "5619/SYT-NVY",
            "above",
            {("878/QD-BYT", "based_on"), ("1246/QĐ-BYT", "based_on"), ("4674/BYT-MT", "based_on")},
        ),
        # A provincial decision based on a ministry decision.
        ("2972/QĐ-BNN-CN", "below", {("3218/QĐ-UBND", "based_on")}),
        # A ministry letter implementing a Government resolution.
        ("10943/BYT-MT", "above", {("128/NQ-CP", "implements")}),
        # Hà Nội's (unnumbered draft) decision based on the City Party Committee's notice.
        ("212-TB/TU", "below", {(None, "based_on")}),
    ],
)
def test_real_documents_chains(
    tmp_path_factory: pytest.TempPathFactory,
    document: str,
    direction: str,
    expected: set[tuple[str | None, str]],
) -> None:
    s = _realdocs_store(tmp_path_factory)
    roots = find_documents(s, document)
    assert len(roots) == 1
    t = trace(s, roots[0], TRACED)
    nodes = t.above if direction == "above" else t.root.children
    assert {(n.number, n.relation) for n in nodes} == expected


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("2972/qd-bnn-cn", "2972/QĐ-BNN-CN"),  # no diacritics: Đ typed as d
        ("2972/QĐ-BNN-CN", "2972/QĐ-BNN-CN"),
        ("878/QĐ-BYT", "878/QD-BYT"),  # the text's OCR lost the stroke; the user typed it
    ],
)
def test_numbers_match_without_diacritics(
    tmp_path_factory: pytest.TempPathFactory, typed: str, number: str
) -> None:
    s = _realdocs_store(tmp_path_factory)
    roots = find_documents(s, typed)
    assert len(roots) == 1
    assert trace(s, roots[0], TRACED).root.number == number


_REAL: dict[str, OxigraphStore] = {}


def _realdocs_store(factory: pytest.TempPathFactory) -> OxigraphStore:
    if "s" not in _REAL:
        s = OxigraphStore(None)
        assert build([str(REALDOCS)], s, generated_at="2024-01-01T00:00:00Z").outcomes
        _REAL["s"] = s
    return _REAL["s"]
