"""Recipients ("Kính gửi") and distribution ("Nơi nhận") lists.

An item starts at a bullet ("-", "+", "•", "~") or right after the block's heading ("Kính gửi: A");
a line without a bullet continues the item above (wrapped lines are joined). A list written on one
line without bullets is split at ";". "Kính gửi các Bộ: Công an, Ngoại giao, Y tế" expands to one
item per ministry. Bullets and trailing ",;." are removed; the text stays as written otherwise
(canonical tone style comes from normalisation; abbreviations such as "Lưu VPHU" are kept). In the
distribution list, signature words merged into the same lines by OCR are cut off.
"""

from __future__ import annotations

import re
from functools import cache

from kg import gazetteer as gz
from kg.extract.context import Context
from kg.extract.lexicon import LOWER, UPPER, match_position_suffix
from kg.normalise import NormText
from kg.record import Mention
from kg.segment import Segments, fold_same_length
from kg.text import fold

__all__ = ["extract_distribution", "extract_recipients", "split_items"]

_HEAD = re.compile(
    r"^[\s\-–•*,.@]*(?:kin[hk]\s*g[u]i(?P<group>\s*cac\s+\w+)?|no[i]\s*nh[aâi]n)\b\s*:?\}?\s*", re.I
)
_BULLET = re.compile(r"^\s*[\-–—•+~*·_]+\s*")
_TRAIL = " ,;.:~`=_-–"
_CAPACITY = re.compile(r"(?:^|\s)(?:T/M|T\.M\.?|TM\.|K/T|K\.T\.?|KT[.,]|T/L|T\.L\.?|TL\.|TUQ\.|T/U)\s*[A-ZĐ]")
_NOT_LOW = rf"[^\s{re.escape(LOWER)}]"
_CAPS_TAIL = re.compile(rf"\s+{_NOT_LOW}*[{re.escape(UPPER)}]{{2,}}{_NOT_LOW}*(?:\s+{_NOT_LOW}+)+\s*$")
_PAGE_BREAK = re.compile(r"(?i)page\s*break|trang\s*\d+")
_JUNK_TAIL = re.compile(r"(?:;\s*\S{1,2}|\s[~`=_„]+\S{0,2})\s*$")


def _clean(s: str) -> str:
    s = _BULLET.sub("", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(_TRAIL).strip()


def split_items(text: str, start: int, end: int, inline_split: bool) -> list[tuple[int, int]]:
    """(start, end) of each item of the list block ``text[start:end]`` (heading excluded)."""
    items: list[list[int]] = []
    pos = start
    first = True
    had_bullets = False
    while pos < end:
        le = text.find("\n", pos, end)
        le = end if le < 0 else le
        line = text[pos:le]
        if line.strip():
            b = _BULLET.match(line)
            s = pos + (b.end() if b else len(line) - len(line.lstrip()))
            if b or first or not items:
                items.append([s, le])
                had_bullets = had_bullets or bool(b)
            else:
                items[-1][1] = le
            first = False
        pos = le + 1
    out = [(s, e) for s, e in items if text[s:e].strip(_TRAIL + " -")]
    if inline_split and not had_bullets and len(out) == 1:
        s, e = out[0]
        parts: list[tuple[int, int]] = []
        k = s
        for m in re.finditer(r";", text[s:e]):
            parts.append((k, s + m.start()))
            k = s + m.end()
        parts.append((k, e))
        out = [(a, b) for a, b in parts if text[a:b].strip(_TRAIL)]
    return out


@cache
def _ministries() -> dict[str, str]:
    return {fold(i.name_vi): i.name_vi for i in gz.issuer_codes() if i.name_vi.startswith("Bộ ")}


def _expand_group(head: str, text: str, s: int, e: int) -> list[tuple[str, int, int]]:
    """ "Kính gửi các Bộ: Công an, Ngoại giao, Y tế" → one item per body, the head word prefixed."""
    pieces = [(m.start() + s, m.end() + s) for m in re.finditer(r"[^,.;\n]+", text[s:e])]
    pieces = [(a, b) for a, b in pieces if text[a:b].strip()]
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(pieces):
        best = i
        for j in range(min(len(pieces), i + 4) - 1, i, -1):
            joined = ", ".join(re.sub(r"\s+", " ", text[a:b]).strip() for a, b in pieces[i : j + 1])
            if fold(f"{head} {joined}") in _ministries():
                best = j
                break
        joined = ", ".join(re.sub(r"\s+", " ", text[a:b]).strip() for a, b in pieces[i : best + 1])
        name = _ministries().get(fold(f"{head} {joined}"), f"{head} {joined}")
        a, b = pieces[i][0], pieces[best][1]
        while a < b and text[a] == " ":
            a += 1
        out.append((name, a, b))
        i = best + 1
    return out


def _mentions(nt: NormText, zone: tuple[int, int] | None, distribution: bool) -> tuple[Mention, ...]:
    if zone is None:
        return ()
    text = nt.text
    s, e = zone
    m = _HEAD.match(fold_same_length(text[s:e]))
    body_start = s + (m.end() if m else 0)
    if m is None and re.match(r"[^\n]*điện\s*:", text[s:e]):
        body_start = text.find(":", s) + 1
    if m and m.group("group"):
        head = text[s + m.start("group") : s + m.end("group")].split()[-1]
        out = []
        for name, a, b in _expand_group(head.capitalize(), text, body_start, e):
            out.append(Mention(name, nt.span(a, b)))
        return tuple(out)
    if distribution:
        # merged columns: the capacity may sit on the heading line
        le = text.find("\n", body_start, e)
        first_line = text[body_start : le if le > 0 else e]
        if _CAPACITY.search(" " + first_line):
            body_start = le + 1 if le > 0 else e
    out: list[Mention] = []
    for a, b in split_items(text, body_start, e, inline_split=not distribution):
        if distribution:
            cut = _CAPACITY.search(text, a, b)
            if cut:
                b = cut.start()
            t = _CAPS_TAIL.search(text[a:b])
            if t and len(text[a:b]) - len(t.group()) > 3 and match_position_suffix(t.group().strip()):
                b = a + t.start()
            j = _JUNK_TAIL.search(text, a, b)
            if j and j.start() - a > 3:
                b = j.start()
        value = _clean(text[a:b])
        if not value or len(value) < 2 or _PAGE_BREAK.fullmatch(value):
            continue
        while a < b and text[a] in " -–•+~*·_":
            a += 1
        while b > a and text[b - 1] in _TRAIL:
            b -= 1
        out.append(Mention(value, nt.span(a, b)))
    return tuple(out)


def extract_recipients(nt: NormText, seg: Segments, ctx: Context) -> tuple[Mention, ...]:
    return _mentions(nt, seg.get("kinh_gui"), distribution=False)


def extract_distribution(nt: NormText, seg: Segments, ctx: Context) -> tuple[Mention, ...]:
    return _mentions(nt, seg.get("noi_nhan"), distribution=True)
