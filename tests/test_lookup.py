"""The O(log n) position lookups give exactly the answers of the linear scans they replaced.

Each test draws random inputs with hypothesis and compares a lookup with the scan it stands for
(the scans are written out here as they were in the extractors).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.citations import _HARD_END, _SOFT_END, _boundary_before, _SentenceStarts, _soft_before
from kg.lookup import Intervals, NextMatch, in_union, union
from kg.segment import Item, Segments, _items, _paragraph_end

ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=40)
positions = st.lists(st.integers(-2, 64), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(ranges, positions)
def test_first_containing_range(rs: list[tuple[int, int]], ps: list[int]) -> None:
    idx = Intervals((s, e, (s, e)) for s, e in rs)
    for p in ps:
        expected = next(((s, e) for s, e in rs if s <= p < e), None)
        assert idx.best(p) == expected


@settings(max_examples=300, deadline=None)
@given(ranges, positions)
def test_innermost_range_opened_last(rs: list[tuple[int, int]], ps: list[int]) -> None:
    """find_anchors' item_end: the containing range with the greatest start, the last of equals."""
    idx = Intervals(((s, e, i) for i, (s, e) in enumerate(rs)), rank=lambda i, s, e, v: (-s, -i))
    for p in ps:
        best = None
        for i, (s, e) in enumerate(rs):
            if s <= p < e and (best is None or s >= rs[best][0]):
                best = i
        assert idx.best(p) == best


# Ranges in order that do not overlap (sentences, lines), with empty ones and shared ends: the index is
# built without the sweep.
disjoint = st.lists(st.tuples(st.integers(0, 4), st.integers(-1, 6)), max_size=30).map(
    lambda steps: [(s, e) for s, e in _chain(steps)]
)


def _chain(steps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    p = 0
    for gap, length in steps:
        s = p + gap
        out.append((s, s + length))
        p = max(p, s + length)
    return out


@settings(max_examples=300, deadline=None)
@given(disjoint, positions, st.booleans())
def test_disjoint_ranges_in_order(rs: list[tuple[int, int]], ps: list[int], last: bool) -> None:
    rank = (lambda i, s, e, v: -i) if last else None
    idx = Intervals(((s, e, i) for i, (s, e) in enumerate(rs)), rank=rank)
    for p in ps:
        inside = [i for i, (s, e) in enumerate(rs) if s <= p < e]
        assert len(inside) <= 1
        assert idx.best(p) == (inside[0] if inside else None)


@settings(max_examples=300, deadline=None)
@given(ranges, positions)
def test_any_range_contains(rs: list[tuple[int, int]], ps: list[int]) -> None:
    merged = union(rs)
    for p in ps:
        assert in_union(merged, p) == any(s <= p < e for s, e in rs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.;\n ", max_size=80), positions)
def test_next_match_is_a_search_from_each_position(text: str, ps: list[int]) -> None:
    pattern = re.compile(r";|[.](?=\s|$)|\n[ \t]*\n|b+a")
    nm = NextMatch(pattern, text, len(text))
    for p in ps:
        p = max(0, p)
        got, want = nm.search(p), pattern.search(text, p, len(text))
        assert (got.span() if got else None) == (want.span() if want else None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=".!?\n: \t;ab", max_size=60), positions)
def test_sentence_and_clause_starts(text: str, ps: list[int]) -> None:
    starts = _SentenceStarts(text, 0)
    for p in ps:
        p = min(max(0, p), len(text))
        hard = _boundary_before(_HARD_END, text, 0, p)
        assert starts.hard_before(p) == hard
        assert _soft_before(text, hard, p) == _boundary_before(_SOFT_END, text, hard, p)


def _items_by_scan(found: list[tuple[str, int, int]], end: int) -> list[Item]:
    out = []
    for i, (label, pos, depth) in enumerate(found):
        stop = end
        for _label2, pos2, depth2 in found[i + 1 :]:
            if depth2 <= depth:
                stop = pos2
                break
        out.append(Item(label, pos, stop, depth))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "1.1", "1.1.1", "a"]), max_size=25))
