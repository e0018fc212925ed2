"""Bodies a directive gives work to: the subjects of its numbered items and of "Giao ..." sentences.

A subject is a list of bodies at the start of an item, a bullet or a paragraph inside an item
("Ban Dân vận Tỉnh ủy, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể ... tuyên truyền"), after
"Giao" anywhere, or after "yêu cầu"/"đề nghị" inside an item. Heads, collective nouns and role cues
come from ``kg/data/assignment_cues.tsv``. A subject followed by "chủ trì" leads; named bodies after
"phối hợp với" support; "X lãnh đạo Y" tasks Y too.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from kg import gazetteer as gz
from kg.extract._tables import not_after, read_table, split_top
from kg.lookup import Intervals, in_union, union
from kg.text import fold

__all__ = [
    "Anchor",
    "BodyRef",
    "Grammar",
    "find_anchors",
    "grammar",
    "known_spelling",
    "loose",
    "parse_bodies",
    "resolve_honorific",
]

# Uppercase letters of Latin script incl. Vietnamese (Ă, Â, Đ, Ê, Ô, Ơ, Ư with tones).
_UPPER = "".join(
    ch
    for ch in map(chr, range(0x41, 0x1F00))
    if ch.isalpha() and ch.isupper() and unicodedata.name(ch, "").startswith("LATIN")
)
_CAP = f"[{_UPPER}]"


@dataclass(frozen=True)
class BodyRef:
    """A body found in the text: normalised range and the name as written."""

    start: int
    end: int
    name: str
    named: bool  # a named body (head + name) rather than a collective ("các sở, ban, ngành")
    # a collective of generic nouns only ("các đơn vị", "các cơ quan, đơn vị") before its predicate: in a
    # letter it stands for the addressees, as "Quý cơ quan" does
    generic: bool = False


@dataclass(frozen=True)
class Anchor:
    """A place where the text names who does the work that follows, up to ``scope_end``."""

    pos: int
    scope_end: int
    responsible: tuple[BodyRef, ...]
    lead: tuple[BodyRef, ...]
    support: tuple[BodyRef, ...]


@dataclass(frozen=True)
class Grammar:
    head: re.Pattern[str]
    head_named: re.Pattern[str]
    known: re.Pattern[str]
    known_open: re.Pattern[str]  # the first two letters of a known name: no match, no known name there
    known_spelling: dict[str, str]  # a known name folded -> as the tables write it
    collective: re.Pattern[str]
    collective_more: re.Pattern[str]
    tail_place: re.Pattern[str]
    tail_party: re.Pattern[str]
    tail_many: re.Pattern[str]
    tail_head: re.Pattern[str]
    qualifier: re.Pattern[str]
    sep: re.Pattern[str]
    colon_list: re.Pattern[str]
    colon_name: re.Pattern[str]
    stop: frozenset[str]
    stop_bare: frozenset[str]  # the two-word stop phrases without diacritics
    stop_folded: frozenset[str]  # the one-word stop words without diacritics
    lead: re.Pattern[str]
    support: re.Pattern[str]
    giao: re.Pattern[str]
    address: re.Pattern[str]
    comrade: re.Pattern[str]
    post: re.Pattern[str]
    chain: re.Pattern[str]
    not_task: re.Pattern[str]
    generic: re.Pattern[str]
    feedback: re.Pattern[str]
    # ``feedback`` without its look-around: every match of ``feedback`` (in a sentence) is one of these (in
    # the text), found by a faster scan (it opens with the rows' first letters); a text without these
    # has no feedback sentence
    feedback_gate: re.Pattern[str]
    # a zero-width probe at each position where ``support`` matches (see _Parses.supports)
    support_probe: re.Pattern[str]


def _base_letter(c: str) -> str | None:
    """The letter without its Vietnamese marks ("ế" → "e", "Đ" → "D"), or None for a plain letter."""
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    b = unicodedata.normalize("NFD", c)[0]
    return b if b != c and b.isascii() and b.isalpha() else None


def loose(pattern: str, bar: bool = False) -> str:
    """A regex that also matches its words written without marks (OCR, a font without Vietnamese):
    each marked letter outside a character class becomes a class of itself and its bare letter ("tế" →
    "t[ếe]"). A word must keep all its marks or lose them all to match; a wrong mark never matches.

    With ``bar``, a "d" also matches the "đ" OCR reads it as ("đại điện" for "đại diện"; the other way,
    "đ" read as "d", is a lost mark and always matches): for the names of bodies, whose spelling the
    tables then give back (:func:`known_spelling`)."""
    out: list[str] = []
    i = 0
    cls = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if not cls and pattern.startswith(("(?P<", "(?P="), i):
            j = pattern.index(">" if pattern[i + 3] == "<" else ")", i)  # a group's name stays as it is
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif bar and c in "dD":
            c = "[dđ]" if c == "d" else "[DĐ]"
        else:
            b = _base_letter(c)
            if b:
                c = f"[{c}{b}]"
        out.append(c)
        i += 1
    return "".join(out)


def _loose_branches(rows: list[str]) -> list[str]:
    """:func:`loose` branches that open with a letter (two where the first letter has marks: "đề nghị" and
    "de nghi"), so that :func:`not_after` can scan for their first letters."""
    out: list[str] = []
    for b in (b for r in rows for b in split_top(r)):
        first = _base_letter(b[:1]) if b else None
        out.append(b[:1] + loose(b[1:]))
        if first:
            out.append(first + loose(b[1:]))
    return out


def _alt(rows: list[str]) -> str:
    parts: list[str] = []
    for r in rows:
        parts.extend(p for p in split_top(r) if p)
    # Longest first so that "ban chỉ đạo ... phòng, chống dịch" wins over "ban chỉ đạo".
    parts.sort(key=len, reverse=True)
    return "|".join(f"(?:{p})" for p in parts)


def _known_names(
    head: re.Pattern[str], head_named: re.Pattern[str], extra: list[str]
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Full names of bodies from the gazetteers (issuer codes, body types, the ``name`` rows of the cue
    table) that open with a head of the grammar and go on past it: "Bộ Ngoại giao", "Sở Nông nghiệp
    và Phát triển nông thôn", "Cục Quản lý Khám, chữa bệnh". A name read from the text ends no earlier
    than the known name it starts with, whatever words ("giao", "thôn") or commas it holds.

    Also the names' first two characters, made loose the same way (:func:`loose` reads a pattern one
    character at a time): where they do not match, the names do not (a test far cheaper than theirs)."""
    names = {i.name_vi for i in gz.issuer_codes()} | {b.head for b in gz.body_types()} | set(extra)
    keep: list[str] = []
    for n in names:
        m = head.match(n) or head_named.match(n)
        # (a name of the table that a head reads whole is known too: its spelling is given back)
        if m and (m.end() < len(n) or n in extra):
            keep.append(n)
    keep.sort(key=lambda n: (-len(n), n))
    alts = "|".join(re.escape(n).replace(r"\ ", " ") for n in keep)
    opens = "|".join(sorted({re.escape(n[:2]).replace(r"\ ", " ") for n in keep}))
    return (
        re.compile(loose(rf"(?i:{alts})(?![\w-])", bar=True)),
        re.compile(loose(rf"(?i:{opens})", bar=True)),
        {fold(n): n for n in keep},
    )


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    rows = read_table("assignment_cues.tsv")
    by: dict[str, list[str]] = {}
    for r in rows:
        by.setdefault(r["kind"], []).append(r["pattern"])
    head = _alt(by["head"])
    head_named = _alt(by["head_named"])
    coll = _alt(by["collective"])
    qual = _alt(by["qualifier"])
    stop = frozenset(w for p in by["stop"] for w in p.split("|") if w)
    end = r"(?![\w-])"
    word = r"[\w-]"
    head_rx = re.compile(loose(rf"(?i:(?:các )?(?:{head})){end}", bar=True))
    head_named_rx = re.compile(loose(rf"(?i:{head_named}){end}"))
    known, known_open, spelling = _known_names(
        head_rx, head_named_rx, [n for r in by.get("name", []) for n in r.split("|")]
    )
    support_rx = re.compile(loose(rf"(?i:{'|'.join(by['support'])})\s+"))
    return Grammar(
        head=head_rx,
        head_named=head_named_rx,
        known=known,
        known_open=known_open,
        known_spelling=spelling,
        collective=re.compile(
            loose(rf"(?:[Cc]ác|[Cc]ấp ủy các|[Cc]ấp uỷ các|[Cc]ấp ủy|[Cc]ấp uỷ) (?P<noun>(?i:{coll})){end}")
        ),
        collective_more=re.compile(loose(rf"(?:, | và |, và )(?i:{coll}){end}")),
        tail_place=re.compile(
            loose(
                r" (?:cấp )?(?:tỉnh|thành phố|huyện|quận(?! lý)|thị xã|xã(?! hội)|phường|thị trấn|trung ương"
                r"|Trung ương)" + end
            )
        ),
        tail_party=re.compile(loose(r" (?i:tỉnh|thành|huyện|thị|quận|đảng) (?:ủy|uỷ|bộ)(?! viên)" + end)),
        tail_many=re.compile(
            loose(
                r" các (?:tỉnh|huyện|xã|quận|phường|thị xã|thị trấn|thành phố)"
                r"(?:, (?:thành phố|thị xã|thị trấn|phường|huyện|xã|quận|tỉnh))*"
                r"(?: trực thuộc (?:[Tt]rung ương|tỉnh))?(?: biên giới)?" + end
            )
        ),
        tail_head=re.compile(loose(rf" (?i:{head}){end}")),
        qualifier=re.compile(loose(rf" (?:{qual}){end}")),
        sep=re.compile(loose(r"\s*[,;]\s*(?:và\s+|cùng\s+)?|\s+(?:và|cùng)\s+")),
        colon_list=re.compile(loose(rf"(?i:(?:các) ({head_named}|{head}|đảng ủy|đảng uỷ|ban))\s*:\s*")),
        colon_name=re.compile(rf"({_CAP}[\w]*(?: [^\W\d_]+)*?)(?=\s*(?:[,;.]|\s+và\s|$))"),
        stop=stop,
        stop_bare=frozenset(fold(w) for w in stop if " " in w),
        stop_folded=frozenset(fold(w) for w in stop if " " not in w),
        # "X chủ trì", "X, chủ trì", "Trách nhiệm của X: Chủ trì ..."
        lead=re.compile(loose(rf"\s*[,:]?\s*(?i:{'|'.join(by['lead'])}){end}")),
        support=support_rx,
        giao=re.compile(not_after(word, _loose_branches(by["giao"]), r"\s+", ignorecase=True)),
        address=re.compile(not_after(word, _loose_branches(by["address"]), r"\s+")),
        comrade=re.compile(loose(rf"(?i:(?:các )?đồng ch[íi]\s+(?:(?:{'|'.join(by['post'])})\s+)?)")),
        post=re.compile(loose(rf"(?i:(?:các )?(?:đồng ch[íi]\s+)?(?:{'|'.join(by['post'])}))\s+")),
        chain=re.compile(loose(rf"\s+(?:{'|'.join(by['chain'])})\s+")),
        not_task=re.compile(loose(rf"\s*(?:{'|'.join(by['not_task'])}){end}")),
        generic=re.compile(
            loose(rf"(?i:các) (?:{_alt(by['generic'])})(?:(?:, | và |, và )(?:{_alt(by['generic'])}))*")
        ),
        feedback=re.compile(loose(rf"(?<![\w-])(?:{'|'.join(by['feedback'])}){end}")),
        feedback_gate=re.compile(loose(f"(?:{'|'.join(by['feedback'])})")),
        support_probe=re.compile(f"(?=(?:{support_rx.pattern}))", support_rx.flags),
    )


