"""Normalise decoded text for matching, keeping a map back to the original offsets.

The normalised text is what every extractor reads: NFC, one tone-mark style (tone on the first vowel
of open ``oa``/``oe``/``uy``: ``hòa``, ``ủy``), ``Ð`` folded to ``Đ``, the Latin letter oi ``ƣ``/``Ƣ``
that some PDF fonts put for ``ư``/``Ư`` ("Bộ Trƣởng") read as ``ư``/``Ư``, markdown asterisks removed,
CRLF folded to LF, runs of spaces folded to one and spaces at line ends dropped.

Normalisation only substitutes characters one for one, deletes characters, or (for NFD input)
composes several characters into one; it never invents text. :class:`NormText` keeps the map so that
``nt.span(start, end)`` turns a range of the normalised text into a range of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["NormText", "canonical_tones", "normalise"]

# Tone marks in NFD: grave, acute, tilde, hook above, dot below.
_TONED_A_E = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"
# One character class first (a fast scan), then "not after q" and the pair: o + toned a/e, u + toned y.
_OPEN_PAIR = re.compile(rf"[oOuU](?<![qQ].)(?:(?<=[oO])[{_TONED_A_E}]|(?<=[uU])[{_TONED_Y}])(?![^\W\d_])")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _move_tone(first: str, second: str) -> str:
    decomposed = unicodedata.normalize("NFD", second)
    base, marks = decomposed[0], decomposed[1:]
    tone = "".join(m for m in marks if m in _TONE_MARKS)
    rest = "".join(m for m in marks if m not in _TONE_MARKS)
    new_first = unicodedata.normalize("NFC", first + tone)
    new_second = unicodedata.normalize("NFC", base + rest)
    return new_first + new_second


def _tone_sub(m: re.Match[str]) -> str:
    pair = m.group()
    return _move_tone(pair[0], pair[1])


def canonical_tones(s: str) -> str:
    """Put the tone of open ``oa``/``oe``/``uy`` on the first vowel (``uỷ``→``ủy``), length-preserving.

    >>> canonical_tones("Tỉnh uỷ Hoà Bình, thuỷ lợi, quý")
    'Tỉnh ủy Hòa Bình, thủy lợi, quý'
    """
    return _OPEN_PAIR.sub(_tone_sub, s)


# One-for-one substitutions (length-preserving).
_SUBST = str.maketrans(
    {
        "\u00d0": "Đ",  # Latin capital eth, a frequent stand-in for Đ
        "\u00f0": "đ",
        "\u00a0": " ",
        "\t": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u000b": "\n",
        "\u000c": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
# Any character of _SUBST (most texts have none, and a translate costs more than this scan).
_SUBST_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _SUBST) + "]")
# A run of asterisks between two letters separates words ("BÁO**KẾT"): its first star becomes a space.
# (The star first and the letter before it as a look-behind: the scan looks for "*" only.)
_STAR_BETWEEN = re.compile(r"\*(?<=\w\*)(?=\**\w)")
# Characters deleted outright. Every match opens with one of these characters, matched first so that
# the scan skips fast to them; each branch then checks, behind it, what came before.
_DELETE = re.compile(
    r"[ *\r\u200b\u200c\u200d\ufeff\u00ad]"
    r"(?:(?<=\A[ *])[ *]*|(?<=\n[ *])[ *]*"  # spaces and stars at line start
    r"|(?<=[ *])[ *]*(?=\r?\n|\Z)"  # spaces and stars at line end
    r"|(?<= [ *])[ *]*"  # runs of spaces after the first
    r"|(?<=\*)\**"  # markdown emphasis and header stars
    r"|(?<=\r)(?=\n)"  # CRLF → LF
    r"|(?<=[\u200b\u200c\u200d\ufeff\u00ad]))"  # zero-width characters, BOM, soft hyphen
)


@dataclass(frozen=True)
class NormText:
    """Normalised text plus the map back to the original decoded text."""

    original: str
    text: str
    # Breakpoints of the deletion map: normalised position -> position in the composed text.
    _n_pos: tuple[int, ...] = field(repr=False)
    _c_pos: tuple[int, ...] = field(repr=False)
    # Composed (NFC) text -> original, per character; empty when the original was already NFC.
    _c_start: tuple[int, ...] = field(repr=False, default=())
    _c_end: tuple[int, ...] = field(repr=False, default=())

    def _to_composed(self, i: int) -> int:
        k = bisect_right(self._n_pos, i) - 1
        return self._c_pos[k] + (i - self._n_pos[k])

    def orig_start(self, i: int) -> int:
        """Original offset of the character at normalised position ``i``."""
        if i >= len(self.text):
            return len(self.original)
        c = self._to_composed(i)
        return self._c_start[c] if self._c_start else c

    def orig_end(self, i: int) -> int:
        """Original offset just past the character at normalised position ``i - 1`` (exclusive end)."""
        if i <= 0:
            return 0
        c = self._to_composed(i - 1)
        return self._c_end[c] if self._c_end else c + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` range to the original text."""
        if end <= start:
            o = self.orig_start(start)
            return (o, o)
        return (self.orig_start(start), self.orig_end(end))

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


def _compose(original: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """NFC with a per-character map; fast path when the text is already NFC."""
    if unicodedata.is_normalized("NFC", original):
        return original, (), ()
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in re.finditer(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", original, re.S):
        piece = unicodedata.normalize("NFC", m.group())
        for ch in piece:
            out.append(ch)
            starts.append(m.start())
            ends.append(m.end())
    return "".join(out), tuple(starts), tuple(ends)


# Look-alikes replaced before composing, so that a mark after them composes ("ƣ" + U+0300 → "ừ").
_LOOKALIKES = str.maketrans({"\u01a3": "ư", "\u01a2": "Ư"})  # Latin small/capital letter oi
_LOOKALIKE_ANY = re.compile("[\u01a2\u01a3]")


def normalise(original: str) -> NormText:
    """Normalise ``original`` (decoded text) for extraction; see the module docstring."""
    # one for one, so the composed text's map into ``source`` is its map into ``original``
    source = original.translate(_LOOKALIKES) if _LOOKALIKE_ANY.search(original) else original
    composed, c_start, c_end = _compose(source)
    # Length-preserving passes.
    subst = composed.translate(_SUBST) if _SUBST_ANY.search(composed) else composed
    subst = _STAR_BETWEEN.sub(" ", subst)
    subst = canonical_tones(subst)
    # Deletions, recording breakpoints where the offset shifts.
    pieces: list[str] = []
    n_pos: list[int] = [0]
    c_pos: list[int] = [0]
    last = 0
    n = 0
    for m in _DELETE.finditer(subst):
        if m.start() == m.end():
            continue
        pieces.append(subst[last : m.start()])
        n += m.start() - last
        last = m.end()
        n_pos.append(n)
        c_pos.append(last)
    pieces.append(subst[last:])
    return NormText(original, "".join(pieces), tuple(n_pos), tuple(c_pos), c_start, c_end)
