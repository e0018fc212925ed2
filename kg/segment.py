"""Segment a normalised document into zones and numbered items.

Zones are character ranges of the normalised text: ``header`` (issuing body lines), ``motto``,
``number``, ``place_date``, ``type_line``, ``title``, ``kinh_gui``, ``body``, ``noi_nhan``,
``signature``. Any zone may be missing, and zones may come out of order (motto and place-date after
the title, signature before "Nơi nhận", two columns merged on one OCR line, a whole header on one
line): the front matter is cut at *anchors* found anywhere in a line (number, place-date, "V/v",
"Kính gửi", the motto, a type word in capitals), not only at line starts. Extractors ask for a zone
and fall back to the whole text when it is absent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from kg import gazetteer as gz
from kg.legacy import syllable_ok
from kg.lookup import Intervals
from kg.normalise import NormText
from kg.text import all_caps, fold

__all__ = [
    "ADDRESSEE_DETAILS",
    "BULLETS",
    "LOOSE_KINH_GUI",
    "OCR_BULLET",
    "Item",
    "Segments",
    "abbreviation_line",
    "fold_same_length",
    "kinh_gui_items",
    "loose_type_line",
    "motto_spans",
    "opens_with_subject_mark",
    "segment",
    "stray_caps_line",
    "trim_place",
]

Range = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """A numbered item of the body ("1.", "2-", "2.1.", "a)") and its extent."""

    label: str
    start: int
    end: int
    depth: int


@dataclass(frozen=True)
class Segments:
    zones: dict[str, Range]
    items: tuple[Item, ...]
    length: int

    def get(self, name: str) -> Range | None:
        return self.zones.get(name)

    def body(self) -> Range:
        return self.zones.get("body", (0, self.length))

    def item_at(self, pos: int) -> Item | None:
        """The deepest numbered item containing ``pos`` (of equal depths, the last one)."""
        return self._item_index.best(pos)

    @cached_property
    def _item_index(self) -> Intervals[Item]:
        return Intervals(
            ((it.start, it.end, it) for it in self.items), rank=lambda i, s, e, it: (-it.depth, -i)
        )


# --------------------------------------------------------------------------- folding


class _FoldTable(dict[int, str]):
    """Translation table for :func:`fold_same_length`, filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        base = unicodedata.normalize("NFD", c)[0].lower() if c.strip() else c
        f = "d" if base in ("đ", "ð") else base
        if len(f) != 1:
            f = c
        self[code] = f
        return f


_FOLD_TABLE = _FoldTable()
# The characters of the prefilled table (Latin with Vietnamese, Greek, Cyrillic, punctuation, symbols
# up to U+2FFF) and any other one (see _translate).
_TABLE_END = 0x3000
_OUTSIDE_TABLE = re.compile("[^\x00-\u2fff]")


@cache
def _prefilled_table() -> dict[int, str]:
    """:data:`_FOLD_TABLE` filled for the characters below _TABLE_END, as a plain dict (``str.translate``
    reads a plain dict faster than one with ``__missing__``)."""
    return {code: _FOLD_TABLE[code] for code in range(_TABLE_END)}


def _translate(s: str) -> str:
    return s.translate(_prefilled_table() if _OUTSIDE_TABLE.search(s) is None else _FOLD_TABLE)


# The last text folded whole by :func:`fold_text` (the document being segmented) and its fold: a
# slice of it is folded by slicing. Folding maps one character to one whatever its neighbours, so
# any occurrence of a string in the text gives its fold.
_LAST_FOLD: tuple[str, str] = ("", "")
# The text is searched for a string only when it is at most this many times as long: a search reads
# the text about a hundred times faster than a translation reads the string, so the search costs no
# more than the translation it saves, and the work stays linear in the string's length.
_SHARED_REACH = 100
_SHARED_MIN = 16  # shorter strings are translated


def fold_same_length(s: str) -> str:
    """Lower case without diacritics, one character for one (positions stay valid)."""
    if s.isascii():
        return s.lower()
    if len(s) >= _SHARED_MIN:
        text, folded = _LAST_FOLD
        if len(text) <= _SHARED_REACH * len(s):
            k = text.find(s)
            if k >= 0:
                return folded[k : k + len(s)]
    return _translate(s)


def fold_text(text: str) -> str:
    """:func:`fold_same_length` of a whole document, kept so that its slices fold by slicing."""
    global _LAST_FOLD
    folded = text.lower() if text.isascii() else _translate(text)
    _LAST_FOLD = (text, folded)
    return folded


# --------------------------------------------------------------------------- anchors

