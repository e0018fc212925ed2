"""Implementation chains: which documents implement a document (down to any depth) and what it implements
(up to the centre), with issuer, level, date and the lag in days from the implemented document.

Everything is read through SPARQL 1.1 property paths (``(vnkg:implements|vnkg:basedOn)*``), so a trace
gives the same tree on the embedded store and on any SPARQL endpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.resolve import aliases, canonical
from kg.store.base import Store, iri, literal, term_to_sparql
from kg.text import fold

__all__ = ["Node", "Trace", "find_documents", "to_dot", "to_text", "trace"]

VNKG = "https://w3id.org/vnkg/ontology#"
RELATIONS = {"implements": f"{VNKG}implements", "based_on": f"{VNKG}basedOn"}

_PREFIXES = """PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# One UNION branch per field: joined, the union default graph's repeated facts would multiply rows.
_NODE_FIELDS = {
    "number": "?d eli:id_local ?v",
    "date": "?d eli:date_document ?v",
    "type": '?d eli:type_document/skos:prefLabel ?v FILTER(LANG(?v) = "vi")',
    # An organisation's label is repeated in every graph that mentions it (thousands for a central
    # body): join it inside each graph that states the document's issuer, not over the union.
    "issuer": 'GRAPH ?g { ?d eli:passed_by ?o . ?o skos:prefLabel ?v } FILTER(LANG(?v) = "vi")',
    "doclevel": "?d vnkg:level/skos:notation ?v",
    "orglevel": "GRAPH ?g { ?d eli:passed_by ?o . ?o vnkg:level ?l } ?l skos:notation ?v",
    "jurisdiction": "?d vnkg:jurisdictionKey ?v",
    "source": "?d vnkg:hasSourceText/vnkg:sourcePath ?v",
    # A document's facts as its own file gives them win over what citing texts say about it (its
    # jurisdiction is in its IRI: every text gives the same).
    "own:number": "GRAPH ?g { ?d vnkg:hasSourceText ?s ; eli:id_local ?v }",
    "own:date": "GRAPH ?g { ?d vnkg:hasSourceText ?s ; eli:date_document ?v }",
    "own:type": (
        "GRAPH ?g { ?d vnkg:hasSourceText ?s ; eli:type_document ?t } "
        '?t skos:prefLabel ?v FILTER(LANG(?v) = "vi")'
    ),
    "own:issuer": (
        "GRAPH ?g { ?d vnkg:hasSourceText ?s ; eli:passed_by ?o . ?o skos:prefLabel ?v } "
        'FILTER(LANG(?v) = "vi")'
    ),
    "own:doclevel": "GRAPH ?g { ?d vnkg:hasSourceText ?s ; vnkg:level ?l } ?l skos:notation ?v",
}


# The lag of each link (vnkg:lagDays of its citations: kg.resolve defines it), read, never computed here.
_LAGS = """SELECT DISTINCT ?child ?parent ?lag WHERE {
  VALUES ?child { %s }
  ?cit vnkg:citingDocument ?child ; vnkg:citedDocument ?parent ; vnkg:lagDays ?lag ; vnkg:relation ?rel .
  FILTER(?rel IN (vnkg:implements, vnkg:basedOn))
}"""


@dataclass
class Node:
    iri: str
    number: str | None = None
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    jurisdiction: str | None = None
    source: str | None = None  # the corpus file, when the document is in the corpus
    relation: str | None = None  # how this node relates to its parent in the tree
    lag_days: int | None = None  # days from the document it implements
    children: list[Node] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "number": self.number,
            "type": self.type,
            "date": self.date,
            "issuer": self.issuer,
            "level": self.level,
            "jurisdiction": self.jurisdiction,
            "source": self.source,
            "relation": self.relation,
            "lag_days": self.lag_days,
            "children": [c.to_json() for c in self.children],
        }


@dataclass
class Trace:
    root: Node  # with ``children``: the documents implementing it, recursively
    above: list[Node]  # what it implements, nearest first, up to the centre (a chain per parent)

    def to_json(self) -> dict[str, Any]:
        return {"root": self.root.to_json(), "above": [n.to_json() for n in self.above]}


