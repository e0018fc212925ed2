"""Organisation names: one canonical spelling, and scoping to the issuer's jurisdiction.

``canonical_org`` fixes the spelling of a body as written ("UBND tỉnh" → "Ủy ban nhân dân tỉnh",
"Tỉnh uỷ" → "Tỉnh ủy"); ``scope_org`` names the jurisdiction when the text leaves it implicit
("Ban Tuyên giáo Tỉnh ủy" of a Tây Ninh document → "Ban Tuyên giáo Tỉnh ủy Tây Ninh").
Abbreviations come from ``kg/data/abbreviations.tsv`` (rows whose context is "org name" and that
have a single meaning there).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from kg import gazetteer as gz
from kg.normalise import canonical_tones
from kg.record import Jurisdiction

__all__ = ["canonical_org", "expand_abbreviations", "scope_org"]

_SPACES = re.compile(r"\s+")
_TRIM = " ,;.:-–—•+*"


@cache
def _abbr_table() -> dict[str, str]:
    """Abbreviation → expansion, for unambiguous organisation-name abbreviations."""
    rows: dict[str, set[str]] = {}
    for a in gz.abbreviations():
        if "org name" not in a.context:
            continue
        rows.setdefault(a.abbr, set()).add(a.expansion)
    return {k: next(iter(v)) for k, v in rows.items() if len(v) == 1 and len(k) >= 2}


@cache
def _abbr_re() -> re.Pattern[str]:
    keys = sorted(_abbr_table(), key=len, reverse=True)
    alts = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"(?<![\w/.])(?:{alts})(?![\w/])")


def expand_abbreviations(text: str) -> str:
    """The organisation-name abbreviations of ``text`` written out, in capitals when the text is a
    header line in capitals ("SỞ NÔNG NGHIỆP VÀ PTNT" → "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "ĐOÀN ĐBQH TỈNH X" → "ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH X")."""
    table = _abbr_table()
    caps = not any(c.islower() for c in text)
    return _abbr_re().sub(lambda m: table[m.group()].upper() if caps else table[m.group()], text)


@lru_cache(maxsize=65536)
def canonical_org(text: str) -> str:
    """Canonical spelling of an organisation name as written (no scoping); cached (names recur).

    >>> canonical_org("- UBND  tỉnh,")
    'Ủy ban nhân dân tỉnh'
    """
    s = canonical_tones(unicodedata.normalize("NFC", text)).replace("\u00d0", "Đ")
    s = _SPACES.sub(" ", s).strip(_TRIM)
    table = _abbr_table()
    s = _abbr_re().sub(lambda m: table[m.group()], s)
    s = _SPACES.sub(" ", s).strip(_TRIM)
    return s[:1].upper() + s[1:] if s else s


_IMPLICIT_WORDS = (
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "quận ủy",
    "thị ủy",
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
)
_IMPLICIT = re.compile(rf"(?i)(?:^|\s)({'|'.join(_IMPLICIT_WORDS)})$")
# A match ends at the end or before a final newline: it starts at most this far from the end.
_IMPLICIT_REACH = max(map(len, _IMPLICIT_WORDS)) + 2
_DISTRICT_WORDS = ("huyện ủy", "quận ủy", "thị ủy", "huyện", "quận", "thị xã")


@lru_cache(maxsize=65536)
def scope_org(name: str, jurisdiction: Jurisdiction) -> str:
    """Append the jurisdiction's name when ``name`` ends with an unnamed "tỉnh"/"Tỉnh ủy"/"huyện";
    cached (a name and the tables decide; names and jurisdictions recur from document to document).

    >>> scope_org("Ban Tuyên giáo Tỉnh ủy", Jurisdiction(province="Tây Ninh"))
    'Ban Tuyên giáo Tỉnh ủy Tây Ninh'
    """
    if not jurisdiction.known or jurisdiction.national:
        return name
    m = _IMPLICIT.search(name, max(0, len(name) - _IMPLICIT_REACH))
    if not m:
        return name
    word = m.group(1).lower()
    if word in _DISTRICT_WORDS:
        place = jurisdiction.district
    elif word in ("thành ủy", "thành phố"):
        # a centrally-run city is the province; a provincial city is the district
        p = gz.province_by_name(jurisdiction.province or "")
        d_kind = next(
            (d.kind for d in gz.districts_in(jurisdiction.province or "") if d.name == jurisdiction.district),
            None,
        )
        if d_kind == "thành phố":
            place = jurisdiction.district
        elif p is not None and p.kind == "thành phố":
            place = p.name
        else:
            place = None
    else:
        place = jurisdiction.province
    if not place:
        return name
    return f"{name} {place}"