# Bullets of list items, with the marks OCR and word processors put for a dash ("−", "‒", "»", "▪").
BULLETS = "-–—•+~*·−‒‐‑―«»▪●►◦"
_BULLET = rf"[{re.escape(BULLETS)}]"
# On the folded text.
_KINH_GUI = re.compile(
    r"(?:^|(?<=\n)|(?<=\d{4} )|(?<=\. ))[ \-–•,.*@|]*kin[hk]\s*g[u]i\b\s*(?:cac\s+\w+\s*)?:?", re.M
)
# "Kính gửi" as a broken font or OCR spells it, its two marked vowels misread ("Kmnhgài", "K1nh giri",
# "Kính gởi"), on folded or lower-cased text: a heading only with its colon (here and in the parties).
LOOSE_KINH_GUI = r"k[^\s:]{1,2}nh\s*g[^\s:]{1,2}i|k[a-z1|!]?n[hk]\s*g[a-z]{1,2}i?"
# ... on a line of its own or opening one, with its colon.
_KINH_GUI_LOOSE = re.compile(rf"(?:^|(?<=\n))[ \-–•,.*@|]*(?:{LOOSE_KINH_GUI})\s*:", re.M)
# "Kính gửi:" inside a line, after the subject of a flattened header ("V/v ... Kính gửi: Sở Y tế"):
# written with a capital and a colon (checked on the text).
_KINH_GUI_MID = re.compile(r"(?<=[^\W_][\s.,;])\s*kin[hk]\s*g[u]i\s*:")
# A heading inside the block: "Đồng kính gửi:" (copy to), a second "Kính gửi:".
_CO_HEADING = re.compile(r"[\s|\-–—•*]*(?:dong\s+)?kin[hk]\s*g[u]i\b\s*:?")
_NOI_NHAN = re.compile(r"(?:^|(?<=\n)|(?<=[.;)] ))[ \-–•*]*no[i]\s*nh[aâi]n\b\s*:?\}?", re.M)
# The same, as OCR damages it on a header line ("CONG HÒA XÃ HO] CHỦ NGHĨA VIỆT NAM"): from its first
# words to "Việt Nam" or "phúc", else to the end of the line.
_MOTTO_LOOSE = re.compile(
    r"c\W{0,2}[o0]\W?ng\W{0,3}h\W?[o0]\W?a\b(?:.{0,30}?v\W?i\W?e\W?t\W{0,2}n\W?a\W?m\b|.*)"
    r"|d[o0]c\W{0,2}l\W?a\W?p\b(?:.{0,30}?ph\w{1,2}c\b|.*)"
    r"|dang\s+cong\s+san\s+viet\s+nam|-{3,}"
)
# What may come before "kin"/"noi" in a match of _KINH_GUI/_NOI_NHAN (see _scan_start).
_KINH_GUI_LEAD = " -–•,.*@|"
_NOI_NHAN_LEAD = " -–•*"
_MOTTO = re.compile(
    r"c\W{0,2}[o0]\W?ng\W{0,3}h\W?[o0]\W?a\s*x\w\s*h\w{1,2}\s*ch\w{1,2}\W{0,2}\s*ng\w{0,3}\s*\w{1,4}\s*nam"
    r"|d[o0]c\s*l[a]p\s*[-–—]\s*t\w\s*d[o0]\s*[-–—]\s*h\w{2,3}\s*ph\w{1,2}c"
    r"|dang\s+cong\s+san\s+viet\s+nam"
    r"|-{4,}"
)
# _VV, _NUMBER, _CAPACITY: every match opens with a letter or digit matched first, so that the scan
# skips fast to it; what must come before the match is checked behind that character. Same matches as
# "(?:^|(?<=\n))['‘]?(?:v\s?[/|il1.\\]\s?v|vwv?|v/)\W?\s+(?=\S)|(?<=[\s,])v/v\s+(?=\S)" (re.M) and
# "(?:^|(?<=\n)|(?<=\s\s)|(?<=\|\s)|(?<=\|))(?:so|se|86|s)\s*:\s*(?=\S)|(?:^|(?<=\n))so\s+(?=\d)".
_VV = re.compile(
    r"(?:['‘\"“](?<=^['‘\"“])v|v(?<=^v))(?:\s?[/|il1.\\]\s?v|wv?|/)\W?\s+(?=\S)"
    r"|v(?<=[\s,\"“]v)/v\s+(?=\S)",
    re.M,
)
# OCR misreads "Số" as "Sô", "Sé", "S6", "$6", "$ố", "86" ("$" and "6" survive folding).
_NUMBER = re.compile(
    r"(?:[s$](?:(?<=^.)|(?<=\n.)|(?<=\s\s.)|(?<=\|\s.)|(?<=\|.))(?:o|e|6|0|)"
    r"|8(?:(?<=^8)|(?<=\n8)|(?<=\s\s8)|(?<=\|\s8)|(?<=\|8))6)\s*:\s*(?=\S)"
    r"|[s$](?:(?<=^.)|(?<=\n.))[o6]\s+(?=\d)"
)
# What follows "Số:" on a receiver's stamp: a registry number alone, no code.
_REGISTRY_NUMBER = re.compile(r"\s*\d{1,6}\.?\s*")
# "Số:" with its colon and a digit after it, inside a line (checked to be written with a capital S).
_NUMBER_INLINE = re.compile(r"(?<=\s)[s$][o6]\s*:\s*(?=\d)")
# "Kính gửi" inside a title's line: the title ends there.
_KINH_GUI_INLINE = re.compile(r"\bkin[hk]\s*g[u]i\b")
# A place starts a word that is not part of a number ("26/QĐ-TTg, ngày 15/09/2021" is a citation).
# Words and the run of words are possessive (``*+``, ``{0,3}+``): what follows a word is never a
# letter, so giving letters or words back cannot make a match; it only made failing tries slow.
_PLACE_START = r"(?<![a-z0-9/'’])(?<![a-z0-9][\-.])"
_PLACE_WORDS = r"[a-z](?:[a-z]|['’][a-z])*+(?:(?:\s?[-–]\s?|\s)[a-z](?:[a-z]|['’][a-z])*+){0,3}+"
_PLACE_DATE = re.compile(
    rf"{_PLACE_START}(?P<place>(?:(?:thanh pho|thi xa|tp\.?)\s*)?{_PLACE_WORDS})"
    r"\s*[,.;]\s*ngay\s*(?P<d>[^\n]{0,6}?)\s*t?hang\s*(?P<m>[^\n]{0,4}?)\s*n[a]m\s*(?P<y>[0-9 ]{4,5})?"
    rf"|{_PLACE_START}(?P<place2>{_PLACE_WORDS})[,;]\s*(?:ngay\s*)?\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}}"
)
# The place and the date with no comma between them (OCR lost it): "Hà Nội ngày 15 tháng 8 năm 2021".
_BARE_WORDS = r"[a-z](?:[a-z]|['’][a-z])*+(?:(?:\s?[-–]\s?|\s)(?!ngay\b)[a-z](?:[a-z]|['’][a-z])*+){0,3}+"
_PLACE_DATE_BARE = re.compile(
    rf"{_PLACE_START}(?P<place>{_BARE_WORDS})\s+ngay\s*\d{{1,2}}\s*t?hang\s*\d{{1,2}}\s*nam\s*\d{{4}}"
)
# A known place whose date OCR garbled past reading ("Cần Thơ, ngéy2Ohthang 4 năm 2021"): after its comma
# a word that opened as "ngày" and a year within the line; the date stays unread.
_PLACE_DATE_GARBLED = re.compile(
    rf"{_PLACE_START}(?P<place>(?:(?:thanh pho|thi xa|tp\.?)\s*)?{_PLACE_WORDS})"
    r"\s*[,.;]\s*n[a-z]?[^\s\d][^\n]{0,24}?n[a]m\s*(?:\d\s?){3}\d"
)
# A date alone, after a number whose place-date line lost its place.
_DATE_ONLY = re.compile(
    r"ngay\s*\d{1,2}\s*(?:t?hang\s*\d{1,2}\s*nam\s*\d{4}|[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})"
)
# The comma or full stop after the place of a _PLACE_DATE match, with what must follow it.
_PLACE_DATE_DELIM = re.compile(r"[,.;](?=\s*ngay)|[,;](?=\s*(?:ngay\s*)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})")
_PLACE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz -–.'’")  # M'Drắk, Ia H'Drai
_BODY_OPENER = re.compile(
    r"(?:can cu|thuc hien|theo de nghi|xet |ngay \d{1,2}/|truoc tinh hinh|hien nay|thoi gian qua|"
    r"de (?:thuc hien|tiep tuc|kip thoi)|nham |nhan dip|tinh hinh|tra loi|lien quan|dieu \d|chuong [ivx\d]|"
    r"\d{1,2}\s*[.\-)]\s)"
)
# Body openers that also start subject lines ("Thực hiện các biện pháp ...", "Để chủ động ...").
_TITLE_OPENER = re.compile(r"\W*(?:thuc hien|de (?:thuc hien|tiep tuc|kip thoi))\b")
_DIGSIG = re.compile(r"(?:ky boi|nguoi ky|email|co quan|thoi gian ky|dia chi|bia chi)\s*:", re.I)

# On the normalised text.
_DIEN_WORD = " điện"
_DIEN = re.compile(rf"(?m)^[^\n]{{6,80}}?(?P<w>{_DIEN_WORD})\s*:")
# Same matches as "(?:^|(?<=[\s:}|]))(?P<cap>T/M|T\.M\.?|TM[./]|TM(?=\s)|K/T|K\.T\.?|KT[./,]|KT(?=\s)|T/L|
# T\.L\.?|TL[./]|TL(?=\s)|T\.U\.Q\.?|TUQ\.?|T/U|Q\.)\s*(?=...)" (re.M), first letter first (see _VV).
_CAPACITY = re.compile(
    r"(?P<cap>[TKQ](?:(?<=^[TKQ])|(?<=[\s:}|][TKQ]))"
    r"(?:(?<=T)(?:/M|\.M\.?|M[./]|M(?=\s))|(?<=K)(?:/T|\.T\.?|T[./,]|T(?=\s))"
    r"|(?<=T)(?:/L|\.L\.?|L[./]|L(?=\s)|\.U\.Q\.?|UQ\.?|/U)|(?<=Q)\.))"
    r"\s*(?=[A-ZĐÀ-ỸĂÂÊÔƠƯ][A-ZĐÀ-ỸĂÂÊÔƠƯ ,\-!]{2})",  # "!": a marked capital in a broken font
    re.M,
)
_ITEM = re.compile(
    r"(?m)^[ \t]*((?:\d{1,2}\.)*\d{1,2})(?:[.\-–)]|\.-)[ \t]+(?=\S)|^[ \t]*([a-zđ])\)[ \t]+(?=\S)"
)
_TYPE_WORDS = (
    "thong bao ket luan|thong bao y kien ket luan|chi thi|quyet dinh|nghi quyet|thong bao|ke hoach|"
    "huong dan|cong dien|thong tu|nghi dinh|to trinh|bao cao|ket luan|quy dinh|cong van|chuong trinh|"
    "quy che|phuong an|de an|thong tri"
)
# "(?:^|(?<=\n)|(?<=nam \d{4} ))(?:<type words>)(?![\w:])", with what must come before a type word
# checked after its first letter: the scan then skips fast to those letters.
_TYPE_LINE = re.compile(
    "(?:"
    + "|".join(rf"{w[0]}(?:(?<=^.)|(?<=\n.)|(?<=nam \d{{4}} .)){w[1:]}" for w in _TYPE_WORDS.split("|"))
    + r")(?![\w:])"
)

# "CÔNG VĂN ĐẾN", "VĂN BẢN ĐẾN": the receiver's stamp, not a type line.
_STAMP_WORD = re.compile(r"\s*den\b")

# A type line OCR spaced letter by letter ("C Ô N G V Ă N", "QUYẾ T ĐỊNH") or printed in usual case
# ("Báo cáo"): the line without its spaces is a type's words without theirs, an urgency mark may follow.
_TYPE_KEYS = {w.replace(" ", ""): w for w in _TYPE_WORDS.split("|")}
_URGENCY = ("thuongkhan", "hoatoc", "khan", "toimat", "mat")
_LOOSE_TYPE_MAX = 48  # characters of a type line, letters spaced


