"""rdflib's in-memory Dataset: for tests and as the baseline the benchmarks compare against.

rdflib 7 calls its own deprecated ``Dataset`` API while it parses and answers queries (``Dataset.contexts``,
``Dataset.default_context``): tens of thousands of DeprecationWarnings per test run that say nothing
about kg. They are silenced here, where kg calls rdflib, and only those.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import Result

from kg.store.base import GraphInfo, QueryResult, StoreError, Term
from kg.store.binding import bind
from kg.store.provenance import SOURCE_GRAPHS_QUERY, graph_infos

__all__ = ["MemoryStore"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCK = threading.RLock()  # warning filters are process-wide; rdflib's Dataset is not thread-safe either


@contextlib.contextmanager
def _rdflib() -> Iterator[None]:
    """A call into rdflib, without the DeprecationWarnings rdflib raises about its own internal calls."""
    with _LOCK, warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=r"Dataset\.\w+ is deprecated", category=DeprecationWarning, module=r"rdflib"
        )
        yield


def _from_rdflib(t: object) -> Term | None:
    if t is None:
        return None
    if isinstance(t, URIRef):
        return Term("iri", str(t))
    if isinstance(t, Literal):
        dt = str(t.datatype) if t.datatype else None
        if dt == _XSD_STRING:
            dt = None
        return Term("literal", str(t), dt, t.language)
    if isinstance(t, BNode):
        return Term("bnode", str(t))
    return Term("literal", str(t))


class MemoryStore:
    def __init__(self) -> None:
        self.name = "rdflib:memory"
        self._ds = Dataset(default_union=True)

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        with _rdflib():
            for g, nquads in graphs.items():
                self._ds.remove_graph(URIRef(g))
                self._ds.parse(data=nquads, format="nquads")

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        with _rdflib():
            for g in graphs:
                self._ds.remove_graph(URIRef(g))

    def source_graphs(self) -> dict[str, GraphInfo]:
        return graph_infos(self.query(SOURCE_GRAPHS_QUERY))

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        with _rdflib():
            return self._query(sparql, bindings)

    def _query(self, sparql: str, bindings: Mapping[str, Term] | None) -> QueryResult:
        try:
            res: Result = self._ds.query(bind(sparql, bindings))
        except Exception as e:
            raise StoreError(f"SPARQL error: {e}") from None
        if res.type == "ASK":
            return QueryResult(["ask"], [(Term("literal", "true" if res.askAnswer else "false"),)])
        if res.type == "SELECT":
            variables = [str(v) for v in res.vars or []]
            rows = [tuple(_from_rdflib(row[i]) for i in range(len(variables))) for row in res]
            return QueryResult(variables, rows)
        rows = [tuple(_from_rdflib(x) for x in triple) for triple in res]
        return QueryResult(["subject", "predicate", "object"], rows)

    def dump(self, fmt: str) -> Iterator[bytes]:
        names = {"nq": "nquads", "trig": "trig", "nt": "nt", "ttl": "turtle"}
        if fmt not in names:
            raise StoreError(f"unknown export format {fmt!r}")
        with _rdflib():
            if fmt in {"nq", "trig"}:
                data = self._ds.serialize(format=names[fmt], encoding="utf-8")
            else:
                from rdflib import Graph

                union = Graph()
                for t in self._ds.triples((None, None, None)):
                    union.add(t)
                data = union.serialize(format=names[fmt], encoding="utf-8")
        yield data

    def count(self) -> int:
        with _rdflib():
            return sum(1 for _ in self._ds.quads((None, None, None, None)))

    def close(self) -> None:
        pass
