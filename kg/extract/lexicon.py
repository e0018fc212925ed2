"""Shared vocabulary of the metadata extractors: letter classes, casing of ALL-CAPS text, posts,
family names and personal names. Everything is built once from the tables in ``kg/data``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kg import gazetteer as gz
from kg.normalise import canonical_tones
from kg.segment import fold_same_length
from kg.text import fold

__all__ = [
    "LOWER",
    "UPPER",
    "body_heads",
    "caps_ratio",
    "district_index",
    "ends_with_honorific",
    "folded_collisions",
    "honorific_prefix",
    "honorific_suffix",
    "is_caps_word",
    "is_surname",
    "issuer_names",
    "line_spans",
    "match_position_suffix",
    "name_tokens",
    "position_exact",
    "recase",
    "recase_org",
]

# Letter classes of Vietnamese (Latin + Latin-1 + Latin Extended-A/B + Latin Extended Additional).
_LETTERS = [chr(c) for c in range(0x41, 0x1F00) if chr(c).isalpha()]
UPPER = "".join(c for c in _LETTERS if c.isupper() and c.lower() != c)
LOWER = "".join(c for c in _LETTERS if c.islower() and c.upper() != c)
_UP = re.escape(UPPER)
_LO = re.escape(LOWER)

_LINE = re.compile(r"[^\n]+")


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of ``text[start:end]``."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text, start, len(text) if end is None else end)]


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_caps_word(w: str) -> bool:
    """A word written in capitals: at least two letters, none lower case ("TỈNH", "ỦY"; not "K2")."""
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(not c.islower() for c in letters)


def caps_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


# --------------------------------------------------------------------------- casing


def _load_terms(name: str, column: str) -> list[str]:
    try:
        return [r[column] for r in gz.load_table(name) if r.get(column)]
    except gz.GazetteerError:
        return []


@cache
def _phrases() -> dict[str, str]:
    """lower-case phrase → its usual spelling (multi-word names of bodies, posts, places, terms)."""
    out: dict[str, str] = {}
    cands: list[str] = []
    cands += _load_terms("proper_terms.tsv", "term")
    cands += [i.name_vi for i in gz.issuer_codes()]
    cands += [b.head for b in gz.body_types()]
    for p in gz.positions():
        cands.append(p.position)
        cands += [a for a in p.aliases if not a.isupper()]
    for pr in gz.provinces():
        cands.append(pr.name)
    for c in cands:
        c = canonical_tones(c.strip())
        # single generic words ("Bộ", "Sở", "Phòng", "Báo") are common nouns in running text
        if " " not in c and c not in ("Covid-19",) and not c.endswith("ủy"):
            continue
        out.setdefault(c.lower(), c)
    return out


@cache
def _phrase_re() -> re.Pattern[str]:
    keys = sorted(_phrases(), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![^\W_])")


@cache
def _abbreviations() -> frozenset[str]:
    """Upper-case abbreviations that stay as written ("UBND", "HĐND"); two-letter ones are left out."""
    return frozenset(a.abbr for a in gz.abbreviations() if a.abbr.isupper() and len(a.abbr) >= 3)


_CODE_TOKEN = re.compile(r"\S*(?:\d|/)\S*|\([A-Z]{2,}\)")
_DOC_REF = re.compile(
    r"(?<![^\W_])(nghị quyết|nghị định|quyết định|chỉ thị|thông tư|công văn|kế hoạch|kết luận|"
    r"thông báo|hướng dẫn|luật|tờ trình|công điện)(?= số )"
)


def recase(text: str, sentence: bool = True) -> str:
    """Usual casing of ALL-CAPS text: lower case except known names of bodies, posts, places.

    >>> recase("KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY")
    'Kết luận của Thường trực Tỉnh ủy'
    """
    low = canonical_tones(text).lower()
    phrases = _phrases()
    out = _phrase_re().sub(lambda m: phrases[m.group()], low)
    out = _DOC_REF.sub(lambda m: m.group()[0].upper() + m.group()[1:], out)
    # codes and abbreviations stay as written ("QĐ-BYT", "(APG)"): tokens with digits or slashes
    src = canonical_tones(text)
    if len(src) == len(out):
        for m in _CODE_TOKEN.finditer(src):
            out = out[: m.start()] + m.group() + out[m.end() :]
        abbrs = _abbreviations()
        for m in _WORD.finditer(src):
            if m.group() in abbrs:
                out = out[: m.start()] + m.group() + out[m.end() :]
    out = out.replace("covid-19", "Covid-19")
    if sentence and out:
        out = out[0].upper() + out[1:]
    return out


_HEAD_WORDS = ("sở", "cục", "bộ", "vụ", "ban", "phòng", "tổng cục", "chi cục", "viện", "văn phòng")
# Heads after which the first word of the name is capitalised too, as written in full ("Trường Đại học
# Y Hà Nội", "Học viện Quân y", "Bệnh viện Bạch Mai"), the head with its own capitals.
_NAMED_HEADS = {
    h.lower(): h
    for h in (
        *("Trường Đại học", "Trường Cao đẳng", "Đại học", "Học viện", "Bệnh viện", "Trung tâm", "Trường"),
        *("Chi cục", "Tổng cục", "Cục", "Vụ", "Viện", "Sở", "Phòng"),
        *("Cơ quan", "Chi nhánh", "Phân viện", "Cảng vụ", "Đội", "Trạm", "Tổ"),
    )
}
# Unit words after which an organisation's name ends with a place ("Trạm Y tế xã Ia Blang"); a place
# the gazetteers do not know is capitalised word by word, unless the words read as running text.
_UNIT_WORDS = (
    *("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy"),
    *("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh"),
)
# ... and the words before a place in the names of units of customs and taxes ("Chi cục Hải quan cửa
# khẩu Bắc Phong Sinh", "Chi cục Thuế khu vực Hồng Lĩnh - Nghi Xuân"); a place of up to 5 words or dashes
_PLACE_TAIL = re.compile(
    rf"(?<![^\W_])(?i:{'|'.join((*_UNIT_WORDS, 'cửa khẩu', 'khu vực'))}) ((?:\S+ ?){{1,5}})$"
)
_NOT_PLACE = frozenset(("trực", "thuộc", "các", "trên", "địa", "bàn", "và", "có", "liên", "quan", "của"))


_KIND_PHRASES = (
    *("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "và", "các"),
    *("cơ quan", "liên quan", "trực thuộc", "Trung ương"),  # so that "co quan" is no "co quận"
)


_FIELD_TAIL = r" (?:Trung ương(?: Đảng)?|Tỉnh ủy|Huyện ủy|Quận ủy)$"


@cache
def _marked_phrases() -> tuple[dict[tuple[str, ...], str], int]:
    """Folded words → the one marked spelling of a name part (bodies, issuers, places, the fields of
    abbreviations such as "Y tế", unit words), and the longest phrase in words. A fold shared by two
    spellings is left out: it cannot be restored."""
    cands: list[str] = [*_KIND_PHRASES]
    cands += [i.name_vi for i in gz.issuer_codes()]
    cands += [b.head for b in gz.body_types()]
    cands += [n for p in gz.provinces() for n in (p.name, f"{p.kind} {p.name}")]
    cands += [n for d in gz.districts() for n in (d.name, f"{d.kind} {d.name}")]
    cands += [a.expansion for a in gz.abbreviations() if a.context == "org name"]
    # the fields of known names, which other bodies' names share ("Tổ chức", "Nội vụ", "Y tế")
    heads = sorted(_FIELD_HEADS, key=len, reverse=True)
    names = [i.name_vi for i in gz.issuer_codes()]
    fields = [
        n[len(h) :] for n in names if (h := next((x for x in heads if n.startswith(x)), None)) is not None
    ]
    cands += fields + [re.sub(_FIELD_TAIL, "", f) for f in fields]
    seen: dict[tuple[str, ...], set[str]] = {}
    for c in cands:
        c = canonical_tones(c.strip())
        if c.isascii():
            continue  # nothing to restore
        seen.setdefault(tuple(fold(c).split()), set()).add(c)
    table = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
    return table, max(len(k) for k in table)


def restore_marks(name: str) -> str:
    """Diacritics put back into the words of an organisation name that lost them (OCR, typing
    without a Vietnamese keyboard): "So y te tinh Lam Dong" → "Sở Y tế tỉnh Lâm Đồng". Known name
    parts are matched longest first (a single word only when the whole name is unmarked); words that
    kept a mark, and unknown words, are left as they are.
    """
    table, longest = _marked_phrases()
    words = name.split()
    # one word alone ("quan": quận or cơ quan?) only when the whole name lost its marks
    shortest = 1 if name.isascii() else 2
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), shortest - 1, -1):
            part = words[i : i + n]
            if all(not w.isascii() for w in part):
                continue
            marked = table.get(tuple(fold(" ".join(part)).split()))
            # a word that kept its marks must be the listed one ("HA NỘI" → "Hà Nội")
            if marked is not None and all(
                w.isascii() or w.lower() == m.lower() for w, m in zip(part, marked.split(), strict=False)
            ):
                out.append(marked)  # as listed: "Hà Nội", "Y tế", "thành phố"
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:] if name[:1].isupper() else joined


def recase_org(text: str) -> str:
    """Usual casing of an ALL-CAPS body name: known names as listed, else head + capitalised field
    ("SỞ NGOẠI VỤ" → "Sở Ngoại vụ", "CỤC THUẾ TP HÀ NỘI" → "Cục Thuế thành phố Hà Nội", "TRƯỜNG ĐẠI HỌC
    Y HÀ NỘI" → "Trường Đại học Y Hà Nội"), and a place the gazetteers do not know capitalised ("ỦY BAN
    NHÂN DÂN XÃ IA BLANG" → "... xã Ia Blang")."""
    t = re.sub(r"\bTP\.?\s+", "THÀNH PHỐ ", canonical_tones(text.strip()))
    out = recase(t)
    words = [w for w in out.split() if w.isalpha()]
    if words and 2 * sum(w.isascii() for w in words) >= len(words):  # most words lost their marks
        out = restore_marks(out)
    low = out.lower()
    if low in _phrases():
        return _phrases()[low]
    if all_caps_words(text):
        out = _place_tail(out)
    for head in sorted(_NAMED_HEADS, key=len, reverse=True):
        if low.startswith(head + " "):
            rest = _field(out[len(head) + 1 :])
            if not rest.startswith(_UNIT_WORDS):
                rest = rest[:1].upper() + rest[1:]
            return f"{_NAMED_HEADS[head]} {rest}"
    if any(low.startswith(h + " ") for h in _multiword_heads()):
        # "Ban cán sự đảng ...", "Đảng ủy Khối ...": the head as the tables write it
        return _DASHED.sub(lambda m: m.group().upper(), out)
    for head in sorted(_HEAD_WORDS, key=len, reverse=True):
        if low.startswith(head + " "):
            rest = _field(out[len(head) + 1 :])
            if rest and rest[0].islower():
                rest = rest[0].upper() + rest[1:]
            return head[0].upper() + head[1:] + " " + rest
    return out


_FIELD_HEADS = ("Bộ ", "Sở ", "Phòng ", "Ban ", "Cục ", "Vụ ", "Tổng cục ")
_DASHED = re.compile(r"(?<=\s[-–] )[a-zđà-ỹ]")


@cache
def _known_fields() -> tuple[tuple[str, str], ...]:
    """(folded field, spelling) of the fields in known names of bodies ("Giáo dục và Đào tạo" of "Sở
    Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội" of the abbreviations), longest first: the
    same field under another head is spelled the same ("Phòng Giáo dục và Đào tạo")."""
    cands = [a.expansion for a in gz.abbreviations() if a.context == "org name" and " " in a.expansion]
    for ic in gz.issuer_codes():
        head = next((h for h in _FIELD_HEADS if ic.name_vi.startswith(h)), None)
        if head is not None:
            cands.append(ic.name_vi[len(head) :])
    out = {fold(c): canonical_tones(c) for c in cands if " " in c and c[1:] != c[1:].lower()}
    return tuple(sorted(out.items(), key=lambda x: -len(x[0])))


def _field(rest: str) -> str:
    """The field of a body's name after its head, in the spelling of known names when it is one of
    theirs, and with the word after a dash capitalised ("Tổ chức - Nội vụ", "Tài chính - Kế hoạch")."""
    f = fold(rest)
    for key, spelled in _known_fields():
        if f.startswith(key) and (len(f) == len(key) or f[len(key)] == " "):
            rest = spelled + rest[len(key) :]
            break
    return _DASHED.sub(lambda m: m.group().upper(), rest)


@cache
def _multiword_heads() -> tuple[str, ...]:
    """Heads of body names of several words, in lower case ("ban cán sự đảng", "đảng ủy khối")."""
    return tuple(canonical_tones(b.head).lower() for b in gz.body_types() if " " in b.head)


def all_caps_words(text: str) -> bool:
    """Every word with letters written in capitals (a header line, not running text)."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(words) and all(not any(c.islower() for c in w) for w in words)


def _place_tail(name: str) -> str:
    """The place ending ``name`` capitalised word by word when it is still in lower case (a commune, a
    district the gazetteers do not list); ``name`` unchanged when the tail reads as running text. The
    last unit word opens the place ("Bảo hiểm xã hội huyện ..."), and "xã hội" is no commune."""
    m = None
    pos = 0
    while (found := _PLACE_TAIL.search(name, pos)) is not None:
        m, pos = found, found.start() + 1
    if m is None or "," in m.group(1):
        return name
    words = m.group(1).split()
    if words[0] == "hội" and fold(m.group()).startswith("xa "):
        return name
    named = [w for w in words if w not in ("-", "–")]
    if len(named) > 4 or any(w in _NOT_PLACE for w in named) or not all(w.islower() for w in named):
        return name
    return name[: m.start(1)] + " ".join(w[:1].upper() + w[1:] for w in words)


# --------------------------------------------------------------------------- posts


@cache
def _position_forms() -> list[tuple[str, str, str]]:
    """(folded form, form as listed, canonical post) for every post and alias, longest first."""
    forms: list[tuple[str, str, str]] = []
    for p in gz.positions():
        canon = canonical_tones(p.position)
        for f in (p.position, *p.aliases):
            forms.append((fold(f), canonical_tones(f), canon))
    forms.sort(key=lambda x: len(x[0]), reverse=True)
    return forms


@cache
def _position_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded form → the (form as listed, canonical post) pairs of that fold, in table order: more than
    one where only the diacritics tell two posts apart ("thu truong": Thứ trưởng, Thủ trưởng)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for form, listed, canon in _position_forms():
        cands = out.setdefault(form, [])
        if all(c != canon for _, c in cands):
            cands.append((listed, canon))
    return {k: tuple(v) for k, v in out.items()}


def folded_collisions() -> dict[str, tuple[str, ...]]:
    """Folded forms of kg/data/positions.tsv that name more than one post ("thu truong": Thứ trưởng,
    Thủ trưởng): the posts that :func:`match_position_suffix` and :func:`position_exact` tell apart by
    the marks of the text."""
    return {k: tuple(c for _, c in v) for k, v in _position_index().items() if len(v) > 1}


def _marks_score(written: str, listed: str) -> int:
    """How well the marks of ``written`` agree with ``listed`` (both of one fold), letter by letter: the
    letter without its tone (ư, ô, â, ơ, ă, ê, đ) counts double, the tone once; a word without any mark
    (OCR dropped them) tells nothing."""
    score = 0
    for w, f in zip(written.lower().split(), listed.lower().split(), strict=False):
        if w.isascii() or len(w) != len(f):
            continue
        for a, b in zip(w, f, strict=True):
            score += 2 * (_toneless(a) == _toneless(b)) + (_tone(a) == _tone(b))
    return score


def _tone(c: str) -> str:
    return "".join(m for m in unicodedata.normalize("NFD", c) if ord(m) in _TONES)


def _pick_post(written: str, cands: tuple[tuple[str, str], ...]) -> str:
    """The post among ``cands`` (one fold) that ``written`` names: the one spelled as written, else the
    one whose marks agree best with the text's; the first listed when the text has no marks."""
    if len(cands) == 1:
        return cands[0][1]
    w = canonical_tones(" ".join(_WORD.findall(written))).lower()
    for listed, canon in cands:
        if " ".join(_WORD.findall(listed.lower())) == w:
            return canon
    best = max(cands, key=lambda c: _marks_score(w, " ".join(_WORD.findall(c[0]))))
    return best[1]


def _fold_words(s: str) -> str:
    return " ".join(_WORD.findall(fold(s)))


def match_position_suffix(caps: str) -> tuple[str, int] | None:
    """The longest known post that ends ``caps``: (post, start in caps). Matched without diacritics
    (OCR: "BỘ TRƯỜNG"), the marks deciding between posts of one fold ("THỦ TRƯỞNG" is no "Thứ trưởng").

    >>> match_position_suffix("SẢN PHẨM BÍ THƯ")
    ('Bí thư', 9)
    """
    words = list(_WORD.finditer(caps))
    folded = [fold(w.group()) for w in words]
    index = _position_index()
    for i in range(len(words)):
        cands = index.get(" ".join(folded[i:]))
        if cands is not None:
            written = caps[words[i].start() :]
            return _cased_post(written, _pick_post(written, cands)), words[i].start()
    # "THỨ TRƯỞNG THƯỜNG TRỰC": a post with "Thường trực" after it
    if len(folded) >= 3 and folded[-2:] == ["thuong", "truc"]:
        cut = caps[: words[-2].start()].rstrip()
        inner = match_position_suffix(cut)
        if inner is not None:
            return f"{inner[0]} Thường trực", inner[1]
    return None


def position_exact(text: str) -> str | None:
    """The canonical post when ``text`` is exactly a post: "BỘ TRƯỜNG" (OCR) → "Bộ trưởng", "THỦ
    TRƯỞNG" → "Thủ trưởng" (the marks decide between posts of one fold)."""
    cands = _position_index().get(" ".join(_WORD.findall(fold(text))))
    return _pick_post(text, cands) if cands else None


def _cased_post(written: str, canon: str) -> str:
    """The post as written but in usual case: the canonical form when it matches word for word."""
    if _fold_words(written) == _fold_words(canon):
        return canon
    return recase(written)


# --------------------------------------------------------------------------- bodies


@cache
def body_heads() -> tuple[tuple[str, gz.BodyType], ...]:
    """(folded head, body type), longest first."""
    return tuple(sorted(((fold(b.head), b) for b in gz.body_types()), key=lambda x: -len(x[0])))


@cache
def issuer_names() -> dict[str, gz.IssuerCode]:
    """Folded issuer name → its row (first row wins)."""
    out: dict[str, gz.IssuerCode] = {}
    for ic in gz.issuer_codes():
        out.setdefault(fold(ic.name_vi), ic)
    return out


@cache
def district_index() -> dict[str, tuple[gz.District, ...]]:
    """Folded district name → the districts of that name."""
    out: dict[str, list[gz.District]] = {}
    for d in gz.districts():
        out.setdefault(fold(d.name), []).append(d)
    return {k: tuple(v) for k, v in out.items()}


# --------------------------------------------------------------------------- names


@cache
def _surnames() -> frozenset[str]:
    return frozenset(fold(s) for s in _load_terms("surnames.tsv", "surname"))


@cache
def _surnames_exact() -> frozenset[str]:
    return frozenset(canonical_tones(s) for s in _load_terms("surnames.tsv", "surname"))


_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _toneless(word: str) -> str:
    """``word`` without its tone mark, the other marks kept ("Trần" → "Trân")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_TONES))


@cache
def _surnames_toneless() -> frozenset[str]:
    return frozenset(_toneless(canonical_tones(s)) for s in _load_terms("surnames.tsv", "surname"))


@cache
def is_surname(word: str) -> bool:
    """A family name: exact (canonical tones), diacritic-insensitive for words without marks (OCR
    that dropped them: "Pham"), or without its tone for a word that has no tone mark (OCR that
    dropped the tone only: "Trân" for "Trần")."""
    if canonical_tones(word) in _surnames_exact():
        return True
    if word.isascii():
        return fold(word) in _surnames()
    return _toneless(word) == word and word in _surnames_toneless()


_NAME_TOKEN = re.compile(rf"[{_UP}][{_LO}0-9]*|[{_UP}][0-9]")


def name_tokens(s: str) -> list[str] | None:
    """The syllables of ``s`` if it reads as a personal name (2-5 capitalised syllables), else None."""
    toks = s.split()
    if not 2 <= len(toks) <= 5:
        return None
    for t in toks:
        if not _NAME_TOKEN.fullmatch(t):
            return None
    return toks


# --------------------------------------------------------------------------- honorifics


@cache
def _honorific_chain(address: bool) -> str:
    """A chain of honorifics of kg/data/honorifics.tsv ("Đại tá, TS.", "PGS.TS.BS."), as a pattern on
    :func:`fold_same_length` text: each form ends at its "." or before a non-letter; forms of address
    ("đồng chí", "ông") only when ``address``."""
    forms = {
        fold(r["form"]).rstrip(".") for r in _load_rows("honorifics.tsv") if address or r["kind"] != "address"
    }
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    unit = rf"(?<![^\W_])(?:{alts})(?:\.|(?![^\W_]))"
    return rf"{unit}(?:[\s,.]*{unit})*"


def _load_rows(name: str) -> list[dict[str, str]]:
    try:
        return gz.load_table(name)
    except gz.GazetteerError:
        return []


@cache
def _honorific_prefix_re(address: bool) -> re.Pattern[str]:
    return re.compile(rf"\s*{_honorific_chain(address)}[\s,.:]*")


@cache
def _honorific_end_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:{_honorific_chain(True)})\s*[:,]?\s*$")


def honorific_prefix(s: str, address: bool = True) -> int:
    """Length of the honorifics that open ``s`` ("Đại tá ", "PGS.TS. ", "Thượng tá, TS. "; with
    ``address``, also "đồng chí ", "Ông "), 0 when none."""
    m = _honorific_prefix_re(address).match(fold_same_length(s))
    return m.end() if m and m.end() < len(s.rstrip()) else 0


def ends_with_honorific(before: str) -> bool:
    """``before`` (the text before a name) ends with honorifics: "đồng chí", "đ/c", "ông", "bà", a rank
    ("Thượng tá"), a degree or title ("PGS.TS.", "BS.CKII")."""
    return honorific_suffix(before) is not None


def honorific_suffix(before: str) -> int | None:
    """Where the honorifics that end ``before`` start (None when it does not end with one)."""
    tail = before[-60:]
    m = _honorific_end_re().search(fold_same_length(tail))
    return None if m is None else len(before) - len(tail) + m.start()
