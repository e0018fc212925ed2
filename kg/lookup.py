"""Position lookups in O(log n), so that no extraction pass rescans a list from every position.

- :class:`Intervals`: which of a set of ranges ``[start, end)`` contain a position; the best of them
  by a rank (the first given, the innermost, the last opened ...), or whether any does.
- :class:`NextMatch`: ``pattern.search(text, pos, end)`` for many ``pos`` over one text, each stretch
  of text searched once when the positions come in order.

Both give exactly the answers of the linear scans they replace (``any(s <= pos < e for s, e in
ranges)``, ``for s, e in ranges: if s <= pos < e: return ...``, a fresh ``search`` from every
position); ``tests/test_lookup.py`` checks that against the scans on random inputs.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

__all__ = ["Intervals", "NextMatch", "union"]

T = TypeVar("T")

# Below this many ranges a linear scan is cheaper than building the index.
_SMALL = 12


class Intervals(Generic[T]):
    """Ranges ``[start, end)`` with values; ``best(pos)`` is the value of the containing range with
    the smallest ``rank(index, start, end, value)`` (ties: the smaller index), ``None`` if no range
    contains ``pos``. Empty and reversed ranges contain nothing.

    Built in O(n log n) by a sweep over the range ends: between two consecutive ends the set of
    containing ranges does not change, so each elementary segment stores its answer.
    """

    def __init__(
        self,
        ranges: Iterable[tuple[int, int, T]],
        rank: Callable[[int, int, int, T], Any] | None = None,
    ) -> None:
        self._items = [r for r in ranges]
        self._rank = rank or (lambda i, s, e, v: i)
        self._bounds: list[int] = []
        self._answers: list[int] = []
        self._small = False
        if self._disjoint():
            return
        if len(self._items) <= _SMALL:
            # a scan of the few ranges, their keys computed once
            self._small = True
            self._keyed = [
                (s, e, (self._rank(i, s, e, v), i)) for i, (s, e, v) in enumerate(self._items) if s < e
            ]
            return
        items = self._items
        keys = [(self._rank(i, s, e, v), i) for i, (s, e, v) in enumerate(items)]
        bounds = sorted({p for s, e, _ in items if s < e for p in (s, e)})
        order = sorted((i for i, (s, e, _) in enumerate(items) if s < e), key=lambda i: items[i][0])
        heap: list[tuple[Any, int]] = []
        j = 0
        answers: list[int] = []
        for b in bounds:
            while j < len(order) and items[order[j]][0] <= b:
                heapq.heappush(heap, keys[order[j]])
                j += 1
            while heap and items[heap[0][1]][1] <= b:
                heapq.heappop(heap)
            answers.append(heap[0][1] if heap else -1)
        self._bounds, self._answers = bounds, answers

    def _disjoint(self) -> bool:
        """Fill the index when the (non-empty) ranges come in order and do not overlap (sentences,
        lines): each position is in at most one of them, whatever the rank, and the sweep's bounds are
        their starts and ends. Returns False (nothing filled) for any other ranges."""
        bounds: list[int] = []
        answers: list[int] = []
        for i, (s, e, _) in enumerate(self._items):
            if s >= e:
                continue
            if bounds and s < bounds[-1]:
                return False
            if bounds and bounds[-1] == s:
                answers[-1] = i
            else:
                bounds.append(s)
                answers.append(i)
            bounds.append(e)
            answers.append(-1)
        self._bounds, self._answers = bounds, answers
        return True

    def index(self, pos: int) -> int:
        """Index (in the order given) of the best range containing ``pos``; -1 if none."""
        if self._small:
            best_key: Any = None
            for s, e, key in self._keyed:
                if s <= pos < e and (best_key is None or key < best_key):
                    best_key = key
            return -1 if best_key is None else best_key[1]
        k = bisect_right(self._bounds, pos) - 1
        return self._answers[k] if k >= 0 else -1

    def best(self, pos: int) -> T | None:
        i = self.index(pos)
        return self._items[i][2] if i >= 0 else None

    def covers(self, pos: int) -> bool:
        return self.index(pos) >= 0


def union(ranges: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted starts and ends of the disjoint union of ``ranges`` (empty ones dropped), for
    :func:`in_union`."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(r for r in ranges if r[0] < r[1]):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def in_union(merged: tuple[list[int], list[int]], pos: int) -> bool:
    """``any(s <= pos < e for s, e in ranges)`` for ``merged = union(ranges)``, in O(log n)."""
    starts, ends = merged
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < ends[k]


class NextMatch:
    """``pattern.search(text, pos, end)`` for many ``pos`` over one text and ``end``, without scanning
    a stretch twice when the positions come in order.

    Each answer says: no match starts in ``[pos, found)`` and one starts at ``found`` (or none before
    ``end``). Answers for different ``found`` cover disjoint stretches, so a later ``pos`` inside a
    known stretch gets its answer by bisection; only a ``pos`` outside every known stretch searches.
    """

    def __init__(self, pattern: re.Pattern[str], text: str, end: int) -> None:
        self.pattern = pattern
        self.text = text
        self.end = end
        self._found: list[int] = []  # sorted match starts (``end + 1`` for "no match")
        self._from: dict[int, int] = {}  # match start -> smallest pos known to reach it
        self._match: dict[int, re.Match[str] | None] = {}

    def search(self, pos: int) -> re.Match[str] | None:
        k = bisect_left(self._found, pos)
        if k < len(self._found):
            at = self._found[k]
            if self._from[at] <= pos:
                return self._match[at]
        m = self.pattern.search(self.text, pos, self.end)
        at = m.start() if m else self.end + 1  # after any match: "none" covers every pos to the end
        if at in self._from:
            self._from[at] = min(self._from[at], pos)
        else:
            insort(self._found, at)
            self._from[at] = pos
            self._match[at] = m
        return m
