"""Short and repeated references to cited documents, resolved to the citations found in full.

A document cites another in full once ("Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính
phủ"), then refers to it in short: by type and serial ("Chỉ thị 16", "Kế hoạch số 119"), by the name
it gave it ("(sau đây gọi tắt là Kế hoạch 119)"), or as "Kế hoạch nêu trên". Like eyecite's short,
supra and id. forms, these are not new citations: this pass, run over the citations already found,
adds each short reference to the citation it names (``Citation.mentions``, its span) and lets a
strong cue before it ("Tiếp tục thực hiện nghiêm Chỉ thị 16") give a citation read only as "cites"
its relation. A short form is resolved only when exactly one citation of the text fits.

A short form that no citation of the text fits is a citation of its own only when the table of
nationally known documents (``kg/data/known_documents.tsv``) names exactly one document for it in
the citing document's years ("Chỉ thị 16" in 2020–2021: 16/CT-TTg), and no body named after it
contradicts the table.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from kg import gazetteer as gz
from kg.normalise import NormText
from kg.record import Citation, Jurisdiction
from kg.text import fold, tolerant

__all__ = ["KnownDocument", "Occurrence", "known_documents", "resolve_short_forms"]


@dataclass(frozen=True)
class Occurrence:
    """Where a citation of the result is written in full (normalised offsets), and its index."""

    start: int
    end: int
    index: int


@dataclass(frozen=True)
class KnownDocument:
    short: str  # type and serial as written in short: "Chỉ thị 16"
    number: str
    type: str
    date: str
    issuer: str
    level: str
    first_year: int  # the citing documents' years in which the short form means this document
    last_year: int


@cache
def known_documents() -> dict[tuple[str, int], tuple[KnownDocument, ...]]:
    """(folded type, serial) → the nationally known documents written that way in short."""
    out: dict[tuple[str, int], list[KnownDocument]] = {}
    for r in gz.load_table("known_documents.tsv"):
        k = KnownDocument(
            r["short"],
            r["number"],
            r["type"],
            r["date"],
            r["issuer"],
            r["level"],
            int(r["first_year"]),
            int(r["last_year"]),
        )
        m = re.fullmatch(r"(.+?)\s+(\d+)", k.short)
        if m is None or gz.doc_type_by_name(m.group(1)) is None:
            raise gz.GazetteerError(f"known_documents.tsv: {k.short!r} is not a document type and a serial")
        out.setdefault((fold(m.group(1)), int(m.group(2))), []).append(k)
    return {key: tuple(v) for key, v in out.items()}


def _serial(number: str | None) -> int | None:
    m = re.match(r"\s*(\d+)", number or "")
    return int(m.group(1)) if m else None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Anchors found by a fast scan, and the type words checked just before them.

    A scan for a type word at every position of the text (forty names, any diacritics) costs more than
    the rest of the pass: the scans look for the cheap part (a bare serial, "nêu trên", "(… gọi … là")
    and the type word is then sought only in the few characters before it.
    """
    names = sorted({n for d in gz.doc_types() for n in (d.name_vi, *d.aliases) if n}, key=len, reverse=True)
    types = "|".join(tolerant(n) for n in names)
    so = tolerant("số")
    # "Chỉ thị 16", "Kế hoạch số 119": a bare serial after a space (no symbol, no date after a slash) …
    serial = re.compile(r"\d(?<=\s\d)\d{0,4}(?![\w/]|\s*[-/–]\s*\w|[.,]\d)")
    # … right after a type word (and "số").
    short_type = re.compile(rf"(?<![^\W\d_])(?P<type>{types})\s+(?:{so}\s*)?$", re.I)
    # "Kế hoạch nêu trên", "văn bản nói trên": the last document of that type cited before.
    supra = re.compile(
        rf"\s(?:{tolerant('nêu trên')}|{tolerant('nói trên')}|{tolerant('trên đây')}|{tolerant('đã nêu')})"
        rf"(?![^\W\d_])",
        re.I,
    )
    supra_type = re.compile(rf"(?<![^\W\d_])(?P<type>{types}|{tolerant('văn bản')})\s*$", re.I)
    # "(sau đây gọi tắt là Kế hoạch 119)", "(gọi chung là Chỉ thị 16)": the name given to a citation.
    alias = re.compile(
        rf"\(\s*(?:{tolerant('sau đây')}\s*,?\s*)?{tolerant('gọi')}\s+"
        rf"(?:{tolerant('tắt')}\s+|{tolerant('chung')}\s+)?{tolerant('là')}\s*[:“\"]?\s*"
        rf"(?P<alias>[^()“”\"\n]{{2,60}}?)\s*[”\"]?\s*\)",
        re.I,
    )
    return serial, short_type, supra, supra_type, alias


