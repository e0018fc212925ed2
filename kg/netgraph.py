"""The knowledge graph as a networkx graph (SPARQL → ``nx.MultiDiGraph``) and its export to GraphML,
GEXF and CSV for Gephi, Cytoscape or a spreadsheet.

Nodes are keyed by IRI and carry ``type`` (one of :data:`NODE_TYPES`), ``label`` (Vietnamese), and
per type: documents ``number``, ``doctype``, ``title``, ``date``, ``year``, ``level``
(central/province/district/commune), ``jurisdiction`` (key such as ``can-tho`` or ``vn``),
``province`` (display name; ``Trung ương`` for national bodies), ``source`` (corpus file), ``issuer``;
organisations ``level``, ``province``; persons ``posts``; measures ``code``, ``label_en``.

Edges are keyed by relation (:data:`EDGE_RELATIONS`) and carry ``evidence`` (the sentence that states
the fact, when the graph has one), ``source`` (the file it was read from) and ``weight`` (how many
times: a document prescribing a measure in three clauses has weight 3). Measure assignments are
edges ``organisation --assigned--> measure`` with ``weight`` = number of measure instances and
``docs`` = the documents that gave them. Links between documents (one per pair, its most specific
relation) that implement or are based on another carry ``lag_days``, the graph's ``vnkg:lagDays``.

One node per document: a document cited without a date and resolved to its dated namesake
(:mod:`kg.resolve`) is read as that document, and a document's facts come from its own file first.

Everything is read with a handful of ``SELECT DISTINCT`` queries over the union of the named graphs,
so it works the same on the embedded store and on a SPARQL endpoint.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.rdf import quote_sparql
from kg.resolve import aliases, canonical
from kg.store.base import Store, Term

__all__ = [
    "DOC_RELATIONS",
    "EDGE_RELATIONS",
    "NETWORK_FORMATS",
    "NODE_TYPES",
    "export_network",
    "load_graph",
    "province_name",
]

VNKG = "https://w3id.org/vnkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
MEASURE_NS = "https://w3id.org/vnkg/measure/"

PREFIXES = """PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

NODE_TYPES = ("document", "organisation", "person", "measure")
# Links that carry a lag (``lag_days`` on the edge): a document carrying out, or based on, another.
LAG_RELATIONS = ("implements", "based_on")

# document → document relations, most specific first (a pair keeps only its most specific relation)
DOC_RELATIONS = {
    f"{VNKG}implements": "implements",
    f"{VNKG}basedOn": "based_on",
    f"{VNKG}approves": "approves",
    f"{ELI}cites": "cites",
}
_DOC_ORG = {
    f"{ELI}passed_by": "issued_by",
    f"{VNKG}addressedTo": "addressed_to",
    f"{VNKG}copiedTo": "copied_to",
    f"{VNKG}tasks": "tasks",
    f"{VNKG}followsDirectionsOf": "follows_directions_of",
}
EDGE_RELATIONS = (
    *DOC_RELATIONS.values(),
    *_DOC_ORG.values(),
    "signed_by",
    "prescribes",
    "assigned",
)
NETWORK_FORMATS = ("graphml", "gexf", "csv")
CENTRAL = "Trung ương"

_SCALARS = {
    f"{ELI}id_local": "number",
    f"{ELI}date_document": "date",
    "http://purl.org/dc/terms/title": "title",
    f"{VNKG}jurisdictionKey": "jurisdiction",
}


def _v(t: Term | None) -> str | None:
    return t.value if t is not None else None


def _rows(store: Store, body: str) -> list[tuple[str | None, ...]]:
    res = store.query(PREFIXES + body)
    return [tuple(_v(t) for t in row) for row in res.rows]


def province_name(jurisdiction: str | None) -> str | None:
    """Display name of a jurisdiction key: ``can-tho`` → ``Cần Thơ``, ``vn`` → ``Trung ương``."""
    if not jurisdiction:
        return None
    head = jurisdiction.split("/", 1)[0]
    if head == "vn":
        return CENTRAL
    try:
        from kg.gazetteer import province_by_slug

        p = province_by_slug(head)
    except Exception:  # the gazetteer is optional for display
        p = None
    return p.name if p is not None else head.replace("-", " ").title()


