"""The views of ``kg viz``, built from the networkx graph of :mod:`kg.netgraph`.

1. ``doc-{slug}.html``: one document and its neighbourhood (issuer, signatory, recipients, cited and
   citing documents, measures, tasked bodies), the evidence sentence on every edge and neighbour;
2. ``tree-{slug}.html``: the implementation tree of a central document, top-down by level
   (central → province → district → commune), from :func:`kg.trace.trace` when a store is given;
3. ``bodies-measures.html``: who was told to do what, bodies on the left, measures on the right, edge
   width = how many times;
4. ``corpus.html``: everything, with filters by node type, province, year and measure; above
   :data:`~kg.viz.layout.LAYOUT_THRESHOLD` nodes laid out in Python with physics off; and
   ``corpus-aggregated.html``: documents grouped by province and year, bodies by province.

``index.html`` links them all and ``views.json`` lists each file with the number of nodes and edges
it holds (what a browser test compares with what the page draws).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.netgraph import CENTRAL
from kg.outfile import atomic_output, prepare_folder
from kg.store.base import Store
from kg.text import fold, slug
from kg.viz.layout import LAYOUT_THRESHOLD, grouped_layout
from kg.viz.page import View, render_index, render_view

__all__ = [
    "DEFAULT_MAX_NODES",
    "NODE_STYLES",
    "REL_STYLES",
    "TreeData",
    "aggregate",
    "bodies_measures_view",
    "corpus_view",
    "doc_file",
    "document_view",
    "resolve_documents",
    "tree_from_graph",
    "tree_from_store",
    "tree_view",
    "write_views",
]

DEFAULT_MAX_NODES = 5000

# type → legend label (vi), hover label (en), vis shape (small graph), shape (large graph), colours
NODE_STYLES: dict[str, dict[str, str]] = {
    "document": {
        "label": "Văn bản",
        "en": "Document",
        "shape": "box",
        "big": "square",
        "color": "#4e79a7",
        "font": "#ffffff",
    },
    "organisation": {
        "label": "Cơ quan, tổ chức",
        "en": "Organisation",
        "shape": "ellipse",
        "big": "dot",
        "color": "#59a14f",
        "font": "#ffffff",
    },
    "person": {
        "label": "Người ký",
        "en": "Signatory",
        "shape": "diamond",
        "big": "diamond",
        "color": "#edc948",
        "font": "#222222",
    },
    "measure": {
        "label": "Biện pháp",
        "en": "Measure",
        "shape": "hexagon",
        "big": "hexagon",
        "color": "#e15759",
        "font": "#222222",
    },
    "doc-group": {
        "label": "Nhóm văn bản (tỉnh, năm)",
        "en": "Documents by province and year",
        "shape": "square",
        "big": "square",
        "color": "#a0cbe8",
        "font": "#222222",
    },
    "org-group": {
        "label": "Nhóm cơ quan (tỉnh)",
        "en": "Bodies by province",
        "shape": "dot",
        "big": "dot",
        "color": "#8cd17d",
        "font": "#222222",
    },
    "level-central": {
        "label": "Văn bản Trung ương",
        "en": "Central document",
        "shape": "box",
        "big": "square",
        "color": "#c0392b",
        "font": "#ffffff",
    },
    "level-province": {
        "label": "Văn bản cấp tỉnh",
        "en": "Province document",
        "shape": "box",
        "big": "square",
        "color": "#e67e22",
        "font": "#ffffff",
    },
    "level-district": {
        "label": "Văn bản cấp huyện",
        "en": "District document",
        "shape": "box",
        "big": "square",
        "color": "#27ae60",
        "font": "#ffffff",
    },
    "level-commune": {
        "label": "Văn bản cấp xã",
        "en": "Commune document",
        "shape": "box",
        "big": "square",
        "color": "#16a085",
        "font": "#ffffff",
    },
    "level-unknown": {
        "label": "Văn bản (chưa rõ cấp)",
        "en": "Document, level unknown",
        "shape": "box",
        "big": "square",
        "color": "#7f8c8d",
        "font": "#ffffff",
    },
}
# relation → legend label (vi), English, colour, dashed
REL_STYLES: dict[str, tuple[str, str, str, bool]] = {
    "implements": ("thực hiện", "implements", "#d62728", False),
    "based_on": ("căn cứ", "based on", "#9467bd", False),
    "approves": ("thống nhất với", "approves", "#8c564b", True),
    "cites": ("dẫn chiếu", "cites", "#7f7f7f", True),
    "issued_by": ("ban hành bởi", "issued by", "#59a14f", False),
    "addressed_to": ("kính gửi", "addressed to", "#76b7b2", True),
    "copied_to": ("nơi nhận", "copied to", "#bab0ac", True),
    "tasks": ("giao nhiệm vụ", "tasks", "#f28e2b", False),
    "follows_directions_of": ("thực hiện chỉ đạo của", "follows directions of", "#b07aa1", True),
    "signed_by": ("người ký", "signed by", "#b8860b", False),
    "prescribes": ("đề ra biện pháp", "prescribes", "#e15759", False),
    "assigned": ("được giao", "assigned", "#ff9da7", False),
}
LEVEL_VI = {"central": "Trung ương", "province": "Tỉnh", "district": "Huyện", "commune": "Xã"}
LEVEL_RANK = {"central": 0, "province": 1, "district": 2, "commune": 3}
IMPLEMENTING = ("implements", "based_on")


# -- helpers ------------------------------------------------------------------------------------


def doc_file(iri: str) -> str:
    """File name of a document's view: ``doc-`` + slug of the IRI's tail.

    ``.../id/doc/can-tho/2021/168-cv-tu`` → ``doc-can-tho-2021-168-cv-tu.html``.
    """
    tail = iri.split("/id/doc/", 1)[1] if "/id/doc/" in iri else iri
    s = slug(tail)[:120] or "x"
    return f"doc-{s}.html"


def _short(s: str, n: int = 42) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _issuer(g: nx.MultiDiGraph, d: str) -> str | None:
    for _, o, k in g.out_edges(d, keys=True):
        if k == "issued_by":
            return str(g.nodes[o].get("label"))
    return None


def node_tip(g: nx.MultiDiGraph, n: str) -> list[list[str]]:
    a = g.nodes[n]
    t = a["type"]
    rows: list[tuple[str, Any]] = []
    if t == "document":
        rows = [
            ("Văn bản", " ".join(x for x in (a.get("doctype"), a.get("number")) if x)),
            ("Trích yếu", a.get("title")),
            ("Ngày", a.get("date")),
            ("Cơ quan ban hành", _issuer(g, n)),
            ("Cấp", LEVEL_VI.get(a.get("level") or "")),
            ("Địa bàn", a.get("province")),
            ("Tệp nguồn", a.get("source") or "(chỉ biết qua dẫn chiếu)"),
        ]
    elif t == "organisation":
        rows = [
            ("Cơ quan", a.get("label")),
            ("Cấp", LEVEL_VI.get(a.get("level") or "")),
            ("Địa bàn", a.get("province")),
        ]
    elif t == "person":
        rows = [("Người ký", a.get("label")), ("Chức vụ", "; ".join(a.get("posts") or []))]
    elif t == "measure":
        rows = [("Biện pháp", a.get("label")), ("English", a.get("label_en")), ("Mã", a.get("code"))]
    else:
        rows = [("", a.get("label"))]
    return [[k, str(v)] for k, v in rows if v]


def edge_tip(a: dict[str, Any], extra: Sequence[tuple[str, str]] = ()) -> list[list[str]]:
    vi, en, _, _ = REL_STYLES.get(a["rel"], (a["rel"], a["rel"], "", False))
    rows = [["Quan hệ", f"{vi} ({en})"]]
    if a.get("weight", 1) > 1:
        rows.append(["Số lần", str(a["weight"])])
    rows.extend([k, v] for k, v in extra)
    if a.get("evidence"):
        rows.append(["Bằng chứng", f"«{a['evidence']}»"])
    if a.get("source"):
        rows.append(["Tệp nguồn", str(a["source"])])
    return rows


def _search_text(a: dict[str, Any], issuer: str | None = None) -> str:
    """What the search box matches besides the label (folded in the page): number, title, issuer, ..."""
    parts = [str(a.get(k) or "") for k in ("number", "title", "doctype", "label_en", "province", "code")]
    return " ".join([*parts, issuer or ""]).strip()


def _style_key(a: dict[str, Any]) -> str:
    return str(a["type"])


def _vis_node(nid: int, style_key: str, label: str, big: bool, **extra: Any) -> dict[str, Any]:
    # shape and colours come from the vis group of the kind (see _groups): per-node options are slow
    node: dict[str, Any] = {"id": nid, "label": label, "kind": style_key, "group": style_key}
    node.update({k: v for k, v in extra.items() if v is not None})
    return node


def _vis_edge(
    eid: int, u: int, v: int, a: dict[str, Any], big: bool, label: bool = False, **extra: Any
) -> dict[str, Any]:
    vi, _, color, dashed = REL_STYLES.get(a["rel"], (a["rel"], a["rel"], "#999999", False))
    e: dict[str, Any] = {"id": f"e{eid}", "from": u, "to": v, "color": color, "rel": a["rel"]}
    if dashed:
        e["dashes"] = True
    if label:
        e["label"] = vi
        e["font"] = {
            "size": 10,
            "align": "middle",
            "color": "#555555",
            "strokeWidth": 0,
            "background": "#ffffff",
        }
    if a.get("weight", 1) > 1:
        e["value"] = a["weight"]
    if not big:
        e["tip"] = edge_tip(a, extra.pop("tip_extra", ()))
    e.update(extra)
    return e


def _legend(kinds: Iterable[str], rels: Iterable[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k in dict.fromkeys(kinds):
        st = NODE_STYLES[k]
        out.append(
            {"kind": k, "label": st["label"], "en": st["en"], "shape": st["shape"], "color": st["color"]}
        )
    for r in dict.fromkeys(rels):
        vi, en, color, dashed = REL_STYLES.get(r, (r, r, "#999999", False))
        out.append(
            {
                "kind": f"rel:{r}",
                "label": vi,
                "en": en,
                "shape": "dashed" if dashed else "line",
                "color": color,
            }
        )
    return out


def _groups(big: bool) -> dict[str, Any]:
    out = {}
    for kind, st in NODE_STYLES.items():
        shape = st["big"] if big else st["shape"]
        out[kind] = {
            "shape": shape,
            "color": {
                "background": st["color"],
                "border": "#263238",
                "highlight": {"background": "#ffeb3b", "border": "#000000"},
                "hover": {"background": st["color"], "border": "#000000"},
            },
            "font": {
                "color": st["font"]
                if shape in {"box", "ellipse", "circle", "database", "text"}
                else "#222222"
            },
        }
    return out


def _options(physics: bool, n: int, hierarchical: bool = False) -> dict[str, Any]:
    big = n > LAYOUT_THRESHOLD
    opts: dict[str, Any] = {
        "autoResize": True,
        "groups": _groups(big),
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "scaling": {"min": 8, "max": 40},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"opacity": 0.8, "inherit": False},
            "smooth": False if big or not physics else {"type": "continuous"},
            "scaling": {"min": 1, "max": 10},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
        },
        "layout": {"improvedLayout": physics and n <= 150, "randomSeed": 7},
    }
    if big:
        opts["nodes"]["size"] = 10
    if hierarchical:
        opts["layout"]["hierarchical"] = {
            "enabled": True,
            "direction": "UD",
            "sortMethod": "directed",
            "levelSeparation": 140,
            "nodeSpacing": 230,
            "treeSpacing": 220,
            "shakeTowards": "roots",
        }
        opts["physics"] = {"enabled": False}
        opts["nodes"]["widthConstraint"] = {"maximum": 200}
    elif physics:
        opts["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 160,
                "springConstant": 0.03,
                "avoidOverlap": 0.2,
            },
            "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 150, "fit": True},
        }
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _number_key(s: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"(?i)^\s*số\s*:?\s*", "", s.strip())).lower()


def resolve_documents(g: nx.MultiDiGraph, specs: Iterable[str]) -> list[str]:
    """Document IRIs for numbers (``168-CV/TU``, any case) or IRIs; unknown ones are an error."""
    out: list[str] = []
    by_number: dict[str, list[str]] = defaultdict(list)
    for n, a in g.nodes(data=True):
        if a["type"] == "document" and a.get("number"):
            by_number[_number_key(a["number"])].append(n)
    for s in specs:
        if s in g and g.nodes[s]["type"] == "document":
            found = [s]
        else:
            found = sorted(by_number.get(_number_key(s), []))
        if not found:
            raise ValueError(f"no document {s!r} in the graph")
        out.extend(x for x in found if x not in out)
    return out


# -- (1) document neighbourhood -----------------------------------------------------------------


def document_view(g: nx.MultiDiGraph, d: str, urls: dict[str, str]) -> View:
    a = g.nodes[d]
    around = {d} | set(g.predecessors(d)) | set(g.successors(d))
    order = [d, *sorted(around - {d}, key=lambda n: (g.nodes[n]["type"], str(g.nodes[n].get("label")), n))]
    ids = {n: i for i, n in enumerate(order)}
    # the edge that links each neighbour to the document: its relation and sentence go in the tooltip
    link: dict[str, list[list[str]]] = {}
    edges: list[dict[str, Any]] = []
    rels: list[str] = []
    for u, v, k, ea in sorted(
        g.subgraph(around).edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])
    ):
        if k == "assigned" and d not in ea.get("docs", []):
            continue
        edges.append(_vis_edge(len(edges), ids[u], ids[v], ea, big=False, label=True))
        rels.append(k)
        if d in {u, v}:
            other = v if u == d else u
            link.setdefault(other, []).extend(r for r in edge_tip(ea) if r[0] in {"Quan hệ", "Bằng chứng"})
    nodes = []
    for n in order:
        na = g.nodes[n]
        style = _style_key(na)
        label = str(na.get("label")) if na["type"] == "document" else _short(na.get("label", ""))
        node = _vis_node(
            ids[n],
            style,
            label,
            big=False,
            tip=node_tip(g, n) + link.get(n, []),
            search=_search_text(na, _issuer(g, n) if na["type"] == "document" else None),
            url=urls.get(n) if n != d else None,
        )
        if n == d:
            node["borderWidth"] = 4
            node["font"] = {"color": "#ffffff", "size": 18}
            node["color"] = {
                "background": "#1f3b5c",
                "border": "#000000",
                "highlight": {"background": "#ffeb3b", "border": "#000000"},
            }
        nodes.append(node)
    kinds = [_style_key(g.nodes[n]) for n in order]
    title = " ".join(x for x in (a.get("doctype"), a.get("number") or "(không số)") if x)
    issuer = _issuer(g, d)
    if issuer:
        title += f" — {issuer}"
    desc = " ".join(str(x) for x in (a.get("title"), a.get("date"), a.get("province"), a.get("source")) if x)
    return View(
        doc_file(d),
        title,
        "document",
        nodes,
        edges,
        _legend(kinds, rels),
        _options(True, len(nodes)),
        description=desc,
    )


# -- (2) implementation trees -------------------------------------------------------------------


@dataclass
class TreeData:
    root: str
    nodes: dict[str, dict[str, Any]]  # iri → number, doctype, date, issuer, level, province, source
    edges: list[tuple[str, str, str, int | None]]  # (implementing, relation, implemented, lag in days)


def tree_from_store(store: Store, root: str) -> TreeData:
    """The tree below ``root`` as :func:`kg.trace.trace` computes it (SPARQL property paths)."""
    from kg.trace import trace

    t = trace(store, root)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], int | None] = {}

    def walk(n: Any, parent: str | None) -> None:
        nodes.setdefault(
            n.iri,
            {
                "number": n.number,
                "doctype": n.type,
                "date": n.date,
                "issuer": n.issuer,
                "level": n.level,
                "jurisdiction": n.jurisdiction,
                "source": n.source,
            },
        )
        if parent is not None:
            edges.setdefault((n.iri, n.relation or "implements", parent), n.lag_days)
        for c in n.children:
            walk(c, n.iri)

    walk(t.root, None)
    return TreeData(root, nodes, [(c, r, p, lag) for (c, r, p), lag in sorted(edges.items())])


def tree_from_graph(g: nx.MultiDiGraph, root: str) -> TreeData:
    """The same tree read from the networkx graph (no store needed); lags are the links' ``lag_days``
    (the graph's ``vnkg:lagDays``), as kg trace reads them."""

    seen = {root}
    todo = [root]
    edges: list[tuple[str, str, str, int | None]] = []
    while todo:
        p = todo.pop()
        for c, _, k, a in sorted(g.in_edges(p, keys=True, data=True), key=lambda e: e[:3]):
            if k in IMPLEMENTING:
                edges.append((c, k, p, a.get("lag_days")))
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
    nodes = {}
    for n in seen:
        a = g.nodes[n]
        nodes[n] = {
            k: a.get(k) for k in ("number", "doctype", "date", "level", "jurisdiction", "source", "province")
        }
        nodes[n]["issuer"] = _issuer(g, n)
    return TreeData(root, nodes, sorted(edges))


def tree_view(tree: TreeData, urls: dict[str, str]) -> View:
    from kg.netgraph import province_name

    order = [
        tree.root,
        *sorted(set(tree.nodes) - {tree.root}, key=lambda n: (tree.nodes[n].get("date") or "9999", n)),
    ]
    ids = {n: i for i, n in enumerate(order)}
    # level: the administrative level; a document of unknown level sits one row below what it implements
    rank: dict[str, int] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    for c, _, p, _ in tree.edges:
        parents[c].append(p)

    def level_of(n: str, depth: int = 0) -> int:
        if n in rank:
            return rank[n]
        lv = tree.nodes[n].get("level")
        if lv in LEVEL_RANK:
            rank[n] = LEVEL_RANK[lv]
        elif depth > 50 or not parents.get(n):
            rank[n] = 0 if n == tree.root else 1
        else:
            rank[n] = max(level_of(p, depth + 1) for p in parents[n]) + 1
        return rank[n]

    lag_of: dict[str, int | None] = {c: lag for c, _, _, lag in tree.edges}
    nodes = []
    kinds = []
    for n in order:
        a = tree.nodes[n]
        lv = a.get("level") if a.get("level") in LEVEL_RANK else "unknown"
        style = f"level-{lv}"
        kinds.append(style)
        prov = a.get("province") or province_name(a.get("jurisdiction"))
        tip = [
            ["Văn bản", " ".join(x for x in (a.get("doctype"), a.get("number")) if x)],
            ["Ngày", a.get("date")],
            ["Cơ quan ban hành", a.get("issuer")],
            ["Cấp", LEVEL_VI.get(a.get("level") or "")],
            ["Địa bàn", prov],
            ["Sau văn bản được thực hiện", f"{lag_of[n]} ngày" if lag_of.get(n) is not None else None],
            ["Tệp nguồn", a.get("source") or "(chỉ biết qua dẫn chiếu)"],
        ]
        label = str(a.get("number") or a.get("doctype") or "Văn bản")
        if a.get("issuer"):
            label += "\n" + _short(a["issuer"], 30)
        node = _vis_node(
            ids[n],
            style,
            label,
            big=False,
            level=level_of(n),
            url=urls.get(n),
            tip=[[k, str(v)] for k, v in tip if v],
            search=" ".join(str(v) for v in (a.get("number"), a.get("issuer"), prov) if v),
        )
        if n == tree.root:
            node["borderWidth"] = 4
        nodes.append(node)
    edges = []
    rels = []
    for c, r, p, lag in tree.edges:
        extra = [("Sau", f"{lag} ngày")] if lag is not None else []
        edges.append(
            _vis_edge(len(edges), ids[c], ids[p], {"rel": r, "weight": 1}, big=False, tip_extra=extra)
        )
        rels.append(r)
    ra = tree.nodes[tree.root]
    title = "Cây thực hiện: " + " ".join(x for x in (ra.get("doctype"), ra.get("number")) if x)
    if ra.get("issuer"):
        title += f" — {ra['issuer']}"
    n_prov = len(
        {(tree.nodes[n].get("jurisdiction") or "").split("/")[0] for n in tree.nodes if n != tree.root}
        - {"", "vn"}
    )
    desc = f"{len(tree.nodes) - 1} văn bản thực hiện, {n_prov} tỉnh. {ra.get('issuer') or ''}"
    slug_part = doc_file(tree.root)[4:]
    return View(
        f"tree-{slug_part}",
        title,
        "tree",
        nodes,
        edges,
        _legend(sorted(set(kinds), key=list(NODE_STYLES).index), rels),
        _options(False, len(nodes), hierarchical=True),
        description=desc,
        physics=False,
    )


# -- (3) bodies × measures ----------------------------------------------------------------------


def bodies_measures_view(g: nx.MultiDiGraph, urls: dict[str, str]) -> View:
    pairs = [(u, v, a) for u, v, k, a in g.edges(keys=True, data=True) if k == "assigned"]
    weight_of: Counter[str] = Counter()
    for u, v, a in pairs:
        weight_of[u] += a.get("weight", 1)
        weight_of[v] += a.get("weight", 1)
    bodies = sorted({u for u, _, _ in pairs}, key=lambda n: (-weight_of[n], str(g.nodes[n].get("label")), n))
    measures = sorted(
        {v for _, v, _ in pairs}, key=lambda n: (-weight_of[n], str(g.nodes[n].get("label")), n)
    )
    ids = {n: i for i, n in enumerate(bodies + measures)}
    gap = 46.0
    nodes = []
    for col, members in ((0, bodies), (1, measures)):
        offset = (len(members) - 1) * gap / 2
        for i, n in enumerate(members):
            a = g.nodes[n]
            label = _short(a.get("label", ""), 50)
            tip = [*node_tip(g, n), ["Tổng số lần giao", str(weight_of[n])]]
            nodes.append(
                _vis_node(
                    ids[n],
                    _style_key(a),
                    label,
                    big=False,
                    x=col * 900.0,
                    y=round(i * gap - offset, 1),
                    tip=tip,
                    search=_search_text(a),
                    value=weight_of[n],
                )
            )
    edges = []
    for u, v, a in sorted(pairs, key=lambda p: (ids[p[0]], ids[p[1]])):
        docs = a.get("docs", [])
        numbers = [str(g.nodes[d].get("number") or g.nodes[d].get("label")) for d in docs[:8]]
        extra = [("Văn bản", ", ".join(numbers) + (" …" if len(docs) > 8 else ""))] if docs else []
        e = _vis_edge(len(edges), ids[u], ids[v], a, big=False, tip_extra=extra)
        e["value"] = a.get("weight", 1)
        if a.get("weight", 1) > 1:
            e["label"] = str(a["weight"])
        edges.append(e)
    opts = _options(False, len(nodes))
    opts["nodes"]["shape"] = "box"
    desc = (
        f"{len(bodies)} cơ quan, {len(measures)} biện pháp, "
        f"{sum(a.get('weight', 1) for *_, a in pairs)} lần giao."
        if pairs
        else "Đồ thị chưa có biện pháp nào được giao cho cơ quan cụ thể."
    )
    return View(
        "bodies-measures.html",
        "Cơ quan × biện pháp: ai được giao làm gì",
        "bodies-measures",
        nodes,
        edges,
        _legend(["organisation", "measure"], ["assigned"]),
        opts,
        description=desc,
        physics=False,
    )


# -- (4) the whole corpus -----------------------------------------------------------------------


def _filter_attrs(g: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    a = g.nodes[n]
    t = a["type"]
    out: dict[str, Any] = {}
    if a.get("province") and t in {"document", "organisation", "person", "doc-group", "org-group"}:
        out["f_prov"] = a["province"]
    if t in {"document", "doc-group"} and a.get("year"):
        out["f_year"] = str(a["year"])
    if t == "measure":
        out["f_meas"] = [a.get("code")]
    elif t in {"document", "doc-group"}:
        out["f_meas"] = sorted(
            {str(g.nodes[m].get("code")) for _, m, k in g.out_edges(n, keys=True) if k == "prescribes"}
        )
    elif t in {"organisation", "org-group"}:
        codes = sorted(
            {str(g.nodes[m].get("code")) for _, m, k in g.out_edges(n, keys=True) if k == "assigned"}
        )
        if codes:
            out["f_meas"] = codes
    return out


def corpus_view(
    g: nx.MultiDiGraph,
    urls: dict[str, str],
    *,
    file: str = "corpus.html",
    title: str = "Toàn bộ đồ thị",
    kind: str = "corpus",
    threshold: int = LAYOUT_THRESHOLD,
) -> View:
    order = sorted(g.nodes, key=lambda n: (g.nodes[n]["type"], str(g.nodes[n].get("label")), n))
    ids = {n: i for i, n in enumerate(order)}
    big = len(order) > threshold
    pos: dict[Any, tuple[float, float]] = {}
    if big:
        group = {n: str(g.nodes[n].get("province") or "") for n in order}
        for n in order:  # persons and measures: with the group of their first neighbour that has one
            if not group[n]:
                for m in (*g.predecessors(n), *g.successors(n)):
                    if group.get(m) and g.nodes[n]["type"] != "measure":
                        group[n] = group[m]
                        break
        pos = grouped_layout(order, ((u, v) for u, v in g.edges()), group)
    nodes = []
    for n in order:
        a = g.nodes[n]
        label = str(a.get("label")) if a["type"] == "document" else _short(a.get("label", ""), 36)
        extra: dict[str, Any] = {
            "tip": node_tip(g, n) + a.get("extra_tip", []),
            "search": _search_text(a, _issuer(g, n) if a["type"] == "document" else None),
            "url": urls.get(n),
        }
        if big:
            extra["x"], extra["y"] = pos[n]
        if a.get("count"):
            extra["value"] = a["count"]
        extra.update(_filter_attrs(g, n))
        nodes.append(_vis_node(ids[n], _style_key(a), label, big=big, **extra))
    edges = []
    rels = []
    for u, v, k, a in sorted(g.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])):
        edges.append(_vis_edge(len(edges), ids[u], ids[v], a, big=big))
        rels.append(k)
    kinds = [k for k in NODE_STYLES if any(g.nodes[n]["type"] == k for n in order)]
    provinces = sorted(
        {str(x["f_prov"]) for x in nodes if x.get("f_prov")}, key=lambda p: (p != CENTRAL, fold(p))
    )
    years = sorted({str(x["f_year"]) for x in nodes if x.get("f_year")})
    measures = sorted(
        {
            (str(g.nodes[n].get("code")), str(g.nodes[n].get("label")))
            for n in order
            if g.nodes[n]["type"] == "measure"
        },
        key=lambda m: fold(m[1]),
    )
    filters = {
        "types": [[k, NODE_STYLES[k]["label"]] for k in kinds],
        "provinces": provinces,
        "years": years,
        "measures": [list(m) for m in measures],
    }
    physics = not big
    desc = f"{len(nodes)} nút, {len(edges)} cạnh" + (
        f"; trên {threshold} nút: bố cục tính sẵn theo tỉnh, không mô phỏng vật lý." if big else "."
    )
    return View(
        file,
        title,
        kind,
        nodes,
        edges,
        _legend(kinds, sorted(set(rels), key=list(REL_STYLES).index)),
        _options(physics, len(nodes)),
        filters=filters,
        description=desc,
        physics=physics,
    )


