"""Bind query parameters as RDF terms.

Parameters become a ``VALUES`` block of strictly serialised terms (IRIs validated, literals escaped)
placed at the start of the query's outermost group, like Jena's ParameterizedSparqlString. Text from
users or documents never becomes query syntax: ``" } ; DROP ALL ; #`` binds as one string literal.
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.store.base import Term, term_to_sparql

__all__ = ["bind", "outer_group_start"]


def outer_group_start(sparql: str) -> int:
    """Index just after the ``{`` that opens the outermost group (skips comments, strings, IRIs)."""
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch == "#":
            nl = sparql.find("\n", i)
            i = n if nl < 0 else nl + 1
            continue
        if ch in "\"'":
            long = sparql.startswith(ch * 3, i)
            quote = ch * 3 if long else ch
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<":
            # An IRI reference if it closes before whitespace; otherwise a comparison operator.
            j = i + 1
            while j < n and sparql[j] not in "> \t\r\n":
                j += 1
            if j < n and sparql[j] == ">":
                i = j + 1
                continue
        if ch == "{":
            return i + 1
        i += 1
    raise ValueError("the query has no group pattern to bind parameters in")


def bind(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"bad parameter name {name!r}")
    row = " ".join(term_to_sparql(bindings[k]) for k in names)
    values = f" VALUES ({' '.join('?' + k for k in names)}) {{ ({row}) }} "
    at = outer_group_start(sparql)
    return sparql[:at] + values + sparql[at:]
