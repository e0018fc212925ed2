"""The signature block: capacity, body signed for, position, name.

The block is read as a chain of capitals runs: capacity runs ("T/M BAN THƯỜNG VỤ", "TL. CHỦ TỊCH",
"KT. CHÁNH VĂN PHÒNG") and post runs ("PHÓ BÍ THƯ THƯỜNG TRỰC"). The first capacity and the body
after it give ``capacity`` and ``on_behalf_of``; the last post gives ``position``; the last line that
reads as a personal name gives ``name``. Noise lines are skipped: stray codes ("PTB-145", "*WAL*"),
digital-signature stamps ("Ký bởi: ..."), "(Đã ký)", notes in brackets, the distribution list
merged into the same lines by OCR. A post is recognised by its end ("SẢN PHẨM BÍ THƯ" → "Bí thư").
The capacity is written in the style of the document's system (Party "T/M", State "TM.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import gazetteer as gz
from kg.extract.identifiers import doc_system
from kg.extract.lexicon import (
    body_heads,
    issuer_names,
    line_spans,
    match_position_suffix,
    name_tokens,
    position_exact,
    recase_org,
)
from kg.normalise import NormText
from kg.record import Signatory
from kg.segment import Segments
from kg.text import all_caps, fold

__all__ = ["extract_signatory", "normalise_capacity"]

_CAP_TOKEN = re.compile(
    r"(?:^|(?<=[\s:}|]))(T/M|T\.M\.?|TM[./]|TM(?=\s)|K/T|K\.T\.?|KT[./,]|KT(?=\s)|T/L|T\.L\.?|TL[./]|TL(?=\s)|"
    r"T\.U\.Q\.?|TUQ\.?|T/U|Q\.)\s*"
)
_TOKEN = re.compile(r"\S+")
_STRIP = " ,.;:!~*_=`'\"|-–—"


def normalise_capacity(form: str, system: str | None) -> str | None:
    """Canonical capacity for a form as written, in the style of ``system`` (party/state)."""
    f = form.strip().replace(",", ".")
    cap = gz.capacity_by_form(f) or gz.capacity_by_form(f.rstrip("."))
    if cap is None:
        return None
    if system is None or cap.system == system:
        return cap.canonical
    for c in gz.capacities():
        if c.system == system and c.meaning_vi == cap.meaning_vi and c.form == c.canonical:
            return c.canonical
    return cap.canonical


def _is_caps_token(tok: str) -> bool:
    t = tok.strip(_STRIP + "()")
    return all_caps(t) and not any(c.isdigit() for c in t)


@dataclass
class _Run:
    cap: str | None
    text: str
    start: int
    end: int


def _caps_runs(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Runs of capitalised words in ``text[s:e]`` (two or more letters in all, a comma may join)."""
    runs: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for m in _TOKEN.finditer(text, s, e):
        if _is_caps_token(m.group()):
            cur = (cur[0], m.end()) if cur else (m.start(), m.end())
        else:
            if cur:
                runs.append(cur)
            cur = None
    if cur:
        runs.append(cur)
    return [r for r in runs if sum(c.isalpha() for c in text[r[0] : r[1]]) >= 2]


