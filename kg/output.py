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


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int | None = None) -> str:
    """A plain aligned text table; long cells are cut with an ellipsis to fit the terminal."""
    if max_width is None:
        max_width = max(60, shutil.get_terminal_size((160, 24)).columns)
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [_width(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], _width(c))
    budget = max_width - 2 * (len(headers) - 1)
    while sum(widths) > budget and max(widths) > 12:
        i = widths.index(max(widths))
        widths[i] -= 1

    def fit(s: str, w: int) -> str:
        if _width(s) <= w:
            return s + " " * (w - _width(s))
        out = ""
        for ch in s:
            if _width(out + ch) > w - 1:
                break
            out += ch
        return out + "…" + " " * (w - 1 - _width(out))

    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
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