_WORD = re.compile(rf"({_CAP}\w*(?:-\w+)*)((?: [^\W\d_]+){{0,3}})(?![\w-])")
_COMMA = re.compile(r"\s*,\s*")
_CAP_WORD = re.compile(rf" {_CAP}")
# A collective of one class of State bodies ("các Bộ, cơ quan ngang Bộ", "các sở, ban, ngành").
_CLASS = re.compile(loose(r"(?i:(?:thủ trưởng|người đứng đầu) )?(?i:các )?(?i:bộ|sở)(?![\w-])"))
_HONORIFIC = re.compile(
    loose(
        r"Quý (?P<noun>(?i:cơ quan|đơn vị|địa phương)|Ủy ban|Uỷ ban|UBND|Sở|Bộ|Cục|Chi cục|Ban|Văn phòng"
        r"|Tổng cục|Hội đồng|Trung tâm|Bệnh viện|Viện|Trường|Công ty|Ngân hàng)(?![\w-])"
    )
)
_HONORIFIC_ANY = frozenset({"co quan", "don vi", "dia phuong"})
# "Trách nhiệm của Sở Y tế: ...", "Nhiệm vụ cụ thể của Công an tỉnh": a heading that names the subject.
_DUTY_OF = re.compile(loose(r"(?:[Tt]rách nhiệm|[Nn]hiệm vụ)(?: cụ thể)? của\s+"))
# The closing formula of a directive ("Yêu cầu các đơn vị nghiêm túc thực hiện./.", "Thủ trưởng các sở,
# ban, ngành ... chịu trách nhiệm thi hành Quyết định này."): it adds no task of its own.
_CLOSING = re.compile(
    loose(
        r"\s+(?:(?:nghiêm túc|khẩn trương|nghiêm|chủ động|có trách nhiệm|chịu trách nhiệm|tổ chức|triển khai"
        r"|quán triệt),?\s+)*(?:thực hiện|thi hành)(?:\s+(?:nghiêm túc|nghiêm|có hiệu quả|hiệu quả|tốt))?"
        r"(?:\s+(?i:chỉ thị|công điện|kế hoạch|quyết định|nghị quyết|công văn|thông báo|hướng dẫn|văn bản"
        r"|các nội dung|nội dung)(?:\s+trên)?\s+(?:này|trên|nêu trên))?\s*(?:\./\.|\.|$)"
    )
)
_HUMBLE = re.compile(r"(?:(?:xin|trân trọng)\s+)+")
_JOIN = re.compile(rf"(?: ?[-–] ?| và )(?={_CAP})")


