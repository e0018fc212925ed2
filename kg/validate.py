"""Checks of what kg produces: a record against its text, and a store against the SHACL shapes.

- :func:`record_problems`: every span of a record lies inside the text and covers the words of the
  value it claims (used by the property tests and ``bench/fuzz.py``).
- :func:`validate_store`: the store's document graphs against ``ontology/shapes.ttl`` (pyshacl) with
  the ontology as background, graph by graph so that memory stays bounded by the largest document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.normalise import normalise
from kg.record import Record
from kg.text import fold

__all__ = [
    "GraphReport",
    "ValidationReport",
    "Violation",
    "iter_spans",
    "record_problems",
    "validate_nquads",
    "validate_store",
]


# -- records ------------------------------------------------------------------------------------
def _plain(s: str) -> str:
    """The slice as the extractor read it (same normalisation: soft hyphens, stars... removed), folded."""
    return fold(normalise(s).text).casefold()


def _alnum(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", _plain(s))


def _words(s: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", _plain(s))


def iter_spans(obj: Any, path: str = "record") -> Iterator[tuple[str, Any, tuple[int, int]]]:
    """``(path, owner, span)`` for every ``span`` of the objects in a record (recursively)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "span" and value is not None:
                yield path, obj, value
            elif f.name != "spans":
                yield from iter_spans(value, f"{path}.{f.name}")
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            nested = isinstance(item, tuple | list) and bool(item) and not isinstance(item[0], int)
            if dataclasses.is_dataclass(item) or nested:
                yield from iter_spans(item, f"{path}[{i}]")


def _check_span(span: Any, n: int) -> str | None:
    if not (isinstance(span, tuple | list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return f"not a (start, end) pair: {span!r}"
    s, e = span
    if not 0 <= s <= e <= n:
        return f"({s}, {e}) outside the text of {n} characters"
    return None


_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})


def _date_ok(value: str, piece: str) -> bool:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return False
    piece = re.sub(r"[*\u200b\u200c\u200d\ufeff\u00ad]", "", piece)  # what normalisation deletes
    ocr = re.sub(r"(?<=\d)\s+(?=\d)", "", piece.translate(_OCR_DIGITS))  # "l8" → 18, "2 4" → 24
    groups = set(re.findall(r"\d+", piece)) | set(re.findall(r"\d+", ocr))
    groups |= {str(int(g)) for g in groups if len(g) <= 2}
    y, mo, d = m.groups()
    return str(int(d)) in groups and str(int(mo)) in groups and (y in groups or y[2:] in groups)


def _covers(value: str, piece: str) -> bool:
    """The value's letters and digits appear, in order and contiguous, in the piece (modulo folding)."""
    v = _alnum(value)
    return not v or v in _alnum(piece)


def _some_word(value: str, piece: str) -> bool:
    words = set(_words(piece))
    return not _words(value) or any(w in words for w in _words(value))


def record_problems(record: Record, text: str) -> list[str]:
    """What is wrong with ``record`` as the extraction of ``text`` (empty list: nothing)."""
    problems: list[str] = []
    n = len(text)
    for name, span in record.spans.items():
        bad = _check_span(span, n)
        if bad:
            problems.append(f"spans[{name}]: {bad}")
            continue
        value = getattr(record, name, None)
        if value is None:
            continue
        piece = text[span[0] : span[1]]
        if name == "number" and not _covers(value, piece):
            problems.append(f"spans[number] {span} = {piece!r} does not hold {value!r}")
        elif name == "date" and not _date_ok(value, piece):
            problems.append(f"spans[date] {span} = {piece!r} does not hold {value!r}")
        elif name in {"place", "title"} and not _some_word(value, piece):
            problems.append(f"spans[{name}] {span} = {piece!r} does not hold {value!r}")
    for path, owner, span in iter_spans(record):
        bad = _check_span(span, n)
        if bad:
            problems.append(f"{path}.span: {bad}")
            continue
        piece = text[span[0] : span[1]]
        number = getattr(owner, "number", None)
        name = getattr(owner, "name", None)
        if isinstance(number, str) and path.startswith("record.citations") and not _covers(number, piece):
            problems.append(f"{path}.span {tuple(span)} = {piece!r} does not hold number {number!r}")
        if isinstance(name, str) and path.startswith(("record.persons", "record.signatory")):
            if not _some_word(name, piece):
                problems.append(f"{path}.span {tuple(span)} = {piece!r} does not hold name {name!r}")
    return problems


# -- SHACL --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    path: str | None
    message: str
    severity: str  # Violation | Warning | Info
    shape: str | None = None
    value: str | None = None


@dataclass
class GraphReport:
    graph: str
    source: str | None
    triples: int
    violations: list[Violation] = field(default_factory=list)


