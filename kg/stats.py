"""Network analytics of the graph (``kg stats``), computed with networkx on :func:`kg.netgraph.load_graph`.

Sections (each a list of rows with the same keys, so that they print as tables, JSON or CSV):

- ``widest_implementation``: central documents by the number of documents implementing them,
  transitively (``implements`` or ``based_on`` chains), with the provinces those are in and the depth;
- ``lag``: days from a document to the corpus document that implements it (``implements``) or is based
  on it (``based_on``), reported apart, per relation and level of the citing document (links, min,
  median, max): the links' ``vnkg:lagDays`` (:mod:`kg.resolve`), the rows ``kg query lag-per-level``
  gives;
- ``most_tasked_bodies``: bodies by the number of documents that task them or assign them measures;
- ``signatories``: who signed, under which posts, how many documents, first and last date (the
  ``limit`` most active);
- ``measure_cooccurrence``: pairs of measures prescribed in the same document, by count.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

__all__ = ["SECTIONS", "compute_stats"]

IMPLEMENTING = ("implements", "based_on")
SECTIONS = (
    "widest_implementation",
    "lag",
    "most_tasked_bodies",
    "signatories",
    "measure_cooccurrence",
)


def _label(g: nx.MultiDiGraph, n: str) -> str:
    a = g.nodes[n]
    return str(a.get("number") or a.get("label") or n)


def _issuer(g: nx.MultiDiGraph, d: str) -> str | None:
    for _, o, k in g.out_edges(d, keys=True):
        if k == "issued_by":
            return str(g.nodes[o].get("label"))
    return None


def _impl_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """``a → b`` when document a implements (or is based on) document b."""
    h = nx.DiGraph()
    h.add_nodes_from(n for n, a in g.nodes(data=True) if a["type"] == "document")
    h.add_edges_from((u, v) for u, v, k in g.edges(keys=True) if k in IMPLEMENTING)
    return h


def widest_implementation(g: nx.MultiDiGraph, limit: int = 20) -> list[dict[str, Any]]:
    h = _impl_graph(g)
    rows = []
    for d in h.nodes:
        a = g.nodes[d]
        if a.get("level") != "central":
            continue
        below = nx.ancestors(h, d)  # every document with a chain of implements to d
        if not below:
            continue
        lengths = nx.single_source_shortest_path_length(h.reverse(copy=False), d)
        provinces = {g.nodes[x].get("province") for x in below} - {None, "Trung ương"}
        rows.append(
            {
                "document": _label(g, d),
                "issuer": _issuer(g, d),
                "date": a.get("date"),
                "implementing_documents": len(below),
                "direct": h.in_degree(d),
                "provinces": len(provinces),
                "depth": max(lengths.values()),
                "province_names": sorted(provinces),
            }
        )
    rows.sort(key=lambda r: (-r["implementing_documents"], -r["provinces"], r["document"]))
    return rows[:limit]


LEVEL_ORDER = {"central": 0, "province": 1, "district": 2, "commune": 3}


def _lag_order(relation: str, level: str) -> tuple[int, int, str]:
    return (IMPLEMENTING.index(relation), LEVEL_ORDER.get(level, 9), level)


def lag(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Lag statistics per relation (implements, based_on) and level of the citing corpus document."""
    lags: dict[tuple[str, str], list[int]] = defaultdict(list)
    for u, _, k, a in g.edges(keys=True, data=True):
        if k not in IMPLEMENTING or a.get("lag_days") is None or not g.nodes[u].get("source"):
            continue
        lags[(k, g.nodes[u].get("level") or "unknown")].append(int(a["lag_days"]))
    return [
        {
            "relation": rel,
            "level": level,
            "links": len(v),
            "min_days": min(v),
            "median_days": statistics.median(v),
            "max_days": max(v),
        }
        for (rel, level), v in sorted(
            lags.items(),
            key=lambda kv: (IMPLEMENTING.index(kv[0][0]), LEVEL_ORDER.get(kv[0][1], 9), kv[0][1]),
        )
    ]


def most_tasked_bodies(g: nx.MultiDiGraph, limit: int = 20) -> list[dict[str, Any]]:
    docs: dict[str, set[str]] = defaultdict(set)
    measures: dict[str, Counter[str]] = defaultdict(Counter)
    for u, v, k, a in g.edges(keys=True, data=True):
        if k == "tasks":
            docs[v].add(u)
        elif k == "assigned":
            docs[u].update(a.get("docs", []))
            measures[u][str(g.nodes[v].get("code"))] += a.get("weight", 1)
    rows = [
        {
            "body": str(g.nodes[o].get("label")),
            "province": g.nodes[o].get("province"),
            "documents": len(ds),
            "measure_assignments": sum(measures[o].values()),
            "top_measures": [m for m, _ in sorted(measures[o].items(), key=lambda kv: (-kv[1], kv[0]))[:3]],
        }
        for o, ds in docs.items()
    ]
    rows.sort(key=lambda r: (-r["documents"], -r["measure_assignments"], r["body"]))
    return rows[:limit]


def signatories(g: nx.MultiDiGraph, limit: int | None = None) -> list[dict[str, Any]]:
    rows = []
    for p, a in g.nodes(data=True):
        if a["type"] != "person":
            continue
        signed = sorted(
            (g.nodes[d].get("date") or "", d) for d, _, k in g.in_edges(p, keys=True) if k == "signed_by"
        )
        if not signed:
            continue
        dates = [x for x, _ in signed if x]
        rows.append(
            {
                "signatory": str(a.get("label")),
                "posts": list(a.get("posts") or []),
                "province": a.get("province"),
                "documents": len(signed),
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
                "issuers": sorted({i for _, d in signed if (i := _issuer(g, d))}),
            }
        )
    rows.sort(key=lambda r: (-r["documents"], r["first"] or "", r["signatory"]))
    return rows if limit is None else rows[:limit]


def measure_cooccurrence(g: nx.MultiDiGraph, limit: int = 30) -> list[dict[str, Any]]:
    pairs: Counter[tuple[str, str]] = Counter()
    labels: dict[str, str] = {}
    for d, a in g.nodes(data=True):
        if a["type"] != "document":
            continue
        codes = sorted(
            {str(g.nodes[m].get("code")) for _, m, k in g.out_edges(d, keys=True) if k == "prescribes"}
        )
        for m in (m for _, m, k in g.out_edges(d, keys=True) if k == "prescribes"):
            labels[str(g.nodes[m].get("code"))] = str(g.nodes[m].get("label"))
        pairs.update(combinations(codes, 2))
    rows = [
        {"measure_a": a, "measure_b": b, "documents": n, "label_a": labels.get(a), "label_b": labels.get(b)}
        for (a, b), n in pairs.items()
    ]
    rows.sort(key=lambda r: (-r["documents"], r["measure_a"], r["measure_b"]))
    return rows[:limit]


def compute_stats(g: nx.MultiDiGraph, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    return {
        "widest_implementation": widest_implementation(g, limit),
        "lag": lag(g),
        "most_tasked_bodies": most_tasked_bodies(g, limit),
        "signatories": signatories(g, limit),
        "measure_cooccurrence": measure_cooccurrence(g, limit),
    }
