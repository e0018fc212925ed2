"""Cited documents (by number) and directing bodies (references without a number).

Reads the normalised text and finds every "… số <number>" that names another document, in Party form
(``5273-CV/BTGTW``) and State form (``16/CT-TTg``, ``145/2020/NĐ-CP``, ``1923/TCT-TTKT``), OCR-noisy
forms included (``1046/TCT- TTKT``). For each it reads the type, date, issuer, subject and the relation
given by the cue words before it (``kg/data/relation_cues.tsv``). Citations inside a cited document's
own subject ("Quyết định số … về ban hành Kế hoạch thực hiện Chỉ thị số …") are kept under that
document (``Citation.cites``). References to directions without a number ("các văn bản chỉ đạo của
Ban Bí thư, Thủ tướng Chính phủ, …") become :class:`DirectiveSource`, one per body.

Patterns and word lists live in ``kg/data/citation_patterns.tsv``; the document's own number (the
"Số …" line of its header) and "Công văn này" are not citations.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kg import gazetteer as gz
from kg.extract._tables import not_after
from kg.extract.context import Context
from kg.extract.short_forms import Occurrence, resolve_short_forms
from kg.lookup import NextMatch, in_union, union
from kg.normalise import NormText
from kg.record import Citation, DirectiveSource, Jurisdiction
from kg.segment import Segments
from kg.text import fold, tolerant

__all__ = ["extract_citations", "scoped_issuer"]

RELATIONS = ("implements", "based_on", "approves", "cites")

# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _IssuerRule:
    template: str
    level: str | None
    scope: str


@dataclass(frozen=True)
class _Tables:
    type_words: dict[str, str | None]  # folded word -> canonical type (None = generic)
    type_word_re: re.Pattern[str]  # a type word ending just before "số"
    law_re: re.Pattern[str]
    law_types: dict[str, str]
    blocker_re: re.Pattern[str]
    title_start_re: re.Pattern[str]
    issuer_end_re: re.Pattern[str]
    sibling_re: re.Pattern[str]
    directive_re: re.Pattern[str]
    clause_verb_re: re.Pattern[str]
    amended_by_re: re.Pattern[str]  # "được sửa đổi, bổ sung bởi" at the end of a gap
    cue_re: re.Pattern[str]
    cues: dict[str, tuple[str, bool]]  # folded cue -> (relation, strong)
    near_cues: frozenset[str]  # folded cues that decide when they stand right before the citation
    issuers: dict[str, _IssuerRule]  # folded code -> rule
    known_bodies: tuple[str, ...]  # issuer names, longest first
    heads: tuple[tuple[str, str], ...]  # body heads (folded) with level hint, longest first


def _alt(words: list[str]) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@cache
def _tables() -> _Tables:
    rows = gz.load_table("citation_patterns.tsv")
    by_kind: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)

    type_words: dict[str, str | None] = {}
    for d in gz.doc_types():
        for name in (d.name_vi, *d.aliases):
            type_words.setdefault(fold(name), d.name_vi)
    for r in by_kind.get("type_word", []):
        type_words[fold(r["pattern"])] = r["value"] or None
    # Type words are matched on the text; list them in their written forms.
    written = [d.name_vi for d in gz.doc_types()] + [a for d in gz.doc_types() for a in d.aliases]
    written += [r["pattern"] for r in by_kind.get("type_word", [])]
    type_word_re = re.compile(rf"(?<![^\W\d_])(?P<w>{_alt(written)})\s*$", re.I)

    law = by_kind.get("law_word", [])
    law_re = re.compile(rf"(?<![^\W\d_])(?P<w>{_alt([r['pattern'] for r in law])})(?![^\W\d_])")
    law_types = {fold(r["pattern"]): r["value"] for r in law}

    def words(kind: str) -> list[str]:
        return [r["pattern"] for r in by_kind.get(kind, [])]

    blocker_re = re.compile(rf"(?<![^\W\d_])(?:{_alt(words('blocker'))})\s*$", re.I)
    title_start_re = re.compile(rf"\s*(?P<w>{_alt(words('title_start'))})(?![^\W\d_])", re.I)
    issuer_end_re = re.compile(
        rf"\s+(?:{_alt(words('issuer_end'))})(?![^\W\d_])|\s*[,;:.()“”\"]|\s*\n\s*\n|\s+(?:v[àa]|hoặc)\s+(?=[^\W\d_]*[a-zđ])"
    )
    sibling_re = re.compile(rf"^[\s,;(]*(?:(?:{_alt(words('sibling'))})[\s,]*)*$", re.I)
    # "(?<![^\W\d_])(?:(?:các|những)\s+)?(?:<nouns>)\s*(?:,\s*)?(?:của|từ)\s+", its branches spelled out
    # (same order of trying) so that the look-behind goes after their first letters: a fast scan.
    nouns = _alt(words("directive"))
    directive_re = re.compile(
        not_after(
            r"[^\W\d_]",
            [rf"các\s+(?:{nouns})", rf"những\s+(?:{nouns})", nouns],
            r"\s*(?:,\s*)?(?:của|từ)\s+",
            ignorecase=True,
        )
    )
    clause_verb_re = re.compile(rf"(?<![^\W\d_])(?:{_alt(words('clause_verb'))})(?![^\W\d_])")
    amended_by_re = re.compile(rf"(?<![^\W\d_])(?:{_alt(words('amended_by'))})\s*$", re.I)

    cue_rows = gz.load_table("relation_cues.tsv")
    cues: dict[str, tuple[str, bool]] = {}
    for r in cue_rows:
        if r["relation"] not in RELATIONS:
            raise gz.GazetteerError(f"relation_cues.tsv: unknown relation {r['relation']!r}")
        if r["strength"] not in ("strong", "weak", "near"):
            raise gz.GazetteerError(f"relation_cues.tsv: unknown strength {r['strength']!r}")
        cues[fold(r["cue"])] = (r["relation"], r["strength"] == "strong")
    near_cues = frozenset(fold(r["cue"]) for r in cue_rows if r["strength"] == "near")
    # With or without diacritics: OCR drops them ("Trien khai", "Can cứ"); cues are looked up folded.
    tolerant_cues = "|".join(tolerant(c) for c in sorted({r["cue"] for r in cue_rows}, key=len, reverse=True))
    cue_re = re.compile(rf"(?<![^\W\d_])(?:{tolerant_cues})(?![^\W\d_])", re.I)

    issuers = {
        fold(r["pattern"]): _IssuerRule(r["value"], r["level"] or None, r["scope"] or "local")
        for r in by_kind.get("issuer", [])
    }
    known = sorted({i.name_vi for i in gz.issuer_codes()}, key=len, reverse=True)
    heads = tuple(sorted(((fold(b.head), b.level_hint) for b in gz.body_types()), key=lambda h: -len(h[0])))
    return _Tables(
        type_words,
        type_word_re,
        law_re,
        law_types,
        blocker_re,
        title_start_re,
        issuer_end_re,
        sibling_re,
        directive_re,
        clause_verb_re,
        amended_by_re,
        cue_re,
        cues,
        near_cues,
        issuers,
        tuple(known),
        heads,
    )


# --------------------------------------------------------------------------- patterns

_L = r"[^\W\d_]"
_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_CODE = r"(?:[A-ZĐ][^\W_]*)"
_HY = r"[ \t]{0,2}[-–—][ \t\n]?[ \t]?"  # "557 – TB/HU", "45 - KH/TU": a spaced dash, an en dash
_SL = r"[ \t]?/[ \t\n]?"  # "71/2024/ NĐ-CP", "71/2024/⏎NĐ-CP": a stray space or a line break
_PARTY = rf"(?P<pn>\d{{1,5}}[a-z]?){_HY}(?P<pt>{_CODE}){_SL}(?P<pi>{_CODE}(?:{_HY}{_CODE})*)"
_STATE = rf"(?P<sn>\d{{1,5}}){_SL}(?:(?P<sy>(?:19|20)\d\d){_SL})?(?P<sc>{_CODE}(?:{_HY}{_CODE})*)"
_NUMBER = rf"(?:{_PARTY}|{_STATE})(?![^\W_]|/\d)"
# What follows the first digit of a number (both forms open with \d{1,5}).
_NUMBER_TAIL = _NUMBER.replace(r"\d{1,5}", r"\d{0,4}")
# "số" as a word. The "s" comes before the look-behind so that a scan for it skips fast to an "s".
_SO = r"[sS](?<![^\W\d_][sS])[ốỐôÔóÓoOồỒ](?![^\W\d_])"
# "… số 123/QĐ-TTg" (the usual anchor); "Tờ trình 4017/TTr-BNNMT" is handled through type words.
_ANCHOR = re.compile(rf"{_SO}\s*[:'‘’]?\s*(?={_NUMBER})")  # OCR: "số' 104/QĐ-TTg"
_NUMBER_RE = re.compile(_NUMBER)
# A number not right after a letter or digit (the first digit matched first: a fast scan).
_NUM_ONLY = re.compile(rf"\d(?<![^\W_/]\d)(?={_NUMBER_TAIL})")
# "ngày", "tháng", "năm" also without their marks ("ngay 02/09/2020"): OCR slips.
_NGAY, _THANG, _NAM = tolerant("ngày"), tolerant("tháng"), tolerant("năm")
# Day, month and year, with the space OCR puts between two digits of one of them ("06/1 1/2013",
# "8/10/202 1").
_D2, _D4 = r"\d(?:[ \t]?\d)?", r"\d(?:[ \t]?\d){3}"
_DATE = re.compile(
    rf"\s*,?\s*(?:{tolerant('ban hành')}\s+)?{_NGAY}\s*(?P<d>{_D2})\s*"
    rf"(?:[/.-]\s*(?P<m>{_D2})\s*[/.-]\s*(?P<y>{_D4})"
    rf"|{_THANG}\s*(?P<m2>{_D2})\s*{_NAM}\s*(?P<y2>{_D4}))",
    re.I,
)
_OF = re.compile(rf"\s*,?\s*(?:của|do)\s+(?=[{_UP}])")
# "… của Cục Khoa học công nghệ, Bộ Y tế tại Công văn số …": a unit and its parent after a comma.
_PRE_ISSUER = re.compile(
    rf"(?:của|với)\s+(?P<b>[{_UP}][^;:(),\d]{{2,100}}?(?:,\s+(?P<parent>[{_UP}][^;:(),\d]{{2,60}}?))?)\s+tại\s*$"
)
# "Ngày 31/8/2020, Bộ Y tế (đã) ban hành Công văn số …": date and issuer before the citation.
# The words with any diacritics or none, as in _DATE; the issuer still starts with a capital.
_PRE_DATE = re.compile(
    rf"(?<![^\W\d_])(?i:{_NGAY})\s*(?P<d>{_D2})\s*(?:[/.-]\s*(?P<m>{_D2})\s*[/.-]\s*(?P<y>{_D4})"
    rf"|(?i:{_THANG})\s*(?P<m2>{_D2})\s*(?i:{_NAM})\s*(?P<y2>{_D4}))"
    rf"\s*,?\s*(?P<b>[{_UP}][^;:.(),]{{2,100}}?)\s+"
    rf"(?:(?i:{tolerant('đã')})\s+)?(?i:{tolerant('ban hành')})\s*$",
)
# Same matches as "[.!?](?=\s|$)|\n[ \t]*\n|:[ \t]*\n", the first character matched first: a fast scan.
_HARD_END = re.compile(r"[.!?\n:](?:(?<=[.!?])(?=\s|$)|(?<=\n)[ \t]*\n|(?<=:)[ \t]*\n)")
_SOFT_END = re.compile(r";")
_TITLE_END = re.compile(
    rf";|[.!?](?=\s|$)|\n[ \t]*\n|:[ \t]*\n|,\s+(?=[{_UP}][^\W\d_]*\s)|\((?=\s*(?:sau đây|gọi tắt))|\)"
)
_OWN_NUMBER_LINE = re.compile(rf"(?m)^[ \t\-*]*{_SO}\s*:?\s*(?P<num>[^\n]{{0,40}})")
_SPACES = re.compile(r"\s+")
_PLACE_WORDS = frozenset(
    {
        "uy",
        "can",
        "su",
        "tinh",
        "huyen",
        "quan",
        "thanh",
        "pho",
        "thi",
        "xa",
        "phuong",
        "tran",
        "dang",
        "nhan",
        "dan",
    }
)
_PLACE_DISTRICT = re.compile(r"(?:huyện|quận|thị xã)\s+(?P<n>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3})")


def _clean(s: str) -> str:
    return _SPACES.sub(" ", s).strip(" ,;:.-–\n\t")


_DASHES = re.compile(r"[–—]")


def _number_text(m: re.Match[str]) -> str:
    return _DASHES.sub("-", _SPACES.sub("", m.group(0)))


# --------------------------------------------------------------------------- parsing one citation


@dataclass
class _Cit:
    start: int  # normalised offsets: type word (or "số") start
    num_start: int
    core_end: int  # after number, date and issuer
    end: int  # after the title
    number: str
    system: str
    type_code: str | None
    issuer_code: str | None
    type_word: str | None  # canonical type from the word before "số" (None = none or generic)
    generic_word: bool  # "văn bản" / "các văn bản" / a list continuation
    date: str | None
    issuer_named: str | None
    title: str | None
    title_start: int | None
    title_stop: int | None = None  # where the subject ends at the latest (before a sibling in a list)
    relation: str = "cites"
    children: list[_Cit] = field(default_factory=list)
    parent: _Cit | None = None


def _split_number(m: re.Match[str]) -> tuple[str, str | None, str | None]:
    """(system, type code, issuer code) of a matched number."""
    if m.group("pn"):
        issuer = re.split(r"[-–—]", _SPACES.sub("", m.group("pi")))[0]
        return "party", m.group("pt"), issuer
    # The Quốc hội and its Standing Committee sign with their term: "QH14", "UBTVQH15" (a code of its own).
    tokens = [_TERM.sub("", t) for t in re.split(r"\s*[-–—]\s*", m.group("sc").strip()) if t]
    first = tokens[0]
    if first == "QH":
        return "state", "QH", "QH"
    if gz.doc_type_by_code(first, "state") is not None and len(tokens) > 1:
        return "state", first, tokens[1]
    return "state", None, first


_TERM = re.compile(r"(?<=QH)\d+$")
_YEAR_IN_NUMBER = re.compile(r"^\d+/(?:19|20)\d\d/")


def _date(m: re.Match[str]) -> str | None:
    d = int(m.group("d").replace(" ", "").replace("\t", ""))
    mo = int((m.group("m") or m.group("m2")).replace(" ", "").replace("\t", ""))
    y = int((m.group("y") or m.group("y2")).replace(" ", "").replace("\t", ""))
    if not (1 <= d <= 31 and 1 <= mo <= 12 and 1945 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _read_body(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """Name of a body starting at ``pos`` (after "của"): up to the first terminator."""
    t = _tables()
    window = text[pos : min(limit, pos + 160)]
    # A known issuer name (it may contain commas or "và": "Bộ Văn hóa, Thể thao và Du lịch").
    m = t.issuer_end_re.search(window)
    end = m.start() if m else len(window)
    fw = fold(window)
    for name, fn in _known_starting(fw[:1]):
        if len(fn) > end and fw.startswith(fn) and (len(fw) == len(fn) or not fw[len(fn)].isalnum()):
            return _clean(window[: len(name)]), pos + len(name)
    body = window[:end]
    # A following citation's type word is not part of the body ("của Quốc hội và Quyết định số ...").
    body = (
        re.split(r"\s+(?:v[àa]|hoặc)\s+", body)[0]
        if re.search(r"\s(?:v[àa]|hoặc)\s+\S+.*\bsố\b", window[: end + 20])
        else body
    )
    body = _clean(body)
    if not body or not body[0].isupper() or len(body) < 2:
        return None
    # A known name followed by lowercase words that are not a place: the name ends there
    # ("Thủ tướng Chính phủ vé giao …", "Cục Thuế tỉnh Hà Nam vướng mắc").
    fb = fold(body)
    for name, fn in _known_starting(fb[:1]):
        if fb.startswith(fn + " "):
            rest = body[len(name) :].split()
            if rest and not rest[0][0].isupper() and fold(rest[0]) not in _PLACE_WORDS:
                body = body[: len(name)]
            break
    # A named place ends the name when lowercase words follow it: the body's words begin there
    # ("Cục Thuế tỉnh Nam Định vướng mắc", "Ủy ban nhân dân huyện Đông Anh báo cáo").
    m = _PLACE_THEN_LOWER.search(body)
    if m:
        body = body[: m.end("place")]
    return body, pos + len(window[:end].rstrip())


_PLACE_THEN_LOWER = re.compile(
    rf"(?<![^\W\d_])(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+"
    rf"(?P<place>[{_UP}][^\W\d_]*(?:(?:\s*-\s*|\s+)[{_UP}][^\W\d_]*){{0,4}})\s+(?=[a-zđà-ỹ])"
)


@cache
def _known_folded() -> tuple[tuple[str, str], ...]:
    return tuple((n, fold(n)) for n in _tables().known_bodies)


@lru_cache(maxsize=1024)
def _known_starting(first: str) -> tuple[tuple[str, str], ...]:
    """The entries of :func:`_known_folded`, in order, that a folded text starting with ``first``
    (its first character, or "" for an empty text) can start with."""
    return tuple((n, fn) for n, fn in _known_folded() if not fn or fn[:1] == first)


def _type_before(text: str, pos: int, lo: int) -> tuple[str | None, bool, int] | None:
    """The type word that ends just before ``pos``: (canonical type, generic, start)."""
    t = _tables()
    seg = text[max(lo, pos - 60) : pos]
    m = t.type_word_re.search(seg)
    if not m:
        return None
    word = fold(m.group("w"))
    canon = t.type_words.get(word)
    return canon, canon is None, pos - len(seg) + m.start()


def _parse(text: str, so_start: int, num: re.Match[str], lo: int, hi: int) -> _Cit | None:
    t = _tables()
    before = text[max(lo, so_start - 40) : so_start]
    if t.blocker_re.search(before):
        return None
    system, type_code, issuer_code = _split_number(num)
    tw = _type_before(text, so_start, lo)
    start = so_start
    type_word: str | None = None
    generic = False
    title: str | None = None
    title_start: int | None = None
    if tw:
        type_word, generic, start = tw
    elif issuer_code in ("QH", "UBTVQH"):
        # "Luật Khám bệnh, chữa bệnh số 15/2023/QH15": the law's name sits between the type and "số".
        clause = text[max(lo, so_start - 150) : so_start]
        laws = list(t.law_re.finditer(clause))
        last = laws[-1] if laws else None
        if last and ";" not in clause[last.start() :] and "." not in clause[last.start() :]:
            type_word = t.law_types[fold(last.group("w"))]
            start = so_start - len(clause) + last.start()
            title = _clean(clause[last.end() :]) or None
            title_start = start
    pos = num.end()
    date: str | None = None
    issuer: str | None = None
    for _ in range(3):
        dm = _DATE.match(text, pos)
        if dm and date is None:
            date = _date(dm)
            pos = dm.end()
            continue
        om = _OF.match(text, pos)
        if om and issuer is None:
            body = _read_body(text, om.end(), hi)
            if body:
                issuer, pos = body
                continue
        break
    core_end = pos
    cit = _Cit(
        start=start,
        num_start=num.start(),
        core_end=core_end,
        end=core_end,
        number=_number_text(num),
        system=system,
        type_code=type_code,
        issuer_code=issuer_code,
        type_word=type_word,
        generic_word=generic,
        date=date,
        issuer_named=issuer,
        title=title,
        title_start=title_start,
    )
    return cit


# --------------------------------------------------------------------------- attributes


def _canon_type(c: _Cit) -> str | None:
    if c.type_word:
        return c.type_word
    if c.type_code:
        d = gz.doc_type_by_code(c.type_code, c.system)
        if d is not None:
            return d.name_vi
    if c.system == "state" and c.type_code is None and not _YEAR_IN_NUMBER.search(c.number):
        # State công văn numbers carry no type code ("6288/BYT-MT"), nor a year: a number with a year
        # and no type code ("07/2020/UBTVQH14") is a legal act whose type only a word can tell.
        return "Công văn"
    return None


_COMMUNE_WORD = re.compile(r"\b(?:xa(?! hoi\b)|phuong|thi tran)\b")
_ABOVE_COMMUNE_WORD = re.compile(r"\b(?:tinh|huyen)\b")
_DISTRICT_WORD = re.compile(r"\b(?:huyen|quan|thi xa|huyen uy|quan uy|thi uy)\b")
_PROVINCE_WORD = re.compile(r"\b(?:tinh|thanh pho|tinh uy|thanh uy)\b")


def _level_of_name(name: str) -> str | None:
    f = fold(name)
    # ("xã hội" is society: "Sở Lao động - Thương binh và Xã hội", "Bảo hiểm xã hội" are no communes)
    if _COMMUNE_WORD.search(f) and not _ABOVE_COMMUNE_WORD.search(f):
        return "commune"
    if _DISTRICT_WORD.search(f):
        return "district"
    if _PROVINCE_WORD.search(f):
        return "province"
    if "trung uong" in f:
        return "central"
    for head, hint in _tables().heads:
        if f.startswith(head + " ") or f == head:
            return hint or None
    return None


@cache
def _province_in(name: str) -> str | None:
    """A province named in a body's name ("Tỉnh ủy Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang")."""
    words = name.split()
    for n in range(min(gz.province_name_words(), len(words)), 0, -1):
        for i in range(len(words) - n, -1, -1):
            cand = " ".join(words[i : i + n])
            if not cand[0].isupper():
                continue
            p = gz.province_by_name(cand)
            if p is not None:
                return p.name
    return None