def test_items_end_at_the_next_item_as_deep_or_less(labels: list[str]) -> None:
    text = "".join(f"{lab}{')' if lab == 'a' else '.'} việc\n" for lab in labels)
    got = _items(text, 0, len(text))
    found = [(it.label, it.start, it.depth) for it in got]
    assert list(got) == _items_by_scan(found, len(text))
    seg = Segments({}, got, len(text))
    for p in range(len(text) + 1):
        best = None
        for it in got:
            if it.start <= p < it.end and (best is None or it.depth >= best.depth):
                best = it
        assert seg.item_at(p) == best


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab A(\n", max_size=60))
def test_paragraph_end_with_memory(text: str) -> None:
    memo: dict[int, int] = {}
    for start in range(len(text)):
        assert _paragraph_end(text, start, len(text), memo) == _paragraph_end(text, start, len(text))


_TOKENS = [
    "Sở Y tế",
    "Sở Tài chính",
    "các sở, ban, ngành",
    "Ủy ban nhân dân tỉnh",
    "; ",
    ", ",
    " và ",
    " phối hợp với ",
    " chủ trì",
    " đề nghị ",
    "Giao ",
    " triển khai",
    ". ",
    "Quý Ủy ban",
    " xin ",
    "Trách nhiệm của ",
    "Giám đốc ",
    "đồng chí ",
    "\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=30), st.lists(st.integers(0, 400), max_size=12))
def test_body_lists_read_once_are_the_lists_read_each_time(tokens: list[str], starts: list[int]) -> None:
    from kg.extract.assignments import _Parses, _subject_at, _supports, parse_bodies

    text = "".join(tokens) + "."  # a sentence ends before the end of the text
    parses = _Parses(text)
    end = len(text) - 1
    for p in [*sorted(min(s, end) for s in starts), 0]:
        assert parses.bodies(p, end) == parse_bodies(text, p, end)
        assert _supports(text, p, end, parses) == _supports(text, p, end)
        assert _subject_at(text, p, end, parses=parses) == _subject_at(text, p, end)
        assert _subject_at(text, p, end, True, parses) == _subject_at(text, p, end, True)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 6)), max_size=10),
    st.lists(st.tuples(st.sampled_from(["t0", "t1", "t2"]), st.integers(0, 60)), max_size=12),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_targets_by_bisection(
    age_list: list[tuple[int, int]], group_list: list[tuple[str, int]], s: int, e: int
) -> None:
    from kg.extract import measures

    text = "".join(chr(0x61 + i % 26) for i in range(80))
    ages, last = [], 0  # ages: in text order, never overlapping
    for start, length in sorted(age_list):
        if start >= last:
            ages.append((start, start + length))
            last = start + length
    groups = sorted(((n, a, a + 2) for n, a in group_list), key=lambda g: g[1])
    labels = measures._cues().target_labels
    names = list(labels)[:3]
    groups = [(names[int(n[1])], a, b) for n, a, b in groups]
    out = [text[a:b] for a, b in ages if s <= a < e]
    covered = [(a, b) for a, b in ages if s <= a < e]
    for name, a, _b in groups:
        if s <= a < e and not any(x <= a < y for x, y in covered):
            if labels[name] not in out:
                out.append(labels[name])
    assert measures._targets(text, s, e, ages, groups) == tuple(out)