def _clean_run(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip(_STRIP)


def _name_in(line: str) -> str | None:
    line = line.strip()
    if not line or "(" in line or ":" in line or line[0] in "-~+•":
        return None
    cand = re.sub(r"[!;,.]+", "", line).strip()
    toks = name_tokens(cand)
    return " ".join(toks) if toks else None


def _on_behalf(t: str) -> str:
    """The body or post signed for, in usual case ("BAN THƯỜNG VỤ" → "Ban Thường vụ")."""
    post = position_exact(t)
    if post is not None:
        return post
    parts = [p.strip() for p in t.split(",")]
    if len(parts) > 1 and all(position_exact(p) for p in parts):
        return ", ".join(position_exact(p) or p for p in parts)
    key = fold(t)
    ic = issuer_names().get(key)
    if ic is not None:
        return ic.name_vi
    for h, b in body_heads():
        if h == key:
            return b.head
    return recase_org(t)


def _parse_block(nt: NormText, s: int, e: int) -> tuple[list[_Run], tuple[str, int, int] | None]:
    text = nt.text
    runs: list[_Run] = []
    name: tuple[str, int, int] | None = None
    for ls, le in line_spans(text, s, e):
        line = text[ls:le]
        stripped = line.strip()
        if stripped.startswith("(") or re.match(
            r"(?i)(ký bởi|người ký|thời gian ký|email|cơ quan)\s*:", stripped
        ):
            continue
        caps = _caps_runs(text, ls, le)
        for cs, ce in caps:
            chunk = text[cs:ce]
            m = _CAP_TOKEN.search(chunk)
            if m and chunk[: m.start()].strip(_STRIP) == "":
                rest = _clean_run(chunk[m.end() :])
                runs.append(_Run(m.group(1), rest, cs, ce))
            elif runs and match_position_suffix(_clean_run(chunk)):
                runs.append(_Run(None, _clean_run(chunk), cs, ce))
        # the name: the whole line, or what follows the last capitals run of the line
        tail_from = caps[-1][1] if caps else ls
        cand = _name_in(text[tail_from:le]) if caps else _name_in(line)
        if cand:
            k = text.find(cand.split()[0], tail_from, le)
            name = (cand, k if k >= 0 else tail_from, le)
    return runs, name


def _assemble(runs: list[_Run], system: str | None) -> tuple[str | None, str | None, str | None]:
    """(capacity, on_behalf_of, position) from the runs."""
    capacity = on_behalf = position = None
    if not runs:
        return None, None, None
    first = runs[0]
    if first.cap:
        capacity = normalise_capacity(first.cap, system)
    posts = [r for r in runs[1:] if r.text and match_position_suffix(r.text)]
    last = runs[-1]
    if first.cap:
        body = first.text
        if (not posts and len(runs) == 1) or (last is first):
            # one line: "KT. BỘ TRƯỞNG THỨ TRƯỞNG" → on behalf of "Bộ trưởng", post "Thứ trưởng"
            mp = match_position_suffix(body)
            if mp and mp[1] > 0:
                head = body[: mp[1]].strip(_STRIP)
                if match_position_suffix(head) or _on_behalf(head) != head.capitalize():
                    return capacity, _on_behalf(head), mp[0]
            return capacity, _on_behalf(body) if body else None, None
        on_behalf = _on_behalf(body) if body else None
    if posts:
        position = _post(posts[-1].text)
    elif not first.cap and first.text:
        position = _post(first.text)
    return capacity, on_behalf, position


def _post(t: str) -> str | None:
    """A post, possibly a pair joined by a comma ("BỘ TRƯỞNG, CHỦ NHIỆM")."""
    mp = match_position_suffix(t)
    if mp is None:
        return None
    post, at = mp
    head = t[:at].rstrip()
    if head.endswith(","):
        prev = match_position_suffix(head.rstrip(","))
        if prev and prev[1] == 0:
            return f"{prev[0]}, {post}"
    return post


_POST_LINE_LOOKBACK = 900


def extract_signatory(nt: NormText, seg: Segments) -> Signatory | None:
    text = nt.text
    z = seg.get("signature")
    system = doc_system(nt, seg)
    if z is None:
        # no capacity: a post in capitals near the end, then a name ("BỘ TRƯỞNG, CHỦ NHIỆM Name")
        start = max(seg.body()[1], len(text) - _POST_LINE_LOOKBACK)
        best: tuple[int, int] | None = None
        for ls, le in line_spans(text, start):
            for cs, ce in _caps_runs(text, ls, le):
                t = _clean_run(text[cs:ce])
                parts = [p.strip() for p in t.split(",")]
                if all(position_exact(p) for p in parts):
                    best = (cs, ce)
        if best is None:
            return None
        z = (best[0], len(text))
        runs, name = _parse_block(nt, z[0], z[1])
        runs = [_Run(None, _clean_run(text[best[0] : best[1]]), best[0], best[1])]
    else:
        runs, name = _parse_block(nt, z[0], z[1])
    capacity, on_behalf, position = _assemble(runs, system)
    if name is None and capacity is None and position is None:
        return None
    end = max([r.end for r in runs] + ([name[2]] if name else [z[0]]))
    return Signatory(name[0] if name else None, position, capacity, on_behalf, nt.span(z[0], end))
