"""People named in the body with their posts; no persons from posts without a name."""

from __future__ import annotations

import unicodedata

import pytest

from kg.extract.context import Context
from kg.extract.persons import extract_persons, split_posts
from kg.normalise import normalise
from kg.record import Signatory
from kg.segment import segment

CTX = Context(sha256="0" * 64)


def persons(body: str, signatory: Signatory | None = None) -> list[tuple[str, tuple[str, ...]]]:
    text = "Số 1-CV/TU\n\n" + body + "\n\nNơi nhận:\n- Như trên,\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn Tám\n"
    nt = normalise(text)
    out = extract_persons(nt, segment(nt), CTX, signatory)
    for p in out:
        s, e = p.span
        assert normalise(nt.original[s:e]).text == p.name
    return [(p.name, p.positions) for p in out]


CASES = [
    (
        "Sau khi nghe đồng chí Nguyễn Long Biên-Ủy viên Thường vụ Tỉnh ủy, Phó Chủ tịch Ủy ban nhân dân tỉnh "
        "báo cáo và ý kiến của các đồng chí dự họp; Thường trực Tỉnh ủy kết luận như sau:",
        [("Nguyễn Long Biên", ("Ủy viên Thường vụ Tỉnh ủy", "Phó Chủ tịch Ủy ban nhân dân tỉnh"))],
    ),
    (
        "Sau khi nghe đồng chí Vương Thị Mai, Ủy viên Ban Thường vụ "
        "Tỉnh ủy, Phó Chủ tịch Ủy ban nhân dân tỉnh, "
        "Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh báo cáo, Ban Thường vụ Tỉnh ủy kết luận:",
        [
            (
                "Vương Thị Mai",
                (
                    "Ủy viên Ban Thường vụ Tỉnh ủy",
                    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
                    "Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh",
                ),
            )
        ],
    ),
    (  # post before the name, OCR without marks on the family name
        "Xét báo cáo của Bộ Công an về giải quyết nhập cảnh. Phó Thủ "
        "tướng Thường trực Chính phủ Pham Bình Minh "
        "có ý kiến như sau:",
        [("Pham Bình Minh", ("Phó Thủ tướng Thường trực Chính phủ",))],
    ),
    (  # posts without a name give no person
        "Thực hiện quyết liệt việc tiêm vắc xin; đồng chí Phó Bí thư "
        "Huyện ủy, Chủ tịch Ủy ban nhân dân huyện "
        "chịu trách nhiệm về việc tiêm vắc xin trên địa bàn huyện.",
        [],
    ),
    (  # place names and body names are not persons
        "Ban Thường vụ Tỉnh ủy Lâm Đồng và Thành phố Hồ Chí Minh; Ban Chấp hành Đảng bộ tỉnh chỉ đạo.",
        [],
    ),
]


@pytest.mark.parametrize(("body", "want"), CASES, ids=[f"p{i}" for i in range(len(CASES))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_persons(body: str, want: list[tuple[str, tuple[str, ...]]], form: str) -> None:
    assert persons(unicodedata.normalize(form, body)) == want


def test_signatory_is_left_out() -> None:
    body = "Giao đồng chí Lê Văn Tám, Phó Chủ tịch Ủy ban nhân dân huyện kiểm tra việc thực hiện."
    sig = Signatory("Lê Văn Tám", "Bí thư", "T/M", "Ban Thường vụ", None)
    assert persons(body, sig) == []
    assert persons(body) == [("Lê Văn Tám", ("Phó Chủ tịch Ủy ban nhân dân huyện",))]


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        ("Phó Chủ tịch Ủy ban nhân dân huyện trực tiếp kiểm tra", ["Phó Chủ tịch Ủy ban nhân dân huyện"]),
        (
            "Phó Trưởng ban Thường trực Ban Chỉ đạo phòng, chống dịch Covid-19 huyện trực tiếp",
            ["Phó Trưởng ban Thường trực Ban Chỉ đạo phòng, chống dịch Covid-19 huyện"],
        ),
        ("báo cáo tình hình", []),
    ],
)
def test_split_posts(text: str, posts: list[str]) -> None:
    assert split_posts(text) == posts
