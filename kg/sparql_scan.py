"""Find SPARQL keywords in a query or update without running it: does it call ``SERVICE`` or ``LOAD``?

``kg serve`` refuses federated queries and ``LOAD`` unless the user turned them on, so it must know
before running a request whether the engine would reach out to the network. A substring search is
wrong both ways (``"SERVICE"`` in a string literal is harmless, ``service`` in lower case is not), so
this module tokenizes the text the way the SPARQL grammar does: comments, string literals, IRIs,
variables, blank node labels and the local part of prefixed names are skipped, and every remaining
bare word is checked.

Two properties of Oxigraph's parser (a PEG parser) make the check conservative on purpose:

- keywords need no word boundary: ``SERVICE:x {…}`` is ``SERVICE`` + ``:x`` and ``trueSERVICE<…>{…}``
  is ``true`` + ``SERVICE``; so a bare word *containing* the keyword counts (a prefix named
  ``myservice:`` is therefore refused too);
- ``<`` is an IRI in ``?s <p> ?o`` but a less-than in ``FILTER(?a<?b&&'x>')``, and the two readings
  put the following quote or ``#`` inside or outside a string or comment. An IRI-shaped span that
  holds a quote or ``#`` is therefore read both ways, and a keyword found on either reading counts
  (on the less-than reading only after a ``)``: a keyword cannot end an expression before it). The
  readings are followed as a set of scan states that merge where they meet, so the work stays
  linear; past a generous work budget the scan falls back to a plain case-insensitive substring
  test, which can only refuse more.

The result may refuse a harmless request (a prefix named after a keyword); it never lets through a
request that Oxigraph would run with the keyword.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["find_keywords", "scan"]

# Character classes of the SPARQL 1.1 grammar (section 19.8).
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:\.*(?:[{_CHARS}:]|{_PLX}))*"
_VARNAME = rf"[{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>[ \t\r\n]+)",
            r"(?P<comment>#[^\r\n]*+)",
            r"(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>)",
            r"(?P<string>'''(?:(?:''|')?(?:[^'\\]|\\[\s\S]))*+'''"
            r'|"""(?:(?:""|")?(?:[^"\\]|\\[\s\S]))*+"""'
            r"|'(?:[^'\\\r\n]|\\.)*+'"
            r'|"(?:[^"\\\r\n]|\\.)*+")',
            rf"(?P<var>[?$]{_VARNAME})",
            rf"(?P<bnode>_:[{_CHARS_U}0-9](?:\.*[{_CHARS}])*)",
            # A bare word: a keyword, a function name, or the prefix of a prefixed name.
            rf"(?P<word>[{_BASE}](?:\.*[{_CHARS}])*)(?::(?:{_LOCAL})?)?",
            rf"(?P<pname>:(?:{_LOCAL})?)",
            r"(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)",
            r"(?P<escape>\\[_~.\-!$&'()*+,;=/?#@%])",
            r"(?P<other>[\s\S])",  # punctuation and anything the grammar has no token for
        ]
    )
)
_AMBIGUOUS = re.compile(r"['\"#]")
_BUDGET = 16  # token characters scanned per character of input before falling back


def find_keywords(text: str, keywords: Iterable[str]) -> set[str]:
    """The ``keywords`` (upper case) that ``text`` uses as SPARQL keywords, on any reading."""
    return scan(text, keywords)[0]


def scan(text: str, keywords: Iterable[str]) -> tuple[set[str], int]:
    """:func:`find_keywords`, and the number of characters the token matches covered (the work)."""
    upper = text.upper()
    # Keywords match ASCII letters case-insensitively and Oxigraph does not decode \u escapes outside
    # strings and IRIs, so a keyword absent from the upper-cased text cannot be there.
    wanted = tuple(k for k in (k.upper() for k in keywords) if k in upper)
    found: set[str] = set()
    budget = start_budget = _BUDGET * len(text) + 4096
    # A scan state: (position, end of an IRI-shaped span read as code whose words are not checked
    # before a ')'; -1 when there is none). A reading stops where it meets a position scanned before
    # outside such a span (a less-than reading re-joins the main one within the line, at worst).
    todo: list[tuple[int, int]] = [(0, -1)] if wanted else []
    seen = bytearray(len(text) + 1)
    while todo:
        start, quiet_end = todo.pop()
        for m in _TOKEN.finditer(text, start):
            pos = m.start()
            if quiet_end < 0 or quiet_end <= pos:
                if seen[pos]:
                    break
                seen[pos] = 1
                quiet_end = -1
            kind = m.lastgroup
            if kind == "other":
                if quiet_end >= 0 and m.group() == ")":
                    quiet_end = -1  # a ')' can close the expression: a graph pattern may follow
                continue
            budget -= m.end() - pos
            if budget < 0:
                return set(wanted), start_budget - budget  # too many readings: every keyword counts
            if kind == "word" and quiet_end < 0:
                word = m.group("word").upper()
                found.update(k for k in wanted if k in word)
            elif kind == "iri" and _AMBIGUOUS.search(text, pos + 1, m.end() - 1):
                # The other reading: '<' is a less-than and the span is code.
                todo.append((pos + 1, m.end()))
        if len(found) == len(wanted):
            break
    return found, start_budget - budget
