"""Print results as a readable table (default), CSV, JSON or JSON lines."""

from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["FORMATS", "render", "table"]

FORMATS = ("table", "csv", "json", "jsonl")


def _width(s: str) -> int:
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in s
    )


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v).replace("\n", " ")


_TEXT_WIDTH = 24


def _is_token(s: str) -> bool:
    """An IRI, a path, a number: one piece that must be copied whole, never wrapped."""
    return bool(s) and not any(ch.isspace() for ch in s)


def _wrap(s: str, w: int) -> list[str]:
    """Lines of at most ``w`` columns, broken between words; a word longer than ``w`` stays whole."""
    if _width(s) <= w:
        return [s]
    lines: list[str] = []
    cur = ""
    for word in s.split(" "):
        if not cur:
            cur = word
        elif _width(cur) + 1 + _width(word) <= w:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    lines.append(cur)
    return lines


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int | None = None) -> str:
    """A plain aligned text table that never cuts a value: to fit the terminal, columns of text are
    wrapped between words over several lines; IRIs, paths and numbers are always printed whole, so
    they can be copied (a table still too wide runs past the edge of the terminal)."""
    if max_width is None:
        max_width = max(60, shutil.get_terminal_size((160, 24)).columns)
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [_width(h) for h in headers]
    # The narrowest a column gets: its header, its IRIs and other single pieces whole, and at least
    # 24 columns (or its widest value, if narrower) for its text, which wraps between words.
    floor = [_width(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], _width(c))
            piece = _width(c) if _is_token(c) else max((_width(x) for x in c.split(" ")), default=0)
            floor[i] = max(floor[i], piece, min(_width(c), _TEXT_WIDTH))
    budget = max_width - 2 * (len(headers) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > floor[i]]
        if not shrinkable:
            break
        i = max(shrinkable, key=lambda k: widths[k])
        widths[i] -= 1

    def pad(s: str, w: int) -> str:
        return s + " " * max(0, w - _width(s))

    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        wrapped = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
        for k in range(max((len(x) for x in wrapped), default=1)):
            parts = [pad(x[k] if k < len(x) else "", w) for x, w in zip(wrapped, widths, strict=True)]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def render(fmt: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Render rows in ``fmt``; ``json`` is a list of objects, ``jsonl`` one object a line."""
    if fmt == "table":
        return table(headers, rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        for row in rows:
            w.writerow([_cell(v) for v in row])
        return buf.getvalue().rstrip("\n")
    objs = [dict(zip(headers, row, strict=True)) for row in rows]
    if fmt == "json":
        return json.dumps(objs, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(o, ensure_ascii=False) for o in objs)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