@dataclass
class ValidationReport:
    graphs: list[GraphReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def violations(self) -> list[Violation]:
        return [v for g in self.graphs for v in g.violations if v.severity == "Violation"]

    @property
    def ok(self) -> bool:
        return not self.violations

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.ok,
            "graphs_checked": len(self.graphs),
            "violations": len(self.violations),
            "seconds": round(self.seconds, 3),
            "documents": [
                {
                    "graph": g.graph,
                    "source": g.source,
                    "triples": g.triples,
                    "violations": [dataclasses.asdict(v) for v in g.violations],
                }
                for g in self.graphs
                if g.violations
            ],
        }


@lru_cache(maxsize=1)
def _shapes() -> Any:
    from rdflib import Graph

    from kg.ontology_tools import ontology_path

    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple[Any, ...]:
    from rdflib import Dataset

    from kg.rdf import ontology_nquads

    ds = Dataset()
    ds.parse(data=ontology_nquads(), format="nquads")
    return tuple((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))


_SH = "http://www.w3.org/ns/shacl#"


def validate_nquads(nquads: str, graph: str = "") -> list[Violation]:
    """SHACL results for one document graph (N-Quads or N-Triples text) with the ontology beside it."""
    from pyshacl import validate
    from rdflib import Dataset, Graph, Namespace, URIRef

    sh = Namespace(_SH)
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    for t in _ontology_triples():
        data.add(t)
    out = _undeclared_terms(ds, graph)
    conforms, results, _ = validate(data, shacl_graph=_shapes(), advanced=True, allow_warnings=True)
    if conforms:
        return out
    for r in results.subjects(URIRef(_SH + "resultSeverity"), None):
        sev = results.value(r, sh.resultSeverity)
        path = results.value(r, sh.resultPath)
        value = results.value(r, sh.value)
        shape = results.value(r, sh.sourceShape)
        out.append(
            Violation(
                graph=graph,
                focus=str(results.value(r, sh.focusNode)),
                path=str(path) if path is not None else None,
                message=str(results.value(r, sh.resultMessage) or ""),
                severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
                shape=str(shape) if shape is not None and not _is_bnode(shape) else None,
                value=str(value) if value is not None else None,
            )
        )
    out.sort(key=lambda v: (v.severity, v.focus, v.path or "", v.message))
    return out


VNKG = "https://w3id.org/vnkg/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@lru_cache(maxsize=1)
def _declared() -> frozenset[str]:
    return frozenset(str(s) for s, _, _ in _ontology_triples())


def _undeclared_terms(ds: Any, graph: str) -> list[Violation]:
    """Terms of the kg ontology (``vnkg:``) used in the data that the ontology does not declare."""
    declared = _declared()
    seen: dict[str, str] = {}
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if str(p).startswith(VNKG) and str(p) not in declared:
            seen.setdefault(str(p), str(s))
        if str(p) == _RDF_TYPE and str(o).startswith(VNKG) and str(o) not in declared:
            seen.setdefault(str(o), str(s))
    return [
        Violation(graph, focus, None, f"term {term} is not declared in the ontology", "Violation")
        for term, focus in sorted(seen.items())
    ]


def _is_bnode(t: object) -> bool:
    from rdflib import BNode

    return isinstance(t, BNode)


def validate_store(
    store: Any,
    *,
    graphs: list[str] | None = None,
    progress: Callable[[GraphReport], None] | None = None,
) -> ValidationReport:
    """Validate each document graph of ``store`` (or the given ``graphs``) against the shapes."""
    import time

    t0 = time.perf_counter()
    report = ValidationReport()
    infos = store.source_graphs()
    targets = graphs if graphs is not None else sorted(infos)
    for g in targets:
        nquads = graph_nquads(store, g)
        triples = nquads.count("\n")
        info = infos.get(g)
        gr = GraphReport(g, info.source_path if info else None, triples)
        if triples == 0:
            gr.violations.append(Violation(g, g, None, "the graph is empty or absent", "Violation"))
        else:
            gr.violations = validate_nquads(nquads, g)
        report.graphs.append(gr)
        if progress:
            progress(gr)
    report.seconds = time.perf_counter() - t0
    return report


def graph_nquads(store: Any, graph: str) -> str:
    """The triples of one named graph as N-Triples text, through the store interface."""
    from kg.store.base import Term, iri, term_to_sparql

    res = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": iri(graph)})
    lines: list[str] = []
    for s, p, o in res.rows:
        if s is None or p is None or o is None:
            continue
        s_, p_, o_ = (_nt(t, term_to_sparql, Term) for t in (s, p, o))
        lines.append(f"{s_} {p_} {o_} .\n")
    return "".join(lines)


def _nt(t: Any, to_sparql: Callable[[Any], str], term: type) -> str:
    if t.kind == "bnode":
        return f"_:{re.sub(r'[^A-Za-z0-9]', '', t.value) or 'b'}"
    if t.kind == "literal" and t.datatype is None and t.lang is None:
        return to_sparql(term("literal", t.value))
    return to_sparql(t)