# A word that cannot be Vietnamese without its marks ("tiep", "thuc", "chuc"): one that lost them.
_NEEDS_MARKS = re.compile(r"[a-z]*(?:(?:ie|uo|ye)[a-z]*|enh|[aeiouy](?:ch|[ptc]))")
# Place words that lost their marks ("tinh" for "tỉnh"): the place after a name, not a word of it.
_BARE_PLACES = frozenset(("tinh", "xa", "quan", "thi", "thon"))


@lru_cache(maxsize=4)
def _mostly_bare(text: str) -> bool:
    """Whether most words of ``text`` are written without marks (a text that lost them all): there a
    word that folds to a stop word ("to" for "tổ", "co" for "có") is taken for that stop word."""
    words = _ANY_WORD.findall(text[:4000])
    return len(words) >= 20 and 10 * sum(w.isascii() for w in words) >= 9 * len(words)


_ANY_WORD = re.compile(r"[^\W\d_]+")


def _word_end(m: re.Match[str], g: Grammar) -> int:
    """End of a capitalised name word and up to three lowercase syllables before a stop word (also a
    two-word stop phrase a word of which OCR wrote without marks: "thông bao" is "thông báo")."""
    p = m.end(1)
    words = m.group(2).split()
    stop = g.stop
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        pair = f"{w} {nxt}"
        if len(w) < 2 or w in stop or pair in stop or not w[0].islower():
            break
        if (
            w.isascii()
            and fold(w) in g.stop_folded
            and (_NEEDS_MARKS.fullmatch(w) or w in _BARE_PLACES or _mostly_bare(m.string))
        ):
            break  # "Sở Y tế tiep tục", "Sở Y tế tinh": a stop word that lost its marks ends the name
        if nxt and (w.isascii() or nxt.isascii()) and fold(pair) in g.stop_bare:
            break
        p = m.string.index(w, p) + len(w)
    return p


# The text with its line breaks while subjects are read over its lines joined (``find_anchors``): a name
# on a line of its own ("1. Sở Y tế") does not run into the next line's sentence ("Chủ trì, phối hợp").
_LINES: ContextVar[str | None] = ContextVar("_LINES", default=None)


def _opens_line_sentence(text: str, p: int, w: re.Match[str], g: Grammar) -> bool:
    """Whether the capitalised word ``w`` after ``text[p]`` opens a new line with a verb or a function
    word ("Chủ trì", "Xử lý", "Tổ chức"), not the rest of a name wrapped at the line end."""
    lines = _LINES.get()
    if lines is None or len(lines) != len(text) or lines[p] != "\n":
        return False
    first = w.group(1).lower()
    rest = w.group(2).split()
    pair = f"{first} {rest[0]}" if rest else ""
    return first in g.stop or pair in g.stop


def _extend_name(text: str, p: int, end: int, g: Grammar, allow_head: bool = True) -> tuple[int, bool]:
    """Extend a body name from ``p`` over name words and places; returns (end, found a name word)."""
    named = False
    last_cap = False
    while p < end:
        m = (
            g.tail_party.match(text, p, end)
            or g.tail_many.match(text, p, end)
            or g.tail_place.match(text, p, end)
        )
        if not m and allow_head:
            m = g.tail_head.match(text, p, end)
        if m:
            p, named, last_cap = m.end(), True, False
            continue
        if text.startswith(" ", p):
            w = _WORD.match(text, p + 1, end)
            if w and not _opens_line_sentence(text, p, w, g):
                p, named, last_cap = _word_end(w, g), True, True
                continue
        if last_cap:
            j = _JOIN.match(text, p, end)
            if j and not g.head.match(text, j.end(), end) and not g.head_named.match(text, j.end(), end):
                w = _WORD.match(text, j.end(), end)
                if w:
                    p = _word_end(w, g)
                    continue
        break
    return p, named


