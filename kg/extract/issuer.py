"""The issuing committee or agency: read from the header lines, else inferred from the text.

Header lines are read as a chain of units, superior first ("ĐẢNG BỘ TỈNH LÂM ĐỒNG / HUYỆN ỦY BẢO
LÂM", "ỦY BAN NHÂN DÂN / TỈNH QUẢNG BÌNH", "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ"); the last unit issues, the
one before is its parent. Matching is diacritic-insensitive so OCR headers ("BO NGOAI GIAO") resolve.
Without a header the issuer is inferred from the body ("Ban Thường vụ Tỉnh ủy yêu cầu"), the
distribution ("Lưu Văn phòng Tỉnh ủy") or the issuer code of the number ("-CV/TU" → Tỉnh ủy).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from kg import gazetteer as gz
from kg.extract.identifiers import DocNumber
from kg.extract.lexicon import body_heads, district_index, issuer_names, recase_org, restore_marks
from kg.extract.orgs import expand_abbreviations
from kg.normalise import NormText
from kg.record import Issuer, Jurisdiction
from kg.segment import Segments, fold_same_length, motto_spans
from kg.text import all_caps, fold, tolerant

__all__ = ["authority_issuer", "central_organ", "find_issuer", "infer_issuer", "party_department"]


@dataclass(frozen=True)
class _Unit:
    name: str
    level: str | None
    system: str | None
    jurisdiction: Jurisdiction
    start: int
    end: int
    pending: str | None = None  # "ubnd" when the place comes on the next line
    parent_only: bool = False  # "ĐẢNG BỘ TỈNH X": names the parent committee
    known: bool = True  # resolved from the gazetteers (False: a body head and the words after it)


_CAPS_WORD = re.compile(r"[^\s|*_=—–\-~]+(?:-[^\s|*_=—–\-~]+)*")
_CAPS_CODE = re.compile(r"[^\W\d_]{3,}-\d{1,4}")  # "COVID-19" in a body's name


def _caps_run(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The longest run of upper-case words in ``text[s:e]``."""
    best: tuple[int, int] | None = None
    cur: tuple[int, int] | None = None
    for m in _CAPS_WORD.finditer(text, s, e):
        w = m.group()
        caps = all_caps(w) and (not any(c.isdigit() for c in w) or bool(_CAPS_CODE.fullmatch(w)))
        caps = caps or (cur is not None and w.isdigit() and len(w) <= 2)  # "QUẬN 1", "PHƯỜNG 12"
        if caps and not w.endswith(":"):
            cur = (cur[0], m.end()) if cur else (m.start(), m.end())
            if best is None or cur[1] - cur[0] > best[1] - best[0]:
                best = cur
        else:
            cur = None
    return best


@cache
def _central_names() -> list[tuple[str, gz.IssuerCode]]:
    out = [(_place_key(i.name_vi), i) for i in gz.issuer_codes() if i.scope == "national"]
    out.sort(key=lambda x: len(x[0]), reverse=True)
    return out


_KIND_WORDS = {
    "tinh": "tỉnh",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
}
_COMMITTEE = re.compile(r"^(tinh|thanh|huyen|quan|thi) uy (.+)$")
_PARTY_ORG = re.compile(r"^dang bo (tinh|thanh pho|huyen|quan|thi xa) (.+)$")
_UBND = re.compile(
    r"^(uy ban nhan dan|hoi dong nhan dan)"
    r"(?: (tinh|thanh pho|tp|huyen|quan|thi xa) (.+)| (xa|phuong|thi tran) .+)?$"
)
_PLACE_LINE = re.compile(r"^(tinh|thanh pho|tp|huyen|quan|thi xa) (.+)$")
_COMMITTEE_NAME = {
    "tinh": "Tỉnh ủy",
    "thanh": "Thành ủy",
    "huyen": "Huyện ủy",
    "quan": "Quận ủy",
    "thi": "Thị ủy",
}


def _province(name: str) -> gz.Province | None:
    return gz.province_by_name(name)


# The kind of district unit a header word names ("huyện", "Huyện ủy" → huyện; "thị xã", "Thị ủy" → thị xã).
_UNIT_KIND = {k: v for k, v in _KIND_WORDS.items() if k != "tinh"} | {"thi": "thị xã", "thanh": "thành phố"}
Mentioned = Callable[[], frozenset[str]]


def _district(
    name: str, province: str | None, kind: str | None = None, mentioned: Mentioned | None = None
) -> gz.District | None:
    """The district unit called ``name``: in ``province`` when given; else the only one of that name,
    of that ``kind`` ("Thị xã Phước Long", not the huyện of another province), or in the one province
    among the candidates' that the document names elsewhere (``mentioned``: "Châu Thành" is a huyện
    of ten provinces)."""
    key = _place_key(name)
    cands = [d for d in _districts_by_key().get(key, ()) if province is None or d.province == province]
    if kind is not None:
        cands = [d for d in cands if d.kind == kind] or cands
    if len({d.province for d in cands}) > 1 and mentioned is not None:
        named = mentioned()
        cands = [d for d in cands if d.province in named] or cands
    # one unit may have one row per kind it had (huyện → thị xã): same province, same unit
    return cands[0] if cands and len({d.province for d in cands}) == 1 else None


_NOT_KEY = re.compile(r"[^a-z0-9 ']")
_NOT_PLACE_KEY = re.compile(r"[^a-z0-9']+")
_UBND_KEY = re.compile(r"^ubnd\b")
_HDND_KEY = re.compile(r"^hdnd\b")
_COMMITTEE_ABBR = re.compile(r"^(?:UBND|HĐND)\b\s*")


def _place_key(name: str) -> str:
    """A place name folded, dashes and punctuation as spaces ("PHAN RANG - THÁP CHÀM", "Phan Rang-Tháp
    Chàm" → "phan rang thap cham"), apostrophes kept ("M'Drắk")."""
    return " ".join(_NOT_PLACE_KEY.sub(" ", fold(name).replace("’", "'")).split())


