"""Recipients ("Kính gửi") and distribution ("Nơi nhận") lists.

An item starts at a bullet ("-", "+", "•", "~") or right after the block's heading ("Kính gửi: A");
a line without a bullet continues the item above (wrapped lines are joined). A list written on one
line without bullets is split at ";". "Kính gửi các Bộ: Công an, Ngoại giao, Y tế" is one item, as
printed (its ``parts`` name each ministry for the graph). Bullets and trailing ",;." are removed; the
text stays as written otherwise (canonical tone style comes from normalisation; abbreviations such as
"Lưu VPHU" are kept). In the distribution list, the signature column that a flattened two-column
layout interleaves with it is taken out: its text at the ends of lines (capacity, post, the signer's
name, the stamp's OCR noise) and its lines between the items (:func:`kg.extract.signature.signature_tail`).
"""

from __future__ import annotations

import re
from functools import cache

from kg import gazetteer as gz
from kg.extract.context import Context
from kg.extract.signature import column_line, signature_tail
from kg.normalise import NormText
from kg.record import Mention
from kg.segment import (
    ADDRESSEE_DETAILS,
    BULLETS,
    LOOSE_KINH_GUI,
    OCR_BULLET,
    Segments,
    fold_same_length,
    kinh_gui_items,
    stray_caps_line,
)
from kg.text import fold

__all__ = ["distribution_pieces", "extract_distribution", "extract_recipients", "group_parts", "split_items"]

_HEAD = re.compile(
    r"^[\s\-–•*,.@|]*(?:kin[hk]\s*g[u]i(?P<group>\s*cac\s+\w+)?|no[i]\s*nh[aâi]n"
    rf"|(?:{LOOSE_KINH_GUI})(?=\s*:))"
    r"\b\s*:?\}?\s*",
    re.I,
)  # "Kính gửi" also as a broken font or OCR spells it, with its colon ("Kmnhgài:", "Kính gởi:", "K1nh gùi:")
_BULLET = re.compile(rf"^[\s|]*(?:[{re.escape(BULLETS)}_]+|{OCR_BULLET})\s*")
_TRAIL = " ,;.:~`=_-–|"
_LUU_ITEM = re.compile(r"l[uư]u\b(?!\s+ý)", re.I)
_NUM_BULLET = re.compile(r"\s*\d{1,2}[.)]\s+(?=\S)")
_BRACE = re.compile(r"\s*[;,]?\s*[{}]+\s*")
_PAGE_BREAK = re.compile(r"(?i)page\s*break|trang\s*\d+")
_LUU = re.compile(r"[\s\-–—•+~*·_]*l[uư]u\b", re.I)


_SPACE_RUN = re.compile(r"\s+")


def _clean(s: str) -> str:
    s = _BULLET.sub("", s)
    s = _BRACE.sub(" ", s)  # "Bộ Tài chính; } (để b/c)": a brace grouping items, its label kept
    s = _SPACE_RUN.sub(" ", s.replace("|", " ")).strip()
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
            closed = bool(items) and text[items[-1][0] : items[-1][1]].rstrip().endswith(";")
            if b or first or not items or closed:
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


