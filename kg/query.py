"""The named-query library (``queries/*.rq``) and safe parameter binding.

Each query file starts with comment lines: the first says what it answers, then one line per parameter::

    # Documents by issuer: every document an organisation issued, newest first.
    # param: issuer search optional -- part of the issuer's name; diacritics optional ("thanh uy can tho")

Parameter kinds: ``iri`` (validated absolute IRI), ``literal`` (a string), ``search`` (a string folded
to lowercase without diacritics, to match ``vnkg:searchKey`` values), ``integer``, ``date``
(YYYY-MM-DD). Values are bound as RDF terms by the store, never pasted into the query.

A corpus-wide query can name a faster query for the case where one optional parameter is given::

    # anchored: doc -> document-measures

``run`` then answers ``measures-per-document -p doc=IRI`` with ``document-measures`` (the same columns,
rows and order; tested), whose plan starts from the bound document instead of scanning the corpus and
filtering.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.store.base import QueryResult, Store, Term, iri, literal
from kg.store.binding import strip_comments
from kg.text import fold

__all__ = [
    "NamedQuery",
    "Param",
    "anchored_variant",
    "bind_params",
    "get_query",
    "list_queries",
    "resolve_query",
    "run",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(
    r"^#\s*param:\s*(\w+)\s+(iri|literal|search|integer|date)(\s+optional)?\s*(?:--\s*(.*))?$"
)
_ANCHORED = re.compile(r"^#\s*anchored:\s*(\w+)\s*->\s*([\w-]+)\s*$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    anchored: tuple[tuple[str, str], ...] = ()  # (parameter, faster query when only it is given)


def parse_query_file(name: str, text: str) -> NamedQuery:
    description = ""
    params: list[Param] = []
    anchored: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _PARAM.match(line.strip())
        a = _ANCHORED.match(line.strip())
        if m:
            params.append(Param(m.group(1), m.group(2), bool(m.group(3)), (m.group(4) or "").strip()))
        elif a:
            anchored.append((a.group(1), a.group(2)))
        elif not description:
            description = line.lstrip("#").strip()
    return NamedQuery(name, description, tuple(params), text, tuple(anchored))


@lru_cache(maxsize=1)
def list_queries() -> tuple[NamedQuery, ...]:
    out = []
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            out.append(parse_query_file(entry.name[:-3], entry.read_text(encoding="utf-8")))
    return tuple(out)


def get_query(name: str) -> NamedQuery | None:
    for q in list_queries():
        if q.name == name:
            return q
    return None


def resolve_query(spec: str) -> NamedQuery:
    """A named query, a ``.rq`` file, or inline SPARQL; a clear error otherwise (a query file that does
    not exist is named as missing, a mistyped name gets the closest named queries)."""
    named = get_query(spec)
    if named:
        return named
    if len(spec) < 300 and "\n" not in spec and Path(spec).is_file():
        text = Path(spec).read_text(encoding="utf-8")
        return parse_query_file(Path(spec).stem, text)
    if re.search(r"(?i)\b(select|ask|construct|describe)\b", spec):
        return parse_query_file("inline", spec)
    if "\n" not in spec and (spec.lower().endswith(".rq") or "/" in spec or os.sep in spec):
        raise ValueError(f"query file {spec!r} does not exist")
    names = [q.name for q in list_queries()]
    close = difflib.get_close_matches(spec.lower(), names, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise ValueError(
        f"{spec!r} is not a named query, a query file, or SPARQL{hint} (kg query --list lists the "
        f"named queries: {', '.join(names)})"
    )


def _term(p: Param, value: str) -> Term:
    if p.kind == "iri":
        try:
            return iri(value)
        except ValueError as e:
            raise ValueError(f"parameter {p.name}: {e}") from None
    if p.kind == "search":
        return literal(fold(value))
    if p.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise ValueError(f"parameter {p.name}: {value!r} is not an integer")
        return literal(value.strip(), XSD + "integer")
    if p.kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(f"parameter {p.name}: {value!r} is not a date YYYY-MM-DD")
        return literal(value.strip(), XSD + "date")
    return literal(value)


def bind_params(q: NamedQuery, raw: dict[str, str]) -> dict[str, Term]:
    """Check and convert raw ``name=value`` parameters; unknown or missing ones are errors."""
    declared = {p.name: p for p in q.params}
    out: dict[str, Term] = {}
    for k, v in raw.items():
        p = declared.get(k)
        if p is None:
            if q.params or q.name != "inline":
                known = ", ".join(declared) or "none"
                raise ValueError(f"query {q.name!r} has no parameter {k!r} (parameters: {known})")
            p = Param(k, "literal", True, "")
        out[k] = _term(p, v)
    for p in q.params:
        if not p.optional and p.name not in out:
            raise ValueError(f"query {q.name!r} needs parameter {p.name!r}: {p.description}")
    return out


_TAIL_LIMIT = re.compile(r"(?is)\b(LIMIT|OFFSET)\s+\d+\s*(?:(LIMIT|OFFSET)\s+\d+\s*)?$")


def page(sparql: str, limit: int | None = None, offset: int = 0) -> str:
    """The query with a solution window: ``LIMIT``/``OFFSET`` appended after its ``ORDER BY``.

    A query that ends with its own LIMIT/OFFSET is wrapped instead (its window first, then this one).
    """
    if limit is None and not offset:
        return sparql
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError("limit and offset must be non-negative")
    window = (f"\nLIMIT {limit}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
    body = strip_comments(sparql).rstrip()
    if _TAIL_LIMIT.search(body):
        prologue, select = _split_prologue(body)
        return f"{prologue}SELECT * WHERE {{\n{{ {select} }}\n}}{window}"
    return body + window


def _split_prologue(sparql: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations, the rest)."""
    m = re.match(r"(?is)((?:\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>))*\s*)(.*)", sparql)
    assert m is not None
    return m.group(1), m.group(2)