def _directive_sources_by_scan(nt, lo: int, hi: int, covered: list[tuple[int, int]]) -> list:  # type: ignore[no-untyped-def]
    """The loop of kg.extract.citations._directive_sources before it kept its searches: every piece
    cleaned, every search from the phrase to the end of its clause."""
    from kg.extract import citations as c
    from kg.record import DirectiveSource
    from kg.text import fold

    t = c._tables()
    text = nt.text
    out = []
    seen: set[str] = set()
    for m in t.directive_re.finditer(text, lo, hi):
        if any(a <= m.start() < b for a, b in covered):
            continue
        end_m = c._SOURCES_END.search(text, m.end(), hi)
        stop = end_m.start() if end_m else hi
        chunk = text[m.end() : stop]
        if c._SO_DIGIT.search(chunk):
            continue
        hard = c._boundary_before(c._HARD_END, text, lo, m.start())
        soft = c._boundary_before(c._SOFT_END, text, hard, m.start())
        rel = c._cue(text, soft, m.start()) or "cites"
        if rel == "approves":
            rel = "cites"
        offset = m.end()
        for piece in c._SOURCES_SPLIT.split(chunk):
            pstart = text.find(piece, offset, stop + 1)
            if pstart < 0:
                pstart = offset
            offset = pstart + len(piece)
            body = c._clean(piece.replace("...", "").replace("…", "")).rstrip(" ,.")
            if not body or not body[0].isupper():
                if body:
                    break
                continue
            if t.clause_verb_re.search(body):
                break
            if not c._is_body(body):
                continue
            if len(body.split()) > 12:
                break
            key = fold(body)
            if key in seen:
                continue
            seen.add(key)
            bs = pstart + (len(piece) - len(piece.lstrip()))
            out.append(DirectiveSource(body, rel, nt.span(bs, bs + len(body))))
    return out


_SOURCE_TOKENS = [
    "các văn bản chỉ đạo của ",
    "sự chỉ đạo của ",
    "Ban Bí thư",
    "Sở Y tế",
    "Nguyễn Văn An",
    "Ủy ban nhân dân tỉnh",
    ", ",
    " và ",
    ",  ",
    "...",
    "…",
    " - ",
    " đề nghị ",
    " các sở ",
    " số 12 ",
    "; ",
    ". ",
    "\n",
    " thực hiện ",
    " Bộ Y tế ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_SOURCE_TOKENS), min_size=1, max_size=40), st.integers(1, 30))
def test_directive_sources_with_long_pieces(tokens: list[str], repeat: int) -> None:
    """Long clauses (a few tokens repeated, up to thousands of characters) go through the fast path
    for long pieces; the sources are those of the scan."""
    from kg.extract.citations import _directive_sources
    from kg.normalise import normalise

    nt = normalise("Thực hiện " + "".join(tokens) * repeat)
    got = _directive_sources(nt, 0, len(nt.text), [])
    assert got == _directive_sources_by_scan(nt, 0, len(nt.text), [])


@pytest.mark.parametrize(
    "text",
    [
        # a long first piece that is no body (goes on to the next piece), then a body
        "Thực hiện các văn bản chỉ đạo của Nguyễn Văn An "
        + "nói rằng mọi người cùng nhau " * 30
        + ", Sở Y tế",
        # the same with ellipses in the long piece (cleaned as before)
        "Thực hiện các văn bản chỉ đạo của Nguyễn Văn An " + "nói rằng mọi người…" * 30 + ", Sở Y tế",
        "Thực hiện các văn bản chỉ đạo của Nguyễn Văn An " + "nói rằng...mọi người " * 30 + ", Sở Y tế",
        # a long piece with a clause verb far inside (stops there)
        "Thực hiện các văn bản chỉ đạo của Nguyễn Văn An " + "nói rằng " * 60 + "đề nghị, Sở Y tế",
        # a long piece that starts like a body
        "Thực hiện các văn bản chỉ đạo của Ban Bí thư " + "và mọi người " * 60 + ", Sở Y tế",
        # many directive phrases in one clause
        "Thực hiện " + "các văn bản chỉ đạo của Ban Bí thư, " * 200,
        "Thực hiện " + "các văn bản chỉ đạo của Nguyễn Văn An, " * 200 + "Bộ Y tế",
    ],
)
def test_directive_sources_on_long_clauses(text: str) -> None:
    from kg.extract.citations import _directive_sources
    from kg.normalise import normalise

    nt = normalise(text)
    assert _directive_sources(nt, 0, len(nt.text), []) == _directive_sources_by_scan(nt, 0, len(nt.text), [])


_CUE_TOKENS = [
    "theo",
    "Theo ",
    "thực hiện",
    "triển khai thực hiện",
    "căn cứ quy định tại",
    "quy định tại",
    "theo đúng quy định tại",
    "khoản 2 Điều 15 ",
    "tiếp tục thực hiện",
    "quán triệt và thực hiện",
    "căn cứ theo quy định tại",
    "tai",
    "Chỉ thị 16",
    "ban hành",
    "xét",
    " ",
    "   ",
    "\n",
    ", ",
    "; ",
    "x",
    "thực",
    "hiện",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_CUE_TOKENS), max_size=60),
    st.lists(st.tuples(st.integers(0, 600), st.integers(0, 600)), max_size=15),
    st.booleans(),
)
def test_cues_of_many_windows_are_the_cues_scanned_each_time(
    tokens: list[str], windows: list[tuple[int, int]], words_only: bool
) -> None:
    """``_CueIndex`` against a scan of each window; with ``words_only`` (cues and words between spaces,
    nothing else), every window ending in the text: the ends of windows fall inside long cues."""
    from kg.extract.citations import _cue, _CueIndex, _tables

    if words_only:
        tokens = [t.strip(" ,;\n") or "x" for t in tokens]
    text = " ".join(tokens) if words_only else "".join(tokens)
    cues = _CueIndex(text)
    cues._DIRECT = 0  # every window by the index  # type: ignore[misc]
    cues._CHUNK = 7  # the whole-text scan in many pieces  # type: ignore[misc]
    if words_only:
        windows = [(a, hi) for a, _ in windows[:3] for hi in range(len(text) + 1)]
    for a, b in windows:
        lo, hi = sorted((min(a, len(text)), min(b, len(text))))
        found = cues.window(lo, hi)
        if found is not None:
            own, i0, i1, tail = found
            spans = [m.span() for m in (*own, *cues.matches[i0:i1], *tail)]
            assert spans == [m.span() for m in _tables().cue_re.finditer(text, lo, hi)], (lo, hi)
        assert cues.relation(lo, hi) == _cue(text, lo, hi), (lo, hi)