def aggregate(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Documents grouped by province and year, bodies and signatories by province; measures kept."""
    group: dict[str, str] = {}
    h = nx.MultiDiGraph()
    members: dict[str, list[str]] = defaultdict(list)
    for n, a in g.nodes(data=True):
        prov = a.get("province") or "Không rõ địa bàn"
        if a["type"] == "document":
            key = f"docs:{prov}:{a.get('year') or 'nd'}"
            if key not in h:
                h.add_node(key, type="doc-group", province=a.get("province"), year=a.get("year"), label="")
        elif a["type"] in {"organisation", "person"}:
            key = f"orgs:{prov}"
            if key not in h:
                h.add_node(key, type="org-group", province=a.get("province"), label="")
        else:
            key = n
            h.add_node(key, **a)
        group[n] = key
        members[key].append(n)
    for key, ms in members.items():
        a = h.nodes[key]
        if a["type"] == "doc-group":
            a["count"] = len(ms)
            a["label"] = (
                f"{a.get('province') or 'Không rõ địa bàn'} · {a.get('year') or 'không rõ năm'} "
                f"({len(ms)} văn bản)"
            )
            nums = sorted(str(g.nodes[m].get("number") or g.nodes[m].get("label")) for m in ms)
            a["extra_tip"] = [["Văn bản", ", ".join(nums[:20]) + (" …" if len(nums) > 20 else "")]]
        elif a["type"] == "org-group":
            a["count"] = len(ms)
            a["label"] = f"Cơ quan · {a.get('province') or 'không rõ địa bàn'} ({len(ms)})"
            names = sorted(str(g.nodes[m].get("label")) for m in ms)
            a["extra_tip"] = [["Gồm", "; ".join(names[:15]) + (" …" if len(names) > 15 else "")]]
    weights: Counter[tuple[str, str, str]] = Counter()
    for u, v, k, a in g.edges(keys=True, data=True):
        gu, gv = group[u], group[v]
        if gu != gv:
            weights[(gu, gv, k)] += a.get("weight", 1)
    for (gu, gv, k), w in sorted(weights.items()):
        h.add_edge(gu, gv, key=k, rel=k, weight=w)
    return h


# -- writing ------------------------------------------------------------------------------------


def write_views(
    out_dir: str | Path,
    g: nx.MultiDiGraph,
    *,
    store: Store | None = None,
    docs: Sequence[str] = (),
    central: Sequence[str] = (),
    max_nodes: int = DEFAULT_MAX_NODES,
    threshold: int = LAYOUT_THRESHOLD,
    document_views: bool = True,
    stores: Sequence[str | Path | None] = (),
) -> list[View]:
    """Write every view into ``out_dir`` (created) plus ``index.html`` and ``views.json``.

    ``docs``: numbers or IRIs of the documents that get a view (default: every document); ``central``:
    the roots of implementation trees (default: every central document something implements);
    ``max_nodes``: a corpus larger than that is written aggregated only. Each file is written whole
    or not at all and replaces a symbolic link of its name instead of writing through it; ``out_dir``
    may not lie in a store directory (``stores``, :mod:`kg.outfile`).
    """
    out = prepare_folder(out_dir, stores)
    all_docs = sorted(n for n, a in g.nodes(data=True) if a["type"] == "document")
    chosen = resolve_documents(g, docs) if docs else (all_docs if document_views else [])
    urls = {d: doc_file(d) for d in chosen}
    if central:
        roots = resolve_documents(g, central)
    else:
        roots = [
            d
            for d in all_docs
            if g.nodes[d].get("level") == "central"
            and any(k in IMPLEMENTING for _, _, k in g.in_edges(d, keys=True))
        ]
    views: list[View] = []
    for d in chosen:
        views.append(document_view(g, d, urls))
    for r in roots:
        tree = tree_from_store(store, r) if store is not None else tree_from_graph(g, r)
        views.append(tree_view(tree, urls))
    views.append(bodies_measures_view(g, urls))
    note = ""
    if g.number_of_nodes() <= max_nodes:
        views.append(corpus_view(g, urls, threshold=threshold))
        agg_file = "corpus-aggregated.html"
    else:
        note = (
            f"Đồ thị có {g.number_of_nodes()} nút, hơn giới hạn {max_nodes}: chỉ có bản gộp theo tỉnh, năm."
        )
        agg_file = "corpus.html"
    views.append(
        corpus_view(
            aggregate(g),
            {},
            file=agg_file,
            title="Toàn bộ đồ thị, gộp theo tỉnh và năm",
            kind="corpus-aggregated",
            threshold=threshold,
        )
    )

    def write(name: str, text: str) -> None:
        with atomic_output(out / name, "w", stores=stores, encoding="utf-8") as fh:
            fh.write(text)

    for v in views:
        write(v.file, render_view(v))
    write("index.html", render_index(views, note))
    manifest = {"views": [v.summary() for v in views], "threshold": threshold, "max_nodes": max_nodes}
    write("views.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return views
