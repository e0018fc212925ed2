"""Normalisation: tone styles, markup, whitespace, NFD — and the offset map back to the original."""

from __future__ import annotations

import unicodedata

import pytest

from kg.normalise import canonical_tones, normalise


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("TỈNH UỶ", "TỈNH ỦY"),
        ("Uỷ ban", "Ủy ban"),
        ("hoà bình", "hòa bình"),
        ("Hoà Bình", "Hòa Bình"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("thuỷ lợi", "thủy lợi"),
        ("tuỳ theo", "tùy theo"),
        ("xoá bỏ", "xóa bỏ"),
        ("quý, quỷ, quỹ", "quý, quỷ, quỹ"),  # qu- is a consonant: tone stays on y
        ("hoàng, hoạch, thuyết, khuyến", "hoàng, hoạch, thuyết, khuyến"),  # closed syllables unchanged
        ("ủy, hòa, thủy", "ủy, hòa, thủy"),  # already canonical
    ],
)
def test_canonical_tones(given: str, expected: str) -> None:
    assert canonical_tones(given) == expected
    assert len(canonical_tones(given)) == len(given)


@pytest.mark.parametrize(
    ("original", "normalised"),
    [
        ("**T/M BAN THƯỜNG VỤ\r\nPHÓ BÍ THƯ**", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"),
        ("THÔNG BÁO**KẾT LUẬN", "THÔNG BÁO KẾT LUẬN"),
        ("- Kính gửi:* - Các đồng chí", "- Kính gửi: - Các đồng chí"),
        ("a   b\t c  \n  d", "a b c\nd"),
        ("\ufeffSố 12-CV/TU", "Số 12-CV/TU"),
        ("Ðảng bộ", "Đảng bộ"),
        ("x\u00a0y", "x y"),
        ("*WAL*", "WAL"),
        # PDF fonts that put the Latin letter oi (U+01A3, U+01A2) for ư, Ư
        ("KT. BỘ TR\u01a2ỞNG", "KT. BỘ TRƯỞNG"),
        ("Phạm Tr\u01a3ờng An, Bộ Tr\u01a3ởng", "Phạm Trường An, Bộ Trưởng"),
        ("nh\u01a3\u0303ng ng\u01a3\u01a1\u0300i", "những người"),  # a mark after it composes
        # PDF fonts that print the Latin letter oi for "ư"; a tone mark after it composes
        ("KT. BỘ TRƢỞNG\nNguyễn Trƣờng Sơn", "KT. BỘ TRƯỞNG\nNguyễn Trường Sơn"),
        ("Trƣ\u0300ng", "Trừng"),
    ],
)
def test_normalise_text(original: str, normalised: str) -> None:
    assert normalise(original).text == normalised


def test_oi_letter_span_points_at_the_printed_name() -> None:
    original = "- Cổng TTĐT; Nguyễn Trƣờng Sơn\n"
    nt = normalise(original)
    i = nt.text.index("Nguyễn Trường Sơn")
    s, e = nt.span(i, i + len("Nguyễn Trường Sơn"))
    assert original[s:e] == "Nguyễn Trƣờng Sơn"


def _check_span(original: str, word: str) -> None:
    nt = normalise(original)
    i = nt.text.index(word)
    s, e = nt.span(i, i + len(word))
    got = canonical_tones(unicodedata.normalize("NFC", original[s:e])).replace("*", "")
    got = got.replace("\u01a3", "ư")
    assert " ".join(got.split()) == word


@pytest.mark.parametrize(
    ("original", "word"),
    [
        ("**Tỉnh uỷ  Cần Thơ**", "Tỉnh ủy Cần Thơ"),
        ("Số 764-CV/TU\r\n\r\n*Tăng cường*", "Tăng cường"),
        ("THÔNG BÁO**KẾT LUẬN", "KẾT LUẬN"),
        ("  - Đảng đoàn,", "Đảng đoàn"),
        ("KT. BỘ TR\u01a2ỞNG\nTHỨ TR\u01a2ỞNG\n\nPhạm Tr\u01a3ờng An", "Phạm Trường An"),
    ],
)
def test_spans_point_into_original(original: str, word: str) -> None:
    _check_span(original, word)


def test_nfd_input_maps_back_to_nfd_offsets() -> None:
    nfc = "Ủy ban nhân dân tỉnh Cần Thơ, ngày 28 tháng 5 năm 2021"
    nfd = unicodedata.normalize("NFD", nfc)
    assert len(nfd) > len(nfc)
    nt = normalise(nfd)
    assert nt.text == nfc
    i = nt.text.index("Cần Thơ")
    s, e = nt.span(i, i + len("Cần Thơ"))
    assert unicodedata.normalize("NFC", nfd[s:e]) == "Cần Thơ"
    assert e - s > len("Cần Thơ")  # the NFD slice is longer: offsets are in the original


def test_empty_span_and_end_of_text() -> None:
    nt = normalise("abc  ")
    assert nt.text == "abc"
    assert nt.span(1, 1) == (1, 1)
    assert nt.span(0, 3) == (0, 3)


def test_letter_oi_with_a_combining_mark_maps_back() -> None:
    original = "Ng\u01a3\u01a1\u0300i ký: Phạm An"  # "Người" with the PDF's oi and a combining grave
    nt = normalise(original)
    assert nt.text == "Người ký: Phạm An"
    s, e = nt.span(0, len("Người"))
    assert (s, e) == (0, 6)
    i = nt.text.index("Phạm")
    assert original[slice(*nt.span(i, i + 4))] == "Phạm"
