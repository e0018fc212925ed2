"""Segment a normalised document into zones and numbered items.

Zones are character ranges of the normalised text. Any zone may be missing, and zones may come out of
order (headers pasted after the title, signature before "Nơi nhận"): extractors ask for a zone and fall
back to the whole text when it is absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.normalise import NormText

__all__ = ["Item", "Segments", "segment"]

Range = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """A numbered item of the body ("1.", "2-", "2.1.", "a)") and its extent."""

    label: str
    start: int
    end: int
    depth: int


@dataclass(frozen=True)
class Segments:
    zones: dict[str, Range]
    items: tuple[Item, ...]
    length: int

    def get(self, name: str) -> Range | None:
        return self.zones.get(name)

    def body(self) -> Range:
        return self.zones.get("body", (0, self.length))

    def item_at(self, pos: int) -> Item | None:
        """The deepest numbered item containing ``pos``."""
        best: Item | None = None
        for it in self.items:
            if it.start <= pos < it.end and (best is None or it.depth >= best.depth):
                best = it
        return best


_KINH_GUI = re.compile(r"(?im)^[\s\-–•]*k[íi]nh\s*g[ửu]i\s*:?")
_NOI_NHAN = re.compile(r"(?im)^[\s\-–•]*n[ơo]i\s+nh[ậa]n\s*:?")
_CAPACITY = re.compile(r"(?m)^\s*(?:T/M|T\.M|TM\.|TM\b|K/T|KT\.|KT\b|T/L|TL\.|TUQ\.|T/U|Q\.)\s*\S")
_ITEM = re.compile(r"(?m)^[ \t]*((?:\d{1,2}\.)*\d{1,2})(?:[.\-–)]|\.-)[ \t]+(?=\S)|^[ \t]*([a-zđ])\)[ \t]+(?=\S)")
_BLANK_THEN_TEXT = re.compile(r"\n[ \t]*\n(?=[ \t]*[^\s\-–•+])")


def _list_block(text: str, start: int) -> int:
    """End of a list block that starts at ``start``: the first blank line followed by a non-bullet line."""
    m = _BLANK_THEN_TEXT.search(text, start)
    return m.start() if m else len(text)


def segment(nt: NormText) -> Segments:
    text = nt.text
    zones: dict[str, Range] = {}
    body_start = 0
    m = _KINH_GUI.search(text)
    if m:
        end = _list_block(text, m.end())
        zones["kinh_gui"] = (m.start(), end)
        zones["header"] = (0, m.start())
        body_start = end
    # Closing blocks: the last "Nơi nhận" and the signature block after the body.
    tail_start = len(text)
    nn = None
    for nn in _NOI_NHAN.finditer(text, body_start):
        pass
    if nn:
        zones["noi_nhan"] = (nn.start(), _list_block(text, nn.end()))
        tail_start = min(tail_start, nn.start())
    sig = None
    for sig in _CAPACITY.finditer(text, body_start):
        pass
    if sig:
        sig_end = len(text)
        if nn and nn.start() > sig.start():
            sig_end = nn.start()
        zones["signature"] = (sig.start(), sig_end)
        tail_start = min(tail_start, sig.start())
    zones["body"] = (body_start, tail_start)
    items = _items(text, body_start, tail_start)
    return Segments(zones, items, len(text))


def _items(text: str, start: int, end: int) -> tuple[Item, ...]:
    found: list[tuple[str, int, int]] = []
    for m in _ITEM.finditer(text, start, end):
        label = m.group(1) or m.group(2)
        depth = label.count(".") + 1 if m.group(1) else 3
        found.append((label, m.start(), depth))
    items: list[Item] = []
    for i, (label, pos, depth) in enumerate(found):
        stop = end
        for label2, pos2, depth2 in found[i + 1 :]:
            if depth2 <= depth:
                stop = pos2
                break
        items.append(Item(label, pos, stop, depth))
    return tuple(items)