def _path(relations: tuple[str, ...]) -> str:
    return "|".join(f"<{RELATIONS[r]}>" for r in relations)


def _rel_values(relations: tuple[str, ...]) -> str:
    return ", ".join(f"<{RELATIONS[r]}>" for r in relations)


def normalise_number(text: str) -> str:
    s = re.sub(r"(?i)^\s*số\s*:?\s*", "", text.strip())
    return re.sub(r"\s+", "", s)


def find_documents(store: Store, number_or_iri: str) -> list[str]:
    """Documents with this number (any issuer, any year) or the IRI itself.

    The number is matched on ``vnkg:numberKey`` (the number folded: case and diacritics ignored, so
    "11/qd-ubnd" finds "11/QĐ-UBND"): one index lookup, not a scan of every number in the store.
    """
    if re.match(r"https?://", number_or_iri):
        return [canonical(aliases(store), iri(number_or_iri).value)]
    q = (
        _PREFIXES
        + """SELECT DISTINCT ?d WHERE {
  ?d vnkg:numberKey ?n .
  FILTER NOT EXISTS { ?d <http://www.w3.org/2002/07/owl#sameAs> ?resolved }
} ORDER BY ?d"""
    )
    res = store.query(q, {"n": literal(fold(normalise_number(number_or_iri)))})
    return [v for v in res.column("d") if v]


def _nodes(store: Store, iris: set[str]) -> dict[str, Node]:
    """The fields of these documents: first what their own files give (one UNION branch per field,
    each with its own VALUES block, so no branch is evaluated for the whole corpus and repeated facts
    never multiply rows), then, for the fields still missing (documents cited only), what the citing
    texts give."""
    fields: dict[str, dict[str, str]] = {d: {} for d in iris}
    first = {k: v for k, v in _NODE_FIELDS.items() if k.startswith("own:") or k in {"source", "jurisdiction"}}
    _read_fields(store, {name: sorted(iris) for name in first}, fields)
    later: dict[str, list[str]] = {}
    for name in ("number", "date", "type", "issuer", "doclevel"):
        later[name] = sorted(d for d, f in fields.items() if "own:" + name not in f)
    later["orglevel"] = sorted(d for d, f in fields.items() if "own:doclevel" not in f)
    _read_fields(store, later, fields)
    return {
        d: Node(
            iri=d,
            number=_field(f, "number"),
            type=_field(f, "type"),
            date=_field(f, "date"),
            issuer=_field(f, "issuer"),
            level=_field(f, "doclevel") or f.get("orglevel"),
            jurisdiction=f.get("jurisdiction"),  # in the IRI: every text gives the same
            source=f.get("source"),
        )
        for d, f in fields.items()
    }


def _read_fields(store: Store, wanted: dict[str, list[str]], fields: dict[str, dict[str, str]]) -> None:
    """Fill ``fields`` with the named fields of the listed documents, in one query."""
    branches = []
    for name, docs in wanted.items():
        if docs:
            values = " ".join(term_to_sparql(iri(d)) for d in docs)
            branches.append(f'{{ VALUES ?d {{ {values} }} {_NODE_FIELDS[name]} BIND("{name}" AS ?f) }}')
    if not branches:
        return
    res = store.query(
        _PREFIXES + "SELECT DISTINCT ?d ?f ?v WHERE {\n  " + "\n  UNION\n  ".join(branches) + "\n}"
    )
    for d, f, v in res.rows:
        if d is None or f is None or v is None or d.value not in fields:
            continue
        got = fields[d.value]
        # The smallest value wins: deterministic on every store whatever the row order.
        if f.value not in got or v.value < got[f.value]:
            got[f.value] = v.value


def _field(fields: dict[str, str], name: str) -> str | None:
    """The value the document's own file gives, else the smallest any text gives."""
    return fields.get("own:" + name) or fields.get(name)