_HARD = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n|:[ \t]*\n")
_OF = re.compile(r"\s*,?\s*(?:của|do)\s+(?P<b>[^\W\d_][^,;.()\n]{1,60})")


def resolve_short_forms(
    nt: NormText,
    citations: Sequence[Citation],
    occurrences: Sequence[Occurrence],
    *,
    skip: Sequence[tuple[int, int]] = (),
    relation_at: Callable[[int, int], str | None] = lambda lo, hi: None,
    own: tuple[str | None, int | None] = (None, None),
    year: int | None = None,
) -> tuple[Citation, ...]:
    """The citations with their short references resolved, and the known documents cited in short.

    ``occurrences`` are the places (normalised offsets) where each citation is written in full;
    ``skip`` ranges are not read (the header's own number, Kính gửi, Nơi nhận); ``relation_at(lo,
    hi)`` gives the relation of the cues in ``text[lo:hi]``; ``own`` is the citing document's type and
    serial (its own short name is not a citation); ``year`` its year.
    """
    text = nt.text
    serial_re, short_type_re, supra_re, supra_type_re, alias_re = _patterns()
    occ = sorted(occurrences, key=lambda o: o.start)
    starts = [o.start for o in occ]
    hard_ends: list[int] | None = None

    def hard() -> list[int]:  # sentence and paragraph ends, read once and only when needed
        nonlocal hard_ends
        if hard_ends is None:
            hard_ends = [m.end() for m in _HARD.finditer(text)]
        return hard_ends

    mentions: dict[int, list[tuple[int, int]]] = {}
    relations: dict[int, str] = {}
    added: list[Citation] = []
    taken = _Ranges()
    for a, b in (*skip, *((o.start, o.end) for o in occ)):
        taken.add(a, b)

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    def clause_start(pos: int) -> int:
        ends = hard()
        i = bisect.bisect_right(ends, pos) - 1
        lo = ends[i] if i >= 0 else 0
        j = bisect.bisect_left(starts, pos) - 1  # the last full citation before: its own cue is its own
        return max(lo, occ[j].end) if j >= 0 and occ[j].end <= pos else lo

    def mention(idx: int, s: int, e: int) -> None:
        mentions.setdefault(idx, []).append((s, e))
        taken.add(s, e)
        rel = relation_at(clause_start(s), s)
        if rel is not None and rel != "cites" and idx not in relations:
            relations[idx] = rel

    by_key: dict[tuple[str, int], list[int]] = {}
    for i, c in enumerate(citations):
        serial = _serial(c.number)
        if c.type and serial is not None:
            by_key.setdefault((fold(c.type), serial), []).append(i)
    nested = {
        (fold(d.type), _serial(d.number)) for c in citations for d in _descendants(c) if d.type and d.number
    }

    # Names given to citations: "(sau đây gọi tắt là Kế hoạch 119)" after a citation in full.
    aliases: dict[str, int] = {}
    for m in alias_re.finditer(text) if "(" in text else ():
        j = bisect.bisect_left(starts, m.start()) - 1
        if (
            j < 0
            or m.start() - occ[j].end > 300
            or bisect.bisect_right(hard(), m.start()) != bisect.bisect_right(hard(), occ[j].start)
        ):
            continue
        name = " ".join(m.group("alias").split())
        if re.search(r"\d", name) or gz.doc_type_by_name(name) is not None:
            aliases.setdefault(fold(name), occ[j].index)
            taken.add(m.start(), m.end())
    if aliases:
        alias_any = re.compile(
            "|".join(rf"(?<![^\W\d_]){tolerant(a)}(?![\w/])" for a in sorted(aliases, key=len, reverse=True)),
            re.I,
        )
        for m in alias_any.finditer(text):
            if free(m.start(), m.end()):
                mention(aliases[fold(" ".join(m.group(0).split()))], m.start(), m.end())

    # "Chỉ thị 16": the one citation of that type and serial, else a nationally known document.
    for n in serial_re.finditer(text):
        if not _type_before(text, n.start(), so_word=True):
            continue
        m = short_type_re.search(text, max(0, n.start() - 40), n.start())
        if m is None:
            continue
        s, e = m.start(), n.end()
        if not free(s, e):
            continue
        canon = gz.doc_type_by_name(m.group("type"))
        if canon is None:
            continue
        key = (fold(canon.name_vi), int(n.group(0)))
        if own[0] is not None and own[1] is not None and key == (fold(own[0]), own[1]):
            continue
        found = by_key.get(key, [])
        if len(found) == 1:
            mention(found[0], s, e)
        elif not found and key not in nested:
            k = _known(key, year, text, e)
            if k is not None:
                idx = len(citations) + len(added)
                added.append(
                    Citation(
                        number=k.number,
                        type=k.type,
                        date=k.date,
                        issuer=k.issuer,
                        title=None,
                        relation="cites",
                        span=nt.span(s, e),
                        jurisdiction=Jurisdiction(national=True) if k.level == "central" else Jurisdiction(),
                        issuer_level=k.level,
                    )
                )
                by_key[key] = [idx]
                taken.add(s, e)
                rel = relation_at(clause_start(s), s)
                if rel is not None:
                    relations[idx] = rel

    # "Kế hoạch nêu trên": the last citation of that type written before it.
    for t in _supra_tails(text, supra_re):
        if not _type_before(text, t.start(), so_word=False):
            continue
        m = supra_type_re.search(text, max(0, t.start() - 30), t.start())
        if m is None:
            continue
        s, e = m.start(), t.end()
        if not free(s, e) or not m.group("type")[0].isupper():
            continue  # "các quy định nêu trên", "hướng dẫn nêu trên": provisions, not a document's name
        canon = gz.doc_type_by_name(m.group("type"))
        j = bisect.bisect_left(starts, s) - 1
        while j >= 0 and not (
            occ[j].end <= s and (canon is None or citations[occ[j].index].type == canon.name_vi)
        ):
            j -= 1
        if j >= 0:
            mention(occ[j].index, s, e)

    out = list(citations) + added
    for i, c in enumerate(out):
        spans = tuple(nt.span(s, e) for s, e in sorted(mentions.get(i, ())))
        rel = relations.get(i)
        new_rel = rel if rel is not None and (c.relation == "cites" or i >= len(citations)) else c.relation
        if spans or new_rel != c.relation:
            out[i] = replace(c, relation=new_rel, mentions=c.mentions + spans)
    return tuple(out)


