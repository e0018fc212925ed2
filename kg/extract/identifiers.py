"""Document numbers ("Số 764-CV/TU", "Số: 15/CT-TTg", "145/2020/NĐ-CP") and the type they encode.

Party numbers read ``n-TYPE/ISSUER`` (Hướng dẫn 36-HD/VPTW); State numbers read ``n/TYPE-ISSUER`` or
``n/year/TYPE-ISSUER``, and State letters carry no type code (``6288/BYT-MT`` is a Công văn). OCR
spaces inside the number are dropped ("4489 /TCT-TTKT"), a word glued to it is not read ("123/BYT-MTngày"),
"Số" misread ("S6:", "$6:", "Sô") is still "Số"; a number whose digits are unreadable
("3{85") or absent (an unsigned draft "Số: /QĐ-UBND") gives no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import gazetteer as gz
from kg.extract.context import Found
from kg.extract.lexicon import LOWER
from kg.normalise import NormText
from kg.segment import Segments

__all__ = ["DocNumber", "doc_system", "find_number", "parse_number"]

# A code is capitals and digits, with a lower-case letter only inside a short mixed code ("TTg",
# "ThU"): a word glued to the number ("123/BYT-MTngày") is not part of it.
_CODE = rf"[A-ZĐ](?:[A-ZĐ0-9&]|[a-zđ](?![{re.escape(LOWER)}]))*"
# A spaced or en dash ("29 – CV/TC-NV") is a dash of the number.
_DASH = r"\s{0,2}[-–—]\s{0,2}"
_PARTY = re.compile(rf"(\d{{1,5}}){_DASH}([A-Za-zĐđ]{{1,6}})\s?/\s?({_CODE}(?:[-–—]{_CODE})*)")
_STATE = re.compile(rf"((?:\d\s?){{0,6}})\s*/\s*(?:(\d{{4}})\s*/\s*)?({_CODE}(?:\s?-\s?{_CODE})*)")
_STATE_SPACE = re.compile(rf"(\d{{1,6}})\s+({_CODE}-{_CODE})")
# "Số" as written or misread by OCR ("Sô", "Sé", "S6", "$6", "86").
_PREFIX = re.compile(r"^\s*(?:[Ss$](?:6|[^\s\d:])?|86)?\s*:?\s*")


@dataclass(frozen=True)
class DocNumber:
    value: str | None  # normalised number, None when unnumbered or unreadable
    system: str  # party | state
    type_code: str | None
    issuer_code: str | None
    start: int  # offsets in the string given to parse_number
    end: int


def parse_number(s: str) -> DocNumber | None:
    """Parse the number after "Số" (the string may go on with other words).

    >>> parse_number("764-CV/TU").value, parse_number("Số: 4489 /TCT-TTKT").value
    ('764-CV/TU', '4489/TCT-TTKT')
    """
    p = _PREFIX.match(s)
    off = p.end() if p else 0
    m = _PARTY.match(s, off)
    if m:
        code = re.sub("[–—]", "-", m.group(3))
        value = f"{m.group(1)}-{m.group(2)}/{code}"
        return DocNumber(value, "party", m.group(2), code, m.start(), m.end())
    m = _STATE.match(s, off)
    if m:
        digits = m.group(1).replace(" ", "")
        code = re.sub(r"\s", "", m.group(3))
        parts = code.split("-")
        tcode: str | None = None
        icode = code
        if len(parts) >= 2 and gz.doc_type_by_code(parts[0], "state") is not None:
            tcode, icode = parts[0], "-".join(parts[1:])
        elif len(parts) == 1 and gz.doc_type_by_code(parts[0], "state") is not None:
            tcode, icode = parts[0], ""
        year = f"{m.group(2)}/" if m.group(2) else ""
        value = f"{digits}/{year}{code}" if digits else None
        return DocNumber(value, "state", tcode, icode or None, m.start(), m.end())
    m = _STATE_SPACE.match(s, off)
    if m:
        code = m.group(2)
        return DocNumber(f"{m.group(1)}/{code}", "state", None, code, m.start(), m.end())
    return None


def find_number(nt: NormText, seg: Segments) -> tuple[DocNumber | None, Found[str] | None]:
    """The document's own number from the number zone, with its span in the original text."""
    z = seg.get("number")
    if z is None:
        return None, None
    s, e = z
    dn = parse_number(nt.text[s:e])
    if dn is None:
        return None, None
    if dn.value is None:
        return dn, None
    return dn, Found(dn.value, nt.span(s + dn.start, s + dn.end))


_PARTY_SHAPE = re.compile(r"\d+-[A-Za-zĐđ]+/")


def doc_system(nt: NormText, seg: Segments) -> str | None:
    """party | state from the number's shape, else from the motto, else None."""
    z = seg.get("number")
    if z is not None:
        dn = parse_number(nt.text[z[0] : z[1]])
        if dn is not None:
            return dn.system
    m = seg.get("motto")
    if m is not None:
        t = nt.text[m[0] : m[1]].upper()
        if "ĐẢNG" in t:
            return "party"
        if "HỘI" in t or "HOA" in t or "ĐỘC" in t:
            return "state"
    return None