@pytest.mark.parametrize(
    "text",
    [
        "Tỉnh ủy Sóc Trăng, tỉnh Hà Giang và Thành ủy Cần Thơ",
        "thanh pho Ha Noi; tinh uy Bac Ninh, tỉnh Hà Namx",
        "huyện Châu Thành tỉnh Long An tỉnh Tiền Giang",
        "không nêu tỉnh nào",
    ],
)
def test_provinces_mentioned_in_one_scan(text: str) -> None:
    """The scan for all the provinces at once finds those a search per province finds."""
    from kg import gazetteer as gz
    from kg.extract.issuer import provinces_mentioned
    from kg.text import fold

    folded = fold(text)
    by_search = frozenset(
        p.name
        for p in gz.provinces()
        if re.search(rf"\b(?:tinh|thanh pho|tinh uy|thanh uy) {re.escape(fold(p.name))}\b", folded)
    )
    assert provinces_mentioned(text) == by_search
    assert ("Sóc Trăng" in by_search) == ("Sóc Trăng" in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="kinhgu: \n-x", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_line_start_pattern_tried_at_line_starts(text: str, start: int, end: int) -> None:
    """A pattern that only matches at line starts, tried there only: the match of a search."""
    from kg.segment import _KINH_GUI_LOOSE, _at_line_start

    start, end = min(start, len(text)), min(end, len(text))
    got = _at_line_start(_KINH_GUI_LOOSE, text, start, end)
    want = _KINH_GUI_LOOSE.search(text, start, end)
    assert (got and got.span()) == (want and want.span())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AaĐđ Ng.!?:;\n\tx1", max_size=60))
def test_patterns_written_for_a_fast_scan(text: str) -> None:
    """Patterns rewritten so that a scan skips fast to their first character match as written plainly."""
    from kg.extract import persons

    hard = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n|:[ \t]*\n")
    assert [m.span() for m in _HARD_END.finditer(text)] == [m.span() for m in hard.finditer(text)]
    up, syl, caps, sep = persons._UP, persons._SYL, persons._CAPS_SYL, persons._SEP
    run = re.compile(rf"(?=[{up}])(?<![\w])({syl}(?:{sep}{syl})+|{caps}(?:{sep}(?:{caps}|[{up}]))+)(?![\w])")
    assert [m.span(1) for m in persons._RUN.finditer(text)] == [m.span(1) for m in run.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["chủ trì", "thực hiện", "tham gia", " ", ".", ";", ")", "\n", "x", "phoi hop"]))
)
def test_role_note_tail_looked_for_at_the_end_only(pieces: list[str]) -> None:
    from kg.extract.assignments import _NOTE_TAIL, _note_tail

    text = "".join(pieces[:12])

    for start in range(0, len(text) + 1, 3):
        for end in range(start, len(text) + 1, 2):
            assert _note_tail(text, start, end) == (_NOTE_TAIL.search(text, start, end) is not None)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "noi nhan",
                "noinhan:",
                "kinh gui",
                "kinhgui:",
                "kin",
                "no",
                "- ",
                ". ",
                "\n",
                " ",
                "x",
                "2021 ",
                ";",
            ]
        ),
        max_size=14,
    ),
    st.integers(0, 40),
)
def test_literal_led_patterns_tried_before_their_literal(pieces: list[str], start: int) -> None:
    """The "Kính gửi" and "Nơi nhận" scans tried only before "kin" and "noi" find what finditer finds."""
    from kg.segment import _KINH_GUI, _KINH_GUI_LEAD, _NOI_NHAN, _NOI_NHAN_LEAD, _literal_matches

    text = "".join(pieces)
    start = min(start, len(text))
    for rx, literal, lead in ((_KINH_GUI, "kin", _KINH_GUI_LEAD), (_NOI_NHAN, "noi", _NOI_NHAN_LEAD)):
        for end in (len(text), max(start, len(text) - 5)):
            got = [m.span() for m in _literal_matches(rx, text, literal, lead, start, end)]
            assert got == [m.span() for m in rx.finditer(text, start, end)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Nguyễn", "Văn", "An", "Lê", "Thị", "B2", "tế;", "Sở", "Y", "-", "!", "An!", ";", "VT."]
        )
    )
)
def test_name_tail_skips_lines_whose_last_word_ends_no_name(words: list[str]) -> None:
    """The test of the last word first gives what the tries of 4, 3 and 2 words give."""
    from kg.extract.signature import _NAME_WORDS, _TOKEN, _name_tail, _personal_name

    head = " ".join(words[:8])
    toks = list(_TOKEN.finditer(head))
    want = next(
        (
            toks[-k].start()
            for k in _NAME_WORDS
            if len(toks) > k and _personal_name(" ".join(t.group() for t in toks[-k:]))
        ),
        len(head),
    )
    assert _name_tail(head) == want


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["PHÓ", "CHỦ TỊCH", "Sở", "tế;", "ZZ.", "AQ", "(2).", "NT", "~", "=", "`", " ", "\t"])
    )
)
def test_line_tails_looked_at_from_the_last_token(words: list[str]) -> None:
    """The signature column's caps and noise tails, the last token tested first, are those of the scans."""
    from kg.extract import signature as sg

    line = " ".join(words[:8])
    toks = list(sg._TOKEN.finditer(line))
    j = len(toks)
    while j > 0 and not any(c in sg._LOWER for c in toks[j - 1].group()):
        j -= 1
    caps = (
        len(line)
        if len(toks) - j < 2 or j == 0 or not any(sg._UPPER2.search(t.group()) for t in toks[j:])
        else toks[j].start()
    )
    assert sg._caps_tail(line) == caps
    j = len(toks)
    while j > 0 and (sg.is_junk_token(toks[j - 1].group()) or sg._short_caps(toks[j - 1].group())):
        j -= 1
    junk = next((t.start() for t in toks[j:] if sg.is_junk_token(t.group())), len(line))
    assert sg._junk_tail(line) == junk