def loose_type_line(line: str) -> str | None:
    """The folded type words (one of ``_TYPE_WORDS``) that a whole line names, whatever its case and
    however OCR spaced its letters ("C Ô N G V Ă N" → "cong van"); None for any other line, and for
    the operative heading of a decision ("QUYẾT ĐỊNH:")."""
    t = line.strip(" *_#|\t")
    if not t or len(t) > _LOOSE_TYPE_MAX or t.endswith(":") or not t[0].isupper():
        return None
    key = "".join(fold_same_length(t).split())  # (str.split and \s split at the same characters)
    if key in _TYPE_KEYS:
        return _TYPE_KEYS[key]
    if not key.endswith(_URGENCY):
        return None
    for u in _URGENCY:
        if key.endswith(u) and key[: -len(u)] in _TYPE_KEYS:
            return _TYPE_KEYS[key[: -len(u)]]
    return None


def opens_with_subject_mark(text: str) -> bool:
    """``text`` opens with the "V/v" of a letter's subject, as printed or as OCR reads it ("V/v", "V/V",
    "V|v", "Vlv", "VW", "VWv", "'V/")."""
    return _VV.match(fold_same_length(text[:8])) is not None


def _loose_type_anchor(text: str, limit: int) -> _Anchor | None:
    """The first line before ``limit`` that :func:`loose_type_line` reads as a type line."""
    pos = 0
    while pos < limit:
        e = min(_line_end(text, pos), limit)
        if e - pos <= _LOOSE_TYPE_MAX + 8 and loose_type_line(text[pos:e]) is not None:
            s = pos + len(text[pos:e]) - len(text[pos:e].lstrip(" *_#|\t"))
            return _Anchor("type_line", s, len(text[:e].rstrip(" *_#|\t")))
        pos = e + 1
    return None


def _at_line_start(rx: re.Pattern[str], s: str, start: int, end: int) -> re.Match[str] | None:
    """``rx.search(s, start, end)`` for a pattern whose every match opens a line (``^`` or after a
    newline, re.M): tried only at the line starts, the first that matches."""
    if start == 0 or s[start - 1] == "\n":
        ls = start
    else:
        nl = s.find("\n", start, end)
        if nl < 0:
            return None
        ls = nl + 1
    while True:
        m = rx.match(s, ls, end)
        if m is not None:
            return m
        nl = s.find("\n", ls, end)
        if nl < 0:
            return None
        ls = nl + 1