def _one_body(text: str, p: int, end: int, g: Grammar) -> list[BodyRef]:
    """Bodies starting exactly at ``p`` (one element of a subject list; a colon list gives several)."""
    m = g.post.match(text, p, end)
    if m and not g.head.match(text, p, end):
        # "Giám đốc Sở Y tế" names the body through its head's post; "Thủ trưởng các sở, ban, ngành"
        # keeps the post with a collective, as written.
        rest = _one_body(text, m.end(), end, g)
        if rest and not rest[0].named:
            return [BodyRef(p, rest[0].end, text[p : rest[0].end], False), *rest[1:]]
        return rest
    m = _HONORIFIC.match(text, p, end)
    if m:
        # "Quý Ủy ban", "Quý cơ quan": the addressee of the letter (see resolve_honorific).
        return [BodyRef(p, m.end(), m.group(0), True)]
    m = g.colon_list.match(text, p, end)
    if m:
        head = m.group(1)
        out: list[BodyRef] = []
        q = m.end()
        while q < end:
            n = g.colon_name.match(text, q, end)
            if not n:
                break
            name = head[0].upper() + head[1:] + " " + n.group(1)
            out.append(BodyRef(p if not out else n.start(), n.end(), name, True))
            q = n.end()
            s = _COMMA.match(text, q, end)
            if not s:
                break
            q = s.end()
        if out:
            return out
    m = g.collective.match(text, p, end)
    after = text[p + 4 : p + 5] if text[p : p + 4].lower() == "các " else ""
    # "các sở, ban, ngành", and "các Bộ, cơ quan ngang Bộ" with the respectful capital: a capitalised
    # noun is a collective when no name follows it ("các Sở Y tế" names bodies).
    if (
        m
        and (text[m.start("noun")].islower() or not _CAP_WORD.match(text, m.end(), end))
        and (not g.head.match(text, p, end) or after.islower())
    ):
        q = _collective_end(text, m.end(), end, g)
        generic = g.generic.fullmatch(text, p, q) is not None and _predicate_follows(text, q, end, g)
        return [BodyRef(p, q, text[p:q], False, generic)]
    q = _named_end(text, p, end, g)
    # A known name is read whole even where the grammar stops inside it ("Bộ Ngoại giao").
    k = g.known.match(text, p, end) if text[p].isupper() and g.known_open.match(text, p, end) else None
    if k and (q is None or q < k.end()):
        q, _ = _extend_name(text, k.end(), end, g)
    if q is None:
        return []
    # "các Cơ quan đại diện Việt Nam ở nước ngoài": the plural of a named body is that body's name
    s = p + 4 if text[p : p + 4].lower() == "các " and text[p + 4 : p + 5].isupper() else p
    return [BodyRef(s, q, text[s:q], True)]


_NEXT_WORDS = re.compile(r"\s*([^\W\d_]+)(?: ([^\W\d_]+))?")


def _predicate_follows(text: str, q: int, end: int, g: Grammar) -> bool:
    """Whether what follows a collective at ``q`` is its predicate (a stop word: a verb, "biết",
    "phản ánh"), or the end of its clause: "các đơn vị biết và thực hiện" ends the subject, "các đơn vị
    vận chuyển hành khách" goes on naming which units."""
    m = _NEXT_WORDS.match(text, q, end)
    if m is None or not text[q : m.start(1)].strip() == "":
        return True  # punctuation or the end of the clause
    first = m.group(1).lower()
    pair = f"{first} {(m.group(2) or '').lower()}"
    return first in g.stop or pair in g.stop or fold(first) in g.stop_folded or fold(pair) in g.stop_bare


def _named_end(text: str, p: int, end: int, g: Grammar) -> int | None:
    """End of a body named by a head at ``p`` ("Ủy ban nhân dân tỉnh", "Sở Y tế"), or None."""
    m = g.head.match(text, p, end)
    if m:
        return _extend_name(text, m.end(), end, g)[0]
    m = g.head_named.match(text, p, end)
    if m and (text[p].isupper() or text[p : p + 5].lower() == "ngành"):
        q, named = _extend_name(text, m.end(), end, g, allow_head=False)
        if named:
            return q
    return None


def _collective_end(text: str, q: int, end: int, g: Grammar) -> int:
    while q < end:
        m = g.qualifier.match(text, q, end)
        if m:
            q = m.end()
            continue
        m = g.tail_party.match(text, q, end)
        if m:
            q = m.end()
            continue
        m = g.collective_more.match(text, q, end)
        if m and m.group(0).lstrip(",; ")[:1].islower():
            q = m.end()
            continue
        # "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh": a capitalised title after the noun.
        if re.match(r" (?:Ủy viên|Bí thư|Thành viên) ", text[q:end]):
            q, _ = _extend_name(text, q, end, g)
            continue
        break
    return q


def parse_bodies(text: str, pos: int, end: int, parses: _Parses | None = None) -> tuple[list[BodyRef], int]:
    """The list of bodies starting at ``pos``: "X, Y và các Z"; returns (bodies, end of the list).

    With ``parses`` (one per text), lists already read are not read again."""
    if parses is not None:
        return parses.bodies(pos, end)
    g = grammar()
    out: list[BodyRef] = []
    p = pos
    while p < end:
        q = p
        if out:
            s = g.sep.match(text, p, end)
            if not s:
                break
            q = s.end()
        found = _one_body(text, q, end, g)
        if not found:
            break
        out.extend(found)
        p = found[-1].end
    return out, p


def _subject_at(
    text: str, pos: int, end: int, request: bool = False, parses: _Parses | None = None
) -> Anchor | None:
    """A subject at ``pos`` with its role cues (the addressees of a request at ``pos`` when
    ``request``), or None."""
    g = grammar()
    d = _DUTY_OF.match(text, pos, end)
    start = d.end() if d else pos
    bodies, p = addressees(text, start, end, parses) if request else parse_bodies(text, start, end, parses)
    if not bodies:
        return None
    if text.startswith(" ", p):
        h = _HUMBLE.match(text, p + 1, end)
        m = g.address.match(text, h.end() if h else p + 1, end)
        if m:
            # "Sở Y tế đề nghị Sở Giao thông vận tải ...", "Bộ Ngoại giao xin thông báo để Quý Ủy ban
            # ...": the bodies after the request are tasked, never the one that asks.
            bodies, p = addressees(text, m.end(), end, parses)
            if not bodies:
                return None
        elif h:
            return None  # "Bộ X xin gửi kèm ...": the issuing side speaks of itself
    if g.not_task.match(text, p, end) or _CLOSING.match(text, p, end):
        return None
    resp = list(bodies)
    lead: list[BodyRef] = []
    m = g.lead.match(text, p, end)
    lines = _LINES.get()
    if m and lines is not None and len(lines) == len(text) and "\n" in lines[p : m.end()]:
        cue = text[p : m.end()].lstrip(" ,:")
        if cue[:1].isupper():
            m = None  # "Sở Y tế\nChủ trì, ...": the next paragraph's lead (see _lead_bullets)
    if m:
        lead, resp = resp, []
        p = m.end()
    else:
        m = g.chain.match(text, p, end)
        if m:
            more, p2 = parse_bodies(text, m.end(), end, parses)
            if more:
                resp.extend(more)
                p = p2
    return Anchor(pos, end, tuple(resp), tuple(lead), ())


def known_spelling(name: str) -> tuple[str, str]:
    """The known body name ``name`` opens with, in the tables' spelling, and the rest as written:
    "Cuc Quan ly thi truong tinh" → ("Cục Quản lý thị trường", " tinh"); ("", name) if none."""
    g = grammar()
    m = g.known.match(name)
    spelled = g.known_spelling.get(fold(m.group())) if m else None
    return (spelled, name[m.end() :]) if m and spelled else ("", name)


