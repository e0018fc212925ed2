"""Bind query parameters as RDF terms.

Parameters become a ``VALUES`` block of strictly serialised terms (IRIs validated, literals escaped)
placed at the start of the query's outermost group, like Jena's ParameterizedSparqlString. Text from
users or documents never becomes query syntax: ``" } ; DROP ALL ; #`` binds as one string literal.
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.store.base import Term, term_to_sparql

__all__ = ["bind", "outer_group_start", "skip_token", "strip_comments"]


def skip_token(sparql: str, i: int) -> tuple[str, int] | None:
    """At ``i`` a comment, a string or an IRI reference: its kind and the index just after it (a
    comment ends before its newline). Anything else (``<`` as a comparison included): ``None``."""
    n = len(sparql)
    ch = sparql[i]
    if ch == "#":
        nl = sparql.find("\n", i)
        return "comment", n if nl < 0 else nl
    if ch in "\"'":
        long = sparql.startswith(ch * 3, i)
        quote = ch * 3 if long else ch
        j = i + len(quote)
        while j < n and not sparql.startswith(quote, j):
            j += 2 if sparql[j] == "\\" else 1
        return "string", min(n, j + len(quote))
    if ch == "<":
        # An IRI reference if it closes before whitespace; otherwise a comparison operator.
        j = i + 1
        while j < n and sparql[j] not in "> \t\r\n":
            j += 1
        if j < n and sparql[j] == ">":
            return "iri", j + 1
    return None


def outer_group_start(sparql: str) -> int:
    """Index just after the ``{`` that opens the outermost group (skips comments, strings, IRIs)."""
    i, n = 0, len(sparql)
    while i < n:
        token = skip_token(sparql, i)
        if token is not None:
            i = token[1]
            continue
        if sparql[i] == "{":
            return i + 1
        i += 1
    raise ValueError("the query has no group pattern to bind parameters in")


def strip_comments(sparql: str) -> str:
    """The query without its ``#`` comments (strings and IRIs containing ``#`` are kept)."""
    out: list[str] = []
    i = last = 0
    while i < len(sparql):
        token = skip_token(sparql, i)
        if token is None:
            i += 1
            continue
        kind, end = token
        if kind == "comment":
            out.append(sparql[last:i])
            last = end
        i = end
    out.append(sparql[last:])
    return "".join(out)


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