def _literal_matches(
    rx: re.Pattern[str], s: str, literal: str, lead: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """``rx.finditer(s, start, end)`` for a regex whose every match is a run of ``lead`` characters then
    ``literal`` (which opens with no ``lead`` character): tried only on the runs before each
    ``literal`` (a scan tries every position), leftmost first, each match after the last one's end."""
    last = start
    k = s.find(literal, start, end)
    while k >= 0:
        p = k
        while p > last and s[p - 1] in lead:
            p -= 1
        for q in range(p, k + 1):
            m = rx.match(s, q, end)
            if m is not None:
                yield m
                last = m.end()
                break
        k = s.find(literal, max(k + 1, last), end)


def _scan_start(s: str, literal: str, lead: str, start: int, end: int) -> int:
    """Where a scan of ``s[start:end]`` can begin for a regex whose every match is a run of ``lead``
    characters then ``literal``: that run before the first ``literal``; -1 when there is none.

    No match can start earlier, so the scan finds the same matches as one from ``start``.
    """
    k = s.find(literal, start, end)
    while k > start and s[k - 1] in lead:
        k -= 1
    return k


def _place_date_from(folded: str, start: int, end: int) -> int:
    """Where a scan for _PLACE_DATE in ``folded[start:end]`` can begin; -1 when nothing can match.

    Before its comma (or full stop) a match has only letters a-z, spaces, dashes and dots, so none
    starts before the run of such characters that ends at the first delimiter with a date after it.
    """
    d = _PLACE_DATE_DELIM.search(folded, start, end)
    if d is None:
        return -1
    k = d.start()
    while k > start and (folded[k - 1] in _PLACE_CHARS or folded[k - 1].isspace()):
        k -= 1
    return k


def _place_dates(folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_PLACE_DATE.finditer(folded, start, end)``, each scan starting where a match can (a match
    never starts before :func:`_place_date_from` of where the scan would start)."""
    pos = start
    while True:
        k = _place_date_from(folded, pos, end)
        m = _PLACE_DATE.search(folded, k, end) if k >= 0 else None
        if m is None:
            return
        yield m
        pos = m.end()


def _place_date_in(line: str) -> bool:
    """``_PLACE_DATE.search(line)`` is not None (the scan starts where a match can)."""
    return next(_place_dates(line, 0, len(line)), None) is not None


def _is_upper_at(text: str, s: int, e: int) -> bool:
    return all_caps(text[s:e])


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# OCR reads a round bullet as "o" or "°" ("o Sở Y tế;"): a bullet when a capital follows; a dash or an
# arrow as a lone accent or symbol ("ˆ Cục ...", "¬ Sở ...", "➢ Vụ ..."): a bullet before a word.
OCR_BULLET = r"[o°](?=[ \t]+[A-ZĐÀ-ỸĂÂÊÔƠƯ])|[ˆ˜`´¨ˇ¬±×■□◆◇❖➢➤✓✔](?=[ \t]+[^\W_])"
_BULLET_LINE = re.compile(rf"\s*(?:{_BULLET}|{OCR_BULLET})")


def _unbulleted(line: str) -> str:
    """``line`` (stripped) without its bullets."""
    m = _BULLET_LINE.match(line)
    return line[m.end() :].lstrip(BULLETS + " \t") if m else line


def _is_bullet_line(line: str) -> bool:
    return bool(_BULLET_LINE.match(line))


# A definition after the addressee ("(Sau đây gọi là Công ty)", "(gọi tắt là ...)") opens the body;
# so do the addressee's labelled details ("Địa chỉ: ...", "(Mã số thuế: ...)"): no addressee of their own.
# The labels of an addressee's details, folded; the bracket before them as OCR misreads it ("@", "©").
_DETAIL_LABEL = (
    r"[(\[{@©<]?\s*(?:dia chi|d/c|dc|tru so(?: chinh)?|ma so thue|mst|ma so doanh nghiep|msdn|"
    r"(?:so )?dien thoai|dt|tel|e-?mail|fax)\s*:"
)
_DEFINES = re.compile(
    r"\(\s*(?:(?:sau|duoi) day\s*)?(?:goi|viet)(?: tat)?(?: la)?\b|\(\s*sau day\b|" + _DETAIL_LABEL
)
# The same details after the addressee's name on its line ("Công ty TNHH X (Địa chỉ: ...; MST: ...)",
# "Công ty Y, MST: ...", "Bà Z - Địa chỉ: ..."): the item ends before them.
ADDRESSEE_DETAILS = re.compile(r"(?:^|(?<=\s))(?:[-–]\s*)?" + _DETAIL_LABEL)
# A line at least this long that ends without punctuation was wrapped: the next line may go on with it.
_WRAPPED = 40
# An addressee is rarely longer: a line that would make it longer starts the body.
_ITEM_MAX = 100
# What an addressee never holds and a sentence of the body often does: a date, a document number.
_SENTENCE_MARK = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\bso\s*\d|\d+/[a-z]|\bngay \d")
# Words of a sentence that no addressee holds (on the text with its marks, lower case: folded, "đã"
# would be "Đa khoa" and "cần" the "cán" of "Ban cán sự đảng").
_BODY_WORDS = re.compile(
    r"(?<![^\W_])(?:nhận được|có ý kiến|có văn bản|có công văn|đề nghị|đề xuất|trả lời|yêu cầu|thông báo|"
    r"xin|về việc|ban hành|chủ trì|phối hợp|giao|báo cáo|tham mưu|triển khai|thực hiện|hướng dẫn|"
    r"tiếp tục|đã|đang|sẽ|cần|phải|như sau)(?![^\W_])"
)
# The body's openings that _BODY_OPENER leaves to the zones' other rules, ending a Kính gửi block.
_KG_BODY_OPENER = re.compile(
    r"(?:theo |vua qua|qua |sau khi|trong (?:thoi gian|nhung|nam|qua|thang|tuan|dip)|truoc |tiep nhan|"
    r"phuc dap|tiep theo|chap hanh|trien khai|tren co so|ngay \d{1,2} thang|nam \d{4}|de |nham |"
    r"ve viec|hien nay|thoi gian|ngay \d)"
)
# How an addressee opens besides a body's head, an issuer's name, a post or an organisation's
# abbreviation (kg/data tables): a collective, a person, an enterprise.
_ADDRESSEE_WORDS = (
    *("cac", "toan the", "dong chi", "ong", "ba", "quy", "cong ty", "tong cong ty", "doanh nghiep"),
    *("chi nhanh", "hop tac xa", "ngan hang", "tap doan", "hiep hoi", "hoi", "to chuc", "ho kinh doanh"),
    *("van phong", "ban", "uy ban", "dang uy", "chi bo", "dai", "nha", "thu truong", "lanh dao"),
)


@cache
def _addressee_start() -> re.Pattern[str]:
    """The openings of an addressee line, folded: bodies, issuers, posts, organisations' abbreviations."""
    keys = set(_ADDRESSEE_WORDS)
    keys |= {fold(b.head) for b in gz.body_types()}
    keys |= {fold(i.name_vi) for i in gz.issuer_codes()}
    keys |= {fold(a.abbr) for a in gz.abbreviations() if a.context.startswith("org name") and len(a.abbr) > 2}
    for p in gz.positions():
        keys |= {fold(f) for f in (p.position, *p.aliases) if len(f) >= 3}
    alts = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?:{alts})(?![^\W_])")


def _addressee_line(line: str, folded: str) -> bool:
    """``line`` (stripped, no bullet) reads as an addressee of its own: it opens with a capital and a
    body, post, person or enterprise, is short, and holds nothing of a sentence (a date, a number, a
    verb), and does not end with a colon."""
    return bool(
        line[:1].isupper()
        and len(line) < _ITEM_MAX
        and not line.endswith(":")
        and _addressee_start().match(folded)
        and not _BODY_OPENER.match(folded)
        and not _KG_BODY_OPENER.match(folded)
        and not _SENTENCE_MARK.search(folded)
        and not _BODY_WORDS.search(line.lower())
    )


def _list_like(line: str) -> bool:
    """A line of names separated by commas or full stops ("Giao thông vận tải, Văn hóa, Thể thao và
    Du"), the rest of a "Kính gửi các Bộ: ..." item; not a sentence."""
    chunks = [c.strip() for c in re.split(r"[,.;]", line) if c.strip()]
    return bool(chunks) and all(
        len(c.split()) <= 6 and (i == 0 or c[0].isupper() or c.startswith("và "))
        for i, c in enumerate(chunks)
    )


_ITEM_STRIP = " :|" + BULLETS


def _content_start(text: str, a: int, b: int) -> int:
    """Where the words of ``text[a:b]`` start: after spaces, a table's pipes, bullets and a colon."""
    while a < b and text[a] in _ITEM_STRIP:
        a += 1
    if re.match(OCR_BULLET, text[a:b]):
        return _content_start(text, a + 1, b)
    return a


def _line_and_fold(text: str, folded: str, k: int, stop: int) -> tuple[str, str]:
    """The line from ``k`` (stripped, pipes taken out) and its fold."""
    e = text.find("\n", k, stop)
    e = stop if e < 0 else e
    line = text[k:e].replace("|", " ").strip()
    return line, fold_same_length(line)


def kinh_gui_items(text: str, start: int, stop: int, group: bool = False) -> tuple[int, list[Range]]:
    """The end of a "Kính gửi" block whose heading ends at ``start``, and its items as ranges of
    ``text`` (a wrapped item's range runs over its lines; bullets and pipes before it left out).

    Items are bullet lines, the rest of the heading's line, or (when the heading's line has nothing
    after it, also after a blank line) the next line. A line without a bullet goes on with the item
    above when it starts in lower case or with "(", or when the item's last line was wrapped (long, no
    final punctuation) and the item stays short; in a "Kính gửi các Bộ: ..." block, while lines list
    names. It is an addressee of its own after an item closed by ";", and after any other item when it
    reads as one (:func:`_addressee_line`: "Sở Y tế" / "Sở Tài chính" one a line). "Đồng kính gửi:"
    opens more items; a table's pipes ("| Kính gửi: | - Sở Y tế |") are no text. Blank lines may sit
    between bullets. The block ends at the first other line: the body's first paragraph (even without
    a blank line before it: "Căn cứ ...", "Thực hiện ...", "Ủy ban nhân dân tỉnh nhận được ...", a
    numbered item), a definition "(Sau đây gọi là ...)", a capacity, "Nơi nhận".
    """
    return _kinh_gui_scan(text, fold_same_length(text[:stop]), start, stop, group)


# A sentence's end inside a line, a capital after it.
_SENTENCE_BREAK = re.compile(r"[.;]\s+(?=[A-ZĐÀ-ỸĂÂÊÔƠƯ])")


def _body_in_line(text: str, folded: str, start: int, end: int) -> int:
    """Where the body starts inside a heading's line that runs on into it (a whole page on one line:
    "Kính gửi: - Sở A; - Sở B. Vừa qua, ..."): after the first sentence's end that the body's opening
    or one of its verbs follows; ``end`` when the line is short or has none."""
    if end - start <= 2 * _ITEM_MAX:
        return end
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        k = m.end()
        f = folded[k : k + 40]
        if _BODY_OPENER.match(f) or _KG_BODY_OPENER.match(f) or _BODY_WORDS.search(text[k : k + 80].lower()):
            return m.start() + 1
    return end


def _kinh_gui_scan(text: str, folded: str, start: int, stop: int, group: bool) -> tuple[int, list[Range]]:
    end = min(_line_end(text, start), stop)
    cut = _body_in_line(text, folded, start, end)
    prev_line = text[_line_start(text, start) : end].replace("|", " ").rstrip()
    item = text[start:cut].replace("|", " ").strip(_ITEM_STRIP)  # the item so far ("" before the first)
    items: list[list[int]] = [[_content_start(text, start, cut), cut]] if item else []
    item_bulleted = False  # the item above opened with a bullet
    if cut < end:
        return cut, [(a, b) for a, b in items]
    bulleted = bool(item) and _is_bullet_line(text[start:cut].lstrip(" :|"))  # the items have bullets
    semicolons = prev_line.endswith(";")  # an item of the list ended in ";"
    pos = end
    while pos < stop:
        nxt = text.find("\n", pos + 1)
        nxt = stop if nxt < 0 or nxt > stop else nxt
        lstart = pos + 1 if text[pos : pos + 1] == "\n" else pos
        stripped = text[lstart:nxt].replace("|", " ").strip()
        if not stripped:
            # blank: the list goes on only if a bullet line (or, under a bare heading, an item, or
            # "Đồng kính gửi") follows
            k = lstart
            while k < stop and text[k] in " \n|":
                k += 1
            if (
                k < stop
                and not _CAPACITY.match(text, k)
                and (
                    _BULLET_LINE.match(text, k)
                    or not item
                    or folded.startswith("dong kinh gui", k)
                    or (prev_line[-1] == ";" and _addressee_line(*_line_and_fold(text, folded, k, stop)))
                )
            ):
                pos = nxt
                continue
            break
        f = fold_same_length(stripped)
        if _CAPACITY.match(stripped) or _NOI_NHAN.match(f) or _DEFINES.match(f):
            break
        heading = _CO_HEADING.match(f)
        new_item = True
        if heading is not None and heading.end() > 0 and "gui" in f[: heading.end()]:
            # "Đồng kính gửi: Bộ Tài chính": more items
            item = stripped[heading.end() :].strip(_ITEM_STRIP)
            lead = lstart
            while text[lead] in " \t|":
                lead += 1
            head_end = lead + heading.end()
            if item:
                items.append([_content_start(text, head_end, nxt), nxt])
            end, prev_line, pos = nxt, stripped, nxt
            continue
        unbulleted = _unbulleted(stripped)
        uf = fold_same_length(unbulleted)
        if _is_bullet_line(stripped) or not item:
            if _BODY_OPENER.match(uf) or (not item and len(stripped) >= 90):
                break
            item = unbulleted
            bulleted = bulleted or unbulleted != stripped
            item_bulleted = _is_bullet_line(stripped)
        elif (
            item_bulleted
            and prev_line[-1] == ","
            and len(item) + len(stripped) < 2 * _ITEM_MAX
            and not _BODY_OPENER.match(f)
            and not _KG_BODY_OPENER.match(f)
            and not _SENTENCE_MARK.search(f)
        ):
            # a bulleted item whose line ends with a comma goes on without a bullet: "- Các Công đoàn
            # ngành Trung ương và tương đương, / Công đoàn Tổng Công ty trực thuộc Tổng Liên đoàn."
            item += " " + stripped
            new_item = False
        elif group and _list_like(stripped):
            item += " " + stripped
            new_item = False
        elif (
            prev_line[-1] == ";"
            and not _BODY_OPENER.match(f)
            and len(stripped) < 90
            and not _SENTENCE_MARK.search(f)
            and not _BODY_WORDS.search(stripped.lower())
        ):
            item = stripped  # one addressee a line without bullets: "Sở Y tế;" / "Sở Tài chính."
        elif stripped[0].islower() or stripped[0] == "(":
            item += " " + stripped
            new_item = False
        elif (
            bulleted
            and semicolons
            and prev_line[-1] == ","
            and not _BODY_OPENER.match(f)
            and not _KG_BODY_OPENER.match(f)
            and not _SENTENCE_MARK.search(f)
            and not _BODY_WORDS.search(stripped.lower())
        ):
            # bulleted items ending in ";": one left open by "," goes on, whatever its next line opens with
            item += " " + stripped
            new_item = False
        elif (
            not group
            and prev_line[-1] not in ".;:,"
            and len(prev_line) >= _WRAPPED
            and not _BODY_OPENER.match(f)
            and not _KG_BODY_OPENER.match(f)
            and len(item) + len(stripped) < _ITEM_MAX
            and not _SENTENCE_MARK.search(f)
            and not _BODY_WORDS.search(stripped.lower())
        ):
            item += " " + stripped
            new_item = False
        elif not group and prev_line[-1] not in ":." and _addressee_line(stripped, f):
            item = stripped  # an addressee a line, the item above closed by "," or by nothing
        else:
            break
        if new_item or not items:
            items.append([_content_start(text, lstart, nxt), nxt])
        else:
            items[-1][1] = nxt
        end = nxt
        prev_line = stripped
        semicolons = semicolons or stripped.endswith(";")
        pos = nxt
    return end, [(a, b) for a, b in items]


# Addressees listed without their heading: at most this many.
_UNLABELLED_MAX = 12


def _unlabelled_addressees(text: str, folded: str, title_end: int, stop: int) -> Range | None:
    """The Kính gửi block of a letter whose heading is lost (OCR dropped it; the right column under the
    subject printed none): bullet lines right after the subject ("V/v ...") that each read as an
    addressee (:func:`_addressee_line`: a body, a post, a collective; nothing of a sentence), then the
    body. None when the lines after the subject are anything else."""
    k = title_end
    while k < stop and text[k] in "\n \t":
        k += 1
    if k >= stop or not _is_bullet_line(text[k : _line_end(text, k)]):
        return None
    end, items = _kinh_gui_scan(text, folded, k, stop, False)
    if not items or len(items) > _UNLABELLED_MAX:
        return None
    for a, b in items:
        line = " ".join(text[a:b].replace("|", " ").split())
        if not _addressee_line(line, fold_same_length(line)):
            return None
    return k, end


_WORD2 = re.compile(r"[^\W\d_]{2}")
_NAME_LINE = re.compile(r"(?:[A-ZĐÀ-Ỹ][^\s,;.:()]*\s?){2,5}")
_LUU = re.compile(r"[\s\-–—•+~*·_]*l[uư]u\b", re.I)


def _column_line(line: str) -> bool:
    """A line of a flattened "Nơi nhận" block that may belong to the signature column beside it: a
    capacity, a line in capitals (a post), a name alone, a stamp ("(Đã ký)", "Ký bởi: ..."), noise."""
    t = line.strip()
    return bool(
        _CAPACITY.match(t)
        or _is_upper_at(t, 0, len(t))
        or (len(t) <= 40 and _NAME_LINE.fullmatch(t))
        or not _WORD2.search(t)
        or _DIGSIG.match(fold_same_length(t))
        or fold_same_length(t).startswith("(da ky")
    )


def stray_caps_line(line: str) -> bool:
    """A line opening in lower case that holds a word in capitals and at most two short words besides:
    under an item already closed by ";" or "." in a bulleted list, no label of that item ("để báo cáo")
    but the signature column's post in a broken font ("p ciiu T!CH" for "PHÓ CHỦ TỊCH")."""
    words = line.split()
    if not words or not words[0][:1].islower() or len(words) > 4:
        return False
    caps = [w for w in words if sum(c.isalpha() for c in w) >= 3 and all_caps(w)]
    rest = [w for w in words if w not in caps]
    return bool(caps) and len(rest) <= 2 and all(sum(c.isalpha() for c in w) <= 4 for w in rest)


# Lines of the signature column a "Nơi nhận" block may hold between two of its items.
_COLUMN_GAP = 8


# The "Lưu" item that closes a Nơi nhận list ("Lưu: VT", "Lưu VPHU"; not "Lưu ý").
_LUU_ITEM = re.compile(r"l[uư]u\b(?!\s+ý)", re.I)
# A numbered item of a Nơi nhận list ("1. Như trên;").
_NUM_BULLET = re.compile(r"\d{1,2}[.)]\s+(?=\S)")


def _list_unbulleted(line: str) -> str:
    """A line of a Nơi nhận list (stripped) without its bullet: "-", "•", OCR's "o", "1."."""
    m = _BULLET_LINE.match(line) or _NUM_BULLET.match(line)
    return line[m.end() :].lstrip(BULLETS + "_ ") if m else line.lstrip("_ ")


def _noi_nhan_end(text: str, start: int, stop: int) -> int:
    """End of a "Nơi nhận" block whose heading line ends at ``start``.

    Items are bullet lines; a line without a bullet continues the item above when it starts in lower
    case or with "(", or when that item is left open (no ";" or "." yet; a "," too where the items
    end in ";"), also after a blank line. Lines of the signature column (:func:`_column_line`) may sit
    between items when the two columns were flattened: the block goes on over up to ``_COLUMN_GAP`` of
    them if an item line follows. The block ends after its "Lưu" item (unless a bullet follows at once),
    at any other line, or at ``stop``.
    """
    end = _line_end(text, start)
    pos = end
    item = ""  # the current item's text so far
    enders: dict[str, int] = {}
    bulleted = False  # the list's items have bullets
    gap = 0  # column and blank lines since the last line of the block
    while pos < stop and gap <= _COLUMN_GAP:
        nxt = text.find("\n", pos + 1)
        nxt = stop if nxt < 0 or nxt > stop else nxt
        lstart = pos + 1 if text[pos : pos + 1] == "\n" else pos
        stripped = text[lstart:nxt].strip()
        pos = nxt
        if not stripped:
            gap += 1
            continue
        if _NOI_NHAN.match(fold_same_length(stripped)):
            return end
        luu_closed = bool(_LUU.match(item)) and item.rstrip()[-1:] not in ",-–"
        unbulleted = _list_unbulleted(stripped)
        # an item: after a bullet ("-", "o", "1."), the first line, or "Lưu: VT" (the last item, its
        # bullet lost)
        luu_line = not luu_closed and bool(_LUU_ITEM.match(stripped))
        if (unbulleted != stripped or not item or luu_line) and not _CAPACITY.match(unbulleted):
            if not item and not unbulleted[:1].isupper() and _column_line(stripped):
                gap += 1
                continue
            if _BODY_OPENER.match(fold_same_length(unbulleted)):
                return end
            if luu_closed and gap:
                return end
            item, gap, end = stripped, 0, nxt
            bulleted = bulleted or unbulleted != stripped
            last = item.rstrip()[-1:]
            enders[last] = enders.get(last, 0) + 1
            continue
        if luu_closed:
            return end
        ender = item.rstrip()[-1:]
        open_item = ender not in ";." and not (ender == "," and enders.get(",", 0) > enders.get(";", 0))
        if not open_item and not gap and not bulleted and not _column_line(stripped):
            # a list without bullets: a line after a closed item starts the next one
            if _BODY_OPENER.match(fold_same_length(stripped)):
                return end
            item, end = stripped, nxt
            enders[stripped[-1]] = enders.get(stripped[-1], 0) + 1
            continue
        if not open_item and bulleted and stray_caps_line(stripped):
            gap += 1
            continue
        # a brace's label ("} (để b/c)") goes with the items above it
        joins = stripped[0].islower() or stripped[0] in "({}" or open_item
        if item and joins and not _column_line(stripped):
            if gap and not (stripped[0].islower() or open_item):
                return end
            item, gap, end = item + " " + stripped, 0, nxt
            continue
        if _column_line(stripped):
            gap += 1
            continue
        return end
    return end


def _is_authority_line(text: str, pos: int) -> bool:
    """The line naming who decides ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "CHÍNH PHỦ") before "Căn cứ"."""
    e = _line_end(text, pos)
    nxt = text[e:].lstrip("\n ")
    return _is_upper_at(text, pos, e) and fold_same_length(nxt[:6]) in ("can cu", "xet ", "theo d")


def motto_spans(folded: str, start: int, end: int) -> list[Range]:
    """The national motto's or the Party's line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do -
    Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM", a rule "-----") in ``folded[start:end]`` (folded with
    :func:`fold_same_length`): what is left of a header line flattened from two columns is the
    issuer's column."""
    if not _may_be_motto(folded[start:end]) and "cong" not in folded[start:end]:
        return []
    return [m.span() for m in _MOTTO_LOOSE.finditer(folded, start, end)]


def _may_be_motto(line: str) -> bool:
    """Cheap test: every branch of ``_MOTTO`` ends in "nam" or contains a dash."""
    return "nam" in line or "-" in line or "–" in line or "—" in line


def _anchored(line: str) -> bool:
    """A folded, stripped line holds a front-matter anchor (place and date, number, "Kính gửi", motto)."""
    return bool(
        (("ngay" in line or "/" in line) and _place_date_in(line))
        or _NUMBER.match(line)
        or ("kin" in line and _KINH_GUI.search(line))
        or (_may_be_motto(line) and _MOTTO.search(line))
    )


def _first_body_line(text: str, folded: str, start: int, limit: int) -> int:
    """Start of the first line that reads as running text (or ``limit``).

    The line right after a type line ("KẾ HOẠCH", "CHỈ THỊ / CỦA BAN BÍ THƯ") is its title, however
    long; lines starting in lower case continue the title.
    """
    pos = start
    prev_type = False
    ends: dict[int, int] = {}
    lasts: dict[int, int] = {}
    while pos < limit:
        e = _line_end(text, pos)
        line = folded[pos:e].strip()
        if line and not _DIGSIG.match(line):
            caps = _is_upper_at(text, pos, e)
            first = text[pos:e].lstrip(" -–•*")[:1]
            starts_low = first.islower()
            if (
                not caps
                and not starts_low
                and not prev_type
                and (_BODY_OPENER.match(line) or len(line.split()) >= 22)
                and not _anchored(line)
                and not _subject_like(text, line, pos, limit, ends, lasts)
                and not _front_follows(folded, e, limit)
            ):
                return pos + (len(folded[pos:e]) - len(folded[pos:e].lstrip()))
            prev_type = (caps and (bool(_TYPE_LINE.fullmatch(line)) or line.startswith("cua "))) or (
                e - pos <= _LOOSE_TYPE_MAX + 8 and loose_type_line(text[pos:e]) is not None
            )
        pos = e + 1
    return limit


_FRONT_REACH = 12  # lines


def _front_follows(folded: str, pos: int, limit: int) -> bool:
    """The number ("Số: ...") or the motto opens one of the next lines after ``pos``: the running text
    before them is no body but a line put before the header (a web page's title of the document, a
    page footer of the previous page)."""
    for _ in range(_FRONT_REACH):
        if pos >= limit:
            return False
        e = folded.find("\n", pos + 1, limit)
        e = limit if e < 0 else e
        line = folded[pos + 1 : e].strip()
        if line and (_NUMBER.match(line) or (_may_be_motto(line) and _MOTTO.match(line))):
            return True
        pos = e
    return False


def _subject_like(
    text: str,
    line: str,
    pos: int,
    limit: int,
    ends: dict[int, int] | None = None,
    lasts: dict[int, int] | None = None,
) -> bool:
    """A short "Thực hiện ..." / "Để ..." paragraph that does not end like a sentence is a subject
    line ("*Thực hiện các biện pháp cấp bách phòng, chống dịch*"), not the opening of the body.

    ``ends``: see :func:`_paragraph_end`; ``lasts``: where each paragraph's last character is."""
    if not _TITLE_OPENER.match(line) or len(line.split()) >= 22:
        return False
    end = _paragraph_end(text, pos, limit, ends)
    # The last character before ``end`` that is not one of " *_\n" (the paragraph's if at or after pos).
    last = lasts.get(end) if lasts is not None else None
    if last is None:
        last = end
        while last > 0 and text[last - 1] in " *_\n":
            last -= 1
        last -= 1
        if lasts is not None:
            lasts[end] = last
    return (text[last] if last >= pos else "") not in (".", ":", ";", ",")


_PLACE_WORD = re.compile(r"\S+")
_PLACE_RUN = 6  # words of a place's name with its prefix ("Thành phố Bà Rịa - Vũng Tàu")


def trim_place(text: str, s: int, e: int) -> int | None:
    """Start of the place name in ``text[s:e]``: the trailing run of capitalised words ("phố", "xã"
    allowed after "Thành", "Thị"); None when the word before ", ngày" is not capitalised."""
    words = list(_PLACE_WORD.finditer(text, s, e))
    start: int | None = None
    prev_start: int | None = None
    dash = False  # a lone dash between two capitalised words: "Bà Rịa - Vũng Tàu"
    i = len(words)
    while i > 0:
        i -= 1
        w = words[i]
        tok = w.group()
        # "phố", "xã" of "Thành phố X", "Thị xã X" (kept: the place as printed)
        lower_ok = tok in ("phố", "xã") or (
            start is not None
            and i > 0
            and fold(tok) in ("pho", "xa")
            and fold(words[i - 1].group()) in ("thanh", "thi")
        )
        if tok in ("-", "–") and start is not None and not dash:
            dash = True
            continue
        dash = False
        if tok[:1].isupper() or lower_ok:
            if "-" in tok or "/" in tok or (len(tok) > 1 and tok.isupper() and not tok.startswith("TP")):
                # a word in capitals, with a dash or a slash is the other column's ("SỞ Y TẾ Kon Tum, ngày")
                # unless it is part of the last words that name a place ("TP. HỒ CHÍ MINH", "TP HCM")
                j = next(
                    (
                        j
                        for j in range(max(0, i - _PLACE_RUN), i + 1)
                        if _known_place(text[words[j].start() : e].strip(" ,.;"))
                    ),
                    None,
                )
                if j is not None:
                    start = prev_start = words[j].start()
                    i = j
                    continue
                start = prev_start
                break
            start = w.start()
            prev_start = start
        else:
            break
    if start is None:
        return None
    # "phố"/"xã" cannot open the place
    while start < e and text[start:].split(None, 1)[0] in ("phố", "xã"):
        start = text.find(" ", start) + 1
    return _known_place_start(text, start, e)


def _known_place_start(text: str, start: int, end: int) -> int:
    """``start``, or the start of the longest run of last words of ``text[start:end]`` that names a
    province or district when the whole run names none: a capitalised word of the other column's text
    flattened before the place ("V/v ... của Đảng Hà Nam, ngày ...") is not part of it."""
    run = text[start:end].strip(" ,.")
    if not run or _known_place(run):
        return start
    for w in _PLACE_WORD.finditer(text, start, end):
        if w.start() > start and _known_place(text[w.start() : end].strip(" ,.")):
            return w.start()
    return start


@cache
def _district_keys() -> frozenset[str]:
    return frozenset(fold(d.name) for d in gz.districts())


def _known_place(name: str) -> bool:
    if gz.province_by_name(name) is not None:
        return True
    return re.sub(r"^(?:thanh pho|thi xa|tp\.?|huyen|quan)\s+", "", fold(name).lower()) in _district_keys()


@dataclass(frozen=True)
class _Anchor:
    kind: str
    start: int
    end: int


def _add_bare_place_date(
    out: list[_Anchor], pattern: re.Pattern[str], text: str, folded: str, limit: int
) -> None:
    """The first match of ``pattern`` (a place then a date, without the comma) whose place is known and
    opens its line or follows the number, added to ``out`` as the place-date anchor."""
    numbers = [a for a in out if a.kind == "number"]
    for m in pattern.finditer(folded, 0, limit):
        s = trim_place(text, m.start("place"), m.end("place"))
        if s is None or not _known_place(text[s : m.end("place")]):
            continue
        before = text[_line_start(text, s) : s]
        if not before.strip(" |") or any(a.start < s <= a.end for a in numbers):
            out.append(_Anchor("place_date", s, m.end()))
            return


def _head_anchors(text: str, folded: str, limit: int) -> list[_Anchor]:
    out: list[_Anchor] = []
    for m in _MOTTO.finditer(folded, 0, limit):
        out.append(_Anchor("motto", m.start(), m.end()))
    numbers = list(_NUMBER.finditer(folded, 0, limit))
    for i, m in enumerate(numbers):
        e = _line_end(text, m.start())
        if i + 1 < len(numbers) and _REGISTRY_NUMBER.fullmatch(folded, m.end(), e):
            continue  # a receiver's stamp ("CÔNG VĂN ĐẾN / Số: 1520 / Ngày: ..."): its registry number
        out.append(_Anchor("number", m.start(), e))
    if not any(a.kind == "number" for a in out):
        # the whole front matter on one line (web pages): "BỘ Y TẾ Số: 123/BYT-MT CỘNG HÒA ..."
        m = next((m for m in _NUMBER_INLINE.finditer(folded, 0, limit) if text[m.start()] in "S$"), None)
        if m is not None:
            out.append(_Anchor("number", m.start(), _line_end(text, m.start())))
    for m in _place_dates(folded, 0, limit):
        g = "place" if m.group("place") else "place2"
        s = trim_place(text, m.start(g), m.end(g))
        if s is not None:
            out.append(_Anchor("place_date", s, m.end()))
    for m in _VV.finditer(folded, 0, limit):
        if _line_start(text, m.start()) == m.start() or folded[m.start() - 1] in ' \t|,"“':
            out.append(_Anchor("vv", m.start(), m.end()))
    for m in _TYPE_LINE.finditer(folded, 0, limit):
        if _is_upper_at(text, m.start(), m.end()) and not _STAMP_WORD.match(folded, m.end()):
            out.append(_Anchor("type_line", m.start(), m.end()))
    if not any(a.kind == "type_line" for a in out) and (loose := _loose_type_anchor(text, limit)) is not None:
        out.append(loose)
    if not any(a.kind == "place_date" for a in out):
        # no comma between place and date: a known place, opening its line or after the number
        if "ngay" in folded[:limit]:
            _add_bare_place_date(out, _PLACE_DATE_BARE, text, folded, limit)
    if not any(a.kind == "place_date" for a in out) and "nam" in folded[:limit]:
        # the date garbled: a known place opening its line or after the number, a year after it
        _add_bare_place_date(out, _PLACE_DATE_GARBLED, text, folded, limit)
    if not any(a.kind == "place_date" for a in out):
        # no place: a date after the number on its line ("Số: 12/BYT-MT ngày 12 tháng 3 năm 2021",
        # "123/BYT-MTngày ..."), before any other anchor of that line
        for a in [a for a in out if a.kind == "number"][:1]:
            stop = min((b.start for b in out if a.start < b.start < a.end), default=a.end)
            m = _DATE_ONLY.search(folded, a.start, stop)
            if m is not None:
                out.append(_Anchor("place_date", m.start(), m.end()))
    out.sort(key=lambda a: (a.start, a.end))
    # an anchor inside another anchor's words (the place of a place-date line inside a motto) loses
    kept: list[_Anchor] = []
    for a in out:
        if kept and a.start < kept[-1].end and kept[-1].kind in ("motto", "place_date") and a.kind != "motto":
            continue
        kept.append(a)
    return kept


def _cut_number(text: str, a: _Anchor, anchors: list[_Anchor]) -> int:
    """End of the number: the next anchor on the same line, else the first wide gap, else line end."""
    end = a.end
    for b in anchors:
        if a.start < b.start < end:
            end = b.start
    seg = text[a.start : end]
    m = re.search(r"\s{2,}|\s\|\s", seg)
    if m:
        end = a.start + m.start()
    return end


def _paragraph_end(text: str, start: int, stop: int, memo: dict[int, int] | None = None) -> int:
    """End of the title paragraph from ``start``: a blank line ends it unless a lower-case line follows.

    The walk from a line end depends on that line end only: with ``memo`` (one per ``stop``), the
    lines of a paragraph already walked answer at once (every line of a long paragraph asks)."""
    pos = start
    end = _line_end(text, start)
    end = min(end, stop)
    pos = end
    path: list[int] = []
    while pos < stop:
        if memo is not None:
            if pos in memo:
                end = memo[pos]
                break
            path.append(pos)
        if text.startswith("\n\n", pos):
            k = pos
            while k < stop and text[k] in "\n ":
                k += 1
            if k < stop and (text[k].islower() or text[k] == "("):
                pos = k
                end = min(_line_end(text, k), stop)
                pos = end
                continue
            break
        if pos + 1 >= stop:
            break
        nxt = min(_line_end(text, pos + 1), stop)
        end = nxt
        pos = nxt
    if memo is not None:
        memo.update(dict.fromkeys(path, end))
    return end


def _title_cut(text: str, start: int, end: int, narrow: bool = False) -> int:
    """``end``, or the end of the last line of ``text[start:end]`` before a line that cannot go on with
    the title (:func:`_breaks_title`); a ``narrow`` title (the subject under the number, in the left
    column) also ends before a line of running text much longer than its own lines."""
    first_end = min(_line_end(text, start), end)
    caps = _is_upper_at(text, start, first_end)
    longest = len(text[start:first_end].strip())
    cut = first_end
    pos = first_end
    while pos < end:
        nxt = min(_line_end(text, pos + 1), end)
        line = text[pos + 1 : nxt].strip()
        if line:
            if _breaks_title(line, caps):
                return cut
            if narrow and longest < 45 and len(line) >= 60 and not line[0].islower():
                return cut
            longest = max(longest, len(line))
            cut = nxt
        pos = nxt
    return end


_SECTION = re.compile(
    r"(?:[IVX]{1,4}|\d{1,2}|[A-Z])[.)]\s+\S|(?i:phần|chương|điều|mục)\s+(?:[IVX]{1,4}|\d{1,2})\b"
)


_LETTERS = re.compile(r"[^\W\d_]+")


def abbreviation_line(line: str) -> bool:
    """A line of a few words in capitals none of which is a Vietnamese syllable: abbreviations ("KPCĐ",
    "BHXH, BHYT"), not words to recase."""
    words = _LETTERS.findall(line)
    return 0 < len(words) <= 4 and all(all_caps(w) and not syllable_ok(w) for w in words)


def _breaks_title(line: str, caps: bool) -> bool:
    """A line that cannot go on with a title: a section heading ("I. MỤC ĐÍCH", "Điều 1."), one in
    capitals under a title in usual case (the authority "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" of a decision,
    a header line of the other column), or one in usual case opening with a capital under a title in
    capitals (the first sentence of the body)."""
    if _SECTION.match(line):
        return True  # "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Điều 1.": the body's first heading
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    if len(words) < 2:
        return False
    if not caps and abbreviation_line(line):
        return False  # abbreviations wrapped under the title ("BHXH, BHYT")
    if caps:
        return not all_caps(line) and line[:1].isupper() and not all_caps(words[0])
    return all_caps(line)


# List lines that may sit between two capacities of one signature block (two columns interleaved).
_CHAIN_SKIP = 2


def _chained_capacity(text: str, ls: int, floor: int) -> re.Match[str] | None:
    """A capacity on one of the lines just before the line starting at ``ls`` (skipping up to
    ``_CHAIN_SKIP`` bullet lines of a list), at or after ``floor``; None when there is none."""
    k = ls
    for _ in range(_CHAIN_SKIP + 1):
        if k <= floor:
            return None
        prev_start = _line_start(text, k - 1)
        line = text[prev_start : k - 1]
        if not line.strip() or prev_start < floor:
            return None
        m = _CAPACITY.search(text, prev_start, k - 1)
        if m is not None:
            return m
        if not _is_bullet_line(line):
            return None
        k = prev_start
    return None


def segment(nt: NormText) -> Segments:
    text = nt.text
    n = len(text)
    folded = fold_text(text)
    zones: dict[str, Range] = {}

    # Closing blocks first: the signature and "Nơi nhận" are looked for in the last part.
    tail_floor = n // 3
    sig = None
    for m in _CAPACITY.finditer(text, tail_floor):
        sig = m
    nn = None
    nn_from = _scan_start(folded, "noi", _NOI_NHAN_LEAD, tail_floor, n)
    for m in _literal_matches(_NOI_NHAN, folded, "noi", _NOI_NHAN_LEAD, nn_from, n) if nn_from >= 0 else ():
        nn = m

    # Kính gửi: the first one in the first part of the text.
    kg: re.Match[str] | None = None
    kg_stop = max(n * 2 // 3, min(n, 3000))
    kg_from = _scan_start(folded, "kin", _KINH_GUI_LEAD, 0, kg_stop)
    if kg_from >= 0:
        kg = next(_literal_matches(_KINH_GUI, folded, "kin", _KINH_GUI_LEAD, kg_from, kg_stop), None)
        # "Kính gửi:" inside a line (a flattened header put it after the subject)
        for m in _KINH_GUI_MID.finditer(folded, kg_from, kg.start() if kg else kg_stop):
            if text[m.end() - len(m.group().lstrip())] == "K":
                kg = m
                break
    if kg is None:
        kg = _at_line_start(_KINH_GUI_LOOSE, folded, 0, kg_stop)
    if kg is None:
        # a Công điện names its addressees after "<AUTHORITY IN CAPITALS> điện:"
        # a match holds _DIEN_WORD on its line: none starts before the line of its first occurrence
        dien_stop = min(n, 3000)
        dien_at = text.find(_DIEN_WORD, 0, dien_stop)
        dien_from = text.rfind("\n", 0, dien_at) + 1
        for m in _DIEN.finditer(text, dien_from, dien_stop) if dien_at >= 0 else ():
            if _is_upper_at(text, m.start(), m.start("w")):
                kg = m
            break

    head_limit = kg.start() if kg else n
    if sig is not None:
        head_limit = min(head_limit, sig.start())
    if nn is not None:
        head_limit = min(head_limit, nn.start())
    body_line = _first_body_line(text, folded, 0, head_limit)
    found_body_line = body_line < head_limit
    head_limit = min(head_limit, body_line)

    anchors = _head_anchors(text, folded, head_limit)
    first_front = min(
        (a.start for a in anchors if a.kind in ("number", "place_date", "vv", "type_line")), default=None
    )

    # Header (issuing body): lines before the first number/date/title anchor, without the motto.
    if first_front is not None:
        h_end = _line_start(text, first_front) if anchors else 0
        if h_end == 0 and first_front > 0:
            h_end = first_front
        elif text[h_end:first_front].strip() and _is_upper_at(text, h_end, first_front):
            # the issuer's last line flattened with the other column's place-date or number
            # ("CƠ QUAN TỔ CHỨC - NỘI VỤ     Vân Đồn, ngày ..."): the header keeps its words
            h_end = first_front
        # a number on a line merged with the body name ("BỘ Y TẾ ... Số: 123") keeps its line start
        if h_end > 0:
            zones["header"] = (0, h_end)
    elif kg is not None and kg.start() > 0:
        zones["header"] = (0, kg.start())

    for a in anchors:
        if a.kind == "motto" and "motto" not in zones:
            zones["motto"] = (a.start, a.end)
        elif a.kind == "number" and "number" not in zones:
            zones["number"] = (a.start, _cut_number(text, a, anchors))
        elif a.kind == "place_date" and "place_date" not in zones:
            zones["place_date"] = (a.start, a.end)

    # Title: after "V/v", after a type line, or (Party letters) the lines after the number.
    stops = sorted({a.start for a in anchors} | {head_limit})

    def next_stop(after: int) -> int:
        return min((s for s in stops if s > after), default=head_limit)

    vv = next((a for a in anchors if a.kind == "vv"), None)
    tl = next((a for a in anchors if a.kind == "type_line"), None)
    if tl is not None:
        zones["type_line"] = (tl.start, tl.end)

    def title_end(start: int, narrow: bool = False) -> int:
        """End of a title from ``start``, over the other column's place-date or motto flattened into it
        ("V/v tăng cường phòng, chống Quảng Ninh, ngày 5 tháng 3 năm 2021 / dịch Covid-19")."""
        end = _title_cut(text, start, _paragraph_end(text, start, next_stop(start)), narrow)
        if (k := _KINH_GUI_INLINE.search(folded, start, end)) is not None:
            return k.start()  # "V/v ... Kính gửi: ..." on one line
        while True:
            a = next((a for a in anchors if a.start == end and a.kind in ("place_date", "motto")), None)
            if a is None or a.end < _line_end(text, a.start) - 1:
                return end
            k = _line_end(text, a.start) + 1
            if k >= head_limit or k in stops or not text[k : _line_end(text, k)].strip():
                return end
            mid_line = _line_start(text, a.start) < a.start
            if not (text[k].islower() or (mid_line and text[start:end].rstrip()[-1:] not in (".", ";", ":"))):
                return end
            end = _title_cut(text, k, _paragraph_end(text, k, next_stop(k)), narrow)

    if vv is not None:
        zones["title"] = (vv.start, title_end(vv.start, narrow=True))
    elif tl is not None:
        s = tl.start
        rest = re.sub(r"\s+", "", folded[tl.end : _line_end(text, tl.end)])
        if not rest or rest in _URGENCY:  # nothing, or an urgency mark, after the type ("CÔNG ĐIỆN KHẨN")
            k = _line_end(text, tl.end)
            while k < head_limit and text[k] in "\n ":
                k += 1
            if k < head_limit and not _is_authority_line(text, k):
                s = k
        zones["title"] = (tl.start, title_end(s))
    else:
        num = zones.get("number")
        cand_start = None
        if num is not None:
            cand_start = _line_end(text, num[0]) + 1
        elif first_front is None:
            cand_start = zones["header"][1] if "header" in zones and kg is None else 0
        if cand_start is not None and cand_start < head_limit:
            k = cand_start
            while k < head_limit and text[k] in "\n *":
                k += 1
            # skip lines of the issuing body written in capitals (no number case), the motto and
            # the place and date: two header columns flattened put them after the number
            place_dates = {a.start for a in anchors if a.kind in ("place_date", "motto")}
            while k < head_limit:
                e = _line_end(text, k)
                if k in place_dates or _is_upper_at(text, k, e) or _MOTTO.fullmatch(folded[k:e].strip()):
                    k = e + 1
                    while k < head_limit and text[k] in "\n *":
                        k += 1
                    continue
                break
            if k < head_limit:
                e = title_end(k, narrow=True)
                # a subject line does not end like a sentence
                if e > k and text[k:e].strip() and text[k:e].rstrip()[-1] not in ".:;":
                    zones["title"] = (k, e)

    # Kính gửi block and body.
    body_start = head_limit
    if kg is not None:
        group = bool(re.search(r"kin[hk]\s*g[u]i\s*cac\s+\w+\s*:", folded[kg.start() : kg.end() + 2]))
        kg_end, _ = _kinh_gui_scan(text, folded, kg.end(), n, group)
        zones["kinh_gui"] = (kg.start(), kg_end)
        body_start = max(body_start, kg_end)
    else:
        fronts = [zones[z][1] for z in ("title", "place_date", "number", "motto", "header") if z in zones]
        if not fronts:
            body_start = 0  # nothing of a front matter: the whole text up to the closing blocks
        elif not found_body_line:
            body_start = max(fronts)
        if vv is not None and "title" in zones:
            unlabelled = _unlabelled_addressees(text, folded, zones["title"][1], n)
            if unlabelled is not None:
                zones["kinh_gui"] = unlabelled
                body_start = max(body_start, unlabelled[1])
    while body_start < n and text[body_start] in "\n ":
        body_start += 1

    tail_start = n
    if nn is not None and nn.start() >= body_start:
        nn_line_end = _line_end(text, nn.start())
        first_line = text[nn.end() : nn_line_end]
        # merged columns: the capacity sits on the "Nơi nhận" line; the list starts on the next line
        list_from = nn.end() if not _CAPACITY.search(first_line) else nn_line_end
        zones["noi_nhan"] = (nn.start(), _noi_nhan_end(text, list_from, n))
        tail_start = min(tail_start, nn.start())
    sig_start = sig.start() if sig is not None else n
    if sig is not None:
        # a chain of capacities ("TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG"): the block starts at the first,
        # also when a flattened layout put it at the end of a list line ("- Lưu: VT. | TM. ỦY BAN") or
        # put list items between the two ("TM. ỦY BAN NHÂN DÂN / - Như trên; / KT. CHỦ TỊCH")
        while (m := _chained_capacity(text, _line_start(text, sig_start), tail_floor)) is not None:
            sig_start = m.start("cap")
    if sig is not None and sig_start >= body_start:
        sig_end = n
        if nn is not None and nn.start() > sig_start:
            sig_end = nn.start()
        zones["signature"] = (sig_start, sig_end)
        tail_start = min(tail_start, _line_start(text, sig_start))
    else:
        # no capacity: a post in capitals followed by a name near the end ("BỘ TRƯỞNG\n\nName")
        pass
    zones["body"] = (body_start, max(body_start, tail_start))
    items = _items(text, body_start, max(body_start, tail_start))
    return Segments(zones, items, n)


def _items(text: str, start: int, end: int) -> tuple[Item, ...]:
    found: list[tuple[str, int, int]] = []
    for m in _ITEM.finditer(text, start, end):
        label = m.group(1) or m.group(2)
        depth = label.count(".") + 1 if m.group(1) else 3
        found.append((label, m.start(), depth))
    # Each item ends where the next item of the same or a smaller depth starts (else at ``end``):
    # one pass from the last item, keeping the items still waiting for their stop on a stack.
    stops = [end] * len(found)
    waiting: list[int] = []
    for i, (_label, pos, depth) in enumerate(found):
        while waiting and depth <= found[waiting[-1]][2]:
            stops[waiting.pop()] = pos
        waiting.append(i)
    return tuple(Item(label, pos, stops[i], depth) for i, (label, pos, depth) in enumerate(found))


def items_in(text: str, start: int, end: int) -> tuple[Item, ...]:
    """The numbered items of ``text[start:end]``, found as the body's are (``Segments.items``): for a part
    read like the body, such as a guidance or plan attached after the closing blocks."""
    return _items(text, start, end)