def resolve_honorific(name: str, recipients: tuple[str, ...]) -> tuple[str, ...]:
    """The recipients a "Quý ..." reference stands for: those whose name opens with its noun ("Quý Ủy
    ban" → "Ủy ban nhân dân tỉnh X"), else the only recipient, or all of them for "Quý cơ quan" /
    "Quý đơn vị"; () when the letter names no recipient. Any other name is returned as it is."""
    m = _HONORIFIC.fullmatch(name)
    if not m:
        return (name,)
    noun = fold(m.group("noun"))
    if noun in _HONORIFIC_ANY:
        return recipients
    same = tuple(r for r in recipients if fold(r).startswith(noun + " "))
    return same or (recipients if len(recipients) == 1 else ())


def addressees(text: str, pos: int, end: int, parses: _Parses | None = None) -> tuple[list[BodyRef], int]:
    """The bodies a request at ``pos`` is made to: "(các) đồng chí Cục trưởng Cục Thuế ..." names the
    body through its head's post."""
    g = grammar()
    m = g.comrade.match(text, pos, end)
    if m:
        pos = m.end()
    return parse_bodies(text, pos, end, parses)


# How far after its subject a sentence is read for "phối hợp với ..." partners: the cue follows the
# subject within its clause, and a bound keeps the work per subject constant in a text that runs on
# without a full stop.
_SUPPORT_REACH = 600


def _supports(text: str, start: int, end: int, parses: _Parses | None = None) -> tuple[BodyRef, ...]:
    end = min(end, start + _SUPPORT_REACH)
    if parses is not None:
        return parses.supports(start, end)
    g = grammar()
    out: list[BodyRef] = []
    for m in g.support.finditer(text, start, end):
        bodies, _ = parse_bodies(text, m.end(), end)
        out.extend(b for b in bodies if b.named)
    return tuple(out)


