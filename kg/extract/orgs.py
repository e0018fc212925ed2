"""Organisation names: one canonical spelling, and scoping to the issuer's jurisdiction.

``canonical_org`` fixes the spelling of a body as written ("UBND tỉnh" → "Ủy ban nhân dân tỉnh",
"Tỉnh uỷ" → "Tỉnh ủy"); ``scope_org`` names the jurisdiction when the text leaves it implicit
("Ban Tuyên giáo Tỉnh ủy" of a Tây Ninh document → "Ban Tuyên giáo Tỉnh ủy Tây Ninh").
"""

from __future__ import annotations

import re

from kg.normalise import canonical_tones
from kg.record import Jurisdiction

__all__ = ["canonical_org", "scope_org"]

_ABBR = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "VPTU": "Văn phòng Tỉnh ủy",
    "BCĐ": "Ban Chỉ đạo",
}
_SPACES = re.compile(r"\s+")


def canonical_org(text: str) -> str:
    """Canonical spelling of an organisation name as written (no scoping)."""
    s = canonical_tones(_SPACES.sub(" ", text)).strip(" ,;.:-–")
    for abbr, full in _ABBR.items():
        s = re.sub(rf"\b{abbr}\b", full, s)
    return s


_IMPLICIT = re.compile(r"(?i)\b(tỉnh ủy|thành ủy|huyện ủy|tỉnh|thành phố|huyện)$")


def scope_org(name: str, jurisdiction: Jurisdiction) -> str:
    """Append the jurisdiction's name when ``name`` ends with an unnamed "tỉnh"/"Tỉnh ủy"/"huyện"."""
    if not jurisdiction.known or jurisdiction.national:
        return name
    m = _IMPLICIT.search(name)
    if not m:
        return name
    word = m.group(1).lower()
    place = jurisdiction.district if word.startswith(("huyện",)) else jurisdiction.province
    if not place:
        return name
    return f"{name} {place}"
