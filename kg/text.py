"""Small text helpers shared by every stage: diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ASTRAL = re.compile(r"[\U00010000-\U0010ffff]")


def _fold_table() -> dict[int, str]:
    """Every BMP character → what NFD then dropping combining marks gives (marks → nothing)."""
    table: dict[int, str] = {}
    for cp in range(0x0300, 0x10000):
        ch = chr(cp)
        hangul = 0xAC00 <= cp <= 0xD7A3  # decomposed algorithmically, not listed
        if not (hangul or unicodedata.combining(ch) or unicodedata.decomposition(ch)):
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch:
            table[cp] = base
    for cp in range(0x00C0, 0x0300):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch:
            table[cp] = base
    table[ord("đ")] = "d"
    table[ord("ð")] = "d"
    return table


_FOLD = _fold_table()


def _fold_slow(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("đ", "d").replace("ð", "d")


def fold(s: str) -> str:
    """Diacritic-insensitive key: NFC, lowercase, no combining marks, đ→d, spaces folded.

    >>> fold("Tỉnh Uỷ  Cần Thơ")
    'tinh uy can tho'
    """
    s = s.lower()
    s = _fold_slow(s) if _ASTRAL.search(s) else s.translate(_FOLD)
    return _SPACES.sub(" ", s).strip()


def slug(s: str) -> str:
    """IRI-safe slug: ``fold`` then non-alphanumerics to ``-``.

    >>> slug("168-CV/TU")
    '168-cv-tu'
    """
    return _NON_ALNUM.sub("-", fold(s)).strip("-")
