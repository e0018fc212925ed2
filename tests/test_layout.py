"""Layout of the front matter: columns flattened into one text, anchors misread by OCR, lines put before
the header. Each case is a kind of layout, written for the test (not copied from a real document)."""

from __future__ import annotations

import pytest

from kg.normalise import normalise
from kg.segment import fold_same_length, motto_spans, segment


def _zones(text: str) -> dict[str, str]:
    nt = normalise(text)
    return {k: nt.text[a:b] for k, (a, b) in segment(nt).zones.items()}


# The number and "V/v" in the left column, the motto and the place-date in the right one, read line by
# line: the subject's first line shares its line with the place-date.
INTERLEAVED = (
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH KON TUM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 123/UBND-VX\n"
    "V/v tăng cường phòng, chống Kon Tum, ngày 5 tháng 3 năm 2021\n"
    "dịch sốt xuất huyết trên địa bàn\n\n"
    "Kính gửi: Các sở, ban, ngành.\n\nNội dung văn bản.\n"
)
# A web page's title of the document (running text, more than 20 words) before the header.
WEB_TITLE = (
    "Công văn 123/UBND-VX năm 2021 về tăng cường các biện pháp phòng, chống dịch sốt xuất huyết trên địa "
    "bàn tỉnh Kon Tum do Ủy ban nhân dân tỉnh Kon Tum ban hành\n"
    "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n-------\nSố: 123/UBND-VX\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Kon Tum, ngày 5 tháng 3 năm 2021\nV/v tăng cường các biện pháp phòng, chống dịch\n"
    "Kính gửi: Các sở, ban, ngành.\nNội dung văn bản.\n"
)
DECISION = (
    "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 8/QĐ-UBND\nKon Tum, ngày 3 tháng 8 năm 2021\nQUYẾT ĐỊNH\n"
    "Về việc phê duyệt phương án phòng, chống dịch\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KON TUM\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
)
NO_BLANK_LINE = (
    "HUYỆN ỦY CHƯ SÊ\n*\nSố 46-CV/HU\nV/v tăng cường công tác\nphòng chống dịch\n"
    "Trong thời gian qua, tình hình dịch bệnh diễn biến phức tạp trên địa bàn huyện, Ban Thường vụ Huyện "
    "ủy yêu cầu các chi bộ thực hiện.\n"
)


@pytest.mark.parametrize(
    ("text", "zone", "value"),
    [
        (INTERLEAVED, "place_date", "Kon Tum, ngày 5 tháng 3 năm 2021"),
        # the title zone runs over the other column's place-date to the subject's second line
        (
            INTERLEAVED,
            "title",
            "V/v tăng cường phòng, chống Kon Tum, ngày 5 tháng 3 năm 2021\ndịch sốt xuất huyết trên địa bàn",
        ),
        (WEB_TITLE, "number", "Số: 123/UBND-VX"),
        (WEB_TITLE, "title", "V/v tăng cường các biện pháp phòng, chống dịch"),
        (WEB_TITLE, "body", "Nội dung văn bản.\n"),
        (DECISION, "title", "QUYẾT ĐỊNH\nVề việc phê duyệt phương án phòng, chống dịch"),
        (NO_BLANK_LINE, "title", "V/v tăng cường công tác\nphòng chống dịch"),
        # nor the body's first heading, in capitals like the title
        (
            "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 12/KH-UBND\nKon Tum, ngày 3 tháng 5 năm 2021\nKẾ HOẠCH\n"
            "TRIỂN KHAI TIÊM VẮC XIN PHÒNG COVID-19\nNĂM 2021-2022\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n",
            "title",
            "KẾ HOẠCH\nTRIỂN KHAI TIÊM VẮC XIN PHÒNG COVID-19\nNĂM 2021-2022",
        ),
        # "Số" misread by OCR is still the number's anchor
        ("BỘ CÔNG THƯƠNG\nS6: 9/BCT-XNK\nV/v xuất khẩu gạo\n", "number", "S6: 9/BCT-XNK"),
        ("BỘ CÔNG THƯƠNG\n$6: 9/BCT-XNK\nV/v xuất khẩu gạo\n", "number", "$6: 9/BCT-XNK"),
        ("HUYỆN ỦY CHƯ SÊ\n*\nSô 46-CV/HU\nV/v tăng cường\n", "number", "Sô 46-CV/HU"),
        # a date after the number, its place lost: the place-date zone is the date alone
        (
            "BỘ XÂY DỰNG\nSố: 12/BXD-VPngày 2 tháng 3 năm 2021\nV/v an toàn\n",
            "place_date",
            "ngày 2 tháng 3 năm 2021",
        ),
        ("BỘ XÂY DỰNG\nSố: 12/BXD-VPngày 2 tháng 3 năm 2021\nV/v an toàn\n", "number", "Số: 12/BXD-VP"),
    ],
)
def test_zone_of_a_layout(text: str, zone: str, value: str) -> None:
    assert _zones(text).get(zone) == value