def _prefer_vi(values: Iterable[tuple[str, str | None]]) -> str | None:
    """The Vietnamese value if there is one, else any, deterministic."""
    vals = sorted(values, key=lambda x: (x[1] != "vi", x[1] or "", x[0]))
    return vals[0][0] if vals else None


def load_graph(store: Store) -> nx.MultiDiGraph:
    """Read documents, organisations, signatories, measures and the links between them."""
    g = nx.MultiDiGraph()
    # Documents cited without a date and resolved to their dated namesake are that document: every
    # IRI read below goes through the mapping (kg.resolve), so each document is one node.
    mapping = aliases(store)

    def c(node: str) -> str:
        return canonical(mapping, node)

    # documents and their scalar facts: those the document's own file gives first, then what citing
    # texts say about it (the only facts of a document outside the corpus)
    docs: dict[str, dict[str, Any]] = {}
    for (d,) in _rows(store, "SELECT DISTINCT ?d WHERE { ?d a eli:LegalResource }"):
        if d and d not in mapping:
            docs[d] = {"type": "document", "iri": d}
    values = " ".join(f"<{p}>" for p in _SCALARS)
    for where in (
        "GRAPH ?g { ?d vnkg:hasSourceText ?s ; ?p ?v }",
        "?d a eli:LegalResource ; ?p ?v",
    ):
        for d, p, v in sorted(
            _rows(store, f"SELECT DISTINCT ?d ?p ?v WHERE {{ VALUES ?p {{ {values} }} {where} }}"),
            key=lambda r: tuple(x or "" for x in r),
        ):
            if d and c(d) in docs and p and v is not None:
                docs[c(d)].setdefault(_SCALARS[p], v)
    for where in (
        "GRAPH ?g { ?d vnkg:hasSourceText ?s ; vnkg:level ?l } ?l skos:notation ?v",
        "?d a eli:LegalResource ; vnkg:level/skos:notation ?v",
    ):
        for d, v in sorted(_rows(store, f"SELECT DISTINCT ?d ?v WHERE {{ {where} }}")):
            if d and c(d) in docs and v:
                docs[c(d)].setdefault("level", v)
    for d, v in sorted(
        _rows(store, "SELECT DISTINCT ?d ?v WHERE { ?d vnkg:hasSourceText/vnkg:sourcePath ?v }")
    ):
        if d in docs and v:
            docs[d].setdefault("source", v)
    for where in (
        "GRAPH ?g { ?d vnkg:hasSourceText ?s ; eli:type_document ?t } ?t skos:prefLabel ?v",
        "?d eli:type_document/skos:prefLabel ?v",
    ):
        types: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        res = store.query(PREFIXES + f"SELECT DISTINCT ?d ?v WHERE {{ {where} }}")
        for row in res.rows:
            if row[0] is not None and row[1] is not None:
                types[c(row[0].value)].append((row[1].value, row[1].lang))
        for d, vals in types.items():
            if d in docs and "doctype" not in docs[d]:
                docs[d]["doctype"] = _prefer_vi(vals)
    for d, a in docs.items():
        if a.get("date"):
            a["year"] = a["date"][:4]
        a["province"] = province_name(a.get("jurisdiction"))
        a["label"] = a.get("number") or (a.get("doctype") or "Văn bản") + (
            f" {a['date']}" if a.get("date") else ""
        )
        g.add_node(d, **{k: v for k, v in a.items() if v is not None})

    # organisations
    labels: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    res = store.query(PREFIXES + "SELECT DISTINCT ?o ?l WHERE { ?o a org:Organization ; skos:prefLabel ?l }")
    for row in res.rows:
        if row[0] is not None and row[1] is not None:
            labels[row[0].value].append((row[1].value, row[1].lang))
    org_level = dict(
        sorted(
            _rows(
                store, "SELECT DISTINCT ?o ?v WHERE { ?o a org:Organization ; vnkg:level/skos:notation ?v }"
            ),
            reverse=True,
        )
    )
    for o, vals in labels.items():
        attrs: dict[str, Any] = {
            "type": "organisation",
            "iri": o,
            "label": _prefer_vi(vals) or o.rsplit("/", 1)[-1],
        }
        if org_level.get(o):
            attrs["level"] = org_level[o]
        g.add_node(o, **attrs)

    # evidence of an organisation's mention, by the document whose text mentions it
    org_ev: dict[tuple[str, str], str] = {}
    for o, d, ex in sorted(
        _rows(
            store,
            """SELECT DISTINCT ?o ?d ?ex WHERE {
  GRAPH ?g { ?o a org:Organization ; vnkg:evidence/oa:hasTarget ?t .
    ?d vnkg:hasSourceText/vnkg:text ?text }
  """
            + quote_sparql()
            + " }",
        ),
        key=lambda r: tuple(x or "" for x in r),
    ):
        if o and d and ex:
            org_ev.setdefault((c(d), o), ex)

    # document → organisation
    values = " ".join(f"<{p}>" for p in _DOC_ORG)
    for d, p, o in sorted(
        _rows(
            store,
            f"SELECT DISTINCT ?d ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?d a eli:LegalResource ; ?p ?o }}",
        ),
        key=lambda r: tuple(x or "" for x in r),
    ):
        if d and c(d) in g and o in g and p:
            d = c(d)
            _edge(g, d, o, _DOC_ORG[p], evidence=org_ev.get((d, o)), source=g.nodes[d].get("source"))

    # document → document (the most specific relation of each pair) with the citation's sentence
    rel_rank = {iri: i for i, iri in enumerate(DOC_RELATIONS)}
    pairs: dict[tuple[str, str], str] = {}
    values = " ".join(f"<{p}>" for p in DOC_RELATIONS)
    for a0, p, b0 in _rows(store, f"SELECT DISTINCT ?a ?p ?b WHERE {{ VALUES ?p {{ {values} }} ?a ?p ?b }}"):
        if not a0 or not b0:
            continue
        a, b = c(a0), c(b0)
        if a in g and b in g and p and a != b:
            cur = pairs.get((a, b))
            if cur is None or rel_rank[p] < rel_rank[cur]:
                pairs[(a, b)] = p
    cite_ev: dict[tuple[str, str], str] = {}
    for a, b, ex in sorted(
        _rows(
            store,
            """SELECT DISTINCT ?a ?b ?ex WHERE {
  GRAPH ?g { ?c a vnkg:Citation ; vnkg:citingDocument ?a ; vnkg:citedDocument ?b ;
     vnkg:evidence/oa:hasTarget ?t . ?a vnkg:hasSourceText/vnkg:text ?text }
  """
            + quote_sparql()
            + " }",
        ),
        key=lambda r: tuple(x or "" for x in r),
    ):
        if a and b and ex:
            cite_ev.setdefault((c(a), c(b)), ex)
    # the lag of each link: the smallest vnkg:lagDays of its citations (kg.resolve defines the lag)
    lags: dict[tuple[str, str], int] = {}
    for a, b, lag in _rows(
        store,
        """SELECT DISTINCT ?a ?b ?lag WHERE { ?c vnkg:citingDocument ?a ; vnkg:citedDocument ?b ;
  vnkg:lagDays ?lag ; vnkg:relation ?r FILTER(?r IN (vnkg:implements, vnkg:basedOn)) }""",
    ):
        if a and b and lag is not None:
            key = (c(a), c(b))
            try:
                lags[key] = min(int(lag), lags.get(key, int(lag)))
            except ValueError:
                continue
    for (a, b), p in sorted(pairs.items()):
        lag_days = lags.get((a, b)) if DOC_RELATIONS[p] in LAG_RELATIONS else None
        _edge(
            g,
            a,
            b,
            DOC_RELATIONS[p],
            evidence=cite_ev.get((a, b)),
            source=g.nodes[a].get("source"),
            lag_days=lag_days,
        )

    # signatories and their posts
    for d, p, name in sorted(
        _rows(store, "SELECT DISTINCT ?d ?p ?n WHERE { ?d vnkg:signedBy ?p . ?p foaf:name ?n }"),
        key=lambda r: tuple(x or "" for x in r),
    ):
        if not d or c(d) not in g or not p or not name:
            continue
        d = c(d)
        if p not in g:
            g.add_node(p, type="person", iri=p, label=name, posts=[])
        _edge(g, d, p, "signed_by", evidence=org_ev.get((d, p)), source=g.nodes[d].get("source"))
    for p, post in sorted(
        _rows(
            store,
            """SELECT DISTINCT ?p ?t WHERE {
  { ?p org:holds/skos:prefLabel ?t } UNION { ?p vnkg:positionTitle ?t } }""",
        ),
        key=lambda r: tuple(x or "" for x in r),
    ):
        if p in g and post and post not in g.nodes[p]["posts"]:
            g.nodes[p]["posts"].append(post)

    # measures: concepts, prescriptions (weighted), assignments
    mlabels: dict[str, dict[str, str]] = defaultdict(dict)
    res = store.query(
        PREFIXES
        + f"SELECT DISTINCT ?m ?l WHERE {{ ?m skos:inScheme <{MEASURE_NS[:-1]}> ; skos:prefLabel ?l }}"
    )
    for row in res.rows:
        if row[0] is not None and row[1] is not None:
            mlabels[row[0].value].setdefault(row[1].lang or "", row[1].value)
    inst = _rows(
        store,
        """SELECT DISTINCT ?d ?mi ?m ?ex WHERE { ?d vnkg:prescribes ?mi . ?mi vnkg:concept ?m .
  OPTIONAL { GRAPH ?g { ?mi vnkg:evidence/oa:hasTarget ?t . ?d vnkg:hasSourceText/vnkg:text ?text }
    """
        + quote_sparql()
        + " } }",
    )
    per_doc: dict[tuple[str, str], set[str]] = defaultdict(set)
    inst_ev: dict[str, str] = {}
    inst_doc: dict[str, tuple[str, str]] = {}
    for d, mi, m, ex in sorted(inst, key=lambda r: tuple(x or "" for x in r)):
        if not d or c(d) not in g or not mi or not m:
            continue
        d = c(d)
        if m not in g:
            lab = mlabels.get(m, {})
            code = m[len(MEASURE_NS) :] if m.startswith(MEASURE_NS) else m.rsplit("/", 1)[-1]
            attrs = {"type": "measure", "iri": m, "code": code, "label": lab.get("vi") or lab.get("") or code}
            if lab.get("en"):
                attrs["label_en"] = lab["en"]
            g.add_node(m, **attrs)
        per_doc[(d, m)].add(mi)
        inst_doc[mi] = (d, m)
        if ex:
            inst_ev.setdefault(mi, ex)
    for (d, m), mis in sorted(per_doc.items()):
        ev = next((inst_ev[x] for x in sorted(mis) if x in inst_ev), None)
        _edge(g, d, m, "prescribes", evidence=ev, source=g.nodes[d].get("source"), weight=len(mis))
    assigned: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mi, o in sorted(
        _rows(store, "SELECT DISTINCT ?mi ?o WHERE { ?mi a vnkg:MeasureInstance ; vnkg:assignedTo ?o }")
    ):
        if mi in inst_doc and o in g:
            assigned[(o, inst_doc[mi][1])].append(mi)
    for (o, m), mis in sorted(assigned.items()):
        docs_of = sorted({inst_doc[x][0] for x in mis})
        ev = next((inst_ev[x] for x in mis if x in inst_ev), None)
        src = g.nodes[docs_of[0]].get("source") if docs_of else None
        _edge(g, o, m, "assigned", evidence=ev, source=src, weight=len(mis), docs=docs_of)

    _org_provinces(g)
    return g