def _district_in(name: str, province: str | None) -> str | None:
    m = _PLACE_DISTRICT.search(name)
    if m:
        return m.group("n")
    m = re.search(r"(?:Huyện|Quận|Thị) ủy\s+(?P<n>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3})", name)
    return m.group("n") if m else None


def _expand_abbr(name: str) -> str:
    def sub(m: re.Match[str]) -> str:
        found = gz.abbreviations_for(m.group(0))
        return found[0].expansion if found else m.group(0)

    return re.sub(r"\b(?:UBND|HĐND|MTTQ|UBMTTQ)\b", sub, name)


def _fill(template: str, juris: Jurisdiction) -> str:
    name = template
    prov = juris.province
    if "{province}" in name:
        if prov:
            p = gz.province_by_name(prov)
            if p is not None and p.kind == "thành phố":
                name = name.replace("Tỉnh ủy", "Thành ủy")
            name = name.replace("{province}", prov)
        else:
            name = name.replace("{province}", "")
    name = name.replace("{district}", juris.district or "")
    return _clean(name)


def _issuer(c: _Cit, ctx: Context) -> tuple[str | None, str | None, Jurisdiction]:
    """(issuer name, level, jurisdiction) of a citation."""
    t = _tables()
    here = ctx.jurisdiction
    code = c.issuer_code
    rule = t.issuers.get(fold(code)) if code else None
    row = gz.issuer_by_code(code, c.system) if code else None
    if row is not None and c.system == "state" and row.system == "party" and rule is None:
        row = gz.issuer_by_code(code, "state")
    level: str | None = None
    scope: str | None = None
    name: str | None = None
    if rule is not None:
        level, scope = rule.level, rule.scope
    elif row is not None:
        level, scope = row.level or None, row.scope
        name = row.name_vi
    named_ok = c.issuer_named is not None
    if named_ok and name is not None and scope == "national" and _cut_known(c.issuer_named or ""):
        # A known name cut short ("của Thủ tướng Chính⏎về …": OCR lost a word): the code's body.
        named_ok = False
    if named_ok and c.issuer_named:
        named = _strip_prefix(_expand_abbr(c.issuer_named))
        lv = _level_of_name(named)
        if lv is not None:
            level = lv
        if lv == "central":
            scope = "national"
        elif lv in ("province", "district", "commune"):
            scope = "local"
        name = named
    if scope == "national":
        return name, level or "central", Jurisdiction(national=True)
    # Local body: the province named in the citation, else the citing document's.
    province = (_province_in(name) if name else None) or here.province
    if here.national and province is None:
        return name, level, Jurisdiction()
    district: str | None = None
    if level == "district":
        district = (_district_in(name, province) if name else None) or here.district
    elif level is None:
        district = here.district if here.district and name and _level_of_name(name) != "province" else None
        if name is None:
            district = here.district
            level = ctx.level
    juris = Jurisdiction(province=province, district=district) if province else Jurisdiction()
    if name is None and rule is not None and rule.template:
        template = rule.template
        if fold(code or "") in ("bcsd", "bcsđ", "bcs") and ctx.level not in (None, "province"):
            template = "Ban cán sự đảng"
        if "{" not in template and template in ("Ủy ban nhân dân", "Hội đồng nhân dân"):
            unit = _unit_name(province, here.district)
            name = f"{template} {unit}" if unit else template
        else:
            name = _fill(template, Jurisdiction(province=province, district=district))
    if name is None and scope is None and code:
        return None, level, juris
    if name is not None and named_ok:
        name = _scope_name(name, level, juris)
    return name, level, juris