@cache
def _districts_by_key() -> dict[str, tuple[gz.District, ...]]:
    out: dict[str, tuple[gz.District, ...]] = {}
    for k, ds in district_index().items():
        out[_place_key(k)] = out.get(_place_key(k), ()) + ds
    return out


def provinces_mentioned(text: str) -> frozenset[str]:
    """The provinces a text names after a unit word ("tỉnh Sóc Trăng", "Tỉnh ủy Sóc Trăng")."""
    folded = fold(text)
    found = _mention_re()
    if found is not None:  # one scan for all the provinces
        rx, names = found
        return frozenset(n for m in rx.finditer(folded) for n in names[m.group(1)])
    return frozenset(
        p.name
        for p in gz.provinces()
        if re.search(rf"\b(?:tinh|thanh pho|tinh uy|thanh uy) {re.escape(fold(p.name))}\b", folded)
    )


@cache
def _mention_re() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]] | None:
    """One pattern for :func:`provinces_mentioned`, tried at every position (a look-ahead), and the
    provinces by folded name. At a position at most one province can match, so the scan finds the
    same provinces as a search per province, unless a folded name opens another or opens with "uy"
    (then None: a search per province)."""
    names: dict[str, tuple[str, ...]] = {}
    for p in gz.provinces():
        names[fold(p.name)] = (*names.get(fold(p.name), ()), p.name)
    keys = sorted(names, key=len, reverse=True)
    if any(a != b and b.startswith(a) for a in keys for b in keys) or any(k.startswith("uy") for k in keys):
        return None
    alts = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"(?=\b(?:tinh|thanh pho|tinh uy|thanh uy) ({alts})\b)"), names


def _place_unit(
    kind: str, place: str, parent_prov: str | None, mentioned: Mentioned | None = None
) -> tuple[str, str, Jurisdiction] | None:
    """(canonical place, level, jurisdiction) for "tỉnh X", "thành phố X", "huyện X"."""
    if kind in ("tinh", "thanh pho", "tp", "thanh"):
        p = _province(place)
        # "thành phố Bắc Ninh" is the city of the tỉnh Bắc Ninh (a district), not the province
        if p is not None and (p.kind == "tỉnh") == (kind == "tinh"):
            return p.name, "province", Jurisdiction(province=p.name)
    d = _district(place, parent_prov, _UNIT_KIND.get(kind), mentioned)
    if d is not None:
        return d.name, "district", Jurisdiction(province=d.province, district=d.name)
    p = _province(place)
    if p is not None:
        return p.name, "province", Jurisdiction(province=p.name)
    return None


_COMMITTEE_WORDS = tuple(_COMMITTEE_NAME.values())  # "Tỉnh ủy", "Thành ủy", ...
# Departments of a Party committee, named in full with the committee ("Ban Tuyên giáo Tỉnh ủy Bến Tre").
_DEPARTMENT_HEADS = ("ban ", "van phong", "uy ban kiem tra")
# Boards named "Ban ..." that are no department of the committee above them.
_NOT_DEPARTMENTS = (
    *("ban can su", "ban chi dao", "ban chap hanh", "ban thuong vu", "ban quan ly", "ban bi thu"),
)
# What a department's name may end with already: the committee it belongs to, without its place.
_DEPARTMENT_SUFFIXES = tuple(f" {w}" for w in ("Trung ương", *_COMMITTEE_WORDS))


def party_department(name: str, committee: str, national: bool) -> str | None:
    """The full name of a department (``name``: "Ban Tuyên giáo", "Văn phòng", or as the issuer codes
    list it, "Ban Tuyên giáo Tỉnh ủy") of a Party committee: "Ban Tuyên giáo Trung ương" under the
    Central Committee, "Ban Tuyên giáo Tỉnh ủy Bến Tre" under "Tỉnh ủy Bến Tre"; None when ``name`` is
    no department or ``committee`` no committee."""
    f = fold(name)
    if not f.startswith(_DEPARTMENT_HEADS) or f.startswith(_NOT_DEPARTMENTS) or fold(committee) == f:
        return None
    if _PLACE_KIND_END.search(f):
        return None  # "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh": a board of the province, by place
    suffix = next((x for x in _DEPARTMENT_SUFFIXES if f.endswith(fold(x))), "")
    base = name[: len(name) - len(suffix)]  # "Ban Tuyên giáo"
    if national:
        if fold(committee) != "ban chap hanh trung uong":
            return None
        full = f"{base} Trung ương"
        ic = issuer_names().get(fold(full)) or next(
            (i for k, i in issuer_names().items() if k.startswith(fold(full) + " ") and i.national), None
        )  # "Văn phòng Trung ương Đảng"
        return ic.name_vi if ic is not None else full
    if not committee.startswith(_COMMITTEE_WORDS):
        return None
    return f"{base} {committee}"


