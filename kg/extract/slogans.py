"""Slogans and messages of the epidemic response ("5K", "4 tại chỗ", "mục tiêu kép"), table-driven."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.extract._tables import PrefixMatcher, cell_list, read_table
from kg.lookup import in_union, union
from kg.normalise import NormText
from kg.record import Slogan

__all__ = ["find_slogans"]


@dataclass(frozen=True)
class _Table:
    matcher: PrefixMatcher
    rows: dict[str, tuple[str, tuple[str, ...]]]  # row name -> (canonical text, stands_for)


@lru_cache(maxsize=1)
def _table() -> _Table:
    rows = read_table("slogans.tsv")
    return _Table(
        PrefixMatcher([(f"s{i}", r["pattern"]) for i, r in enumerate(rows)]),
        {f"s{i}": (r["slogan"], cell_list(r["stands_for"])) for i, r in enumerate(rows)},
    )


def find_slogans(
    nt: NormText, low: str, start: int, end: int, masked: list[tuple[int, int]]
) -> tuple[Slogan, ...]:
    """Each slogan of the table found in ``low[start:end]`` outside ``masked``, first occurrence only."""
    t = _table()
    seen: set[str] = set()
    out: list[Slogan] = []
    in_masked = union(masked)
    for name, a, b in t.matcher.finditer(low, start, end):
        if in_union(in_masked, a):
            continue
        text, stands_for = t.rows[name]
        if text in seen:
            continue
        seen.add(text)
        out.append(Slogan(text, nt.span(a, b), stands_for))
    return tuple(out)