def _unit_name(province: str | None, district: str | None) -> str | None:
    """ "huyện Gia Lâm", "quận Ba Đình", "thành phố Hà Nội", "tỉnh Hà Giang": the place with its kind."""
    if district:
        kinds = [d.kind for d in gz.districts_in(province or "") if fold(d.name) == fold(district)]
        return f"{kinds[0] if len(set(kinds)) == 1 else 'huyện'} {district}"
    if province:
        p = gz.province_by_name(province)
        return f"{p.kind if p is not None else 'tỉnh'} {province}"
    return None


def _cut_known(name: str) -> bool:
    """A name that is the start of a known issuer name and stops short of it ("Thủ tướng Chính")."""
    f = fold(name).strip()
    if not f or f in _body_keys()[0]:
        return False
    return any(fn.startswith(f + " ") for _, fn in _known_starting(f[:1]))


@cache
def _committees() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = gz.load_table("citation_patterns.tsv")
    prefixes = tuple(
        sorted((r["pattern"] for r in rows if r["kind"] == "issuer_prefix"), key=len, reverse=True)
    )
    committees = tuple(r["pattern"] for r in rows if r["kind"] == "committee")
    return prefixes, committees


def _strip_prefix(name: str) -> str:
    """ "Ban Thường vụ Tỉnh ủy" → "Tỉnh ủy", "Chủ tịch Ủy ban nhân dân tỉnh" → "Ủy ban nhân dân tỉnh"."""
    prefixes, committees = _committees()
    for p in prefixes:
        if fold(name).startswith(fold(p) + " "):
            rest = name[len(p) :].strip()
            if any(fold(rest) == fold(c) or fold(rest).startswith(fold(c) + " ") for c in committees):
                return rest
    return name


