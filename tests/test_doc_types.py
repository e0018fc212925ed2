"""The document's type from its heading as real documents print it (spaced by OCR, in usual case, with an
urgency mark), from its number's code, or from a "V/v" subject; invented examples, one kind per table."""

from __future__ import annotations

import pytest

from kg.extract.header import extract_header
from kg.normalise import normalise
from kg.segment import loose_type_line, segment

# A Party letter's front matter without a number, so that only the heading can give the type.
PARTY = (
    "HUYỆN ỦY THANH SƠN\n*\n{num}\n\nThanh Sơn, ngày 3 tháng 5 năm 2021\n\n{heading}\n{subject}\n\n"
    "Ngày 2/5/2021, Thường trực Huyện ủy họp nghe báo cáo tình hình, sau khi nghe ý kiến các đồng chí dự "
    "họp, Thường trực Huyện ủy kết luận như sau:\n"
)


def type_and_title(text: str) -> tuple[str | None, str | None]:
    nt = normalise(text)
    h = extract_header(nt, segment(nt))
    return (h.type.value if h.type else None, h.title.value if h.title else None)


@pytest.mark.parametrize(
    ("heading", "subject", "want"),
    [
        # letters spaced or a word cut by OCR
        ("QUYẾ T ĐỊNH", "Về việc thành lập Tổ công tác", "Quyết định"),
        ("C Ô N G V Ă N", "Về việc triển khai nhiệm vụ", "Công văn"),
        ("K Ế H O Ạ C H", "Triển khai tiêm chủng", "Kế hoạch"),
        ("B Á O C Á O", "Kết quả công tác phòng, chống dịch", "Báo cáo"),
        ("C H Ỉ T H Ị", "Về việc tăng cường công tác", "Chỉ thị"),
        # in usual case
        ("Báo cáo", "Kết quả công tác phòng, chống dịch", "Báo cáo"),
        ("Tờ trình", "Về việc phê duyệt kinh phí", "Tờ trình"),
        ("Hướng dẫn", "Thực hiện cách ly y tế tại nhà", "Hướng dẫn"),
        ("Nghị quyết", "Về việc thông qua Kế hoạch", "Nghị quyết"),
        ("Công điện", "Về việc tăng cường phòng, chống dịch", "Công điện"),
        # in capitals, the types real folders hold besides letters and plans
        ("CHƯƠNG TRÌNH", "Hành động thực hiện Nghị quyết", "Chương trình"),
        ("ĐỀ ÁN", "Phát triển y tế cơ sở", "Đề án"),
        ("QUY CHẾ", "Làm việc của Ban Chỉ đạo", "Quy chế"),
        ("QUY ĐỊNH", "Về phòng, chống dịch trong cơ quan", "Quy định"),
        # an urgency mark after the type is neither the type nor the title
        ("CÔNG ĐIỆN KHẨN", "Về việc tăng cường phòng, chống dịch", "Công điện"),
        ("CÔNG ĐIỆN HỎA TỐC", "Về việc tăng cường phòng, chống dịch", "Công điện"),
        # a notice whose subject opens with the conclusion, in capitals or not
        ("THÔNG BÁO", "KẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY", "Thông báo kết luận"),
        ("THÔNG BÁO", "Kết luận của Thường trực Huyện ủy tại cuộc họp", "Thông báo kết luận"),
        ("THÔNG BÁO", "Ý kiến kết luận của Thường trực Huyện ủy", "Thông báo kết luận"),
        ("THÔNG BÁO", "Lịch làm việc của Thường trực Huyện ủy", "Thông báo"),
    ],
)
def test_type_from_the_heading(heading: str, subject: str, want: str) -> None:
    doc_type, title = type_and_title(PARTY.format(num="", heading=heading, subject=subject))
    assert doc_type == want
    assert title is not None and title.lower().endswith(subject.lower()[-12:])


@pytest.mark.parametrize(
    ("num", "heading", "subject", "want"),
    [
        # the number's code names the type; the heading agrees or refines it
        ("Số 12-KH/HU", "KẾ HOẠCH", "Triển khai tiêm chủng", "Kế hoạch"),
        ("Số 12-TB/HU", "THÔNG BÁO", "Kết luận của Thường trực Huyện ủy", "Thông báo kết luận"),
        # a State number without a type code implies a Công văn, unless a heading names the type
        ("Số: 12/UBND-VX", "CÔNG ĐIỆN", "Về việc tăng cường phòng, chống dịch", "Công điện"),
        ("Số: 12/UBND-VX", "Thông báo", "Kết luận của Chủ tịch UBND huyện", "Thông báo kết luận"),
        ("Số: 12/UBND-VX", "", "Tăng cường công tác phòng, chống dịch", "Công văn"),
        ("Số 12-CV/HU", "", "Tăng cường công tác phòng, chống dịch", "Công văn"),
        # no number, no heading: a "V/v" subject makes a Công văn, nothing else does
        ("", "", "V/v tăng cường công tác phòng, chống dịch", "Công văn"),
        ("", "", "Tăng cường công tác phòng, chống dịch", None),
    ],
)
def test_type_from_the_number_and_the_heading(num: str, heading: str, subject: str, want: str | None) -> None:
    assert type_and_title(PARTY.format(num=num, heading=heading, subject=subject))[0] == want


def test_a_letter_with_addressees_but_no_number_nor_subject_line_has_no_type() -> None:
    text = (
        "Thực hiện các biện pháp phòng, chống dịch\n\nKính gửi:\n- Các sở, ban, ngành;\n- UBND các huyện.\n\n"
        "Căn cứ tình hình thực tế, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện nghiêm.\n"
    )
    assert type_and_title(text)[0] is None


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("C Ô N G V Ă N", "cong van"),
        ("  QUYẾ T ĐỊNH ", "quyet dinh"),
        ("Kế hoạch", "ke hoach"),
        ("CÔNG ĐIỆN THƯỢNG KHẨN", "cong dien"),
        ("QUYẾT ĐỊNH:", None),  # the operative heading of a decision
        ("kế hoạch", None),  # running text
        ("Kế hoạch số 12-KH/UBND ngày 3/5/2021", None),
        ("ỦY BAN NHÂN DÂN", None),
    ],
)
def test_loose_type_line(line: str, words: str | None) -> None:
    assert loose_type_line(line) == words