def _edges(store: Store, root: str, direction: str, relations: tuple[str, ...]) -> list[tuple[str, str, str]]:
    path = _path(relations)
    # One branch per relation with a fixed predicate: a variable predicate makes engines scan every triple.
    # The root is bound inside each branch: Oxigraph evaluates UNION branches on their own, so a root
    # bound outside would come too late (every document's chain first), and a constant in the path is
    # planned worse than a VALUES binding (160 ms against 1 ms at 10,000 documents).
    values = f"VALUES ?root {{ {term_to_sparql(iri(root))} }}"
    branches = []
    for r in relations:
        edge = f'?child <{RELATIONS[r]}> ?parent . BIND("{r}" AS ?rel)'
        if direction == "below":
            branches.append(f"{{ {values} ?parent ({path})* ?root . {edge} }}")
        else:
            branches.append(f"{{ {values} ?root ({path})* ?child . {edge} }}")
    q = _PREFIXES + "SELECT DISTINCT ?child ?rel ?parent WHERE {\n  " + "\n  UNION\n  ".join(branches) + "\n}"
    res = store.query(q)
    return [
        (c.value, r.value, p.value)
        for c, r, p in res.rows
        if c is not None and r is not None and p is not None
    ]


def _links(
    edges: list[tuple[str, str, str]], mapping: dict[str, str], relations: tuple[str, ...]
) -> list[tuple[str, str, str]]:
    """One link per pair of documents: aliases read as their dated document, and the most specific
    relation of the pair (implements before based_on), as every reader counts links."""
    best: dict[tuple[str, str], str] = {}
    for c, r, p in edges:
        child, parent = canonical(mapping, c), canonical(mapping, p)
        if child == parent:
            continue
        cur = best.get((child, parent))
        if cur is None or relations.index(r) < relations.index(cur):
            best[(child, parent)] = r
    return sorted((c, r, p) for (c, p), r in best.items())


def _link_lags(store: Store, mapping: dict[str, str], children: set[str]) -> dict[tuple[str, str], int]:
    """(child, parent) → the link's lag in days: the smallest vnkg:lagDays of its citations."""
    out: dict[tuple[str, str], int] = {}
    # Aliases are asked for too: a citation keeps the undated node as its citing document.
    ask = sorted(children | {a for a, b in mapping.items() if b in children})
    for i in range(0, len(ask), 500):
        values = " ".join(term_to_sparql(iri(d)) for d in ask[i : i + 500])
        for c, p, lag in store.query(_PREFIXES + _LAGS % values).rows:
            if c is None or p is None or lag is None:
                continue
            key = (canonical(mapping, c.value), canonical(mapping, p.value))
            try:
                days = int(lag.value)
            except ValueError:
                continue
            if key not in out or days < out[key]:
                out[key] = days
    return out


def _sort_key(n: Node) -> tuple[str, str, str]:
    return (n.date or "9999", n.number or "", n.iri)


def trace(store: Store, root: str, relations: tuple[str, ...] = ("implements", "based_on")) -> Trace:
    """The tree below ``root`` (documents implementing it) and the chains above it.

    Documents cited without a date and resolved to their dated namesake (:mod:`kg.resolve`) are that
    document: each document appears once under each document it implements, and each link carries
    its lag as the graph states it (``vnkg:lagDays``).
    """
    for r in relations:
        if r not in RELATIONS:
            raise ValueError(f"unknown relation {r!r}; choose from {', '.join(RELATIONS)}")
    relations = tuple(r for r in RELATIONS if r in relations)  # most specific first
    mapping = aliases(store)
    root = canonical(mapping, root)
    below = _links(_edges(store, root, "below", relations), mapping, relations)
    above = _links(_edges(store, root, "above", relations), mapping, relations)
    nodes = _nodes(store, {root} | {x for c, _, p in below + above for x in (c, p)})
    lags = _link_lags(store, mapping, {c for c, _, _ in below + above})
    tree = _build_tree(root, nodes, below, lags, upward=False)
    up = _build_tree(root, nodes, above, lags, upward=True)
    return Trace(tree, up.children)