@cache
def _post_words() -> frozenset[str]:
    return frozenset(fold(n) for p in gz.positions() for n in (p.position, *p.aliases))


def _post_led(name: str) -> bool:
    """A post followed by the body it is a post of: "Giám đốc Sở Y tế", "Cục trưởng Cục Thuế"."""
    words = name.split()
    posts = _post_words()
    for n in range(min(4, len(words) - 1), 0, -1):
        if fold(" ".join(words[:n])) in posts:
            return _is_body(" ".join(words[n:]))
    return False


def scoped_issuer(c: Citation) -> str | None:
    """The cited document's issuer with its place, the name of its node in the graph: the name as printed
    (``Citation.issuer``: "Sở Xây dựng") with the citing document's province when the body is a
    provincial one named without it ("Sở Xây dựng thành phố Hà Nội"), so that the departments of two
    provinces stay two bodies."""
    if c.issuer is None:
        return None
    return _scope_name(c.issuer, c.issuer_level, c.jurisdiction, named=True)


def _scope_name(name: str, level: str | None, juris: Jurisdiction, named: bool = False) -> str:
    """Add the place to a local body named without one: "Tỉnh ủy" → "Tỉnh ủy Hà Giang", "Ủy ban nhân dân
    tỉnh" → "Ủy ban nhân dân tỉnh Hà Giang". A body named with its own name ("Sở Xây dựng", "Cục Thuế")
    keeps it as printed, the citation's jurisdiction carrying its place; ``named``: add the place to it
    too (:func:`scoped_issuer`)."""
    if juris.national or juris.province is None or level == "central":
        return name
    f = fold(name)
    _, committees = _committees()
    bare = re.search(r"\b(?:tinh|thanh pho|huyen|quan|thi xa)$", f) or any(
        f.endswith(" " + fold(c)) for c in committees
    )
    if not bare and _post_led(name):
        # "Giám đốc Sở Y tế": a post of a named body, kept as printed; the citation's jurisdiction
        # carries the place. A bare committee after a post still gets it ("Bí thư Tỉnh ủy Hà Giang").
        return name
    if _province_in(name) is not None:
        return name
    prov = juris.province
    p = gz.province_by_name(prov)
    prov_kind = p.kind if p is not None else "tỉnh"
    dist = juris.district
    if dist and fold(dist) in f:
        return name
    _, committees = _committees()
    if level == "district" and dist:
        if re.search(r"\b(?:huyen|quan|thi xa)$", f):
            return f"{name} {dist}"
        if any(f == fold(c) for c in committees):
            return f"{name} {dist}"
        return name
    if re.search(r"\b(?:tinh|thanh pho)$", f):
        return f"{name} {prov}"
    if any(f == fold(c) or f.endswith(" " + fold(c)) for c in committees):
        return f"{name} {prov}"  # "Tỉnh ủy", "Bí thư Tỉnh ủy" + the province
    if level == "province" and named:
        return f"{name} {prov_kind} {prov}"
    return name


# --------------------------------------------------------------------------- relations


def _cue(text: str, lo: int, hi: int) -> str | None:
    """Relation of the cues in ``text[lo:hi]``: the last strong cue if any, else the last weak cue."""
    t = _tables()
    strong: str | None = None
    weak: str | None = None
    last: re.Match[str] | None = None
    for m in t.cue_re.finditer(text, lo, hi):
        rel, is_strong = t.cues[fold(m.group(0))]
        if is_strong:
            strong = rel
        else:
            weak = rel
        last = m
    return _decide(text, strong, weak, last, hi)


def _decide(
    text: str, strong: str | None, weak: str | None, last: re.Match[str] | None, hi: int
) -> str | None:
    """:func:`_cue` from the last strong and weak relations and the last cue of ``text[lo:hi]``."""
    t = _tables()
    # "… theo đúng quy định tại khoản 2 Điều 15 Luật …": the provision cited decides, whatever came before.
    if (
        last is not None
        and fold(last.group(0)) in t.near_cues
        and _PROVISIONS.fullmatch(text, last.end(), hi)
    ):
        return t.cues[fold(last.group(0))][0]
    return strong or weak


@cache
def _cue_chars() -> tuple[frozenset[str], int]:
    """What a cue match can hold besides letters and spaces, and the most other characters (letters
    and those) one holds: a cue is its words with any diacritics, spaces between (``tolerant``)."""
    cues = [r["cue"] for r in gz.load_table("relation_cues.tsv")]
    extra = frozenset(c for cue in cues for c in cue if not c.isalpha() and not c.isspace())
    return extra, max((sum(not c.isspace() for c in cue) for cue in cues), default=0)