def _edge(g: nx.MultiDiGraph, a: str, b: str, rel: str, **attrs: Any) -> None:
    clean = {k: v for k, v in attrs.items() if v is not None}
    clean.setdefault("weight", 1)
    g.add_edge(a, b, key=rel, rel=rel, **clean)


def _org_provinces(g: nx.MultiDiGraph) -> None:
    """An organisation's province: that of the documents it issued, else of those that name it."""
    for n, a in g.nodes(data=True):
        if a["type"] not in {"organisation", "person"}:
            continue
        issued: Counter[str] = Counter()
        named: Counter[str] = Counter()
        for d, _, k in g.in_edges(n, keys=True):
            prov = g.nodes[d].get("province") if g.nodes[d]["type"] == "document" else None
            if prov:
                (issued if k in {"issued_by", "signed_by"} else named)[prov] += 1
        best = issued or named
        if best:
            a["province"] = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if a["type"] == "organisation" and a.get("level") == "central":
            a["province"] = CENTRAL


# -- export -------------------------------------------------------------------------------------


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are strings or numbers (GraphML/GEXF cannot hold lists)."""
    h = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        h.add_node(
            n, **{k: ("; ".join(map(str, v)) if isinstance(v, list | tuple) else v) for k, v in a.items()}
        )
    for u, v, k, a in g.edges(keys=True, data=True):
        h.add_edge(
            u,
            v,
            key=k,
            **{x: ("; ".join(map(str, y)) if isinstance(y, list | tuple) else y) for x, y in a.items()},
        )
    return h


NODE_COLUMNS = ("id", "type", "label", "label_en", "number", "doctype", "date", "level", "province", "source")
EDGE_COLUMNS = (
    "source_id",
    "target_id",
    "relation",
    "weight",
    "source_label",
    "target_label",
    "evidence",
    "file",
)


def write_csv(g: nx.MultiDiGraph, edges_out: IO[str], nodes_out: IO[str] | None = None) -> None:
    """Edges (one row per edge, with the labels of both ends) and, optionally, nodes."""
    w = csv.writer(edges_out)
    w.writerow(EDGE_COLUMNS)
    for u, v, a in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["rel"])):
        w.writerow(
            [
                u,
                v,
                a["rel"],
                a.get("weight", 1),
                g.nodes[u].get("label"),
                g.nodes[v].get("label"),
                a.get("evidence", ""),
                a.get("source", ""),
            ]
        )
    if nodes_out is not None:
        w = csv.writer(nodes_out)
        w.writerow(NODE_COLUMNS)
        for n, a in sorted(g.nodes(data=True)):
            w.writerow([n, *(a.get(c, "") for c in NODE_COLUMNS[1:])])


def export_network(
    store: Store | nx.MultiDiGraph,
    fmt: str,
    out: str | Path | IO[bytes],
    stores: Iterable[str | Path | None] = (),
) -> list[Path]:
    """Write the network as ``graphml``, ``gexf`` or ``csv``; returns the files written.

    ``out`` is a path or a binary stream. CSV to a path ``X.csv`` writes the edges to ``X.csv`` and
    the nodes to ``X.nodes.csv``; CSV to a stream writes the edges only. Files are written whole or
    not at all, never inside ``stores`` (:func:`kg.outfile.atomic_output`).
    """
    from kg.outfile import atomic_output, check_target

    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown network format {fmt!r}; choose from {', '.join(NETWORK_FORMATS)}")
    if isinstance(out, str | Path):
        check_target(out, stores)
    g = store if isinstance(store, nx.MultiDiGraph) else load_graph(store)
    if fmt == "csv":
        if isinstance(out, str | Path):
            path = Path(out)
            nodes_path = path.with_name(path.stem + ".nodes.csv")
            with (
                atomic_output(path, "w", stores=stores, encoding="utf-8", newline="") as e,
                atomic_output(nodes_path, "w", stores=stores, encoding="utf-8", newline="") as n,
            ):
                write_csv(g, e, n)
            return [path, nodes_path]
        buf = io.StringIO()
        write_csv(g, buf)
        out.write(buf.getvalue().encode("utf-8"))
        return []
    flat = _flat(g)
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    if isinstance(out, str | Path):
        with atomic_output(out, stores=stores) as fh:
            writer(flat, fh)
        return [Path(out)]
    writer(flat, out)
    return []