def _build_tree(
    root: str,
    nodes: dict[str, Node],
    edges: list[tuple[str, str, str]],
    lags: dict[tuple[str, str], int],
    upward: bool,
) -> Node:
    """A tree from edges (child, relation, parent); a document reached twice is shown under each parent."""
    kids: dict[str, list[tuple[str, str]]] = {}
    for child, rel, parent in edges:
        if upward:
            kids.setdefault(child, []).append((parent, rel))
        else:
            kids.setdefault(parent, []).append((child, rel))

    def copy(n: Node) -> Node:
        return Node(n.iri, n.number, n.type, n.date, n.issuer, n.level, n.jurisdiction, n.source)

    def grow(at: str, path: frozenset[str]) -> Node:
        node = copy(nodes.get(at) or Node(at))
        for other, rel in kids.get(at, []):
            if other in path:  # a citation cycle: stop
                continue
            sub = grow(other, path | {other})
            sub.relation = rel
            sub.lag_days = lags.get((at, other) if upward else (other, at))
            node.children.append(sub)
        node.children.sort(key=_sort_key)
        return node

    return grow(root, frozenset({root}))


def _label(n: Node) -> str:
    parts = [n.number or "(no number)"]
    if n.type:
        parts.append(n.type)
    if n.date:
        parts.append(n.date)
    who = n.issuer or "?"
    if n.level:
        who += f" [{n.level}]"
    parts.append(who)
    if n.relation:
        lag = f", {n.lag_days:+d} d" if n.lag_days is not None else ""
        parts.append(f"({n.relation}{lag})")
    if n.source:
        parts.append(f"<{n.source}>")
    return "  ".join(parts)


def to_text(t: Trace) -> str:
    lines: list[str] = []

    def walk(n: Node, prefix: str, last: bool, top: bool) -> None:
        lines.append((prefix + ("└── " if last else "├── ") if not top else "") + _label(n))
        kids = n.children
        for i, c in enumerate(kids):
            walk(c, prefix + ("" if top else ("    " if last else "│   ")), i == len(kids) - 1, False)

    if t.above:
        lines.append("implements (up to the centre):")
        for i, n in enumerate(t.above):
            walk(n, "", i == len(t.above) - 1, False)
        lines.append("")
    lines.append("implemented by:" if t.root.children else "implemented by: (no document in the graph)")
    walk(t.root, "", True, True)
    return "\n".join(lines)


def to_dot(traces: Trace | list[Trace]) -> str:
    """Graphviz DOT of one trace, or of several (a number shared by several documents) as one digraph
    with a cluster per document; edges point from the implementing document to what it implements."""
    many = list(traces) if isinstance(traces, list) else [traces]
    out = ["digraph trace {", "  rankdir=BT;", '  node [shape=box, fontname="Helvetica"];']

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace('"', '\\"')

    for k, t in enumerate(many):
        indent = "    " if len(many) > 1 else "  "
        if len(many) > 1:
            title = " ".join(x for x in (t.root.number, t.root.issuer, t.root.date) if x) or t.root.iri
            out.append(f"  subgraph cluster_{k} {{")
            out.append(f'{indent}label="{esc(title)}";')
        out.extend(_dot_body(t, f"t{k}_" if len(many) > 1 else "", indent, esc))
        if len(many) > 1:
            out.append("  }")
    out.append("}")
    return "\n".join(out)


def _dot_body(t: Trace, prefix: str, indent: str, esc: Any) -> list[str]:
    seen: dict[str, str] = {}
    out: list[str] = []

    def node_id(n: Node) -> str:
        if n.iri not in seen:
            seen[n.iri] = f"{prefix}n{len(seen)}"
            label = "\\n".join(esc(x) for x in (n.number or "(no number)", n.issuer or "", n.date or "") if x)
            out.append(f'{indent}{seen[n.iri]} [label="{label}"];')
        return seen[n.iri]

    def down(n: Node) -> None:
        for c in n.children:
            lag = c.lag_days if c.lag_days is not None else ""
            out.append(f'{indent}{node_id(c)} -> {node_id(n)} [label="{esc(c.relation or "")} {lag}"];')
            down(c)

    def up(child: Node, n: Node) -> None:
        lag = n.lag_days if n.lag_days is not None else ""
        out.append(f'{indent}{node_id(child)} -> {node_id(n)} [label="{esc(n.relation or "")} {lag}"];')
        for p in n.children:
            up(n, p)

    node_id(t.root)
    down(t.root)
    for p in t.above:
        up(t.root, p)
    return out
