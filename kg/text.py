"""Small text helpers shared by every stage: diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Diacritic-insensitive key: NFC, lowercase, no combining marks, đ→d, spaces folded.

    Cached: extractors fold the same names and table entries again and again.

    >>> fold("Tỉnh Uỷ  Cần Thơ")
    'tinh uy can tho'
    """
    s = s.lower()
    s = _fold_slow(s) if _ASTRAL.search(s) else s.translate(_FOLD)
    return _SPACES.sub(" ", s).strip()


def _case_safe_class() -> str:
    """A regex class of the characters of the Latin blocks and general punctuation for which
    ``str.isupper`` agrees with :func:`all_caps`: each letter is upper or lower (or title) case, and
    no other character has a case."""
    safe: list[int] = []
    for lo, hi in ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2070)):
        for cp in range(lo, hi):
            c = chr(cp)
            cased = c.isupper() or c.islower() or unicodedata.category(c) == "Lt"
            upper_only = c.isupper() and not (c.islower() or unicodedata.category(c) == "Lt")
            if (c.isalpha() and (upper_only or (cased and not c.isupper()))) or not (c.isalpha() or cased):
                safe.append(cp)
    runs: list[tuple[int, int]] = []
    for cp in safe:
        if runs and runs[-1][1] == cp - 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


_CASE_UNSAFE = re.compile(f"[^{_case_safe_class()}]")


def all_caps(s: str) -> bool:
    """True when ``s`` has a letter and every letter is upper case ("TỈNH ỦY", "BỘ Y TẾ 2").

    ``str.isupper`` gives the same answer, fast, when every character is one of the Latin letters or
    case-less symbols of ``_CASE_UNSAFE``'s complement; other texts are checked letter by letter.
    """
    if _CASE_UNSAFE.search(s) is None:
        return s.isupper()
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def slug(s: str) -> str:
    """IRI-safe slug: ``fold`` then non-alphanumerics to ``-``.

    >>> slug("168-CV/TU")
    '168-cv-tu'
    """
    return _NON_ALNUM.sub("-", fold(s)).strip("-")


@lru_cache(maxsize=1)
def _letter_variants() -> dict[str, str]:
    """Base letter → every Latin letter (Vietnamese included) that folds to it: "a" → "aàáâãä…ặ"."""
    groups: dict[str, set[str]] = {}
    for cp in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)):
        c = chr(cp)
        if not c.isalpha():
            continue
        f, low = fold(c), c.lower()
        if len(f) == 1 and f.isascii() and f.isalpha() and len(low) == 1:
            groups.setdefault(f, set()).add(low)
    return {k: "".join(sorted(v)) for k, v in groups.items()}


@lru_cache(maxsize=4096)
def tolerant(words: str, split: bool = False) -> str:
    """A regex (to use with ``re.I``) for ``words`` with any diacritics or none: OCR and typing that
    drop the marks ("Trien khai", "Can cứ") or place the tone the old way ("uỷ") still match. With
    ``split``, a word may also be cut by a stray space inside it, as OCR cuts words ("Ban Th ường vụ").

    >>> import re
    >>> bool(re.fullmatch(tolerant("căn cứ"), "Can cu", re.I))
    True
    >>> bool(re.fullmatch(tolerant("thường vụ", split=True), "Th ường vụ", re.I))
    True
    """
    variants = _letter_variants()
    out: list[str] = []
    for i, ch in enumerate(" ".join(words.split())):
        if ch == " ":
            out.append(r"\s+")
            continue
        if split and i > 0 and out[-1] != r"\s+":
            out.append(" ?")
        v = variants.get(fold(ch)) if ch.isalpha() else None
        out.append(f"[{v}]" if v else re.escape(ch))
    return "".join(out)
