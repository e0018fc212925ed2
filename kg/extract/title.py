"""The title (trích yếu) and the type named by a type line or by the text itself.

Title sources, in the title zone: the subject after "V/v" (State letters; "V/v" dropped), the
line(s) after a type line ("QUYẾT ĐỊNH\\nVề việc ..."), or the subject lines after a Party number.
Wrapped lines are joined; ALL-CAPS parts are put into the usual case, keeping the names of bodies,
posts and places capitalised. "THÔNG BÁO KẾT LUẬN CỦA ..." gives type "Thông báo kết luận" and title
"Kết luận của ...".
"""

from __future__ import annotations

import re

from kg import gazetteer as gz
from kg.extract.context import Found
from kg.extract.lexicon import LOWER, caps_ratio, recase
from kg.normalise import NormText
from kg.segment import Segments, abbreviation_line, fold_same_length, loose_type_line
from kg.text import all_caps, tolerant

__all__ = ["find_self_type", "find_title"]

_VV = re.compile(r"['‘\"“]?(?:v\s?[/|il1.\\]?\s?v|vw?v?|v/)\W?\s+")
_TYPE_NAMES: list[tuple[str, str]] = []


def _type_names() -> list[tuple[str, str]]:
    if not _TYPE_NAMES:
        seen: set[str] = set()
        for d in gz.doc_types():
            for n in (d.name_vi, *d.aliases):
                k = fold_same_length(n)
                if k not in seen:
                    seen.add(k)
                    _TYPE_NAMES.append((k, d.name_vi))
        _TYPE_NAMES.sort(key=lambda x: len(x[0]), reverse=True)
    return _TYPE_NAMES


_URGENCY = re.compile(r"\s*(?:thuong khan|hoa toc|khan|toi mat|mat)\s*")
# The first words of a notice's subject that make it a notice of conclusions.
_CONCLUSION = re.compile(rf"(?i:{tolerant('kết luận')}|{tolerant('ý kiến kết luận')})\b")
_AUTHORITY_TAIL = re.compile(
    r"\s+(?:BỘ TRƯỞNG|THỦ TƯỚNG|CHỦ TỊCH|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|GIÁM ĐỐC|CHÍNH PHỦ|ỦY BAN NHÂN DÂN)"
    rf"(?:\s+[^\s{re.escape(LOWER)}]+){{0,8}}$"
)
_WS = re.compile(r"\s+")


def _all_caps(s: str) -> bool:
    return all_caps(s)


_QUOTES = "'‘’\"“”"


def _imbalance(s: str) -> int:
    """How many quotes of ``s`` have no partner: “ ” and ‘ ’ pair up, straight quotes two by two."""
    straight = s.count('"') % 2 + s.count("'") % 2
    return abs(s.count("“") - s.count("”")) + straight + abs(s.count("‘") - s.count("’"))


def _clean(s: str) -> str:
    """Spaces and table bars folded, the final full stop dropped, and a quote at either end dropped
    unless it closes (or opens) a quoted part ("Ban hành “Hướng dẫn ...”" keeps its closing quote)."""
    s = _WS.sub(" ", s.replace("|", " ")).strip().rstrip(" .;,:")  # "|": cells of a flattened table
    while s and s[0] in _QUOTES and _imbalance(s[1:]) < _imbalance(s):
        s = s[1:].lstrip()
    while s and s[-1] in _QUOTES and _imbalance(s[:-1]) < _imbalance(s):
        s = s[:-1].rstrip(" .;,:")
    return s.strip()


def _case(s: str) -> str:
    """Usual case: lines in capitals recased, the rest kept; first letter capital."""
    parts = []
    for line in s.split("\n"):
        line = line.strip()
        if not line:
            continue
        # a line may start in capitals and go on in lower case ("... TỈNH ỦY về công tác")
        words = line.split(" ")
        k = 0
        while k < len(words) and (caps_ratio(words[k]) >= 0.99 or not any(c.isalpha() for c in words[k])):
            k += 1
        if parts and not _all_caps(parts[-1]) and abbreviation_line(line):
            pass  # abbreviations wrapped under a title in usual case ("KPCĐ", "BHXH, BHYT")
        elif k >= 2 or (k == len(words) and k >= 1):
            head = recase(" ".join(words[:k]), sentence=False)
            line = " ".join([head, *words[k:]])
        parts.append(line)
    out = " ".join(parts)
    return out[:1].upper() + out[1:] if out else out


