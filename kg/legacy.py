"""Legacy Vietnamese encodings: detect TCVN3 (ABC) and VNI-Windows text and convert it to Unicode.

Before Unicode, Vietnamese was typed in 8-bit fonts: TCVN3 (``.VnTime``, "ABC") and VNI (``VNI-Times``).
Such text reaches kg in two clothes: as bytes of a ``.txt`` file, or as Unicode characters in a
``.docx``/web page that kept the font's code points (``Céng hoµ x· héi`` for ``Cộng hòa xã hội``,
``Coäng hoøa xaõ hoäi`` in VNI). Both look like Latin-1 letters and symbols that Vietnamese never uses.

Detection counts, in the letters of the text, characters Vietnamese uses (``ộ``, ``á``, ``đ``) against
characters it never uses (``µ``, ``¸``, ``·``, ``ä``, ``ø``...), converts with each table, and keeps a
conversion only when the text is clearly foreign before and clearly Vietnamese after. Lines that already
hold Unicode Vietnamese letters (code points above U+00FF) are left alone, so a document mixing a
Unicode body with a TCVN3 header is repaired line by line.

The tables are data: ``kg/data/tcvn3.tsv`` (checked against glibc's TCVN5712-1) and ``kg/data/vni.tsv``.
TCVN3 maps one character to one, so offsets do not move; VNI maps two characters to one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.gazetteer import load_table

__all__ = [
    "LegacyResult",
    "convert_legacy",
    "convert_tcvn3",
    "convert_vni",
    "detect_legacy",
    "encode_tcvn3",
    "encode_vni",
    "not_vietnamese_warning",
    "repair_legacy",
    "syllable_ok",
    "vietnamese_score",
]

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_BASES = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


@cache
def _vietnamese_letters() -> frozenset[str]:
    out = {"đ", "Đ"}
    for base in _BASES:
        for tone in _TONES:
            ch = unicodedata.normalize("NFC", base + tone)
            out.add(ch)
            out.add(ch.upper())
    return frozenset(ch for ch in out if ord(ch) > 0x7F)


# Characters that may stand next to letters in real Vietnamese text without being a sign of a legacy
# font: Ð/ð (a common stand-in for Đ), the degree sign, typographic symbols.
_NEUTRAL = frozenset("Ðð°©®§¶±×÷·«»¬\u00a0\u00ad")


@dataclass(frozen=True)
class Counts:
    vietnamese: int  # words with non-ASCII letters that are well-formed Vietnamese syllables
    invalid: int  # words with Vietnamese letters that no Vietnamese syllable has
    foreign: int  # Latin-1 letters and symbols inside words that Vietnamese never uses

    @property
    def score(self) -> int:
        return self.vietnamese - 2 * self.invalid - 3 * self.foreign


_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_SYLLABLE = re.compile(
    rf"(?:{_INITIAL})?(?:[aăâeêioôơuưy]{{1,3}})(?:ng|nh|ch|[cmnpt])?",
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORDS = re.compile(r"[^\W\d_]+")


def _syllable_ok(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


_LATIN1 = re.compile(r"[\u00a0-\u00ff]")


@cache
def _latin1_not_vietnamese() -> re.Pattern[str]:
    """The Latin-1 characters that are not Vietnamese letters (the only ones :func:`_foreign` counts)."""
    viet = _vietnamese_letters()
    chars = (chr(c) for c in range(0xA0, 0x100))
    return re.compile("[" + "".join(re.escape(c) for c in chars if c not in viet) + "]")


def _foreign(text: str) -> int:
    n = len(text)
    f = 0
    for m in _latin1_not_vietnamese().finditer(text):
        ch, i = m.group(), m.start()
        if ch in _NEUTRAL and not (ch == "\u00ad" or _inside_word(text, i, n)):
            continue
        if _inside_word(text, i, n):
            f += 1
    return f


def _counts(text: str) -> Counts:
    viet = _vietnamese_letters()
    v = bad = 0
    for m in _WORDS.finditer(text):
        w = m.group()
        if w.isascii() or not any(c in viet for c in w):
            continue
        if _syllable_ok(w):
            v += 1
        else:
            bad += 1
    return Counts(v, bad, _foreign(text))


def syllable_ok(word: str) -> bool:
    """Whether a word (letters only) is one well-formed Vietnamese syllable, with or without its marks."""
    return _syllable_ok(word)


def _inside_word(text: str, i: int, n: int) -> bool:
    return (i > 0 and text[i - 1].isalpha()) or (i + 1 < n and text[i + 1].isalpha())


def vietnamese_score(text: str) -> int:
    """Vietnamese letters minus three times the foreign characters inside words (higher is better)."""
    return _counts(text).score


# -- tables --------------------------------------------------------------------------------------
@cache
def _tcvn3_table() -> dict[int, str]:
    return {int(row["byte"], 16): row["unicode"] for row in load_table("tcvn3")}


@cache
def _vni_table() -> tuple[dict[str, str], re.Pattern[str]]:
    table = {row["sequence"]: row["unicode"] for row in load_table("vni")}
    keys = sorted(table, key=len, reverse=True)  # two-character sequences first
    return table, re.compile("|".join(re.escape(k) for k in keys))


_UNICODE_VIET_LINE = re.compile(r"[\u0100-\u024f\u1ea0-\u1ef9]")
_TOKEN = re.compile(r"\S+")


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _ascii_caps(s: str) -> int:
    """How many ASCII letters ``s`` has if they are all capitals, else 0."""
    letters = [c for c in s if c.isascii() and c.isalpha()]
    return len(letters) if letters and all(c.isupper() for c in letters) else 0


def _tcvn3_line(line: str, table: dict[int, str]) -> str:
    converted = line.translate(table)
    if converted == line:
        return line
    # Uppercase .Vn*H fonts reuse the lowercase codes: restore capitals in a word whose ASCII letters
    # are capitals when it has two of them ("HOµ") or stands next to an all-capital word ("X·" in
    # "HOµ X· HéI", "Hµ GIANG"); "Sè 12-CV/TU" keeps "Số".
    chars = list(converted)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    changed = [any(chars[i] != line[i] for i in range(s, e)) for s, e in tokens]
    caps = [_ascii_caps(line[s:e]) for s, e in tokens]
    wordlike = [converted[s:e].strip(".,;:()\"'-").isalpha() for s, e in tokens]
    upper = [c >= 2 and w for c, w in zip(caps, wordlike, strict=True)]
    for _ in range(len(tokens)):
        grew = False
        for k in range(len(tokens)):
            if upper[k] or not caps[k] or not wordlike[k]:
                continue
            if (k > 0 and upper[k - 1]) or (k + 1 < len(tokens) and upper[k + 1]):
                upper[k] = grew = True
        if not grew:
            break
    for k, (s, e) in enumerate(tokens):
        if changed[k] and upper[k]:
            for i in range(s, e):
                if chars[i] != line[i]:
                    chars[i] = chars[i].upper()
    return "".join(chars)


def convert_tcvn3(text: str) -> str:
    """TCVN3 text (read as Latin-1 characters) → Unicode, one character for one; Unicode lines kept."""
    table = _tcvn3_table()
    return "".join(
        line if _UNICODE_VIET_LINE.search(line) else _tcvn3_line(line, table) for line in _lines(text)
    )


def convert_vni(text: str) -> str:
    """VNI-Windows text (read as Windows-1252 characters) → Unicode; Unicode lines kept."""
    table, pattern = _vni_table()
    out: list[str] = []
    for line in _lines(text):
        if _UNICODE_VIET_LINE.search(line):
            out.append(line)
        else:
            out.append(pattern.sub(lambda m: table[m.group()], line))
    return "".join(out)


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as Latin-1 characters (capitals lowered, as the .Vn*H fonts do); tests and fuzzing."""
    inverse = {u: chr(b) for b, u in sorted(_tcvn3_table().items(), reverse=True) if 0xA8 <= b}
    inverse.update({u: chr(b) for b, u in _tcvn3_table().items() if 0xA1 <= b <= 0xA7})
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inverse:
            out.append(inverse[ch])
        elif ch.lower() in inverse:
            out.append(inverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode → VNI-Windows as Windows-1252 characters; for tests and fuzzing."""
    table, _ = _vni_table()
    inverse = {u: s for s, u in table.items()}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# -- detection ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LegacyResult:
    encoding: str  # "tcvn3" | "vni"
    text: str  # converted
    before: Counts
    after: Counts

    @property
    def warning(self) -> str:
        name = {"tcvn3": "TCVN3 (ABC, .VnTime fonts)", "vni": "VNI-Windows (VNI-Times fonts)"}[self.encoding]
        return (
            f"legacy {name} encoding detected ({self.before.foreign} characters of the old font code);"
            " converted to Unicode"
        )


_SAMPLE = 400_000
_CONVERTERS = {"tcvn3": convert_tcvn3, "vni": convert_vni}


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None``: which legacy font code the text is written in, if any."""
    sample = text[:_SAMPLE]
    if not _LATIN1.search(sample) or _foreign(sample) < 5:
        return None
    before = _counts(sample)
    if before.foreign < 5 or before.foreign < 0.3 * (before.vietnamese + before.foreign):
        return None
    best: tuple[int, str] | None = None
    for name, conv in _CONVERTERS.items():
        after = _counts(conv(sample))
        plausible = after.vietnamese >= max(5, 2 * after.invalid)
        if plausible and after.foreign * 4 <= before.foreign and after.score > before.score:
            if best is None or after.score > best[0]:
                best = (after.score, name)
    return best[1] if best else None


def convert_legacy(text: str, encoding: str) -> str:
    """Convert ``text`` from the legacy code ``encoding`` (``"tcvn3"`` or ``"vni"``; line by line, so the
    pages of a document converted one by one give the whole document converted)."""
    return _CONVERTERS[encoding](text)


def repair_legacy(text: str) -> LegacyResult | None:
    """Convert ``text`` when :func:`detect_legacy` recognises a legacy code; ``None`` otherwise."""
    enc = detect_legacy(text)
    if enc is None:
        return None
    converted = _CONVERTERS[enc](text)
    return LegacyResult(enc, converted, _counts(text[:_SAMPLE]), _counts(converted[:_SAMPLE]))


_STRICT = re.compile(rf"(?P<i>{_INITIAL})?(?P<v>[aăâeêioôơuưy]{{1,3}})(?P<f>ng|nh|ch|[cmnpt])?")
_STOP_TONES = frozenset("\u0301\u0323")  # sắc, nặng: the only tones of a syllable ending in c, ch, p, t


@lru_cache(maxsize=65536)  # words recur: a document repeats most of its syllables
def _strict_syllable_ok(word: str) -> bool:
    """:func:`_syllable_ok` plus the rules of how Vietnamese spells its syllables: a syllable ending in
    c, ch, p or t takes the sắc or nặng tone; -ng and -c never follow i, ê or y (-nh and -ch do), which
    follow only a, ê, i or y; ă is always closed by a consonant; â by a consonant, or u or y."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    m = _STRICT.fullmatch(
        unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    )
    if m is None:
        return False
    v, f = m.group("v"), m.group("f") or ""
    if f in {"c", "ch", "p", "t"} and not (tones and tones[0] in _STOP_TONES):
        return False
    if (f in {"ng", "c"} and v[-1] in "iêy") or (f in {"nh", "ch"} and v[-1] not in "aêiy"):
        return False
    if "ă" in v and (v[-1] != "ă" or f not in {"c", "m", "n", "p", "t", "ng"}):
        return False
    if "â" in v:
        k = v.index("â")
        if not ((k == len(v) - 1 and f) or (k == len(v) - 2 and v[-1] in "uy" and not f)):
            return False
    return True


@lru_cache(maxsize=65536)
def _marked_word(w: str) -> bool | None:
    """None for a word without Vietnamese marks (ASCII, or foreign letters only), else whether
    Vietnamese spells it."""
    if w.isascii() or not any(c in _vietnamese_letters() for c in w):
        return None
    return _strict_syllable_ok(w)


def not_vietnamese_warning(text: str) -> str | None:
    """A warning when the text does not read as Vietnamese: among its words with marks, those no
    Vietnamese syllable spells (:func:`_strict_syllable_ok`) and the characters Vietnamese never uses
    inside words (a font code kg has no table for, such as VPS or BKHCM, a wrong conversion, an OCR of
    such a font) are more than 30 % of the well-spelled words. Vietnamese with or without its diacritics,
    and OCR noise (under 7 % in the corpora of the tests), pass; ``None`` then."""
    sample = text[:_SAMPLE]
    verdicts = list(map(_marked_word, _WORDS.findall(sample)))  # no Python step per word
    ok, bad = verdicts.count(True), verdicts.count(False)
    foreign = _foreign(sample)
    if bad + foreign < 8 or bad + foreign <= 0.3 * ok:
        return None
    return (
        f"the text does not read as Vietnamese ({bad} words no Vietnamese syllable spells and {foreign} "
        f"characters Vietnamese does not use inside words, against {ok} well-spelled words): probably a "
        "legacy font code kg does not know or its OCR; the facts read from it are unreliable"
    )