@pytest.mark.parametrize(
    ("line", "place_date"),
    [
        ("Kon Tum ngày 5 tháng 3 năm 2021", "Kon Tum ngày 5 tháng 3 năm 2021"),  # OCR lost the comma
        ("Số: 12/UBND-VX Kon Tum ngày 5 tháng 3 năm 2021", "Kon Tum ngày 5 tháng 3 năm 2021"),
        ("Kon Tum; ngày 5 tháng 3 năm 2021", "Kon Tum; ngày 5 tháng 3 năm 2021"),
        ("Kon Tum, 05-3-2021", "Kon Tum, 05-3-2021"),
        ("Kon Tum, 05.3.2021", "Kon Tum, 05.3.2021"),
    ],
)
def test_place_date_written_loosely(line: str, place_date: str) -> None:
    head = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 12/UBND-VX"
    text = f"{head}\n{line}\nV/v tăng cường\nKính gửi: Các sở.\nNội dung.\n"
    assert _zones(text).get("place_date") == place_date


def test_a_place_without_comma_must_be_known_and_open_its_line() -> None:
    # a body named in the subject before a date is no place-date line
    text = (
        "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 12/UBND-VX\n"
        "V/v thực hiện Kết luận của Ban Thường vụ Tỉnh ủy Kon Tum ngày 5 tháng 3 năm 2021\n"
        "Kính gửi: Các sở.\nNội dung.\n"
    )
    assert "place_date" not in _zones(text)


def test_a_date_in_the_subject_is_not_the_date_of_a_letter_without_place() -> None:
    zones = _zones(
        "BỘ XÂY DỰNG\nSố: 12/BXD-VP V/v thực hiện Công văn ngày 2 tháng 3 năm 2021\n\nKính gửi: Các sở.\n"
    )
    assert "place_date" not in zones


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["BỘ Y TẾ "]),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM BỘ Y TẾ", [" BỘ Y TẾ"]),
        ("TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc", ["TỔNG CỤC THUẾ "]),
        ("HUYỆN ỦY CHƯ SÊ ĐẢNG CỘNG SẢN VIỆT NAM", ["HUYỆN ỦY CHƯ SÊ "]),
        ("BỘ TÀI CHÍNH _ CONG HÒA XÃ HO] CHỦ NGHĨA VIỆT NAM", ["BỘ TÀI CHÍNH _ "]),  # OCR-damaged motto
        ("SỞ Y TẾ ------- Độc lập - Tự do - Hạnh phúc", ["SỞ Y TẾ ", " "]),
        ("BỘ Y TẾ", ["BỘ Y TẾ"]),
    ],
)
def test_motto_spans_leave_the_issuers_column(line: str, pieces: list[str]) -> None:
    folded = fold_same_length(line)
    cuts = motto_spans(folded, 0, len(folded))
    bounds = [0, *(x for c in cuts for x in c), len(line)]
    assert [line[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True) if a < b] == pieces


# "Kính gửi:" as a broken font mapping or OCR spells it, after a subject that would otherwise run on
# into the addressees
@pytest.mark.parametrize("heading", ["Kmnhgài:", "Kính gởi:", "K1nh giri:", "Kinh gùi :", "- Kjnh gửi:"])
def test_kinh_gui_heading_misspelt(heading: str) -> None:
    from kg.extract.context import Context
    from kg.extract.parties import extract_recipients

    text = (
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nSố: 17/TLĐ-CSPL\nHà Nội, ngày 3 tháng 9 năm 2021\n"
        "V/v hướng dẫn đóng đoàn phí\nKPCĐ\n"
        f"{heading}\n- Các Liên đoàn Lao động tỉnh,\nthành phố trực thuộc Trung ương;\n"
        "- Các Công đoàn ngành Trung ương,\nCông đoàn Tổng Công ty.\n"
        "Căn cứ Điều lệ Công đoàn Việt Nam, Tổng Liên đoàn hướng dẫn như sau.\n"
    )
    zones = _zones(text)
    assert zones["title"] == "V/v hướng dẫn đóng đoàn phí\nKPCĐ"
    assert zones["kinh_gui"].startswith(heading.strip())
    nt = normalise(text)
    got = [m.text for m in extract_recipients(nt, segment(nt), Context(sha256="0" * 64))]
    # a bulleted item whose line ends with a comma goes on on the next line, bullet or none
    assert got == [
        "Các Liên đoàn Lao động tỉnh, thành phố trực thuộc Trung ương",
        "Các Công đoàn ngành Trung ương, Công đoàn Tổng Công ty",
    ]


def test_a_line_like_a_heading_without_its_colon_is_no_heading() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\nSố: 5/UBND-VX\nV/v kinh phí\nKinh gia đình chính sách\n\nNội dung.\n"
    )
    assert "kinh_gui" not in _zones(text)