def find_title(nt: NormText, seg: Segments) -> tuple[Found[str] | None, Found[str] | None]:
    """(title, type from a type line) from the title zone."""
    z = seg.get("title")
    if z is None:
        return None, None
    s, e = z
    text = nt.text
    folded = fold_same_length(text[s:e])
    doc_type: Found[str] | None = None
    start = s
    m = _VV.match(folded)
    tl = seg.get("type_line")
    if m:
        start = s + m.end()
    elif tl is not None and tl[0] == s:
        tfold = fold_same_length(text[tl[0] : tl[1]])
        # the longest type name at the type line, possibly running on ("THÔNG BÁO KẾT LUẬN CỦA ...")
        line_f = fold_same_length(text[s : text.find("\n", s) if "\n" in text[s:e] else e])
        name = None
        for key, canon in _type_names():
            if line_f.startswith(key) and (len(line_f) == len(key) or not line_f[len(key)].isalnum()):
                name, klen = canon, len(key)
                break
        if name is None and (loose := loose_type_line(text[s : s + len(line_f)])) is not None:
            # letters spaced by OCR ("C Ô N G V Ă N"), usual case ("Báo cáo"): the whole line
            name, klen = dict(_type_names()).get(loose), len(line_f.rstrip())
        if name is None:
            name, klen = None, len(tfold)
        if name is not None:
            doc_type = Found(name, nt.span(s, s + klen))
            start = s + klen
            if name == "Thông báo kết luận" and fold_same_length(text[s : s + 10]) == "thong bao ":
                start = s + len("THÔNG BÁO ")  # the title is the conclusion: "Kết luận của ..."
            if _URGENCY.fullmatch(line_f[klen:]):
                start = s + len(line_f)  # "CÔNG ĐIỆN KHẨN": the mark is no part of the title
        while start < e and text[start] in " \n:":
            start += 1
        # "CHỈ THỊ / CỦA BAN BÍ THƯ / về ...": the line naming the issuer is not the title
        le = text.find("\n", start, e)
        if le > 0 and text.startswith("CỦA ", start) and _all_caps(text[start:le]):
            start = le + 1
        if doc_type is not None and doc_type.value == "Thông báo" and _CONCLUSION.match(text, start):
            # "THÔNG BÁO / KẾT LUẬN CỦA ...", "THÔNG BÁO / Ý kiến kết luận của ...": a notice of conclusions
            doc_type = Found("Thông báo kết luận", doc_type.span)
    raw = text[start:e]
    # the other column's place-date or motto flattened into the title's lines is not part of it
    for name in ("place_date", "motto"):
        o = seg.get(name)
        if o is not None and start < o[0] and o[1] <= e:
            raw = raw[: o[0] - start] + " " * (o[1] - o[0]) + raw[o[1] - start :]
    raw = _AUTHORITY_TAIL.sub("", raw.rstrip())
    value = _clean(_case(raw))
    if not value or len(value) < 4:
        return None, doc_type
    end = start + len(raw.rstrip().rstrip(" .;,:"))
    return Found(value, nt.span(start, end)), doc_type


_SELF = re.compile(
    r"\b(Công văn|Chỉ thị|Kế hoạch|Thông báo|Nghị quyết|Quyết định|Hướng dẫn|Kết luận|Công điện|Thông tư|"
    r"Nghị định|Tờ trình|Báo cáo|Quy định|Chương trình)\s+này\b"
)


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quoted passages of ``text[start:end]``: from each “ to its ”, and from a “ that no ” closes
    (OCR lost it, or the quotation runs on) to ``end``."""
    out: list[tuple[int, int]] = []
    k = text.find("“", start, end)
    while k >= 0:
        c = text.find("”", k + 1, end)
        out.append((k, end if c < 0 else c + 1))
        if c < 0:
            break
        k = text.find("“", c + 1, end)
    return out


def find_self_type(nt: NormText, seg: Segments) -> Found[str] | None:
    """The type the text gives itself ("thực hiện tốt nội dung Công văn này"); not in a quoted passage,
    where "Nghị định này" is the cited decree's words."""
    b0, b1 = seg.body()
    end = max(b1, (seg.get("noi_nhan") or (b1, b1))[0])
    quoted = _quoted(nt.text, b0, end)
    found: dict[str, list[re.Match[str]]] = {}
    q = 0
    for m in _SELF.finditer(nt.text, b0, end):
        while q < len(quoted) and quoted[q][1] <= m.start():
            q += 1
        if q < len(quoted) and quoted[q][0] <= m.start():
            continue
        found.setdefault(m.group(1), []).append(m)
    if not found:
        return None
    name = max(found, key=lambda k: len(found[k]))
    m = found[name][-1]
    return Found(name, nt.span(m.start(1), m.end(1)))