class _CueIndex:
    """:func:`_cue` of many windows of one text, each window's cues not scanned again.

    Short references resolved in one long sentence ("Theo Chỉ thị 16, …, Chỉ thị 16, …") each ask for
    the cues from the start of the sentence: scanned every time, the sentence would be read once per
    reference. Here the cues are found by one scan of the text (made as far as the windows reach), and
    a window takes its cues from it, rescanning only its two ends:

    - near ``hi``: a try of the pattern at ``p`` reads past ``text[p:]`` only while that is a prefix of
      a cue (letters, spaces, at most the letters of the longest cue); so tries at or before ``r``
      (:meth:`_safe`: an impossible character or more letters than a cue has lie between ``r`` and
      ``hi - 1``) go the same whether the scan stops at ``hi`` or not, and only the tries after them
      are made again with ``hi`` as the end;
    - near ``lo``: the scan from ``lo`` goes its own way while it tries positions inside a match of
      the whole-text scan; from the first position both scans try, they find the same matches.

    ``relation(lo, hi)`` is ``_cue(text, lo, hi)`` (tests/test_lookup.py compares them).
    """

    _DIRECT = 400  # a window up to this long is scanned directly
    _CHUNK = 8192  # the whole-text scan goes on by this many characters at a time

    def __init__(self, text: str) -> None:
        self.text = text
        t = _tables()
        self.rx = t.cue_re
        self.cues = t.cues
        self.extra, self.most = _cue_chars()
        self.matches: list[re.Match[str]] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.last_strong: list[int] = []  # per match: the index of the last strong match up to it (-1)
        self.last_weak: list[int] = []
        self._known = 0  # the whole-text scan is known for its tries at positions below this
        self._resume = 0  # where it goes on

    def _safe(self, lo: int, hi: int) -> int | None:
        """The last position ``r >= lo`` whose tries, and all tries before it, read nothing at or after
        ``hi`` (``text[r:hi - 1]`` holds a character no cue holds, or more letters than a cue); None."""
        text, extra = self.text, self.extra
        letters = 0
        k = hi - 2
        while k >= lo:
            c = text[k]
            if c.isspace():
                pass
            elif c.isalpha() or c in extra:
                letters += 1
                if letters > self.most:
                    return k
            else:
                return k
            k -= 1
        return None

    def _scan_to(self, r: int) -> None:
        """Know the whole-text scan's matches for its tries at positions up to ``r``."""
        n = len(self.text)
        chunk = self._CHUNK
        while self._known <= r:
            end = min(n, max(self._resume, self._known) + chunk)
            safe = n if end == n else self._safe(self._resume, end)
            if safe is None or safe < self._resume:
                chunk *= 2  # a window of spaces and letters: a longer chunk
                continue
            last_end = self._resume
            for m in self.rx.finditer(self.text, self._resume, end):
                if m.start() > safe:
                    break
                self._add(m)
                last_end = m.end()
            self._known = safe + 1
            self._resume = max(safe + 1, last_end) if end < n else n
            if end == n:
                self._known = n + 1

    def _add(self, m: re.Match[str]) -> None:
        i = len(self.matches)
        strong = self.cues[fold(m.group(0))][1]
        self.matches.append(m)
        self.starts.append(m.start())
        self.ends.append(m.end())
        prev_s = self.last_strong[-1] if i else -1
        prev_w = self.last_weak[-1] if i else -1
        self.last_strong.append(i if strong else prev_s)
        self.last_weak.append(prev_w if strong else i)

    def window(self, lo: int, hi: int) -> tuple[list[re.Match[str]], int, int, list[re.Match[str]]] | None:
        """The matches of ``cue_re.finditer(text, lo, hi)`` as ``(own, i0, i1, tail)``: ``own`` found
        from ``lo``, then ``self.matches[i0:i1]`` of the whole-text scan, then ``tail`` found again
        before ``hi``; None for a window to scan directly (short, or no try in it reads before ``hi``)."""
        text, rx = self.text, self.rx
        r = self._safe(lo, hi) if hi - lo > self._DIRECT else None
        if r is None:
            return None
        self._scan_to(r)
        # The scan from lo, until it tries a position the whole-text scan tries.
        own: list[re.Match[str]] = []
        cur = lo
        while True:
            j = bisect_left(self.starts, cur + 1) - 1  # the last match starting at or before cur
            x = self.ends[j] if j >= 0 and self.starts[j] < cur < self.ends[j] else cur
            if x > r:
                return None
            m = None
            for p in range(cur, x):
                m = rx.match(text, p, hi)
                if m:
                    break
            if m is None:
                break
            own.append(m)
            cur = m.end()
        i0 = bisect_left(self.starts, x)
        i1 = bisect_left(self.starts, r + 1)
        resume = max(r + 1, self.ends[i1 - 1]) if i1 > i0 else r + 1
        tail = list(rx.finditer(text, resume, hi)) if resume < hi else []
        return own, i0, i1, tail

    def relation(self, lo: int, hi: int) -> str | None:
        found = self.window(lo, hi)
        if found is None:
            return _cue(self.text, lo, hi)
        own, i0, i1, tail = found

        def pick(strong: bool) -> str | None:
            for m in reversed(tail):
                rel, is_strong = self.cues[fold(m.group(0))]
                if is_strong == strong:
                    return rel
            k = (self.last_strong if strong else self.last_weak)[i1 - 1] if i1 > i0 else -1
            if k >= i0:
                return self.cues[fold(self.matches[k].group(0))][0]
            for m in reversed(own):
                rel, is_strong = self.cues[fold(m.group(0))]
                if is_strong == strong:
                    return rel
            return None

        last = tail[-1] if tail else self.matches[i1 - 1] if i1 > i0 else own[-1] if own else None
        return _decide(self.text, pick(True), pick(False), last, hi)


# Article, clause and point references between a cue and the document they belong to.
_PROVISIONS = re.compile(
    r"(?:\s*(?:,|và)?\s*(?i:điểm|khoản|điều|mục|tiết|chương|phần|phụ lục)\s+[\w.]+(?:\s*,\s*[\w.]+)*)*"
    r"\s*(?:,|của)?\s*"
)


def _boundary_before(pat: re.Pattern[str], text: str, lo: int, pos: int) -> int:
    last = lo
    for m in pat.finditer(text, lo, pos):
        last = m.end()
    return last


def _soft_before(text: str, lo: int, pos: int) -> int:
    """``_boundary_before(_SOFT_END, text, lo, pos)``: just after the last ";" in ``[lo, pos)``."""
    k = text.rfind(";", lo, pos)
    return lo if k < 0 else k + 1


class _SentenceStarts:
    """``_boundary_before(_HARD_END, text, lo, pos)`` for many ``pos``, from one scan of the text.

    A scan that stops at ``pos`` finds the matches of a scan over the whole text, except near
    ``pos``: every match of _HARD_END is one of ``.!?\n:``, then spaces or tabs, then at most one
    character, so a try that starts before the spaces and tabs that end just before ``pos`` reads
    no character at or after ``pos``. Only the try at the character before those spaces can differ,
    and it is made again with ``pos`` as the end. (tests/test_lookup.py compares with the scan.)
    """

    def __init__(self, text: str, lo: int) -> None:
        self.text = text
        self.lo = lo
        self._starts: list[int] = []
        self._ends: list[int] = []
        # The scan goes as far as the questions reach (many texts ask none, most only near the start).
        self._scan: Iterator[re.Match[str]] | None = None
        self._done = False

    def _scan_to(self, p: int) -> None:
        """Read the matches of the scan until one starts at or after ``p`` (or the text ends)."""
        if self._scan is None:
            self._scan = _HARD_END.finditer(self.text, self.lo)
        while not self._done and (not self._starts or self._starts[-1] < p):
            m = next(self._scan, None)
            if m is None:
                self._done = True
            else:
                self._starts.append(m.start())
                self._ends.append(m.end())

    def hard_before(self, pos: int) -> int:
        text, lo = self.text, self.lo
        t = pos
        while t > lo and text[t - 1] in " \t":
            t -= 1
        self._scan_to(t - 1)
        k = bisect_left(self._starts, t - 1)  # matches that start before t - 1
        last = self._ends[k - 1] if k else lo
        if t - 1 >= lo and last <= t - 1:
            m = _HARD_END.match(text, t - 1, pos)
            if m:
                last = m.end()
        return last


def _after_nested(cits: list[_Cit]) -> list[int]:
    """For each citation, the index of the first later one not nested in it (``len(cits)`` if none).

    Citations nested in one follow it (its children, each followed by its own nested ones), so the
    first later citation not nested in it is found by jumping over the children's blocks. Falls back
    to the direct search when the citations are not in strict text order.
    """
    n = len(cits)
    if any(cits[i].num_start >= cits[i + 1].num_start for i in range(n - 1)):
        return [
            next((j for j, d in enumerate(cits) if d.num_start > c.num_start and not _inside(d, c)), n)
            for c in cits
        ]
    after = [n] * n
    for i in range(n - 1, -1, -1):
        j = i + 1
        while j < n and cits[j].parent is cits[i]:
            j = after[j]
        after[i] = j
    return after


# --------------------------------------------------------------------------- own number


def _own_numbers(text: str, seg: Segments, ctx: Context) -> tuple[set[str], list[tuple[int, int]]]:
    """The document's own number(s) and the header ranges where they are written."""
    own: set[str] = set()
    ranges: list[tuple[int, int]] = []
    given = ctx.extra.get("number") if ctx.extra else None
    if given:
        own.add(fold(given))
    body_start = seg.body()[0]
    header_end = max(body_start, 0)
    # The first "Số" line of the header (before the first "Kính gửi", or in the first lines).
    first_lines_end = 0
    for i, m in enumerate(re.finditer(r"\n", text)):
        if i >= 14:
            first_lines_end = m.start()
            break
    else:
        first_lines_end = len(text)
    limit = max(header_end if "kinh_gui" in seg.zones else 0, first_lines_end)
    m = _OWN_NUMBER_LINE.search(text, 0, limit)
    if m:
        nm = _NUMBER_RE.search(m.group("num"))
        if nm and m.start("num") + nm.start() <= m.start("num") + 3:
            own.add(fold(_number_text(nm)))
        ranges.append((m.start(), m.end()))
    return own, ranges


# --------------------------------------------------------------------------- main


