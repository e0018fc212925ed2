"""What every store offers: replace a source file's named graph atomically, list graphs with their
provenance, run SPARQL with parameters bound as RDF terms, and dump the data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "GraphInfo",
    "QueryResult",
    "Store",
    "StoreError",
    "Term",
    "iri",
    "literal",
    "term_to_sparql",
]


class StoreError(Exception):
    """A store that cannot be opened, read or written; the message says which and why."""


@dataclass(frozen=True)
class Term:
    """An RDF term as plain data: ``kind`` is ``iri``, ``literal`` or ``bnode``."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    def to_python(self) -> object:
        if self.kind == "literal" and self.datatype:
            dt = self.datatype.rsplit("#", 1)[-1]
            try:
                if dt in {"integer", "int", "long", "nonNegativeInteger", "positiveInteger"}:
                    return int(self.value)
                if dt in {"decimal", "double", "float"}:
                    return float(self.value)
                if dt == "boolean":
                    return self.value == "true"
            except ValueError:
                return self.value
        return self.value


def iri(value: str) -> Term:
    """An IRI parameter; refuses characters that IRIs cannot contain (so nothing can break out) and
    anything else that is not an absolute IRI (RFC 3987, as the SPARQL engine reads IRIs)."""
    if not value or re.search(r'[\s<>"{}|\\^`\x00-\x20]', value) or ":" not in value:
        raise ValueError(
            f"not a valid IRI: {value!r} (an absolute IRI has a scheme such as https: and no spaces, "
            "quotes, angle brackets or braces)"
        )
    problem = iri_problem(value)
    if problem:
        raise ValueError(f"not a valid IRI: {value!r} ({problem})")
    return Term("iri", value)


def iri_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute IRI (the parser of the embedded store says it), or None."""
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(value)
    except ValueError as e:
        return str(e) or "invalid"
    return None


def literal(value: str, datatype: str | None = None, lang: str | None = None) -> Term:
    return Term("literal", value, datatype, lang)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def term_to_sparql(t: Term) -> str:
    """Serialise a term for a SPARQL ``VALUES`` block (used only where an endpoint cannot bind)."""
    if t.kind == "iri":
        iri(t.value)  # validates
        return f"<{t.value}>"
    if t.kind != "literal":
        raise ValueError("only IRIs and literals can be bound")
    body = "".join(_ESCAPES.get(ch, ch if ord(ch) >= 0x20 else f"\\u{ord(ch):04X}") for ch in t.value)
    if t.lang:
        if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", t.lang):
            raise ValueError(f"bad language tag {t.lang!r}")
        return f'"{body}"@{t.lang}'
    if t.datatype:
        iri(t.datatype)
        return f'"{body}"^^<{t.datatype}>'
    return f'"{body}"'


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (or one row ``ask`` for ASK)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]]

    def dicts(self) -> list[dict[str, object]]:
        return [
            {v: (t.to_python() if t is not None else None) for v, t in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def column(self, name: str) -> list[str | None]:
        i = self.variables.index(name)
        return [row[i].value if row[i] is not None else None for row in self.rows]


@dataclass(frozen=True)
class GraphInfo:
    """A source document's named graph and the provenance that identifies its input and extractor."""

    graph: str
    source_path: str  # the name the file is shown by (vnkg:sourcePath)
    sha256: str
    version: str = ""  # the kg version that extracted it (owl:versionInfo of the prov agent)
    location: str = ""  # where the file was read from (vnkg:sourceLocation); empty in graphs of kg < 0.2.2


class Store(Protocol):
    """The store interface; implementations: Oxigraph (embedded), rdflib (memory), SPARQL endpoint."""

    name: str

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace each named graph by the given N-Quads text; each graph is complete or absent."""

    def remove_graphs(self, graphs: Iterable[str]) -> None: ...

    def source_graphs(self) -> dict[str, GraphInfo]:
        """Graphs of source documents keyed by graph IRI."""

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult: ...

    def dump(self, fmt: str) -> Iterator[bytes]:
        """Serialise everything: ``nq`` or ``trig`` with graphs; ``nt``/``ttl`` the union."""

    def count(self) -> int: ...

    def close(self) -> None: ...