_SUPRA_WORDS = ("nêu trên", "nói trên", "trên đây", "đã nêu", "neu tren", "noi tren", "tren day", "da neu")


def _supra_tails(text: str, supra_re: re.Pattern[str]) -> list[re.Match[str]]:
    """The "nêu trên"-like tails of the text: found with ``str.find`` (fast), then checked by the regex."""
    low = text.lower()
    starts: set[int] = set()
    for w in _SUPRA_WORDS:
        i = low.find(w)
        while i >= 0:
            starts.add(i - 1)
            i = low.find(w, i + 1)
    out = []
    for i in sorted(starts):
        m = supra_re.match(text, i) if i >= 0 else None
        if m is not None:
            out.append(m)
    return out


@cache
def _type_keys() -> tuple[frozenset[str], frozenset[str], int]:
    """Folded type names ("chi thi", "van ban" too), their last words, and their most words."""
    names = {fold(n) for d in gz.doc_types() for n in (d.name_vi, *d.aliases) if n} | {"van ban"}
    return frozenset(names), frozenset(n.split()[-1] for n in names), max(len(n.split()) for n in names)


def _type_before(text: str, pos: int, *, so_word: bool) -> bool:
    """Whether a type name (and "số") ends just before ``pos``: a cheap test of the last words."""
    names, lasts, most = _type_keys()
    words = text[max(0, pos - 40) : pos].split()
    if so_word and words and fold(words[-1]) == "so":
        words.pop()
    if not words or fold(words[-1]) not in lasts:
        return False
    words = fold(" ".join(words[-most:])).split()
    return any(" ".join(words[-k:]) in names for k in range(1, len(words) + 1))


class _Ranges:
    """Disjoint sorted ranges: adding merges, an overlap test is a binary search."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e) - 1  # the last range starting before e
        return i >= 0 and self.ends[i] > s

    def add(self, s: int, e: int) -> None:
        if e <= s:
            return
        i = bisect.bisect_left(self.starts, s)
        if i > 0 and self.ends[i - 1] >= s:
            i -= 1
        j = i
        while j < len(self.starts) and self.starts[j] <= e:
            s, e = min(s, self.starts[j]), max(e, self.ends[j])
            j += 1
        self.starts[i:j] = [s]
        self.ends[i:j] = [e]


def _descendants(c: Citation) -> list[Citation]:
    out: list[Citation] = []
    for d in c.cites:
        out.append(d)
        out.extend(_descendants(d))
    return out


def _known(key: tuple[str, int], year: int | None, text: str, end: int) -> KnownDocument | None:
    """The one known document a short form names in the citing year, unless the body after it differs."""
    if year is None:
        return None
    cands = [k for k in known_documents().get(key, ()) if k.first_year <= year <= k.last_year]
    if len(cands) != 1:
        return None
    k = cands[0]
    m = _OF.match(text, end)
    if m is not None:
        named = fold(m.group("b"))
        if not (
            named.startswith(fold(k.issuer)) or fold(k.issuer).startswith(named.split(" ve ")[0].strip())
        ):
            return None
    return k
