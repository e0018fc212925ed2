"""Small text helpers shared by every stage: diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(s: str) -> str:
    """Diacritic-insensitive key: NFC, lowercase, no combining marks, đ→d, spaces folded.

    >>> fold("Tỉnh Uỷ  Cần Thơ")
    'tinh uy can tho'
    """
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("đ", "d").replace("ð", "d")
    return _SPACES.sub(" ", s).strip()


def slug(s: str) -> str:
    """IRI-safe slug: ``fold`` then non-alphanumerics to ``-``.

    >>> slug("168-CV/TU")
    '168-cv-tu'
    """
    return _NON_ALNUM.sub("-", fold(s)).strip("-")