class _Parses:
    """:func:`parse_bodies` and :func:`_supports` over one text, each list of bodies read once.

    Subjects open at every item, paragraph, sentence and clause, and many of them inside one list
    ("Sở A; Sở B; Sở C ..."): read from each opening, the same list would be read again and again.
    Here each body is read once per position, and a list after its first body is kept as the tail of
    a chain shared by every opening that reaches it; answers are the same as without memory (within
    one :func:`find_anchors` call, where the text's lines ``_LINES`` do not change).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.g = grammar()
        self._one: dict[tuple[int, int], list[BodyRef]] = {}
        # (position after a body, end) -> (chain, index of what follows in it, end of the list)
        self._tails: dict[tuple[int, int], tuple[list[BodyRef], int, int]] = {}
        # end -> (from, match starts, offsets into the named bodies, the named bodies) for supports
        self._support: dict[int, tuple[int, list[int], list[int], list[BodyRef]]] = {}

    def one(self, q: int, end: int) -> list[BodyRef]:
        key = (q, end)
        found = self._one.get(key)
        if found is None:
            found = self._one[key] = _one_body(self.text, q, end, self.g)
        return found

    def _tail(self, p: int, end: int) -> tuple[list[BodyRef], int, int]:
        """What follows the body that ends at ``p``: the rest of the list (as ``chain[i:]``) and its end."""
        path: list[tuple[int, list[BodyRef]]] = []  # (position after a body, the bodies after it)
        q = p
        while True:
            known = self._tails.get((q, end))
            if known is not None:
                chain, i, stop = known
                rest = chain[i:]
                break
            s = self.g.sep.match(self.text, q, end) if q < end else None
            found = self.one(s.end(), end) if s else []
            if not found:
                rest, stop = [], q
                self._tails[(q, end)] = (rest, 0, stop)
                break
            path.append((q, found))
            q = found[-1].end
        if not path:
            return self._tails[(p, end)]
        chain = [b for _, found in path for b in found] + rest
        i = 0
        for at, found in path:
            self._tails[(at, end)] = (chain, i, stop)
            i += len(found)
        return self._tails[(p, end)]

    def bodies(self, pos: int, end: int) -> tuple[list[BodyRef], int]:
        if pos >= end:
            return [], pos
        found = self.one(pos, end)
        if not found:
            return [], pos
        chain, i, stop = self._tail(found[-1].end, end)
        return found + chain[i:], stop

    def supports(self, start: int, end: int) -> tuple[BodyRef, ...]:
        """:func:`_supports` (``end`` already bounded): the named bodies after each support cue from
        ``start`` to ``end``.

        The cue matches of ``[start, end)`` are every position where the cue matches, when no match
        starts inside another (the scan then skips nothing); those are found once per ``end``.
        Otherwise (cues that overlap) the scan is done as :func:`_supports` does it.
        """
        known = self._support.get(end)
        if known is None or known[0] > start:
            probe = self.g.support_probe
            starts: list[int] = []
            offsets: list[int] = []
            named: list[BodyRef] = []
            last_end = start
            for pm in probe.finditer(self.text, start, end):
                m = self.g.support.match(self.text, pm.start(), end)
                if m is None or m.start() < last_end:
                    return _supports(self.text, start, end)  # overlapping cues: scan
                last_end = m.end()
                starts.append(m.start())
                offsets.append(len(named))
                named.extend(b for b in self.bodies(m.end(), end)[0] if b.named)
            known = self._support[end] = (start, starts, offsets, named)
        _, starts, offsets, named = known
        k = bisect_left(starts, start)
        return tuple(named[offsets[k] :]) if k < len(starts) else ()


_SEMICOLON = re.compile(r";\s*")
_COMMA_SP = re.compile(r",\s+")
_TOPIC_REACH = 400  # how far a topic "Đối với ..." is read for the comma before its subject
# A paragraph start: "(?:\A|\n)" then _PARA_LEAD; the text start is tried apart (see find_anchors) so
# that a scan for _PARA skips fast to newlines.
_PARA_LEAD = re.compile(r"[ \t]*(?:[-–•+][ \t]+)?")
_PARA = re.compile(r"\n" + _PARA_LEAD.pattern)
_LABEL = re.compile(r"[ \t]*(?:(?:\d{1,2}\.)*\d{1,2}(?:[.\-–)]|\.-)|[a-zđ]\))[ \t]+")


def find_anchors(
    text: str,
    low: str,
    body: tuple[int, int],
    items: list[tuple[int, int, str]],
    sentences: list[tuple[int, int]],
    masked: list[tuple[int, int]],
    directive_start: int,
    trigger_start: int | None = None,
) -> list[Anchor]:
    """Subjects of items, bullets and paragraphs inside items, "Giao X" sentences, "yêu cầu X" in items."""
    token = _LINES.set(text)
    try:
        return _find_anchors(text, low, body, items, sentences, masked, directive_start, trigger_start)
    finally:
        _LINES.reset(token)


def _find_anchors(
    text: str,
    low: str,
    body: tuple[int, int],
    items: list[tuple[int, int, str]],
    sentences: list[tuple[int, int]],
    masked: list[tuple[int, int]],
    directive_start: int,
    trigger_start: int | None,
) -> list[Anchor]:
    g = grammar()
    b0, b1 = body
    anchors: list[Anchor] = []
    # Names are read over the lines joined: a name wrapped at a line end ("Cục Thuế các\ntỉnh") is one.
    flat = text.replace("\n", " ")
    parses = _Parses(flat)

    # Position lookups in O(log n) (kg.lookup), the same answers as scanning the lists.
    # The innermost item: the one opened last among those containing the position.
    innermost = _innermost_items(items)
    first_sentence = _first_sentences(sentences)
    mask = union(masked)
    in_items = union((s, e) for s, e, _ in items)

    def item_end(pos: int) -> int:
        found = innermost.best(pos)
        return b1 if found is None else found[1]

    def sentence_of(pos: int) -> tuple[int, int]:
        found = first_sentence.best(pos)
        return (pos, b1) if found is None else found

    # The closing request for feedback ("nếu có khó khăn, vướng mắc, đề nghị các đơn vị phản ánh về ...")
    # gives no task: no subject is read in its sentence.
    gate = sentences and g.feedback_gate.search(
        low, min(s for s, _ in sentences), max(e for _, e in sentences)
    )
    feedback = union((ss, se) for ss, se in (sentences if gate else ()) if g.feedback.search(low, ss, se))

    def in_mask(pos: int) -> bool:
        return in_union(mask, pos) or in_union(feedback, pos)

    starts: dict[int, int] = {}  # subject position -> end of the scope it opens (0: to the item end)
    for s, _e, _label in items:
        m = _LABEL.match(text, s)
        starts[m.end() if m else s] = 0

    # past the items: a closing paragraph ("Yêu cầu các cơ quan, đơn vị ... định kỳ báo cáo ...")
    after_items = max((e for _, e, _ in items), default=b1)

    def tasked(p: int) -> bool:
        if items and (p >= after_items or in_union(in_items, p)):
            return True
        return not items and p >= directive_start

    para_ends = [m.end() for m in _PARA.finditer(text, b0, b1)]
    if b0 == 0:
        lead = _PARA_LEAD.match(text, 0, b1)
        para_ends.insert(0, lead.end() if lead else 0)
    for p in para_ends:
        if p < b1 and text[p].isalpha() and tasked(p):
            starts.setdefault(p, 0)
    # A sentence or a clause that opens with its own subject: "...; Ban Chỉ đạo ... tổ chức ứng trực".
    for ss, se in sentences:
        p = ss
        while p < se and text[p] in " \t\n":
            p += 1
        if p < se and text[p].isupper() and tasked(p):
            starts.setdefault(p, se)
        for m in _SEMICOLON.finditer(text, ss, se) if text.find(";", ss, se) >= 0 else ():
            q = m.end()
            if q < se and tasked(q):
                starts.setdefault(q, -se)
        # "Đối với <what>, <subject> <does>": the subject follows a comma of the topic.
        while p < se and text[p] in "-–•+*":
            p += 1
        while p < se and text[p] in " \t\n":
            p += 1
        if text.startswith(("Đối với ", "đối với "), p):
            for m in _COMMA_SP.finditer(text, p, min(se, p + _TOPIC_REACH)):
                if tasked(m.end()):
                    starts.setdefault(m.end(), -se)
    for p in sorted(starts):
        if in_mask(p):
            continue
        ss, se = sentence_of(p)
        a = _subject_at(flat, p, se, parses=parses)
        if a is None:
            continue
        if starts[p] < 0 and not all(b.named for b in a.responsible + a.lead):
            continue  # a clause subject must be a named body
        scope = item_end(p) if starts[p] == 0 else abs(starts[p])
        anchors.append(Anchor(p, scope, a.responsible, a.lead, _supports(flat, p, se, parses)))
    for m in g.giao.finditer(text, b0, b1):
        p = m.end()
        if in_mask(p) or (p < directive_start and not items):
            continue
        prev = text[max(b0, m.start() - 6) : m.start()].lower()
        if prev.endswith(("được ", "bàn ")):
            continue
        ss, se = sentence_of(p)
        a = _subject_at(flat, p, se, parses=parses)
        if a is None:
            continue
        before = text[ss : m.start()]
        at_para = before.strip(" \t-–•+") == "" or _LABEL.fullmatch(before + " ") is not None
        scope = item_end(p) if at_para else se
        anchors.append(Anchor(m.start(), scope, a.responsible, a.lead, _supports(flat, p, se, parses)))
    # The sentence that ends in the trigger's colon ("Bộ Y tế đề nghị các Bộ ... và Ủy ban nhân dân các
    # tỉnh, thành phố thực hiện một số nội dung sau:"), which may start lines before it.
    trigger_from = sentence_of(trigger_start)[0] if trigger_start is not None else b1
    for m in g.address.finditer(low, b0, b1):
        p = m.end()
        in_trigger = trigger_from <= p < directive_start
        if in_mask(p) or not (in_trigger or tasked(p)):
            continue
        ss, se = sentence_of(p)
        a = _subject_at(flat, p, se, request=True, parses=parses)
        if a is None:
            continue
        if in_trigger:
            # "... yêu cầu X, Y thực hiện các nội dung sau:": named addressees carry the whole text.
            named = tuple(b for b in a.responsible if b.named or _CLASS.match(b.name))
            if named:
                anchors.append(Anchor(m.start(), b1, named, (), ()))
            continue
        anchors.append(Anchor(m.start(), item_end(p), a.responsible, a.lead, _supports(flat, p, se, parses)))
    anchors.extend(table_anchors(text, b0, b1))
    anchors.sort(key=lambda a: a.pos)
    # After the subjects: a bullet that opens with "Chủ trì" under a subject ("Sở Y tế:\n- Chủ trì, phối
    # hợp với ..."), and the roles noted after a task ("(Sở Y tế chủ trì, ...)", "Cơ quan chủ trì: ...").
    anchors += _lead_bullets(flat, sorted(p for p in starts if not in_mask(p)), anchors, sentence_of, parses)
    anchors += _role_notes(text, flat, low, body, innermost, first_sentence, sentences, in_mask)
    anchors.sort(key=lambda a: a.pos)
    return anchors


_LEAD_OPEN = re.compile(loose(r"(?i:chủ trì|chu trì|chủ tri|chu tri)(?![\w-])"))


def _lead_bullets(
    flat: str,
    positions: list[int],
    anchors: list[Anchor],
    sentence_of: Callable[[int], tuple[int, int]],
    parses: _Parses | None = None,
) -> list[Anchor]:
    """A paragraph, bullet or lettered sub-item that opens with "Chủ trì" has no subject of its own: the
    bodies of the subject it falls under lead the work of its sentence: the last anchor (``anchors``
    sorted by position) with bodies that opens before it and whose scope goes on past it."""
    out: list[Anchor] = []
    # (found in O(log n): the anchor of the largest index whose range (pos, scope_end) holds p)
    enclosing: Intervals[Anchor] | None = None
    for p in positions:
        if flat[p : p + 2] not in ("Ch", "ch", "CH") or not _LEAD_OPEN.match(flat, p):
            continue
        if enclosing is None:
            enclosing = Intervals(
                ((a.pos + 1, a.scope_end, a) for a in anchors if a.responsible + a.lead),
                rank=lambda i, s, e, a: -i,
            )
        enc = enclosing.best(p)
        if enc is None:
            continue
        _, se = sentence_of(p)
        out.append(Anchor(p, se, (), enc.responsible + enc.lead, _supports(flat, p, se, parses)))
    return out


# A line that names the bodies of the task above it: "- Cơ quan chủ trì: Sở Y tế.", "Đơn vị thực hiện:
# Công an tỉnh", "Phối hợp: Ủy ban nhân dân các huyện" (the Kế hoạch layout of a task table).
_ROLE_LABEL = re.compile(
    loose(
        r"(?im)(?:^|(?<=[.;] ))[ \t]*(?:[-–•+*][ \t]*)?(?:(?:cơ quan|đơn vị|bộ phận)[ \t]+"
        r"(?P<role>chủ trì|thực hiện|phối hợp|chịu trách nhiệm|được giao)[^:\n]{0,30}"
        r"|(?P<bare>chủ trì|phối hợp|trách nhiệm thực hiện))[ \t]*:[ \t]*"
    )
)
# (a quick test first: the role word before a colon on its line)
_ROLE_COLON = re.compile(loose(r"(?i:chủ trì|phối hợp|thực hiện|chịu trách nhiệm|được giao)[^:\n]{0,30}:"))
# the longest a _ROLE_COLON match can be: a role word, 30 characters, the colon
_ROLE_COLON_REACH = 64


def _role_colon(text: str, start: int, end: int) -> bool:
    """``_ROLE_COLON.search(text, start, end) is not None``, tried only before each colon: a match ends
    with a colon and is at most _ROLE_COLON_REACH long (a scan of the whole text tries every
    position)."""
    c = text.find(":", start, end)
    while c >= 0:
        if _ROLE_COLON.search(text, max(start, c + 1 - _ROLE_COLON_REACH), c + 1):
            return True
        c = text.find(":", c + 1, end)
    return False


_NOTE_OPEN = re.compile(rf"\(\s*(?={_CAP})")
_NOTE_SUPPORT = re.compile(r"\s*[,;]?\s*(?:và\s+)?")
_NOTE_SUPPORT_END = re.compile(loose(r"\s+(?:cùng\s+)?(?:phối hợp|tham gia)(?![\w-])"))
_NOTE_RESPONSIBLE = re.compile(loose(r"\s+(?:thực hiện|chịu trách nhiệm|triển khai)(?![\w-])"))
_NOTE_MAX = 250
# a note ends with its role word: "..., Công an tỉnh phối hợp."
_NOTE_ROLE_WORDS = ("chủ trì", "phối hợp", "tham gia", "thực hiện", "chịu trách nhiệm", "triển khai")
_NOTE_ROLES = "(?:" + "|".join(_NOTE_ROLE_WORDS) + ")"
_NOTE_TAIL = re.compile(loose(_NOTE_ROLES + r"[\s.;,)]*$"))
# (the role word alone, ending where the search ends; every role word ends with a letter)
_NOTE_ROLE_END = re.compile(loose(_NOTE_ROLES + r"\Z"))
_NOTE_ROLE_MAX = max(map(len, _NOTE_ROLE_WORDS))  # characters of the longest role word


def _note_tail(low: str, start: int, end: int) -> bool:
    """``_NOTE_TAIL.search(low, start, end) is not None``: a role word then only spaces and ".;,)" to
    the end. The role word ends with a letter, so it ends where that run of spaces and marks begins;
    it is looked for there only (a search from ``start`` tries every position)."""
    k = end
    while k > start and (low[k - 1] in ".;,)" or low[k - 1].isspace()):
        k -= 1
    return _NOTE_ROLE_END.search(low, max(start, k - _NOTE_ROLE_MAX), k) is not None


_NOTE_END = re.compile(r"[\s.;,)]*")
_NOTE_LEAD = re.compile(r"[\s\-–•+*]*(?:(?:(?:\d{1,2}\.)*\d{1,2}(?:[.\-–)]|\.-)|[a-zđ]\))\s+)?[\s\-–•+*]*")


def _role_note(flat: str, start: int, end: int) -> tuple[list[BodyRef], list[BodyRef], list[BodyRef]] | None:
    """``flat[start:end]`` read whole as a note of roles: "Sở Y tế chủ trì, Ủy ban nhân dân các huyện phối
    hợp", "Công an tỉnh thực hiện"; returns (lead, responsible, support) or None."""
    g = grammar()
    bodies, q = parse_bodies(flat, start, end)
    if not bodies:
        return None
    lead: list[BodyRef] = []
    resp: list[BodyRef] = []
    m = g.lead.match(flat, q, end)
    if m:
        lead = bodies
    else:
        m = _NOTE_RESPONSIBLE.match(flat, q, end)
        if not m:
            return None
        resp = bodies
    q = m.end()
    support: list[BodyRef] = []
    s = _NOTE_SUPPORT.match(flat, q, end)
    more, q2 = parse_bodies(flat, s.end(), end)
    if more:
        e = _NOTE_SUPPORT_END.match(flat, q2, end)
        if not e:
            return None
        support, q = [b for b in more if b.named], e.end()
    if _NOTE_END.match(flat, q, end).end() < end:
        return None
    return lead, resp, support