def _distribution_items(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The items of a "Nơi nhận" block (heading excluded), each as the pieces of its lines.

    The signature column's text is cut off every line (:func:`signature_tail`) and its lines are
    skipped; a line without a bullet continues the item above, except after the "Lưu" item that
    closes the list (unless that line is left open by a comma or a dash); in a list without bullets
    a line after a closed item starts the next.
    """
    items: list[list[tuple[int, int]]] = []
    had_bullets = False
    pos = start
    while pos < end:
        le = text.find("\n", pos, end)
        le = end if le < 0 else le
        line = text[pos:le]
        cut = pos + signature_tail(line)
        a, b = pos, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        piece = text[a:b]
        if piece and not column_line(piece):
            bullet = _BULLET.match(piece) or _NUM_BULLET.match(piece)
            last = text[items[-1][0][0] : items[-1][-1][1]].rstrip() if items else ""
            # a list without bullets: a line after a closed item starts the next one
            unbulleted_item = last[-1:] in ";." and not had_bullets
            # "Lưu: VT" whose bullet was lost closes the list as an item of its own
            luu = bool(_LUU_ITEM.match(piece)) and not _LUU.match(last)
            if not bullet and had_bullets and last[-1:] in ";." and stray_caps_line(piece):
                pass  # the signature's post in a broken font under a closed item ("p ciiu T!CH")
            elif bullet or not items or unbulleted_item or luu:
                items.append([(a + (bullet.end() if bullet else 0), b)])
                had_bullets = had_bullets or bool(bullet)
            elif not (_LUU.match(last) and last[-1:] not in ",-–"):  # nothing joins a closed "Lưu" item
                items[-1].append((a, b))
        pos = le + 1
    if len(items) == 1 and len(items[0]) == 1:
        # one line: without bullets ("Nơi nhận: Như trên; Lưu: VT.") one item per ";"; with them (a web
        # copy: "Nơi nhận: - Như trên; - Sở Y tế; - Lưu: VT.") one per bullet after a ";"
        a, b = items[0][0]
        sep = r";" if not _BULLET.match(text[start:end].lstrip("\n")) else r";\s*(?=[-–—•+])"
        cuts = [(m.start(), m.end()) for m in re.finditer(sep, text[a:b])]
        bounds = [0, *(x for c in cuts for x in c), b - a]
        parts = [(a + bounds[i], a + bounds[i + 1]) for i in range(0, len(bounds), 2)]
        items = [[(x + len(text[x:y]) - len(_BULLET.sub("", text[x:y])), y)] for x, y in parts]
        items = [it for it in items if text[it[0][0] : it[0][1]].strip(_TRAIL)]
    return items


def _recipient_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a Kính gửi block, heading excluded: as :func:`kg.segment.kinh_gui_items` reads
    its lines; a block of one line without bullets is split at ";" ("Kính gửi: Sở Y tế; Sở Tài chính")."""
    _, items = kinh_gui_items(text, start, end)
    out = [(s, e) for s, e in items if text[s:e].strip(_TRAIL + " -")]
    bulleted = any(_BULLET.match(text[text.rfind("\n", 0, s) + 1 : e]) for s, e in out)
    if len(out) == 1 and not bulleted:
        s, e = out[0]
        parts = [(s + m.start(), s + m.end()) for m in re.finditer(r"[^;]+", text[s:e])]
        out = [(a, b) for a, b in parts if text[a:b].strip(_TRAIL)]
    cut = [_without_details(text, ab) for ab in out]
    return [(a, b) for a, b in cut if b > a]


def _without_details(text: str, ab: tuple[int, int]) -> tuple[int, int]:
    """An addressee's range without its labelled details after the name ("Công ty TNHH X (Địa chỉ: ...;
    MST: ...)", the bracket as OCR misread it: "@Địa chỉ: ..."); empty when the item is details only."""
    a, b = ab
    m = ADDRESSEE_DETAILS.search(fold_same_length(text[a:b]))
    if m is None:
        return a, b
    b = a + m.start()
    while b > a and text[b - 1] in _TRAIL + " \n":
        b -= 1
    return a, b


@cache
def _ministries() -> dict[str, str]:
    return {fold(i.name_vi): i.name_vi for i in gz.issuer_codes() if i.name_vi.startswith("Bộ ")}


def group_parts(head: str, text: str) -> tuple[str, ...]:
    """The bodies an item such as "các Bộ: Công an, Ngoại giao, Y tế" names, the head word prefixed
    ("Bộ Công an", ...); a ministry whose name holds a comma stays whole ("Bộ Văn hóa, Thể thao và
    Du lịch"). The record keeps the item as printed; the graph links each body."""
    pieces = [p.strip() for p in re.split(r"[,.;\n]", text)]
    pieces = [re.sub(r"\s+", " ", p) for p in pieces if p]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        best = i
        for j in range(min(len(pieces), i + 4) - 1, i, -1):
            if fold(f"{head} {', '.join(pieces[i : j + 1])}") in _ministries():
                best = j
                break
        joined = ", ".join(pieces[i : best + 1])
        out.append(_ministries().get(fold(f"{head} {joined}"), f"{head} {joined}"))
        i = best + 1
    return tuple(out)


def _span(nt: NormText, a: int, b: int) -> tuple[int, int]:
    text = nt.text
    while a < b and text[a] in " -–•+~*·_":
        a += 1
    while b > a and text[b - 1] in _TRAIL:
        b -= 1
    return nt.span(a, b)


def _mentions(
    nt: NormText,
    zone: tuple[int, int] | None,
    distribution: bool,
    items: list[list[tuple[int, int]]] | None = None,
) -> tuple[Mention, ...]:
    if zone is None:
        return ()
    text = nt.text
    s, e = zone
    m = _HEAD.match(fold_same_length(text[s:e]))
    body_start = s + (m.end() if m else 0)
    if m is None and re.match(r"[^\n]*điện\s*:", text[s:e]):
        body_start = text.find(":", s) + 1
    if m and m.group("group"):
        # "Kính gửi các Bộ: Công an, Ngoại giao, Y tế": one item, as printed
        a = s + m.start("group")
        while text[a].isspace():
            a += 1
        value = _clean(text[a:e])
        colon = text.find(":", a, e)
        head = text[a:colon].split()[-1].capitalize() if colon > 0 else ""
        parts = group_parts(head, text[colon + 1 : e]) if head else ()
        return (Mention(value, _span(nt, a, e), parts),) if value else ()
    out: list[Mention] = []
    if distribution:
        pieces_of = items if items is not None else _distribution_items(text, body_start, e)
    else:
        pieces_of = [[ab] for ab in _recipient_items(text, body_start, e)]
    for pieces in pieces_of:
        value = _clean(" ".join(text[a:b] for a, b in pieces))
        if not value or len(value) < 2 or _PAGE_BREAK.fullmatch(value):
            continue
        out.append(Mention(value, _span(nt, pieces[0][0], pieces[-1][1])))
    return tuple(out)


def distribution_pieces(nt: NormText, seg: Segments) -> list[list[tuple[int, int]]]:
    """The items of the Nơi nhận block as the pieces of their lines (normalised offsets), the
    signature column taken out; [] when there is no block."""
    z = seg.get("noi_nhan")
    if z is None:
        return []
    m = _HEAD.match(fold_same_length(nt.text[z[0] : z[1]]))
    return _distribution_items(nt.text, z[0] + (m.end() if m else 0), z[1])


def extract_recipients(nt: NormText, seg: Segments, ctx: Context) -> tuple[Mention, ...]:
    return _mentions(nt, seg.get("kinh_gui"), distribution=False)


def extract_distribution(
    nt: NormText, seg: Segments, ctx: Context, items: list[list[tuple[int, int]]] | None = None
) -> tuple[Mention, ...]:
    """The Nơi nhận items; ``items``: :func:`distribution_pieces` when the caller already has them."""
    return _mentions(nt, seg.get("noi_nhan"), distribution=True, items=items)
