"""People named in the body with their posts.

A personal name is 2-5 capitalised syllables whose first is a family name (kg/data/surnames.tsv),
and it counts as a person only in a person context: after "đồng chí"/"đ/c", right after a post
("Phó Thủ tướng Thường trực Chính phủ Phạm Bình Minh"), or followed by its posts ("Nguyễn Long
Biên-Ủy viên Thường vụ Tỉnh ủy, Phó Chủ tịch Ủy ban nhân dân tỉnh"). Posts without a name
("đồng chí Phó Bí thư Huyện ủy") give no person; place names ("Tỉnh ủy Lâm Đồng") are not names;
the signatory is left out.
"""

from __future__ import annotations

import re
from functools import cache

from kg import gazetteer as gz
from kg.extract.context import Context
from kg.extract.lexicon import LOWER, UPPER, is_surname
from kg.normalise import NormText, canonical_tones
from kg.record import Person, Signatory
from kg.segment import Segments
from kg.text import fold

__all__ = ["extract_persons", "split_posts"]

_UP = re.escape(UPPER)
_LO = re.escape(LOWER)
_SYL = rf"[{_UP}][{_LO}]*"
_NAME = re.compile(rf"(?=[{_UP}])(?<![\w])({_SYL}(?: {_SYL}){{1,4}})(?![\w])")
_COMRADE = re.compile(r"(?:đồng chí|Đồng chí|đ/c|Đ/c|Đ/C)\s+$")

# Lower-case words that may occur inside the name of a post's body ("Ủy ban nhân dân tỉnh").
_ORG_WORDS = frozenset(
    "nhân dân tỉnh huyện thành phố thị xã ủy ban vụ chỉ đạo phòng chống dịch bệnh quốc gia "
    "trung ương đảng chính phủ hội đồng mặt trận tổ và cán sự đoàn công an quân biên y tế "
    "chấp hành bộ cục sở tuyên giáo dân vận viên khối lao động thương binh xã hội giáo dục đào tạo "
    "truyền thông thông tin văn hóa thể thao du lịch cơ quan covid-19 việt nam ương".split()
)


@cache
def _post_forms() -> list[str]:
    forms = set()
    for p in gz.positions():
        for f in (p.position, *p.aliases):
            if f.isupper():
                continue
            forms.add(canonical_tones(f))
    return sorted(forms, key=len, reverse=True)


@cache
def _post_re() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in _post_forms()) + r")(?![\w])")


@cache
def _heads_re() -> re.Pattern[str]:
    heads = {canonical_tones(b.head) for b in gz.body_types() if " " in b.head} | set(_post_forms())
    alts = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?:{alts})(?![\w])", re.I)


def _starts_body_or_post(text: str, pos: int) -> bool:
    """ "Ban Chấp hành ...", "Phó Bí thư ...": capitalised words that name a body or a post."""
    return bool(_heads_re().match(text, pos))


@cache
def _district_keys() -> frozenset[str]:
    return frozenset(fold(d.name) for d in gz.districts())


def _is_place(name: str) -> bool:
    if gz.province_by_name(name) is not None:
        return True
    return fold(name) in _district_keys()


def _cut_tail(seg: str) -> str:
    """A post and its body up to the first word that belongs to neither."""
    m = _post_re().match(seg)
    head = seg[: m.end()] if m else ""
    keep: list[str] = [head] if head else []
    for w in seg[len(head) :].split():
        bare = w.strip(",;.()")
        joined = keep and keep[-1].endswith("Thường") and bare == "trực"
        if bare[:1].isupper() or bare.lower() in _ORG_WORDS or bare.isdigit() or joined:
            keep.append(w)
        else:
            break
    return " ".join(keep).strip(" ,;.-–")


def split_posts(s: str) -> list[str]:
    """Posts listed after a name: comma-separated, a part not starting with a post continues the one
    before ("Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh")."""
    parts = [p.strip() for p in re.split(r",\s*", s)]
    posts: list[str] = []
    for p in parts:
        if not p:
            continue
        if _post_re().match(p):
            posts.append(p)
        elif posts:
            posts[-1] = f"{posts[-1]}, {p}"
        else:
            break
    out = []
    for p in posts:
        c = _cut_tail(p)
        if c:
            out.append(c)
    # the last post ends at the first lower-case word outside a body name
    return out


def extract_persons(
    nt: NormText, seg: Segments, ctx: Context, signatory: Signatory | None
) -> tuple[Person, ...]:
    text = nt.text
    b0, b1 = seg.body()
    found: dict[str, Person] = {}
    skip = fold(signatory.name) if signatory and signatory.name else None
    for m in _NAME.finditer(text, b0, b1):
        raw = m.group(1)
        toks = raw.split(" ")
        # the name starts at the first family name of the run ("Thủ tướng ... Phạm Bình Minh")
        k = next((i for i, t in enumerate(toks) if is_surname(t) and len(toks) - i >= 2), None)
        if k is None:
            continue
        name_toks = toks[k : k + 5]
        name = " ".join(name_toks)
        if len(name_toks) < 2 or _is_place(name) or fold(name) == skip:
            continue
        n_start = m.start(1) + len(" ".join(toks[:k])) + (1 if k else 0)
        n_end = n_start + len(name)
        if _starts_body_or_post(text, n_start):
            continue
        before = text[max(b0, n_start - 120) : n_start]
        after = text[n_end : min(b1, n_end + 300)]
        positions: list[str] = []
        comrade = bool(_COMRADE.search(before))
        # posts after the name: "Name-Post, Post" or "Name, Post, Post"
        am = re.match(r"\s*[-–,]\s*", after)
        if am and _post_re().match(after, am.end()):
            tail = re.split(r"[;.:\n(]", after[am.end() :], maxsplit=1)[0]
            positions = split_posts(tail)
        # a post right before the name: "Phó Thủ tướng Thường trực Chính phủ Phạm Bình Minh"
        if not positions:
            clause = re.split(r"[,;.:()\n]|\s[-–]\s", before)[-1]
            pms = list(_post_re().finditer(clause))
            pm = pms[-1] if pms else None
            if pm is not None:
                post = clause[pm.start() :].strip()
                rest = clause[pm.end() :].split()
                if all(w[:1].isupper() or w.lower() in _ORG_WORDS for w in rest):
                    positions = [post]
        if not positions and not comrade:
            continue
        if name in found:
            continue
        found[name] = Person(name, tuple(positions), nt.span(n_start, n_end))
    return tuple(found.values())