def _find_raw(text: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[_Cit]:
    found: list[_Cit] = []
    seen: set[int] = set()

    def skipped(p: int) -> bool:
        return any(a <= p < b for a, b in skip)

    t = _tables()
    for a in _ANCHOR.finditer(text, lo, hi):
        if skipped(a.start()):
            continue
        num = _NUMBER_RE.match(text, a.end())
        if not num:
            continue
        cit = _parse(text, a.start(), num, lo, hi)
        if cit:
            found.append(cit)
            seen.add(num.start())
    # Type word directly before a number, without "số" ("Tờ trình 4017/TTr-BNNMT").
    for n in _NUM_ONLY.finditer(text, lo, hi):
        if n.start() in seen or skipped(n.start()):
            continue
        num = _NUMBER_RE.match(text, n.start())
        if not num:
            continue
        pre = text[max(lo, n.start() - 40) : n.start()]
        m = t.type_word_re.search(pre)
        if not m or not pre[m.end() - 1 :].strip() == pre[-1:].strip() or not re.search(r"\s$", pre):
            continue
        canon = t.type_words.get(fold(m.group("w")))
        if canon is None or re.search(r"gọi tắt|sau đây gọi", pre):
            continue
        cit = _parse(text, n.start(), num, lo, hi)
        if cit:
            found.append(cit)
    found.sort(key=lambda c: c.num_start)
    return found


def _structure(
    text: str, cits: list[_Cit], lo: int, hi: int, sentences: _SentenceStarts | None = None
) -> list[_Cit]:
    """Nest citations of a cited document's title under it; set titles and relations."""
    t = _tables()
    top: list[_Cit] = []
    stack: list[_Cit] = []  # open parents whose title may still hold citations
    prev_top: _Cit | None = None
    for c in cits:
        # Close parents whose clause ended before this citation.
        while stack:
            p = stack[-1]
            gap = text[p.core_end : c.start]
            if _TITLE_END.search(gap) or t.sibling_re.match(gap):
                stack.pop()
                continue
            # A new cue after a comma opens a sibling ("…, đồng thời tiếp tục thực hiện Kế hoạch số …").
            if _new_cue_after_separator(gap):
                stack.pop()
                continue
            cut = _nest_break(text, p, gap)
            if cut is not None:
                p.title_stop = cut if p.title_stop is None else min(p.title_stop, cut)
                stack.pop()
                continue
            break
        if stack:
            parent = stack[-1]
            c.parent = parent
            parent.children.append(c)
            c.relation = _cue(text, parent.core_end, c.start) or "cites"
        else:
            top.append(c)
        stack.append(c)
    # Titles: from the core end to the end of the clause (past nested citations).
    title_end = NextMatch(_TITLE_END, text, hi)
    after = _after_nested(cits)
    for i, c in enumerate(cits):
        if c.title is not None and c.title_start is not None and c.title_start < c.num_start:
            c.end = c.core_end
            continue
        last = c
        while last.children:
            last = last.children[-1]
        stop = hi
        m = title_end.search(last.core_end)
        if m:
            stop = m.start()
        # Stop at the next citation that is not nested in this one.
        nxt = cits[after[i]] if after[i] < len(cits) else None
        if nxt is not None:
            stop = min(stop, nxt.start)
        if c.title_stop is not None and c.title_stop > c.core_end:
            stop = min(stop, c.title_stop)
        seg = text[c.core_end : stop]
        tm = t.title_start_re.match(seg)
        if tm:
            w = fold(tm.group("w"))
            body = seg[tm.end() :] if w in ("ve viec", "v/v", "ve") else seg[tm.start("w") :]
            # A list separator or the next citation's cue ends the subject.
            body = re.split(r"\s*(?:,\s*)?(?:đồng thời)\s", body)[0]
            cut = _title_cut_re().search(body)
            if cut:
                body = body[: cut.start()]
            title = _clean(body.strip('“”" '))
            if title:
                c.title = title
                body_end = text.find(body, c.core_end, stop + 1) + len(body) if body else c.core_end
                c.end = max(c.core_end, body_end - (len(body) - len(body.rstrip(" ,;\n"))))
        elif seg.lstrip().startswith("“"):
            q = re.match(r"\s*“([^”]{1,300})”", seg)
            if q:
                c.title = _clean(q.group(1))
                c.end = c.core_end + q.end()
    # Relations of top-level citations: the cue before the list, inherited along the list.
    if sentences is None or sentences.lo != lo or sentences.text is not text:
        sentences = _SentenceStarts(text, lo)
    for c in top:
        # The act that amended the one before it has its relation ("Căn cứ A được sửa đổi bởi B").
        if prev_top is not None and prev_top.end <= c.start:
            if t.amended_by_re.search(text, prev_top.end, c.start):
                c.relation = prev_top.relation
                prev_top = c
                continue
        hard = sentences.hard_before(c.start)
        soft = _soft_before(text, hard, c.start)
        win_lo = max(soft, prev_top.end if prev_top and prev_top.end <= c.start else soft)
        rel = _cue(text, win_lo, c.start)
        if rel is None and prev_top is not None and prev_top.end >= hard:
            rel = prev_top.relation
        if rel is None and win_lo > soft:
            rel = _cue(text, soft, c.start)
        if rel is None:
            rel = _list_relation(text, lo, c.start, prev_top)
        c.relation = rel or "cites"
        prev_top = c
    return top


# A heading that introduces a list of bases: "I. CĂN CỨ PHÁP LÝ", "Căn cứ:", OCR "CAN CU PHAP LY".
_BASIS_HEADING = re.compile(r"^\s*(?:[ivxlc]+|\d+)?\s*[.)\-]?\s*can cu(?: phap ly)?\s*:?\s*$")


def _list_relation(text: str, lo: int, pos: int, prev: _Cit | None) -> str | None:
    """Relation of a citation with no cue of its own, from the list it stands in.

    An item after "…;" and a paragraph break continues the list of the item before it ("Căn cứ A;
    ⏎ B;"); items under a "Căn cứ pháp lý" heading are bases, until a line ends a sentence.
    """
    if prev is not None and prev.end <= pos:
        gap = text[prev.end : pos]
        if ";" in gap and re.fullmatch(r"[\s;,]*", gap):
            return prev.relation
    window_lo = max(lo, pos - 1500)
    line_start = text.rfind("\n", window_lo, pos) + 1
    before = text[window_lo:line_start]
    lines = before.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if _BASIS_HEADING.match(fold(line)):
            between = "\n".join(lines[i + 1 :])
            if not re.search(r"\.\s*(?:\n|$)", between):
                return "based_on"
            return None
    return None


def _nest_break(text: str, p: _Cit, gap: str) -> int | None:
    """None when the citation after ``gap`` (the text after ``p``'s number, date and issuer) can stand in
    ``p``'s own subject; else the offset where ``p``'s subject ends at the latest.

    Only a document with a subject holds citations in it ("Quyết định số … về ban hành Kế hoạch thực
    hiện Chỉ thị số …"): not one whose number runs on into the sentence ("… Nghị định số A để xử phạt …
    (căn cứ Nghị định số B)"). A citation the subject does not link to (no cue, no "của", no "về"/"theo"
    just before it) is the next item of a list ("Quyết định số A về giao dự toán năm 2020 và Thông tư số
    B"); so is the document that amended ``p`` ("Nghị định số A … được sửa đổi, bổ sung bởi Nghị định số
    B") and an item that repeats the words that introduced ``p`` ("Phụ lục 2 ban hành kèm theo Quyết định
    số A … và Phụ lục 3 ban hành kèm theo Quyết định số B").
    """
    t = _tables()
    base = p.core_end
    if p.title_start is not None and p.title_start < p.num_start:
        return base  # a law named before its number: its subject is already read
    if not (t.title_start_re.match(gap) or gap.lstrip().startswith(("“", '"'))):
        return base
    m = t.amended_by_re.search(gap)
    if m:
        return base + m.start()
    if not (t.cue_re.search(gap) or _LINK_ANY.search(gap) or _LINK_END.search(gap)):
        m = _AND_END.search(gap)
        return base + (m.start() if m else len(gap))
    lead = _LAST_WORDS.search(text, max(0, p.start - 40), p.start)
    ands = list(_AND.finditer(gap))
    if lead and ands:
        tail = _LAST_WORDS.search(gap)
        if tail and fold(tail.group(0)) == fold(lead.group(0)):
            return base + ands[-1].start()
    return None


_LINK_ANY = re.compile(r"(?<![^\W\d_])của(?![^\W\d_])")
_LINK_END = re.compile(r"(?<![^\W\d_])(?:về|theo|tại)\s*$")
_LAST_WORDS = re.compile(r"[^\W\d_]+\s+[^\W\d_]+\s*$")
_AND = re.compile(r"\s(?:và|v[aà])\s")
_AND_END = re.compile(r"\s+(?:và|v[aà]|hoặc)\s*$")


def _new_cue_after_separator(gap: str) -> bool:
    """``gap`` ends with a separator and a strong cue: "…, đồng thời tiếp tục thực hiện " (a sibling)."""
    t = _tables()
    # The last separator of the gap (a greedy prefix skips earlier ones: "phòng, chống ... và tiếp tục").
    m = re.search(r"^.*(?:,|;|(?<![^\W\d_])v[àa](?![^\W\d_]))(?P<tail>[^,;]*)$", gap, re.S)
    if not m:
        return False
    tail = m.group("tail")
    if len(tail.split()) > 6 or re.search(r"(?<![^\W\d_])của\s*$", tail):
        return False
    return any(t.cues[fold(c.group(0))][1] for c in t.cue_re.finditer(tail))


def _inside(d: _Cit, c: _Cit) -> bool:
    p = d.parent
    while p is not None:
        if p is c:
            return True
        p = p.parent
    return False


def _to_citation(nt: NormText, c: _Cit, ctx: Context, pre_issuer: dict[int, str]) -> Citation:
    if c.issuer_named is None and id(c) in pre_issuer:
        c.issuer_named = pre_issuer[id(c)]
    name, level, juris = _issuer(c, ctx)
    kids = [d for d in _dedupe(c.children) if fold(d.number) != fold(c.number)]
    children = tuple(_to_citation(nt, d, ctx, pre_issuer) for d in kids)
    return Citation(
        number=c.number,
        type=_canon_type(c),
        date=c.date,
        issuer=name,
        title=c.title,
        relation=c.relation,
        span=nt.span(c.start, max(c.end, c.core_end)),
        jurisdiction=juris,
        issuer_level=level,
        cites=children,
    )


_STRENGTH = {"implements": 3, "based_on": 3, "approves": 3, "cites": 1}


def _dedupe(cits: list[_Cit]) -> list[_Cit]:
    """One entry per number: the most complete occurrence, completed from the others."""
    groups: dict[str, list[_Cit]] = {}
    for c in cits:
        groups.setdefault(fold(c.number), []).append(c)
    out: list[_Cit] = []
    done: set[str] = set()
    for c in cits:
        k = fold(c.number)
        if k in done:
            continue
        done.add(k)
        occ = groups[k]
        best = max(
            occ, key=lambda o: (o.date is not None) + (o.issuer_named is not None) + (o.title is not None)
        )
        for o in occ:
            best.type_word = best.type_word or o.type_word
            best.date = best.date or o.date
            best.issuer_named = best.issuer_named or o.issuer_named
            best.title = best.title or o.title
            if not best.children and o.children:
                best.children = o.children
        strongest = next((o.relation for o in occ if _STRENGTH[o.relation] > 1), occ[0].relation)
        best.relation = strongest
        out.append(best)
    return out


# --------------------------------------------------------------------------- directive sources


@cache
def _directive_words() -> tuple[str, ...]:
    return tuple(r["pattern"] for r in gz.load_table("citation_patterns.tsv") if r["kind"] == "directive")


@cache
def _title_cut_re() -> re.Pattern[str]:
    """Where a cited title ends: "… và (theo) (sự) (các) <directive noun> của"."""
    return re.compile(rf"\s+và\s+(?:theo\s+)?(?:sự\s+)?(?:các\s+)?(?:{_alt(_directive_words())})\s+của\s")


@cache
def _body_keys() -> tuple[frozenset[str], frozenset[str]]:
    """Folded known issuer names, and folded body heads."""
    return frozenset(fn for _, fn in _known_folded()), frozenset(h for h, _ in _tables().heads)


@lru_cache(maxsize=8192)
def _is_body(name: str) -> bool:
    """A body name: starts with a head of body_types.tsv or is a known issuer name."""
    known, heads = _body_keys()
    f = fold(_expand_abbr(name))
    if f in known or f in heads:
        return True
    # f starts with a head then a space: the head is f up to one of its spaces (no longer than a head)
    longest = _longest_head()
    i = f.find(" ")
    while 0 <= i <= longest:
        if f[:i] in heads:
            return True
        i = f.find(" ", i + 1)
    return False


@cache
def _longest_head() -> int:
    return max((len(h) for h in _body_keys()[1]), default=0)


_SOURCES_END = re.compile(r";|[.!?](?=\s|$)|\n[ \t]*\n|:|\(|\s+(?:về|trong|đối với|nhằm|để|thì|và các|với)\s")
_SO_DIGIT = re.compile(rf"{_SO}\s*[:'‘’]?\s*\d")
_SOURCES_SPLIT = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?:của\s+)?(?=[{_UP}])")


