"""kg.extract._tables.PrefixMatcher: the gated scan finds exactly what trying every row at every word
start finds (hypothesis draws the texts; the rows are invented, of the shapes the cue tables use)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract._tables import PrefixMatcher, read_table
from kg.extract.measures import strip_marks

# Whole first words, two-letter and one-letter prefixes, optional groups, look-behinds, digits,
# one-letter words, alternatives sharing a prefix across rows, a row matching where another does.
ROWS = [
    ("r0", r"cách ly(?: tập trung)?"),
    ("r1", r"(?:tiêm|xét) (?:vắc[ -]?xin|nghiệm)"),
    ("r2", r"kh[aá]m bệnh|khai báo y tế"),
    ("r3", r"(?<!không )đeo khẩu trang"),
    ("r4", r"5k|5 k\b"),
    ("r5", r"t(?:ạm dừng|ổ chức)"),
    ("r6", r"a(?:n toàn|i ở đâu)"),
    ("r7", r"(?:1|một) cung đường"),
    ("r8", r"tạm dừng hoạt động"),
    ("r9", r"đ[ôo]ng người|đeo"),
]
WORDS = (
    "cách ly tập trung tiêm xét vắc xin vắc-xin nghiệm khám kham bệnh khai báo y tế không đeo khẩu trang"
    " 5k 5 k tạm dừng tổ chức an toàn ai ở đâu 1 một cung đường hoạt động đông dong người và các a t tạ"
    " 12 _x xa"
).split()
SEPARATORS = [" ", " ", " ", ", ", ".", "\n", "-", "(", "”"]


def _reference(rows: list[tuple[str, str]], low: str, start: int, end: int) -> set[tuple[str, int]]:
    """(row, start) for every row that matches at a word start, each row tried at every one."""
    compiled = [(name, re.compile(f"(?:{p})(?!\\w)")) for name, p in rows]
    return {
        (name, m.start())
        for m in re.finditer(r"(?<!\w)\w", low[:end])
        if m.start() >= start
        for name, rx in compiled
        if rx.match(low, m.start(), end)
    }


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda ws: "".join(w + s for w, s in ws)
)


GATED, PLAIN = PrefixMatcher(ROWS), PrefixMatcher(ROWS, gated=False)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 12), st.integers(0, 12))
def test_gated_scan_finds_what_every_row_finds(low: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(low)), max(min(cut_start, len(low)), len(low) - cut_end)
    assert GATED._starts.pattern != PLAIN._starts.pattern  # the gates compiled
    gated = GATED.finditer(low, start, end)
    assert gated == PLAIN.finditer(low, start, end)
    assert {(name, s) for name, s, _ in gated} == _reference(ROWS, low, start, end)


def test_gated_scan_examples() -> None:
    m = GATED
    low = "không đeo khẩu trang, tạm dừng hoạt động; 5k và tiêm vắc xin, một cung đường"
    found = [(name, low[s:e]) for name, s, e in m.finditer(low, 0, len(low))]
    assert found == [
        ("r9", "đeo"),
        ("r8", "tạm dừng hoạt động"),  # the row of the whole first word before that of its letter
        ("r5", "tạm dừng"),
        ("r4", "5k"),
        ("r1", "tiêm vắc xin"),
        ("r7", "một cung đường"),
    ]
    assert m.finditer(low, 0, low.index(" hoạt")) == [("r9", 6, 9), ("r5", 22, 30)]


def _table_rows() -> list[list[tuple[str, str]]]:
    """The rows of the matchers kg builds from kg/data: measure cues with target groups, the cues
    without marks, slogans (and the cues and the target groups alone)."""
    cues = [(f"c{i}", r["pattern"]) for i, r in enumerate(read_table("measure_cues.tsv"))]
    targets = [(f"t{i}", r["pattern"]) for i, r in enumerate(read_table("target_groups.tsv"))]
    return [
        cues + targets,
        [(name, strip_marks(p)) for name, p in cues if not p.isascii()],
        [(f"s{i}", r["pattern"]) for i, r in enumerate(read_table("slogans.tsv"))],
        cues,
        targets,
    ]


TABLES = [(PrefixMatcher(rows), PrefixMatcher(rows, gated=False)) for rows in _table_rows()]
TABLE_WORDS = sorted({w for rows in _table_rows() for _, p in rows for w in re.findall(r"[^\W\d_]+|\d+", p)})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TABLE_WORDS), st.sampled_from(SEPARATORS)), max_size=60))
def test_table_matchers_gated_as_plain(words: list[tuple[str, str]]) -> None:
    """The matchers of kg/data's tables find the same gated or not, over texts made of the words of
    their own patterns."""
    low = "".join(w + s for w, s in words).lower()
    for gated, plain in TABLES:
        assert gated.finditer(low, 0, len(low)) == plain.finditer(low, 0, len(low))
        assert gated._starts.pattern != plain._starts.pattern  # the gates compiled


def test_a_word_cut_by_the_end_leaves_the_whole_word_its_candidates() -> None:
    """A scan that ends inside a word ("5" of "5k") read its letter and the next one as the key of
    its candidates, the key of the whole word "5k": cached, they were then tried for "5k" in every
    later text, and the row of "5k" was never found again."""
    for matcher in (PrefixMatcher(ROWS), PrefixMatcher(ROWS, gated=False)):
        matcher.finditer("5k", 0, 1)
        matcher.finditer("5 ka", 0, 3)
        assert matcher.finditer("5k và 5 k", 0, 9) == [("r4", 0, 2), ("r4", 6, 9)]
