"""A minimal N-Triples line reader for CONSTRUCT answers of endpoints."""

from __future__ import annotations

import re

from kg.store.base import Term

_TERM = re.compile(r'<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?')
_UNESC = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(s: str) -> str:
    def rep(m: re.Match[str]) -> str:
        g = m.group(1)
        if g[0] in "uU":
            return chr(int(g[1:], 16))
        return _SIMPLE.get(g, g)

    return _UNESC.sub(rep, s)


def parse_ntriples_line(line: str) -> tuple[Term, Term, Term] | None:
    terms: list[Term] = []
    for m in _TERM.finditer(line):
        if m.group(1) is not None:
            terms.append(Term("iri", _unescape(m.group(1))))
        elif m.group(2) is not None:
            terms.append(Term("bnode", m.group(2)))
        else:
            terms.append(Term("literal", _unescape(m.group(3)), m.group(5), m.group(4)))
        if len(terms) == 3:
            return (terms[0], terms[1], terms[2])
    return None