_PLACE_KIND_END = re.compile(r"\b(?:tinh|thanh pho|huyen|quan|thi xa)$")
# Communes ("xã", "phường", "thị trấn") are not in the gazetteers: their name is taken as written.
_COMMUNE_KIND = {"xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}
_COMMUNE_COMMITTEE = re.compile(r"^dang uy (xa|phuong|thi tran) (.+)$")
_COMMUNE_PARTY_ORG = re.compile(r"^dang bo (xa|phuong|thi tran) (.+)$")
# Names of national bodies that are not in the issuer codes ("Bảo hiểm xã hội Việt Nam", "Ủy ban Quốc
# gia ...", "... Trung ương"): the body is central.
_NATIONAL_NAME = re.compile(r"\b(?:viet nam|trung uong|quoc gia|chinh phu|quoc hoi)\b")
# A committee named at the end of a department's line ("BAN TUYÊN GIÁO TỈNH ỦY BẾN TRE").
_COMMITTEE_TAIL = re.compile(r"\b(tinh|thanh|huyen|quan|thi) uy ([a-z' ]+)$")


def _title_words(s: str) -> str:
    """A place name the gazetteers do not know, as proper names are written ("IA BLANG" → "Ia Blang")."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _commune(kind: str, written: str) -> str:
    """ "xã Ia Blang" from the kind's folded key and the name as written."""
    words = written.split()
    n = len(kind.split())
    return f"{_COMMUNE_KIND[kind]} {restore_marks(_title_words(' '.join(words[n:])))}"


def _unit_of(
    line: str, s: int, e: int, parent: _Unit | None, mentioned: Mentioned | None = None
) -> _Unit | None:
    f = _key(line)  # keeps "M'Drắk", "Ia H'Drai"
    if not f:
        return None
    # "UBND TỈNH X", "HĐND HUYỆN Y": the abbreviations of the committees
    f = _UBND_KEY.sub("uy ban nhan dan", _HDND_KEY.sub("hoi dong nhan dan", f))
    written = _COMMITTEE_ABBR.sub("", line.strip(" -–—_|*.,;:"))
    parent_prov = parent.jurisdiction.province if parent else None
    parent_jur = parent.jurisdiction if parent else Jurisdiction()
    if parent is not None and parent.pending and (m := _PLACE_LINE.match(f)):
        pu = _place_unit(m.group(1), m.group(2), None, mentioned)
        if pu is not None:
            place, level, jur = pu
            kind = _KIND_WORDS[m.group(1)]
            return _Unit(f"{parent.name} {kind} {place}", level, "state", jur, parent.start, e)
    if parent is not None and parent.pending and (m := _COMMUNE_LINE.match(f)):
        return _Unit(f"{parent.name} {_commune(m.group(1), line.strip())}", "commune", "state",
                     Jurisdiction(), parent.start, e)  # fmt: skip
    m = _COMMITTEE.match(f)
    if m:
        pu = _place_unit(m.group(1), m.group(2), parent_prov, mentioned)
        if pu is not None:
            place, level, jur = pu
            name = f"{_COMMITTEE_NAME[m.group(1)]} {place}"
            if m.group(1) == "tinh":
                level = "province"
            elif m.group(1) in ("huyen", "quan", "thi"):
                level = "district"
            return _Unit(name, level, "party", jur, s, e)
    m = _PARTY_ORG.match(f)
    if m:
        pu = _place_unit(m.group(1), m.group(2), None, mentioned)
        if pu is not None:
            place, level, jur = pu
            head = {
                "tinh": "Tỉnh ủy",
                "thanh pho": "Thành ủy",
                "huyen": "Huyện ủy",
                "quan": "Quận ủy",
                "thi xa": "Thị ủy",
            }[m.group(1)]
            return _Unit(f"{head} {place}", level, "party", jur, s, e, parent_only=True)
    m = _COMMUNE_COMMITTEE.match(f) or _COMMUNE_PARTY_ORG.match(f)
    if m:
        words = line.strip().split()
        name = f"Đảng ủy {_commune(m.group(1), ' '.join(words[2:]))}"
        return _Unit(name, "commune", "party", parent_jur, s, e, parent_only=f.startswith("dang bo"))
    m = _UBND.match(f)
    if m:
        head = "Ủy ban nhân dân" if m.group(1).startswith("uy") else "Hội đồng nhân dân"
        if m.group(2):
            pu = _place_unit(m.group(2), m.group(3), parent_prov, mentioned)
            if pu is not None:
                place, level, jur = pu
                p = _province(place) if level == "province" else None
                kind = p.kind if p is not None else _KIND_WORDS[m.group(2)]
                return _Unit(f"{head} {kind} {place}", level, "state", jur, s, e)
        if m.group(4):
            words = written.split()
            rest = " ".join(words[3:]) if f.startswith(("uy ban", "hoi dong")) else " ".join(words)
            return _Unit(f"{head} {_commune(m.group(4), rest)}", "commune", "state", parent_jur, s, e)
        return _Unit(head, None, "state", Jurisdiction(), s, e, pending="ubnd", known=not m.group(2))
    ic = _central_name_of(f)
    if ic is not None:
        return _Unit(ic.name_vi, ic.level or "central", ic.system, Jurisdiction(national=True), s, e)
    return _agency(line, s, e, parent, mentioned)


# A central name ends a key at most this many characters before the key's end ("Bộ Y tế 2021").
_CENTRAL_TAIL = 6


@cache
def _central_index() -> dict[str, tuple[int, gz.IssuerCode]]:
    """Each key of :func:`_central_names` -> (its first place in that list, its issuer)."""
    out: dict[str, tuple[int, gz.IssuerCode]] = {}
    for i, (key, ic) in enumerate(_central_names()):
        out.setdefault(key, (i, ic))
    return out


def _central_name_of(f: str) -> gz.IssuerCode | None:
    """The first of :func:`_central_names` whose key is the key ``f``, or opens it followed by a space
    and at most _CENTRAL_TAIL more characters (looked up at those spaces, not tried name by name)."""
    index = _central_index()
    best = index.get(f)
    k = f.find(" ", max(0, len(f) - _CENTRAL_TAIL))
    while k >= 0:
        found = index.get(f[:k])
        if found is not None and (best is None or found[0] < best[0]):
            best = found
        k = f.find(" ", k + 1)
    return None if best is None else best[1]


def _key(line: str) -> str:
    """A header line folded, punctuation as spaces ("BAN BẢO VỆ, CHĂM SÓC" → "ban bao ve cham soc"),
    apostrophes kept ("M'Drắk")."""
    f = _NOT_KEY.sub(" ", fold(line).replace("’", "'"))
    return " ".join(f.split())


@cache
def _body_head_keys() -> tuple[tuple[str, gz.BodyType], ...]:
    """The heads of ``body_types.tsv`` as :func:`_key` folds them, longest first."""
    return tuple(sorted(((_key(b.head), b) for b in gz.body_types()), key=lambda x: -len(x[0])))


@cache
def _unit_heads() -> tuple[tuple[str, str], ...]:
    """(folded head, style) of ``unit_heads.tsv``: heads of organs named only under their parent."""
    rows = gz.load_table("unit_heads.tsv")
    return tuple(sorted(((_key(r["head"]), r["style"]) for r in rows), key=lambda x: -len(x[0])))


def _starts(f: str, head: str) -> bool:
    return f == head or f.startswith(head + " ")


def _parent_overlap(f: str, parent: _Unit) -> int:
    """How many last words of the folded unit name ``f`` are the first words of its parent's name
    ("van phong bo" under "Bộ Y tế": 1; "thuong truc hoi dong nhan dan" under "Hội đồng nhân dân tỉnh
    X": 4)."""
    words, pwords = f.split(), _key(parent.name).split()
    for n in range(min(len(words) - 1, len(pwords)), 0, -1):
        if words[-n:] == pwords[:n]:
            return n
    return 0


def _agency(
    line: str, s: int, e: int, parent: _Unit | None, mentioned: Mentioned | None = None
) -> _Unit | None:
    """A unit of a ministry, a local agency or an organ of a committee ("CỤC QUẢN LÝ DƯỢC", "SỞ Y TẾ",
    "CỤC THUẾ TP HÀ NỘI", under its parent "CƠ QUAN TỔ CHỨC - NỘI VỤ", "BAN VĂN HÓA - XÃ HỘI", "VĂN
    PHÒNG"), named in full: with its parent's name (a department of the parent), or with its place."""
    line = expand_abbreviations(line)
    f = _key(line)
    head = next(((h, b) for h, b in _body_head_keys() if _starts(f, h)), None)
    style: str | None = None
    open_parent = parent is not None and not parent.pending
    party_head = head is None or head[1].kind == "party"
    if f.startswith("ban ") and not f.startswith(_NOT_DEPARTMENTS) and party_head:
        style = "department"  # "BAN KINH TẾ - NGÂN SÁCH" of a People's Council
    if head is None and not f.startswith("cuc thue"):
        # an organ named only under its parent ("CƠ QUAN TỔ CHỨC - NỘI VỤ" under "HUYỆN ỦY X")
        if not open_parent:
            return None
        found = next(((h, st) for h, st in _unit_heads() if _starts(f, h)), None)
        if found is None or len(f.split()) > _ORGAN_WORDS:
            return None
        style = found[1]
    if style == "department" and (_PLACE_KIND_END.search(f) or _trailing_place(f, None, None) is not None):
        style = "place"  # a name ending with a place is named by it ("BAN DÂN TỘC TỈNH")
    name = recase_org(line)
    if parent is not None and open_parent:
        if parent.system == "party":
            dept = party_department(name, parent.name, parent.jurisdiction.national)
            if dept is not None:
                return _Unit(dept, parent.level, "party", parent.jurisdiction, s, e, known=False)
        # "VĂN PHÒNG", "VĂN PHÒNG BỘ", "THƯỜNG TRỰC HĐND", "BAN PHÁP CHẾ" (of a People's Council): a
        # department, named with its parent's name; a People's Committee's agencies are named by place
        n = _parent_overlap(f, parent)
        own = " ".join(f.split()[: len(f.split()) - n])
        bare = any(own == h and st == "department" for h, st in _unit_heads())
        council = not fold(parent.name).startswith("uy ban nhan dan")
        if bare or (style == "department" and council):
            words = name.split()
            unit = " ".join(words[: len(words) - n]) if bare else name
            return _Unit(f"{unit} {parent.name}", parent.level, parent.system, parent.jurisdiction, s, e,
                         known=False)  # fmt: skip
    parent_prov = parent.jurisdiction.province if parent else None
    jur = parent.jurisdiction if parent else Jurisdiction()
    level: str | None = None
    system = parent.system if style is not None and parent is not None else "state"
    if head is not None:
        level = head[1].level_hint or None
        system = "party" if head[1].kind == "party" else "state"
    elif parent is not None:
        level = parent.level
    placed = False  # the name ends with its place
    place = _trailing_place(f, parent_prov, mentioned)
    m3 = _COMMITTEE_TAIL.search(f)
    if place is not None:
        _p, level, jur = place
        placed = True
    elif m3 and (pu := _place_unit(m3.group(1), m3.group(2), parent_prov, mentioned)) is not None:
        _place, level, jur = pu
        system, placed = "party", True
    elif level != "central" and (p := _trailing_province(f)) is not None:
        jur, level, placed = Jurisdiction(province=p.name), "province", True  # "SỞ Y TẾ NGHỆ AN"
    if parent is not None and parent.jurisdiction.province and not placed and not _COMMITTEE.match(f):
        where = parent.jurisdiction.district or parent.jurisdiction.province
        if parent.jurisdiction.district:
            d = _district(where, parent.jurisdiction.province)
            kind = d.kind if d else "huyện"
        else:
            p = _province(where)
            kind = p.kind if p else "tỉnh"
        if re.search(rf"\b{re.escape(fold(kind))}$", f):
            name = f"{name} {where}"  # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "BỆNH VIỆN ĐA KHOA TỈNH"
        elif not re.search(rf"\b{re.escape(fold(kind))} {re.escape(fold(where))}$", f):
            name = f"{name} {kind} {where}"
        level = level or parent.level
        if parent.level == "district" and level == "province":
            level = "district"  # "PHÒNG Y TẾ" under a district's committee
    if parent is not None and parent.jurisdiction.national and (level is None or not jur.known):
        level = "central"  # every unit of a ministry or of a national body
        jur = Jurisdiction(national=True)
    if not jur.known and _NATIONAL_NAME.search(f):
        level, jur = "central", Jurisdiction(national=True)
    return _Unit(name, level, system, jur, s, e, known=False)


_ORGAN_WORDS = 14  # the most words of an organ's name under its parent
_PLACE_KIND = re.compile(r"\b(tinh|thanh pho|tp|huyen|quan|thi xa) ")


def _trailing_place(
    f: str, parent_prov: str | None, mentioned: Mentioned | None
) -> tuple[str, str, Jurisdiction] | None:
    """The province or district that ends the folded name ("... tinh ha tinh", "... huyen cam xuyen",
    "... thanh pho ha tinh": a district of that province): the first unit word whose rest names one."""
    for m in _PLACE_KIND.finditer(f):
        pu = _place_unit(m.group(1), f[m.end() :], parent_prov, mentioned)
        if pu is not None:
            return pu
    return None


_COMMUNE_LINE = re.compile(r"^(xa|phuong|thi tran) (.+)$")


def _trailing_province(f: str) -> gz.Province | None:
    """The province whose name ends the folded line without its kind word ("so y te nghe an")."""
    words = f.split()
    for n in range(min(len(words) - 1, gz.province_name_words()), 1, -1):
        p = _province(" ".join(words[-n:]))
        if p is not None:
            return p
    return None


def _levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance of ``a`` and ``b``, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _fuzzy_national(line: str, s: int, e: int) -> _Unit | None:
    """A national body whose name OCR damaged by a letter or two ("TONG CYC THUE"): the one name within
    one edit (two for names of 16 letters or more) of the line."""
    f = re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", " ", fold(line))).strip()
    if len(f) < 8:
        return None
    found = [
        ic
        for key, ic in _central_names()
        if len(key) >= 8 and _levenshtein(f, key, 1 + len(key) // 16) <= 1 + len(key) // 16
    ]
    if len({ic.name_vi for ic in found}) != 1:
        return None
    ic = found[0]
    return _Unit(ic.name_vi, ic.level or "central", ic.system, Jurisdiction(national=True), s, e)


_CHAIN_WORDS = 30  # the most words of a header line holding two or three units


@cache
def _split_heads() -> tuple[str, ...]:
    """Folded words that open a unit's name, where a line holding two units may be cut."""
    heads = {h for h, _ in body_heads()}
    heads |= {"dang bo", "dang uy", "ubnd", "hdnd", "uy ban nhan dan", "hoi dong nhan dan"}
    heads |= {"hoc vien", "truong", "benh vien", "trung tam", "tong cuc", "chi cuc", "vu", "cuc", "so"}
    heads |= {h for h, _ in _unit_heads()}
    return tuple(sorted(heads, key=len, reverse=True))


def _chain(
    line: str, s: int, e: int, parent: _Unit | None, mentioned: Mentioned | None = None
) -> list[_Unit]:
    """The units named by one header line, superior first. A line flattened from two header lines
    ("ĐẢNG BỘ TỈNH LÂM ĐỒNG HUYỆN ỦY BẢO LÂM", "BỘ Y TẾ CỤC QUẢN LÝ DƯỢC") is cut before a unit's
    head word where the words before it name a body the gazetteers know."""
    u = _unit_of(line, s, e, parent, mentioned)
    if u is not None and u.known:
        return [u]
    words = list(re.finditer(r"\S+", line))
    if len(words) > _CHAIN_WORDS:  # no header line: a paragraph in capitals
        return [u] if u is not None else []
    folded = [fold(w.group()) for w in words]
    for i in range(1, len(words)):
        rest = " ".join(folded[i:])
        if not any(rest == h or rest.startswith(h + " ") for h in _split_heads()):
            continue
        cut = words[i].start()
        p = _unit_of(line[:cut].rstrip(), s, s + len(line[:cut].rstrip()), parent, mentioned)
        if p is None or not p.known or p.pending:
            continue
        tail = _chain(line[cut:], s + cut, e, p, mentioned)
        if tail:
            return [p, *tail]
    if u is None:
        fz = _fuzzy_national(line, s, e)
        return [fz] if fz is not None else []
    return [u]


def _header_lines(nt: NormText, seg: Segments) -> list[tuple[str, int, int]]:
    """The runs of capitals of the header, one per column piece of each line: a line flattened from
    both columns ("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA ... VIỆT NAM BỘ Y TẾ") gives
    the issuer's words on either side of the motto."""
    z = seg.get("header")
    if z is None:
        return []
    text = nt.text
    folded = fold_same_length(text[z[0] : z[1]])
    out: list[tuple[str, int, int]] = []
    pos = z[0]
    motto_seen = False
    while pos < z[1]:
        e = text.find("\n", pos, z[1])
        e = z[1] if e < 0 else e
        cuts = [(a + z[0], b + z[0]) for a, b in motto_spans(folded, pos - z[0], e - z[0])]
        bounds = [pos, *(x for c in cuts for x in c), e]
        for ps, pe in zip(bounds[::2], bounds[1::2], strict=True):
            piece = text[ps:pe]
            if ":" in piece and not re.search(r"[A-ZĐ]{2,}\s*$", piece):
                # a label of a stamp after the issuer's words ("BỘ TÀI CHÍNH | Chuyển: ...", "TỔNG CỤC
                # THUẾ Số và ký hiệu HS: ..."): the words before it
                pe = ps + piece.index(":")
            run = _caps_run(text, ps, pe)
            if run is not None:
                if cuts and not motto_seen and ps == pos and out and "\n\n" in text[out[-1][2] : pos]:
                    # the issuer's first line shares its line with the motto: what stands above it, set
                    # apart by a blank line, is no part of the header (a receiver's stamp, an e-signature)
                    out.clear()
                out.append((text[run[0] : run[1]], run[0], run[1]))
        motto_seen = motto_seen or bool(cuts)
        pos = e + 1
    return out


def find_issuer(nt: NormText, seg: Segments) -> Issuer | None:
    """The issuer named in the header, or None."""
    units: list[_Unit] = []
    named: list[frozenset[str]] = []

    def mentioned() -> frozenset[str]:  # read once, only for a district name of several provinces
        if not named:
            named.append(provinces_mentioned(nt.text))
        return named[0]

    text = nt.text
    last: tuple[str, int, _Unit | None] | None = None  # the line of the last unit, its start, its parent
    unread: tuple[str, int, int] | None = None  # the last line that named no unit
    for line, s, e in _header_lines(nt, seg):
        prev = units[-1] if units else None
        if last is not None and prev is not None and not prev.pending:
            # a name cut at a dash or a comma ("CƠ QUAN TỔ CHỨC - / NỘI VỤ", "CƠ QUAN ỦY BAN KIỂM TRA /
            # - THANH TRA"): the next line goes on with it, whatever it names alone
            gap = text[prev.end : s]
            mark = gap.strip(" \n")
            if gap.count("\n") == 1 and mark in _NAME_JOINS:
                joined = _unit_of(f"{last[0]} {mark} {line}", last[1], e, last[2], mentioned)
                if joined is not None:
                    units[-1] = joined
                    last = (f"{last[0]} {mark} {line}", last[1], last[2])
                    continue
        chain = _chain(line, s, e, prev, mentioned)
        if not chain and unread is not None and text[unread[2] : s].count("\n") == 1:
            # a name wrapped over two lines neither of which names a unit alone ("TỔNG LIÊN ĐOÀN LAO
            # ĐỘNG / VIỆT NAM")
            chain = _chain(f"{unread[0]} {line}", unread[1], e, prev, mentioned)
        unread = (line, s, e) if not chain else None
        if not chain and last is not None and prev is not None and not prev.known and not prev.pending:
            # a unit's name wrapped onto the next line ("CỤC QUẢN LÝ MÔI TRƯỜNG / Y TẾ")
            gap = text[prev.end : s]
            if gap.count("\n") == 1 and not gap.strip(" \n-–—_|*") and len(line.split()) <= 6:
                joined = _unit_of(f"{last[0]} {line}", last[1], e, last[2], mentioned)
                if joined is not None:
                    units[-1] = joined
                    last = (f"{last[0]} {line}", last[1], last[2])
            continue
        for u in chain:
            prev = units[-1] if units else None
            if prev is not None and prev.pending and u.start == prev.start:
                units[-1] = u
            else:
                units.append(u)
            last = (text[u.start : u.end], u.start, prev)
    units = [u for u in units if not u.pending] or units
    if not units:
        return None
    issuer = units[-1]
    parent = units[-2] if len(units) >= 2 else None
    if parent is not None and _RANK.get(parent.level or "", -1) > _RANK.get(issuer.level or "", 9):
        parent = None  # a body below the issuer is none of its superiors: a receiver's stamp above the header
    jur = issuer.jurisdiction
    if parent is not None and jur.district and not jur.province:
        jur = Jurisdiction(province=parent.jurisdiction.province, district=jur.district)
    level = issuer.level
    if issuer.parent_only:
        return Issuer(issuer.name, level, None, nt.span(issuer.start, issuer.end), jur, issuer.system)
    parent_name = parent.name if parent else None
    if parent is not None and parent.parent_only and parent.name == issuer.name:
        # "ĐẢNG BỘ TỈNH X / TỈNH ỦY X": the committee of the Party organisation of the province
        parent_name = _party_organisation(parent.name)
    return Issuer(
        issuer.name,
        level,
        parent_name,
        nt.span(issuer.start, issuer.end),
        jur,
        issuer.system,
    )


_NAME_JOINS = ("-", "–", ",")  # marks that cut a name over two header lines
_RANK = {"central": 0, "province": 1, "district": 2, "commune": 3}

_ORGANISATION = {"Tỉnh ủy": "Đảng bộ tỉnh", "Thành ủy": "Đảng bộ thành phố", "Huyện ủy": "Đảng bộ huyện",
                 "Quận ủy": "Đảng bộ quận", "Thị ủy": "Đảng bộ thị xã"}  # fmt: skip


def _party_organisation(committee: str) -> str:
    """ "Tỉnh ủy Hà Giang" → "Đảng bộ tỉnh Hà Giang"."""
    head, _, place = committee.partition(" ")
    head2, _, place2 = place.partition(" ")
    key = f"{head} {head2}"
    return f"{_ORGANISATION[key]} {place2}" if key in _ORGANISATION else committee


# What the acting body does in the preamble: "..., Ban Thường vụ Tỉnh ủy X yêu cầu:" (OCR may drop
# the diacritics: "yeu cầu").
_ACTS = "|".join(
    tolerant(v) for v in ("yêu cầu", "kết luận", "chỉ đạo", "đề nghị", "thông báo", "quyết định", "giao")
)
# Up to five capitalised words, " - " between two of them ("Bà Rịa - Vũng Tàu"); the longest leading
# run that names a place is taken (_leading_place).
# A stray full stop of OCR may sit inside the place ("Quận ủy Hải. An"): it is read through.
_PLACE_WORDS = r"(?P<place>[A-ZĐ][^\s,.;:]*(?:\.?\s+(?:[-–]\s+)?[A-ZĐ][^\s,.;:]*){0,4})"
# Words of the acting body as OCR may cut them ("Ban Th ường vụ").
_COLLECTIVE = "|".join(tolerant(w, split=True) for w in ("Ban Thường vụ", "Thường trực", "Ban Chấp hành"))
_BODY_ISSUER = re.compile(
    rf"(?<!của )(?i:{_COLLECTIVE})\s+"
    rf"(?P<word>(?i:{tolerant('Tỉnh')}|{tolerant('Thành')}|{tolerant('Huyện')}|{tolerant('Quận')}|{tolerant('Thị')}))"
    rf"\s+(?P<uy>(?i:{tolerant('ủy')}))(?:\s+{_PLACE_WORDS})?"
    rf",?\s+(?:[^.;,\n]{{0,40}}?)(?:{_ACTS})"
)
# The same for a People's Committee: "..., Ủy ban nhân dân huyện Na Hang yêu cầu:".
_BODY_COMMITTEE = re.compile(
    rf"(?<!của )(?:(?i:{tolerant('Ủy ban nhân dân')})|UBND)\s+"
    rf"(?P<kind>(?i:{'|'.join(tolerant(k) for k in ('tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã'))}))"
    rf"\s+{_PLACE_WORDS},?\s+(?:[^.;,\n]{{0,40}}?)(?:{_ACTS})"
)
_WORD = {k: v.split()[0] for k, v in _COMMITTEE_NAME.items()}  # "tinh" → "Tỉnh"
_LUU = re.compile(r"Lưu\s*:?\s*(?:Văn phòng\s+(Tỉnh|Thành|Huyện|Quận|Thị)\s+ủy|VP(TU|HU|QU|ThU))")
_LEVEL = {"Tỉnh": "province", "Thành": "province", "Huyện": "district", "Quận": "district", "Thị": "district"}
_CODE_KIND = {"TU": "Tỉnh", "HU": "Huyện", "QU": "Quận", "ThU": "Thành"}


_T = TypeVar("_T")


def _leading_place(place: str, lookup: Callable[[str], _T | None]) -> tuple[_T, int] | None:
    """The longest run of leading words of ``place`` that ``lookup`` knows (a stray full stop inside
    dropped), with its length."""
    cuts = [m.end() for m in re.finditer(r"\S+", place)]
    for cut in reversed(cuts):
        found = lookup(place[:cut].rstrip(".").replace(". ", " "))
        if found is not None:
            return found, cut
    return None


# Organs of the Central Committee that issue in their own name under its header ("BAN CHẤP HÀNH TRUNG
# ƯƠNG"): the body says which acts ("Bộ Chính trị yêu cầu"), the signature for whom ("T/M BAN BÍ THƯ").
_CENTRAL_ORGANS = ("Bộ Chính trị", "Ban Bí thư")
_ORGAN_ACTS = re.compile(
    rf"(?<!của )(?P<o>{'|'.join(tolerant(o) for o in _CENTRAL_ORGANS)})\s+(?:[^.;,\n]{{0,40}}?)(?:{_ACTS})",
    re.I,
)
_ORGAN_CAPACITY = re.compile(
    rf"(?:T/M|T\.M\.?|TM\.?)\s*(?P<o>{'|'.join(tolerant(o) for o in _CENTRAL_ORGANS)})\b", re.I
)


def central_organ(nt: NormText, seg: Segments, issuer: Issuer | None) -> Issuer | None:
    """The organ of the Central Committee that issues a document headed "BAN CHẤP HÀNH TRUNG ƯƠNG" (a
    Chỉ thị of the Ban Bí thư, a Kết luận of the Bộ Chính trị), the committee its parent: the one the
    body names as acting ("…, Ban Bí thư yêu cầu:"), else the one the signature is for ("T/M BỘ CHÍNH
    TRỊ"); ``issuer`` unchanged otherwise."""
    if issuer is None or issuer.system != "party" or fold(issuer.name) != "ban chap hanh trung uong":
        return issuer
    text = nt.text
    b0, b1 = seg.body()
    m = _ORGAN_ACTS.search(text, b0, b1)
    if m is None and (z := seg.get("signature")) is not None:
        m = _ORGAN_CAPACITY.search(text, z[0], z[1])
    if m is None:
        return issuer
    name = next(o for o in _CENTRAL_ORGANS if fold(o) == " ".join(fold(m.group("o")).split()))
    span = nt.span(m.start("o"), m.end("o"))
    return Issuer(name, "central", issuer.name, span, Jurisdiction(national=True), "party", issuer.inferred)


# Collectives that decide for their committee ("BAN THƯỜNG VỤ TỈNH ỦY X"): the committee issues.
_COLLECTIVES = ("ban thuong vu", "thuong truc", "ban chap hanh")
_AUTHORITY_REACH = 3000  # characters after the body's start where "... QUYẾT ĐỊNH:" may close the preamble
_DECIDES = re.compile(r"\b(?:quyet dinh|quyet nghi|ket luan)\s*:?\s*$")


@cache
def _post_keys() -> frozenset[str]:
    """Every post and alias of ``positions.tsv``, folded as :func:`_key` folds a line."""
    return frozenset(_key(f) for p in gz.positions() for f in (p.position, *p.aliases))


def authority_issuer(nt: NormText, seg: Segments) -> Issuer | None:
    """The body named by a decision's authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", "BỘ TRƯỞNG BỘ
    Y TẾ", "THỦ TƯỚNG CHÍNH PHỦ", "BAN THƯỜNG VỤ TỈNH ỦY X"): a line in capitals before the preamble
    ("Căn cứ ...") or just before "QUYẾT ĐỊNH:" that names a post of a body, a collective of a committee
    or a body, and nothing else. The post and the collective are dropped: the body issues."""
    text = nt.text
    b0, _b1 = seg.body()
    named: list[frozenset[str]] = []

    def mentioned() -> frozenset[str]:
        if not named:
            named.append(provinces_mentioned(text))
        return named[0]

    stop = min(len(text), b0 + _AUTHORITY_REACH)
    pos = 0
    while pos < stop:
        e = text.find("\n", pos, stop)
        e = stop if e < 0 else e
        line = text[pos:e]
        if pos < b0 or (_DECIDES.search(_key(line)) or _DECIDES.match(_key(text[e + 1 : e + 40]))):
            found = _authority_line(line, pos, mentioned)
            if found is not None:
                u, s, end = found
                return Issuer(u.name, u.level, None, nt.span(s, end), u.jurisdiction, u.system)
        pos = e + 1
    return None


def _authority_line(line: str, pos: int, mentioned: Mentioned) -> tuple[_Unit, int, int] | None:
    """(body, start, end) of an authority line starting at ``pos``; None for any other line."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _CHAIN_WORDS or not all_caps(stripped):
        return None
    stripped = re.sub(r"\s+(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|KẾT LUẬN)\s*:?\s*$", "", stripped)
    lead = pos + line.index(stripped[0])
    words = list(re.finditer(r"\S+", stripped))
    keys = [_key(w.group()) for w in words]
    # the body alone, a collective of a committee, a post and its body: the longest body that is all
    # the rest of the line
    cuts = [0]
    for n in range(1, len(words)):
        head = " ".join(k for k in keys[:n] if k)
        if head in _COLLECTIVES or head in _post_keys():
            cuts.append(n)
    for n in cuts:
        if n >= len(words):
            continue
        s = lead + words[n].start()
        rest = stripped[words[n].start() :]
        chain = [u for u in _chain(rest, s, lead + len(stripped), None, mentioned) if not u.pending]
        if not chain or chain[-1].end < lead + len(stripped) - 1:
            continue
        u = chain[-1]
        if u.known or n > 0:
            return u, s, u.end
    return None


def infer_issuer(nt: NormText, seg: Segments, number: DocNumber | None) -> Issuer | None:
    """The issuer implied by the text when the header names none (``inferred=True``)."""
    text = nt.text
    b0, b1 = seg.body()
    m = _BODY_ISSUER.search(text, b0, b1)
    mc = _BODY_COMMITTEE.search(text, b0, m.start() if m else b1)
    kz = seg.get("kinh_gui")
    addressed = fold(text[kz[0] : kz[1]]) if kz is not None else ""
    state_code = number is not None and number.system == "state" and number.issuer_code
    code = gz.issuer_by_code(number.issuer_code, "state") if number and state_code else None

    def other_body(name: str) -> bool:
        """A body the letter is addressed to, or one the number's code does not name ("77/SYT-NVY" and
        "Sở Y tế ... đề nghị Ủy ban nhân dân huyện X chỉ đạo"): the object of the request, not its issuer."""
        return fold(name) in addressed or (
            code is not None and not fold(name).startswith(fold(code.name_vi).split(" ")[0])
        )

    named: list[frozenset[str]] = []

    def mentioned() -> frozenset[str]:  # "Châu Thành" is a huyện of ten provinces: the one named
        if not named:
            named.append(provinces_mentioned(text))
        return named[0]

    if mc:
        found_c = _leading_place(
            mc.group("place"), lambda x: _place_unit(fold(mc.group("kind")), fold(x), None, mentioned)
        )
        if found_c is not None:
            (place, level, jur), n = found_c
            kind = _KIND_WORDS[fold(mc.group("kind"))]
            s, e = mc.start(), mc.start("place") + n
            if not other_body(f"Ủy ban nhân dân {kind} {place}"):
                return Issuer(
                    f"Ủy ban nhân dân {kind} {place}", level, None, nt.span(s, e), jur, "state", inferred=True
                )
    if m:
        word = _WORD[fold(m.group("word"))]
        s, e = m.start("word"), m.end("uy")
        name = f"{word} ủy"
        jur = Jurisdiction()
        if m.group("place"):
            place, at = m.group("place"), m.start("place")
            found = _leading_place(place, gz.province_by_name) if word in ("Tỉnh", "Thành") else None
            if found is not None:
                p, n = found
                name, jur, e = f"{word} ủy {p.name}", Jurisdiction(province=p.name), at + n
            elif word in ("Huyện", "Quận", "Thị", "Thành"):
                found_d = _leading_place(
                    place, lambda x: _district(x, None, _UNIT_KIND.get(fold(word)), mentioned)
                )
                if found_d is not None:
                    d, n = found_d
                    name, e = f"{word} ủy {d.name}", at + n
                    jur = Jurisdiction(province=d.province, district=d.name)
        return Issuer(name, _LEVEL[word], None, nt.span(s, e), jur, "party", inferred=True)
    z = seg.get("noi_nhan")
    if z is not None:
        m = _LUU.search(text, z[0], z[1])
        if m:
            word = m.group(1) or _CODE_KIND.get(m.group(2) or "", "Tỉnh")
            s = m.start(1) if m.group(1) else m.start(2)
            e = m.end()
            return Issuer(
                f"{word} ủy", _LEVEL[word], None, nt.span(s, e), Jurisdiction(), "party", inferred=True
            )
    if number is not None and number.issuer_code:
        ic = gz.issuer_by_code(number.issuer_code, number.system)
        if ic is not None:
            zn = seg.get("number")
            span = None
            if zn is not None:
                k = text.find(number.issuer_code.split("-")[0], zn[0], zn[1])
                if k >= 0:
                    span = nt.span(k, k + len(number.issuer_code.split("-")[0]))
            jur = Jurisdiction(national=True) if ic.national else Jurisdiction()
            if not ic.national and ic.level == "province":
                # the body as the text names it with its province ("Sở Y tế tỉnh Lâm Đồng đề nghị ...")
                kinds = f"{tolerant('tỉnh')}|{tolerant('thành phố')}"
                pm = re.compile(rf"(?i:{tolerant(ic.name_vi)}\s+(?:{kinds}))\s+{_PLACE_WORDS}").search(
                    text, b0, b1
                )
                found_p = _leading_place(pm.group("place"), gz.province_by_name) if pm else None
                if (
                    found_p is not None
                    and fold(name := f"{ic.name_vi} {found_p[0].kind} {found_p[0].name}") not in addressed
                ):
                    at = nt.span(pm.start(), pm.start("place") + found_p[1])
                    jur = Jurisdiction(province=found_p[0].name)
                    return Issuer(name, "province", None, at, jur, ic.system, inferred=True)
            return Issuer(ic.name_vi, ic.level or None, None, span, jur, ic.system, inferred=True)
    return None