def run(
    store: Store,
    spec: str,
    raw_params: dict[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    route: bool = True,
) -> QueryResult:
    """Run a named query, a .rq file or inline SPARQL with checked parameters and an optional window.

    With ``route`` (the default), a query whose ``# anchored:`` line names the one parameter given
    runs as that faster query instead (same answer).
    """
    q = resolve_query(spec)
    raw = raw_params or {}
    docs = _documents_by_number(store, q, raw)
    bind_params(q, {**raw, **dict(docs[:1])})  # checked against the query the user named
    if route:
        q = anchored_variant(q, raw)
    if len(docs) <= 1:
        return store.query(page(q.text, limit, offset), bind_params(q, {**raw, **dict(docs)}))
    # A number shared by several documents (two provinces' 120-KH/TU): the answer for each, in turn,
    # as kg trace gives one tree each; the window applies to the whole.
    name = docs[0][0]
    results = [store.query(q.text, bind_params(q, {**raw, name: d})) for _, d in docs]
    rows = [row for r in results for row in r.rows]
    end = None if limit is None else offset + limit
    return QueryResult(results[0].variables, rows[offset:end])


def _documents_by_number(store: Store, q: NamedQuery, raw: dict[str, str]) -> list[tuple[str, str]]:
    """An ``iri`` parameter given a document number instead ("-p doc=05-CT/TW", as kg trace takes it):
    (parameter, IRI) for each document with that number; empty when every IRI parameter is an IRI."""
    from kg.trace import find_documents

    for p in q.params:
        value = raw.get(p.name)
        if p.kind != "iri" or value is None or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value.strip()):
            continue
        found = find_documents(store, value)
        if not found:
            raise ValueError(
                f"parameter {p.name}: no document numbered {value!r} in the graph "
                "(give its number or IRI; kg query documents lists them)"
            )
        return [(p.name, d) for d in found]
    return []


def anchored_variant(q: NamedQuery, raw: dict[str, str]) -> NamedQuery:
    """The query that answers ``q`` with exactly the parameters ``raw`` (``q`` itself if none)."""
    for param, target in q.anchored:
        # A blank value ("" is contained in every search key, and in the missing key of an
        # entity without one) stays with the query itself.
        if set(raw) == {param} and fold(raw[param]):
            other = get_query(target)
            if other is not None and {p.name for p in other.params} == {param}:
                return other
    return q
