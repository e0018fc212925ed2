"""The place-and-date line ("Cần Thơ, ngày 28 tháng 5 năm 2021", "Hà Nội, 05/5/2020") and the meeting
a conclusion notice reports ("Ngày 28/02/2022, Thường trực Tỉnh ủy họp ...").

Only the place-date zone is read, never the body: dates the body quotes are not the document's.
A place printed without its diacritics ("Can Tho", "Ha Nội") gets them back from the gazetteers.
OCR garbage in the day or month ("ngày ñ| tháng 42") gives no date rather than a wrong one; so
does a blank form ("ngày tháng năm 2026").
"""

from __future__ import annotations

import re
from datetime import date

from kg import gazetteer as gz
from kg.extract.context import Found
from kg.extract.lexicon import district_index, restore_marks
from kg.normalise import NormText
from kg.record import Meeting
from kg.segment import Segments, fold_same_length
from kg.text import all_caps, fold

__all__ = ["find_meeting", "find_place_date", "parse_day_month"]

_FULL = re.compile(
    r"ngay\s*(?P<d>[^\n]{0,6}?)\s*t?hang\s*(?P<m>[^\n]{0,4}?)\s*n[a]m\s*(?P<y>(?:\d\s?){3}\d)?"
)
_SHORT = re.compile(r"(?:ngay\s*)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})")
# The comma (or full stop) after a place whose date is unreadable ("Cần Thơ, ngéy2Ohthang 4 năm 2021").
_GARBLED_DATE = re.compile(r"\s*[,.;]\s*n")
_FIRST_YEAR, _LAST_YEAR = 1945, 2100
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def _num(s: str) -> int | None:
    s = s.replace(" ", "").translate(_OCR_DIGITS)
    return int(s) if s.isdigit() and len(s) <= 2 else None


def parse_day_month(d: str, m: str, y: str) -> str | None:
    """ISO date from the pieces, or None when any piece is unreadable or out of range."""
    dd, mm = _num(d), _num(m)
    yy = y.replace(" ", "") if y else ""
    if dd is None or mm is None or not yy.isdigit() or not _FIRST_YEAR <= int(yy) <= _LAST_YEAR:
        return None  # a year no directive of the republic can have is a misread ("năm 2921")
    try:
        return date(int(yy), mm, dd).isoformat()
    except ValueError:
        return None


# "Thành phố", "Thị xã" before a place's name, however its marks were printed or lost ("Thanh pho",
# "Thành phô", "THỊ XÃ"): written out as the fixed phrase it is; "TP." stays as printed.
_PLACE_PREFIX = re.compile(r"(?i)(?:(th[aàáạảã]nh\s+ph[oôốồổỗộ]|th[iìíịỉĩ]\s+x[aãàáạả])\b|tp\b\.?)\s*")


def _place_name(raw: str) -> str:
    """The place as printed, with the marks a word lost put back when the gazetteers know the name, and
    the case of the gazetteers' name when it was printed in capitals ("TP. HẢI PHÒNG": "TP. Hải Phòng")."""
    if raw.isascii() or any(w.isascii() and w.isalpha() for w in raw.split()):
        raw = restore_marks(raw)
    m = _PLACE_PREFIX.match(raw)
    if m is None or not raw[m.end() :].strip():
        prefix, name = "", raw
    elif m.group(1):
        prefix, name = ("Thành phố " if fold(m.group(1)).startswith("thanh") else "Thị xã "), raw[m.end() :]
    else:
        prefix, name = raw[: m.end()], raw[m.end() :]
    if (all_caps(name) or not name.isascii()) and (known := _gazetteer_name(name)) is not None:
        name = known  # in capitals, or marks misread by OCR ("Ha Nôi", "Cân Thơ"): the gazetteers' name
    return prefix + name


def _gazetteer_name(name: str) -> str | None:
    """The province's or the district's name as the gazetteers write it, when ``name`` folds to it and to
    no other name ("Phu Yen": Phú Yên, Phù Yên: None)."""
    key = fold(name)
    names = {d.name for d in district_index().get(key, ())}
    p = gz.province_by_name(name)
    if p is not None and fold(p.name) == key:
        names.add(p.name)
    return names.pop() if len(names) == 1 else None


def find_place_date(nt: NormText, seg: Segments) -> tuple[Found[str] | None, Found[str] | None]:
    """(place, date) from the place-date zone."""
    z = seg.get("place_date")
    if z is None:
        return None, None
    s, e = z
    text = nt.text
    seg_text = text[s:e]
    folded = fold_same_length(seg_text)
    m = _FULL.search(folded) or _SHORT.search(folded)
    place: Found[str] | None = None
    when: Found[str] | None = None
    if m:
        p_end = m.start()
        raw = seg_text[:p_end].rstrip(" ,.;")
        if raw:
            place = Found(_place_name(raw.strip()), nt.span(s, s + len(raw)))
        iso = parse_day_month(
            seg_text[m.start("d") : m.end("d")],
            seg_text[m.start("m") : m.end("m")],
            seg_text[m.start("y") : m.end("y")] if m.group("y") else "",
        )
        if iso:
            when = Found(iso, nt.span(s + m.start(), s + m.end()))
    elif (d := _GARBLED_DATE.search(folded)) is not None and (raw := seg_text[: d.start()].strip()):
        # a known place whose date OCR garbled (the zone's rule): the place, no date
        place = Found(_place_name(raw), nt.span(s, s + len(seg_text[: d.start()].rstrip())))
    return place, when


_MEETING = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:Ngày|Vào ngày|Sáng ngày|Chiều ngày|Hôm nay, ngày)\s*(?P<d>\d{1,2})"
    r"\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})\s*,?\s*(?:tại [^,]+,\s*)?"
    r"(?P<body>(?:Ban Thường vụ|Thường trực|Ban Chấp hành|"
    r"Ban Bí thư|Bộ Chính trị|Ủy ban nhân dân|Ban Chỉ đạo)[^,.;]*?)\s+(?:đã\s+)?(?:họp|tổ chức họp|"
    r"tổ chức hội nghị|làm việc|nghe)"
)


def find_meeting(nt: NormText, seg: Segments) -> Meeting | None:
    """The meeting whose conclusions the document reports: date and body, from the body's opening."""
    b0, b1 = seg.body()
    m = _MEETING.search(nt.text, b0, min(b1, b0 + 600))
    if not m:
        return None
    iso = parse_day_month(m.group("d"), m.group("m"), m.group("y"))
    return Meeting(iso, m.group("body").strip(), nt.span(m.start("d"), m.end("body")))