def _directive_sources(
    nt: NormText,
    lo: int,
    hi: int,
    covered: list[tuple[int, int]],
    sentences: _SentenceStarts | None = None,
) -> list[DirectiveSource]:
    t = _tables()
    text = nt.text
    out: list[DirectiveSource] = []
    seen: set[str] = set()
    in_covered = union(covered)
    sources_end = NextMatch(_SOURCES_END, text, hi)
    if sentences is None or sentences.lo != lo or sentences.text is not text:
        sentences = _SentenceStarts(text, lo)
    numbers: dict[int, NextMatch] = {}  # per clause end: "số <digit>" after a position
    splits: dict[int, NextMatch] = {}  # per clause end: where the list splits
    long_pieces = _LongPieces(text)
    cues = _CueIndex(text)
    for m in t.directive_re.finditer(text, lo, hi):
        if in_union(in_covered, m.start()):
            continue
        # The list of bodies: up to the end of the clause.
        end_m = sources_end.search(m.end())
        stop = end_m.start() if end_m else hi
        # "số <digit>" in text[m.end():stop] (the match ends with spaces: nothing before it counts)
        if stop not in numbers:
            numbers[stop] = NextMatch(_SO_DIGIT, text, stop)
        if numbers[stop].search(m.end()):
            continue
        rel: str | None = None  # the relation, read when the first body of the match is kept
        offset = m.end()
        if stop not in splits:
            splits[stop] = NextMatch(_SOURCES_SPLIT, text, stop)
        for ps, pe in _pieces(splits[stop], m.end()):
            if pe - ps > _LONG_PIECE:
                verdict = long_pieces.verdict(ps, pe)
                if verdict == "break":
                    break
                if verdict == "continue":
                    offset = pe
                    continue
            piece = text[ps:pe]
            pstart = text.find(piece, offset, stop + 1)
            if pstart < 0:
                pstart = offset
            offset = pstart + len(piece)
            body = _clean(piece.replace("...", "").replace("…", ""))
            body = body.rstrip(" ,.")
            if not body or not body[0].isupper():
                if body:
                    break
                continue
            if t.clause_verb_re.search(body):
                break
            if not _is_body(body):
                continue
            if len(body.split()) > 12:
                break
            key = fold(body)
            if key in seen:
                continue
            seen.add(key)
            if rel is None:
                hard = sentences.hard_before(m.start())
                soft = _soft_before(text, hard, m.start())
                rel = cues.relation(soft, m.start()) or "cites"
                if rel == "approves":
                    rel = "cites"
            bs = pstart + (len(piece) - len(piece.lstrip()))
            out.append(DirectiveSource(body, rel, nt.span(bs, bs + len(body))))
    return out


def _pieces(splits: NextMatch, start: int) -> Iterator[tuple[int, int]]:
    """The pieces of ``_SOURCES_SPLIT.split(text[start:stop])`` as ranges of ``text``, one at a time
    (the loop over them mostly stops at the first or second); ``splits`` searches _SOURCES_SPLIT up
    to ``stop``, each stretch once for all the directive phrases of a clause."""
    prev = start
    while (sm := splits.search(prev)) is not None:
        yield prev, sm.start()
        prev = sm.end()
    yield prev, splits.end


_LONG_PIECE = 400  # characters; a piece of a list of sources longer than this is decided by _LongPieces
_STRIP = frozenset(" ,;:.-–\n\t")  # what _clean and rstrip(" ,.") take off the ends of a piece