def _innermost_items(items: list[tuple[int, int, str]]) -> Intervals[tuple[int, int]]:
    """The items as (start, end), the best containing a position being the one opened last (the
    greatest start; of equal starts, the later in the list)."""
    return Intervals(((s, e, (s, e)) for s, e, _ in items), rank=lambda i, s, e, v: (-s, -i))


def _first_sentences(sentences: list[tuple[int, int]]) -> Intervals[tuple[int, int]]:
    """The sentences, the best containing a position being the first in the list."""
    return Intervals((s, e, (s, e)) for s, e in sentences)


def _role_notes(
    text: str,
    flat: str,
    low: str,
    body: tuple[int, int],
    innermost: Intervals[tuple[int, int]],
    first_sentence: Intervals[tuple[int, int]],
    sentences: list[tuple[int, int]],
    in_mask: Callable[[int], bool],
) -> list[Anchor]:
    """Roles noted after the task they belong to, over the item that holds them (or, outside items, over
    the sentence before): a parenthesis "(Sở Y tế chủ trì, Công an tỉnh phối hợp)", a sentence that is
    nothing but such a note, and labelled lines "Cơ quan chủ trì: ...", "Cơ quan phối hợp: ..."."""
    b0, b1 = body
    by_scope: dict[tuple[int, int], tuple[list[BodyRef], list[BodyRef], list[BodyRef]]] = {}

    def scope_of(pos: int, before: int) -> tuple[int, int]:
        best = innermost.best(pos)  # the innermost item holding pos
        if best is not None:
            m = _LABEL.match(text, best[0])
            return (m.end() if m else best[0], best[1])
        return (before, pos)

    def add(scope: tuple[int, int], note: tuple[list[BodyRef], list[BodyRef], list[BodyRef]]) -> None:
        lead, resp, support = by_scope.setdefault(scope, ([], [], []))
        lead += note[0]
        resp += note[1]
        support += note[2]

    for m in _NOTE_OPEN.finditer(text, b0, b1):
        close = text.find(")", m.end(), min(b1, m.end() + 300))
        if close < 0 or in_mask(m.start()):
            continue
        note = _role_note(flat, m.end(), close)
        if note:
            found = first_sentence.best(m.start())  # the first sentence holding it
            ss = m.start() if found is None else found[0]
            add(scope_of(m.start(), ss), note)
    prev = b0
    for s, e in sentences:
        # a note is short and opens with a body's name
        if e - s > _NOTE_MAX + 20:
            prev = s
            continue
        a = _NOTE_LEAD.match(flat, s, e).end()
        if e - a <= _NOTE_MAX and flat[a : a + 1].isupper() and _note_tail(low, a, e) and not in_mask(s):
            note = _role_note(flat, a, e)
            if note:
                add(scope_of(s, prev), note)
        prev = s
    labels = _ROLE_LABEL.finditer(text, b0, b1) if _role_colon(text, b0, b1) else ()
    for m in labels:
        if in_mask(m.start()):
            continue
        role = fold(m.group("role") or m.group("bare"))
        eol = text.find("\n", m.end(), b1)
        bodies, _ = parse_bodies(flat, m.end(), b1 if eol < 0 else eol)
        if not bodies:
            continue
        if role == "chu tri":
            note = (bodies, [], [])
        elif role == "phoi hop":
            note = ([], [], [b for b in bodies if b.named])
        else:
            note = ([], bodies, [])
        add(scope_of(m.start(), m.start()), note)
    return [
        Anchor(s, e, tuple(resp), tuple(lead), tuple(support))
        for (s, e), (lead, resp, support) in sorted(by_scope.items())
        if lead or resp or support
    ]


