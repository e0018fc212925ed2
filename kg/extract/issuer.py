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
from kg.extract.lexicon import body_heads, district_index, recase_org
from kg.normalise import NormText
from kg.record import Issuer, Jurisdiction
from kg.segment import Segments, fold_same_length
from kg.text import all_caps, fold

__all__ = ["find_issuer", "infer_issuer"]


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


_MOTTO_F = re.compile(
    r"c\W{0,2}[o0]\W?ng\W{0,3}h\W?[o0]\W?a.*|d[o0]c\s*l[a]p\s*[-–—].*|dang\s+cong\s+san\s+viet\s+nam.*|-{3,}.*"
)
_CAPS_WORD = re.compile(r"[^\s|*_=—–\-~]+(?:-[^\s|*_=—–\-~]+)*")


def _caps_run(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The longest run of upper-case words in ``text[s:e]``."""
    best: tuple[int, int] | None = None
    cur: tuple[int, int] | None = None
    for m in _CAPS_WORD.finditer(text, s, e):
        w = m.group()
        caps = all_caps(w) and not any(c.isdigit() for c in w)
        if caps and not w.endswith(":"):
            cur = (cur[0], m.end()) if cur else (m.start(), m.end())
            if best is None or cur[1] - cur[0] > best[1] - best[0]:
                best = cur
        else:
            cur = None
    return best


@cache
def _central_names() -> list[tuple[str, gz.IssuerCode]]:
    out = [(fold(i.name_vi), i) for i in gz.issuer_codes() if i.scope == "national"]
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
_UBND = re.compile(r"^(uy ban nhan dan|hoi dong nhan dan)(?: (tinh|thanh pho|tp|huyen|quan|thi xa) (.+))?$")
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


def _district(name: str, province: str | None) -> gz.District | None:
    key = fold(name)
    cands = [d for d in district_index().get(key, ()) if province is None or d.province == province]
    return cands[0] if len(cands) == 1 or (cands and province) else None


def _place_unit(kind: str, place: str, parent_prov: str | None) -> tuple[str, str, Jurisdiction] | None:
    """(canonical place, level, jurisdiction) for "tỉnh X", "thành phố X", "huyện X"."""
    if kind in ("tinh", "thanh pho", "tp", "thanh"):
        p = _province(place)
        if (
            p is not None
            and (kind != "tinh" or p.kind == "tỉnh")
            and not (kind == "thanh" and p.kind == "tỉnh")
        ):
            return p.name, "province", Jurisdiction(province=p.name)
    d = _district(place, parent_prov)
    if d is not None:
        return d.name, "district", Jurisdiction(province=d.province, district=d.name)
    p = _province(place)
    if p is not None:
        return p.name, "province", Jurisdiction(province=p.name)
    return None


def _unit_of(line: str, s: int, e: int, parent: _Unit | None) -> _Unit | None:
    f = fold(line)
    f = re.sub(r"[^a-z0-9 ]", " ", f)
    f = re.sub(r"\s+", " ", f).strip()
    if not f:
        return None
    parent_prov = parent.jurisdiction.province if parent else None
    if parent is not None and parent.pending and (m := _PLACE_LINE.match(f)):
        pu = _place_unit(m.group(1), m.group(2), None)
        if pu is not None:
            place, level, jur = pu
            kind = _KIND_WORDS[m.group(1)]
            return _Unit(f"{parent.name} {kind} {place}", level, "state", jur, parent.start, e)
    m = _COMMITTEE.match(f)
    if m:
        pu = _place_unit(m.group(1), m.group(2), parent_prov)
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
        pu = _place_unit(m.group(1), m.group(2), None)
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
    m = _UBND.match(f)
    if m:
        head = "Ủy ban nhân dân" if m.group(1).startswith("uy") else "Hội đồng nhân dân"
        if m.group(2):
            pu = _place_unit(m.group(2), m.group(3), parent_prov)
            if pu is not None:
                place, level, jur = pu
                return _Unit(f"{head} {_KIND_WORDS[m.group(2)]} {place}", level, "state", jur, s, e)
        return _Unit(head, None, "state", Jurisdiction(), s, e, pending="ubnd")
    for key, ic in _central_names():
        if f == key or (f.startswith(key + " ") and len(f) - len(key) <= 6):
            return _Unit(ic.name_vi, ic.level or "central", ic.system, Jurisdiction(national=True), s, e)
    # a local agency under a provincial body ("SỞ Y TẾ", "CỤC THUẾ TP HÀ NỘI")
    heads = body_heads()
    if any(f == h or f.startswith(h + " ") for h, _ in heads) or f.startswith("cuc thue"):
        name = recase_org(line)
        jur = parent.jurisdiction if parent else Jurisdiction()
        level: str | None = None
        for h, b in heads:
            if f.startswith(h):
                level = b.level_hint or None
                break
        m2 = re.search(r"\b(?:tinh|thanh pho|tp) ([a-z ]+)$", f)
        if m2:
            p = _province(m2.group(1))
            if p is not None:
                jur, level = Jurisdiction(province=p.name), "province"
        if parent is not None and parent.jurisdiction.province and not m2:
            place = parent.jurisdiction.province
            p = _province(place)
            kind = p.kind if p else "tỉnh"
            name = f"{name} {kind} {place}"
            level = level or parent.level
        if parent is not None and parent.jurisdiction.national and level is None:
            level = "central"
            jur = Jurisdiction(national=True)
        return _Unit(name, level, "state", jur, s, e)
    return None


def _header_lines(nt: NormText, seg: Segments) -> list[tuple[str, int, int]]:
    z = seg.get("header")
    if z is None:
        return []
    text = nt.text
    out: list[tuple[str, int, int]] = []
    pos = z[0]
    while pos < z[1]:
        e = text.find("\n", pos, z[1])
        e = z[1] if e < 0 else e
        folded = fold_same_length(text[pos:e])
        m = _MOTTO_F.search(folded)
        le = pos + m.start() if m else e
        if ":" not in text[pos:le] or re.search(r"[A-ZĐ]{2,}\s*$", text[pos:le]):
            run = _caps_run(text, pos, le)
            if run is not None:
                out.append((text[run[0] : run[1]], run[0], run[1]))
        pos = e + 1
    return out


def find_issuer(nt: NormText, seg: Segments) -> Issuer | None:
    """The issuer named in the header, or None."""
    units: list[_Unit] = []
    for line, s, e in _header_lines(nt, seg):
        prev = units[-1] if units else None
        u = _unit_of(line, s, e, prev)
        if u is None:
            continue
        if prev is not None and prev.pending and u.start == prev.start:
            units[-1] = u
        else:
            units.append(u)
    units = [u for u in units if not u.pending] or units
    if not units:
        return None
    issuer = units[-1]
    parent = units[-2] if len(units) >= 2 else None
    jur = issuer.jurisdiction
    if parent is not None and jur.district and not jur.province:
        jur = Jurisdiction(province=parent.jurisdiction.province, district=jur.district)
    level = issuer.level
    if issuer.parent_only:
        return Issuer(issuer.name, level, None, nt.span(issuer.start, issuer.end), jur, issuer.system)
    return Issuer(
        issuer.name,
        level,
        parent.name if parent else None,
        nt.span(issuer.start, issuer.end),
        jur,
        issuer.system,
    )


_BODY_ISSUER = re.compile(
    r"(?<!của )(?:Ban Thường vụ|Thường trực|Ban Chấp hành)\s+(Tỉnh|Thành|Huyện|Quận|Thị)\s+ủy"
    # Up to five capitalised words, " - " between two of them ("Bà Rịa - Vũng Tàu"); the longest
    # leading run that names a place is taken (_leading_place).
    r"(?:\s+(?P<place>[A-ZĐ][^\s,.;:]*(?:\s+(?:[-–]\s+)?[A-ZĐ][^\s,.;:]*){0,4}))?"
    r",?\s+(?:[^.;,\n]{0,40}?)(?:yêu cầu|kết luận|chỉ đạo|đề nghị|thông báo|quyết định|giao)"
)
_LUU = re.compile(r"Lưu\s*:?\s*(?:Văn phòng\s+(Tỉnh|Thành|Huyện|Quận|Thị)\s+ủy|VP(TU|HU|QU|ThU))")
_LEVEL = {"Tỉnh": "province", "Thành": "province", "Huyện": "district", "Quận": "district", "Thị": "district"}
_CODE_KIND = {"TU": "Tỉnh", "HU": "Huyện", "QU": "Quận", "ThU": "Thành"}


_T = TypeVar("_T")


def _leading_place(place: str, lookup: Callable[[str], _T | None]) -> tuple[_T, int] | None:
    """The longest run of leading words of ``place`` that ``lookup`` knows, with its length."""
    cuts = [m.end() for m in re.finditer(r"\S+", place)]
    for cut in reversed(cuts):
        found = lookup(place[:cut])
        if found is not None:
            return found, cut
    return None


def infer_issuer(nt: NormText, seg: Segments, number: DocNumber | None) -> Issuer | None:
    """The issuer implied by the text when the header names none (``inferred=True``)."""
    text = nt.text
    b0, b1 = seg.body()
    m = _BODY_ISSUER.search(text, b0, b1)
    if m:
        word = m.group(1)
        s, e = m.start(1), m.end(1) + len(" ủy")
        e = text.find("ủy", m.start(1)) + 2
        name = f"{word} ủy"
        jur = Jurisdiction()
        if m.group("place"):
            place, at = m.group("place"), m.start("place")
            found = _leading_place(place, gz.province_by_name) if word in ("Tỉnh", "Thành") else None
            if found is not None:
                p, n = found
                name, jur, e = f"{word} ủy {p.name}", Jurisdiction(province=p.name), at + n
            elif word in ("Huyện", "Quận", "Thị", "Thành"):
                found_d = _leading_place(place, lambda x: _district(x, None))
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
            return Issuer(ic.name_vi, ic.level or None, None, span, jur, ic.system, inferred=True)
    return None