class _LongPieces:
    """What the loop of :func:`_directive_sources` does with a long piece, without cleaning it.

    A piece of at least 13 words is never kept (no body name has that many): the loop stops there
    ("break") if its cleaned text starts with a lowercase letter, holds a clause verb or starts like
    a body (``_is_body``), and goes on ("continue") otherwise. Every directive phrase inside a long
    clause ("các văn bản chỉ đạo của X, các văn bản chỉ đạo của Y, ...") starts a piece there: cleaning
    each would read the rest of the clause again and again. Here the ends are stripped in place, the
    first words are folded, and clause verbs are searched in the text itself (the same matches when
    the piece holds no ellipsis, which cleaning would remove): each stretch once per clause end.
    ``None``: not decided here (ellipses, or fewer words than that), the loop cleans the piece.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._dots: tuple[list[int], list[int]] | None = None  # starts of "...", of "…"
        self._verbs: dict[int, NextMatch] = {}

    def _ellipsis_in(self, start: int, end: int) -> bool:
        if self._dots is None:
            self._dots = (
                [m.start() for m in re.finditer(r"(?=\.\.\.)", self.text)],
                [m.start() for m in re.finditer("…", self.text)],
            )
        for starts, width in zip(self._dots, (3, 1), strict=True):
            k = bisect_left(starts, start)
            if k < len(starts) and starts[k] + width <= end:
                return True
        return False

    def verdict(self, start: int, end: int) -> str | None:
        text = self.text
        if self._ellipsis_in(start, end):
            return None
        i0 = start
        while i0 < end and (text[i0] in _STRIP or text[i0].isspace()):
            i0 += 1
        if i0 == end:
            return "continue"  # nothing left: the loop goes on
        if not text[i0].isupper():
            return "break"
        i1 = end
        while text[i1 - 1] in _STRIP or text[i1 - 1].isspace():
            i1 -= 1
        # The first words of the cleaned piece: more than any body name has, and enough to fold
        # further than the longest head (or all of them).
        words = _words_of_a_name()
        longest = _longest_head()
        tokens: list[str] = []
        real = 0  # words with a letter or digit: cleaning keeps them, folding keeps something
        f = ""
        for w in _TOKEN.finditer(text, i0, i1):
            tokens.append(w.group())
            if any(c.isalnum() for c in w.group()):
                real += 1
            if real > words and len(" ".join(tokens)) > longest:
                f = fold(_expand_abbr(" ".join(tokens)))
                if len(f) > longest:
                    break
        else:
            if real <= words:
                return None
            f = fold(_expand_abbr(" ".join(tokens)))
        t = _tables()
        # _is_body of a text with more words than any body name: a head, then a space, at its start.
        heads = _body_keys()[1]
        i = f.find(" ")
        while 0 <= i <= longest:
            if f[:i] in heads:
                return "break"
            i = f.find(" ", i + 1)
        if i1 not in self._verbs:
            self._verbs[i1] = NextMatch(t.clause_verb_re, text, i1)
        return "break" if self._verbs[i1].search(i0) else "continue"


_TOKEN = re.compile(r"\S+")


@cache
def _words_of_a_name() -> int:
    """At least 12 (a body of more words is never kept) and more than any known name or head has."""
    known, heads = _body_keys()
    return max(12, *(len(n.split()) for n in known | heads))


def extract_citations(
    nt: NormText, seg: Segments, ctx: Context
) -> tuple[tuple[Citation, ...], tuple[DirectiveSource, ...]]:
    """Citations of numbered documents and directing bodies named without a number."""
    text = nt.text
    lo, hi = 0, len(text)
    own, own_ranges = _own_numbers(text, seg, ctx)
    skip = list(own_ranges)
    for zone in ("kinh_gui", "noi_nhan"):
        r = seg.get(zone)
        if r:
            skip.append(r)
    raw = [c for c in _find_raw(text, lo, hi, skip) if fold(c.number) not in own]
    # An attachment's "(Kèm theo Công văn số 47/BNG-LS …)" with the document's own symbol and type is the
    # document itself, whatever digits OCR left of its number.
    own_symbols = {_symbol(n) for n in own}
    raw = [c for c in raw if not _names_own_attachment(text, c, own_symbols, ctx.doc_type)]
    # An issuer named before the citation: "… của Ban cán sự đảng Ủy ban nhân dân tỉnh tại Tờ trình số …".
    pre_issuer: dict[int, str] = {}
    for c in raw:
        m = _PRE_ISSUER.search(text, max(0, c.start - 160), c.start)
        if m and (m.group("parent") is None or _is_body(m.group("parent"))):
            pre_issuer[id(c)] = _clean(m.group("b").split(" của ")[-1])
    for c in raw:
        m = _PRE_DATE.search(text, max(0, c.start - 160), c.start)
        if m:
            if c.date is None:
                c.date = _date(m)
            if c.issuer_named is None and id(c) not in pre_issuer:
                pre_issuer[id(c)] = _clean(m.group("b"))
    sentences = _SentenceStarts(text, lo)  # one scan for both (asked only where citations are)
    top = _structure(text, raw, lo, hi, sentences)
    # List items inherit the type word of the item before ("các văn bản số A … và số B").
    prev: _Cit | None = None
    for c in top:
        if prev is not None and c.type_word is None and c.start == _so_index(text, c):
            gap = text[prev.end if prev.end <= c.start else prev.core_end : c.start]
            if _tables().sibling_re.match(gap):
                c.type_word = prev.type_word
                c.generic_word = prev.generic_word
                if c.issuer_named is None and id(c) not in pre_issuer and id(prev) in pre_issuer:
                    if prev.issuer_code == c.issuer_code:
                        pre_issuer[id(c)] = pre_issuer[id(prev)]
        prev = c
    # The body named for a list passes along the list to the items of its own code, as far as a ";":
    # "của Ủy ban nhân dân thành phố tại Tờ trình số 8/TTr-UBND …, các văn bản số 14/UBND-KT … và số …".
    prev = None
    for c in top:
        if prev is not None and c.issuer_named is None and id(c) not in pre_issuer and prev.end <= c.start:
            given = prev.issuer_named or pre_issuer.get(id(prev))
            if given and prev.issuer_code == c.issuer_code and _LIST_GAP.fullmatch(text, prev.end, c.start):
                pre_issuer[id(c)] = given
        prev = c
    for c in raw:
        if c.issuer_named is None and id(c) in pre_issuer:
            c.issuer_named = pre_issuer[id(c)]
    merged = _dedupe(top)
    citations = tuple(_to_citation(nt, c, ctx, pre_issuer) for c in merged)
    # Short references ("Chỉ thị 16", "Kế hoạch nêu trên") to the citations found in full.
    index = {fold(c.number): i for i, c in enumerate(merged)}
    occurrences = [Occurrence(c.start, max(c.end, c.core_end), index[fold(c.number)]) for c in top]
    own_serial = next((int(m.group(1)) for n in sorted(own) if (m := re.match(r"(\d+)", n))), None)
    citations = resolve_short_forms(
        nt,
        citations,
        occurrences,
        skip=skip,
        relation_at=_CueIndex(text).relation,
        own=(ctx.doc_type, own_serial),
        year=ctx.year,
    )
    covered = [(c.start, c.end) for c in raw]
    body_lo = 0
    sources = _directive_sources(nt, body_lo, hi, covered + skip, sentences)
    return citations, tuple(sources)


def _symbol(number: str) -> str:
    """The folded symbol of a number, without its serial and year: "47 /BNG-LS" → "bng-ls"."""
    return _SERIAL.sub("", fold(_SPACES.sub("", number)))


_SERIAL = re.compile(r"^\d+[a-z]?[-/](?:(?:19|20)\d\d/)?")
_ATTACHED = re.compile(rf"\(\s*(?:(?i:{tolerant('ban hành')})\s+)?(?i:{tolerant('kèm theo')})\s+$")


def _names_own_attachment(text: str, c: _Cit, own_symbols: set[str], own_type: str | None) -> bool:
    if _symbol(c.number) not in own_symbols or own_type is None or _canon_type(c) != own_type:
        return False
    line_start = text.rfind("\n", 0, c.start) + 1
    return _ATTACHED.fullmatch(text[line_start : c.start].lstrip()) is not None


_LIST_GAP = re.compile(r"[\s,]*(?:(?<![^\W\d_])(?:và|v[aà]|hoặc)\s+)?")


def _so_index(text: str, c: _Cit) -> int:
    """Start of "số" when the citation has no type word of its own (else -1)."""
    m = re.match(_SO, text[c.start : c.start + 3])
    return c.start if m else -1