# A table of tasks: a header row with a "chủ trì" column (and often "phối hợp"), cells separated by "|"
# (tables of web pages and Markdown exports; normalisation has turned tabs into spaces).
_RULE_ROW = re.compile(r"[\s|:+\-–—=]*")
_LEAD_COL = re.compile(r"(?i)chủ trì")
_DUTY_COL = re.compile(r"(?i)(?:cơ quan|đơn vị|bộ phận)[^|]*(?:thực hiện|chịu trách nhiệm|được giao)")
_SUPPORT_COL = re.compile(r"(?i)phối hợp")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the table line ``text[start:end]``, trimmed; the empty outer cells
    of "| a | b |" dropped."""
    out: list[tuple[int, int]] = []
    p = start
    while p <= end:
        q = text.find("|", p, end)
        q = end if q < 0 else q
        a, b = p, q
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in " \t":
            b -= 1
        out.append((a, b))
        p = q + 1
    if out and out[0][0] == out[0][1]:
        out = out[1:]
    if out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out


def table_anchors(text: str, start: int, end: int) -> list[Anchor]:
    """Each row of a task table gives the measures of its row to the bodies of its "chủ trì" cell
    (lead; or of its "đơn vị thực hiện" / "chịu trách nhiệm" cell, responsible) and of its "phối hợp"
    cell (support): one anchor per row, over the row."""
    if text.find("|", start, end) < 0:
        return []
    out: list[Anchor] = []
    lead_col: int | None = None
    support_col: int | None = None
    row_lead = True
    width = 0
    p = start
    while p < end:
        q = text.find("\n", p, end)
        q = end if q < 0 else q
        is_row = text.find("|", p, q) >= 0
        if not is_row or _RULE_ROW.fullmatch(text, p, q):
            if text[p:q].strip() and not _RULE_ROW.fullmatch(text, p, q):
                lead_col = None  # a line of prose ends the table
            p = q + 1
            continue
        cells = _cells(text, p, q)
        heads = [text[a:b] for a, b in cells]
        duty = next((i for i, c in enumerate(heads) if _LEAD_COL.search(c)), None)
        is_lead = duty is not None
        if duty is None:
            duty = next((i for i, c in enumerate(heads) if _DUTY_COL.search(c)), None)
        if duty is not None and len(cells) >= 2:  # a header row
            lead_col, width, row_lead = duty, len(cells), is_lead
            support_col = next((i for i, c in enumerate(heads) if _SUPPORT_COL.search(c) and i != duty), None)
        elif lead_col is not None and len(cells) == width:
            bodies = _cell_bodies(text, cells[lead_col])
            support = _cell_bodies(text, cells[support_col]) if support_col is not None else ()
            if bodies or support:
                lead, resp = (bodies, ()) if row_lead else ((), bodies)
                out.append(Anchor(p, q, resp, lead, support))
        p = q + 1
    return out


def _cell_bodies(text: str, cell: tuple[int, int]) -> tuple[BodyRef, ...]:
    bodies, _ = parse_bodies(text, *cell)
    return tuple(bodies)
