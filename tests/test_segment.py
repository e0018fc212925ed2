"""Zones and numbered items of the segmenter, on Party and State layouts, OCR merges and NFD input."""

from __future__ import annotations

import unicodedata

import pytest

from kg.normalise import normalise
from kg.segment import fold_same_length, segment

PARTY = """THÀNH ỦY CẦN THƠ
*
Số 168-CV/TU
Tiếp tục thực hiện các biện pháp,
nâng cao hiệu quả công tác phòng, chống
dịch bệnh Covid-19
ĐẢNG CỘNG SẢN VIỆT NAM
Cần Thơ, ngày 28 tháng 5 năm 2021
- Kính gửi:* - Các quận ủy, huyện ủy,
- Các ban cán sự đảng, đảng đoàn,
đảng ủy trực thuộc Thành ủy,
- Ban Chỉ đạo thành phố về phòng, chống dịch bệnh Covid-19.

Hiện nay, tình hình dịch bệnh Covid-19 đang tiếp tục diễn biến hết sức phức tạp, từ ngày 27/4 dịch bùng phát.

1- Tiếp tục quán triệt sâu sắc các văn bản chỉ đạo.
2- Các cấp, các ngành chủ động xây dựng phương án.
2.1. Rà soát.
3- Ban Tuyên giáo Thành ủy chủ trì.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Thành ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nguyễn Văn An
"""

STATE = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 3218/QĐ-UBND | Quảng Bình, ngày 18 tháng 11 năm 2024

QUYẾT ĐỊNH

VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;

Điều 1. Công bố kèm theo Quyết định này.

Nơi nhận:
- Như Điều 4;
- Lưu: VT, KSTTHC.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Thị Bình
"""

ONE_LINE = (
    "Công văn 19046/BTC-TCHQ. BỘ TÀI CHÍNH --------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ----------------\n"
    "Số: 19046/BTC-TCHQ V/v hướng dẫn thực hiện các quy định của Luật hải quan 2014\n"
    "Hà Nội, ngày 29 tháng 12 năm 2014 Kính gửi: Cục Hải quan các tỉnh, thành phố.\n"
    "Luật hải quan được Quốc hội thông qua ngày 23/6/2014 và có hiệu lực thi hành từ ngày 01/01/2015.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT, TCHQ (65).\n"
    "KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Văn Hòa\n"
)

OCR = (
    "Ký bởi: Tổng cục Thuế\nThời gian ký: 02.12.2022 16:53\n\n"
    "BỘ TÀI CHÍNH - CONG HOA XÃ HỘI CHỦ NGA VIET NAM\n"
    "TONG CỤC THUE Độc lập - Tự do — Hanh phúc\n"
    "Số: 4489 /TCT-TTKT Hà Nội, ngày ñ| tháng 42 năm 2022\n\n"
    "V/v tăng cường công tác quản lý\nthuế đối với hộ kinh doanh.\n\n"
    "Kính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương.\n\n"
    "Tổng cục Thuế đã ban hành Công văn số 1923/TCT-TTKT ngày 06/6/2022 chỉ đạo các Cục Thuế.\n\n"
    "Noi nhận: TL. TONG CUC TRUONG\n- Như trên;\n- Luu: VT, TTKT (3b)\n\nNguyễn Văn Long\n"
)


# The body's first paragraph right after the last addressee (no blank line), two columns of the
# closing blocks interleaved line by line, an appendix with bullets after the signature.
NO_BLANK = (
    "ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\nSố: 77/UBND-VX\nV/v phòng, chống dịch\n"
    "Kính gửi: Sở Y tế tỉnh Hậu Giang\nỦy ban nhân dân tỉnh nhận được Công văn số 5/SYT ngày 02/3/2021 của "
    "Sở Y tế.\nSở Y tế chủ trì, phối hợp các đơn vị liên quan tổ chức tiêm vắc xin trên địa bàn tỉnh.\n"
    "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai thực hiện nghiêm túc.\n\n"
    "Nơi nhận:\nTM. ỦY BAN NHÂN DÂN\n- Như trên;\nKT. CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n"
    "PHÓ CHỦ TỊCH\n- Lưu: VT, VX.\n(Đã ký)\nĐinh Văn Hùng\n\nPHỤ LỤC\nCÁC ĐIỂM TIÊM\n- Trạm y tế xã.\n"
)


def _zone(text: str, name: str) -> str | None:
    nt = normalise(text)
    z = segment(nt).get(name)
    return nt.text[z[0] : z[1]] if z else None


@pytest.mark.parametrize(
    ("text", "zone", "starts", "ends"),
    [
        (PARTY, "header", "THÀNH ỦY CẦN THƠ", "THÀNH ỦY CẦN THƠ"),
        (PARTY, "number", "Số 168-CV/TU", "Số 168-CV/TU"),
        (PARTY, "title", "Tiếp tục thực hiện", "dịch bệnh Covid-19"),
        (PARTY, "motto", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        (PARTY, "place_date", "Cần Thơ, ngày 28", "năm 2021"),
        (PARTY, "kinh_gui", "- Kính gửi:", "phòng, chống dịch bệnh Covid-19."),
        (PARTY, "body", "Hiện nay", "Thành ủy chủ trì.\n\n"),
        (PARTY, "noi_nhan", "Nơi nhận:", "Lưu Văn phòng Thành ủy."),
        (PARTY, "signature", "T/M BAN THƯỜNG VỤ", "Nguyễn Văn An\n"),
        (STATE, "number", "Số: 3218/QĐ-UBND", "Số: 3218/QĐ-UBND"),
        (STATE, "place_date", "Quảng Bình, ngày 18", "năm 2024"),
        (STATE, "title", "QUYẾT ĐỊNH", "THỦ TỤC HÀNH CHÍNH"),
        (STATE, "body", "Căn cứ Luật", "kèm theo Quyết định này.\n\n"),
        (STATE, "signature", "KT. CHỦ TỊCH", "Trần Thị Bình\n"),
        (ONE_LINE, "number", "Số: 19046/BTC-TCHQ", "19046/BTC-TCHQ"),
        (ONE_LINE, "title", "V/v hướng dẫn", "Luật hải quan 2014"),
        (ONE_LINE, "place_date", "Hà Nội, ngày 29", "năm 2014"),
        (ONE_LINE, "kinh_gui", "Kính gửi:", "các tỉnh, thành phố."),
        (ONE_LINE, "signature", "KT. BỘ TRƯỞNG", "Lê Văn Hòa\n"),
        (OCR, "number", "Số: 4489 /TCT-TTKT", "/TCT-TTKT"),
        (OCR, "place_date", "Hà Nội, ngày", "năm 2022"),
        (OCR, "title", "V/v tăng cường", "hộ kinh doanh."),
        (OCR, "kinh_gui", "Kính gửi:", "trực thuộc Trung ương."),
        (OCR, "signature", "TL. TONG CUC TRUONG", "Nguyễn Văn Long\n"),
        (NO_BLANK, "kinh_gui", "Kính gửi:", "Sở Y tế tỉnh Hậu Giang"),
        (NO_BLANK, "body", "Ủy ban nhân dân tỉnh nhận được", "triển khai thực hiện nghiêm túc."),
        (NO_BLANK, "noi_nhan", "Nơi nhận:", "- Lưu: VT, VX."),
        (NO_BLANK, "signature", "TM. ỦY BAN NHÂN DÂN", "Trạm y tế xã."),
    ],
    ids=lambda v: v[:12] if isinstance(v, str) and len(v) > 40 else None,
)
def test_zones(text: str, zone: str, starts: str, ends: str) -> None:
    got = _zone(text, zone)
    assert got is not None, zone
    assert got.startswith(starts), got
    assert got.rstrip().endswith(ends.rstrip()), got


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        (PARTY, "type_line"),  # a Party letter has no type line
        ("\n- Kính gửi:*\n- Các cơ quan tỉnh.\n\nNội dung văn bản đủ dài để làm thân bài.\n", "number"),
        ("\n- Kính gửi:*\n- Các cơ quan tỉnh.\n\nNội dung văn bản đủ dài để làm thân bài.\n", "place_date"),
        (STATE, "kinh_gui"),
    ],
)
def test_missing_zones(text: str, zone: str) -> None:
    assert _zone(text, zone) is None


def test_items_and_item_at() -> None:
    nt = normalise(PARTY)
    seg = segment(nt)
    labels = [(it.label, it.depth) for it in seg.items]
    assert labels == [("1", 1), ("2", 1), ("2.1", 2), ("3", 1)]
    pos = nt.text.index("Rà soát")
    item = seg.item_at(pos)
    assert item is not None and item.label == "2.1"
    assert seg.item_at(nt.text.index("Hiện nay")) is None
    b0, b1 = seg.body()
    assert b0 <= pos < b1


def test_body_does_not_contain_closing_blocks() -> None:
    body = _zone(PARTY, "body") or ""
    assert "Nơi nhận" not in body and "T/M" not in body and "Kính gửi" not in body


def test_nfd_gives_same_zones() -> None:
    a = segment(normalise(PARTY)).zones
    b = segment(normalise(unicodedata.normalize("NFD", PARTY))).zones
    assert a == b


def test_fold_same_length() -> None:
    s = "Hà Nội, ngày 28 tháng 5 Đảng ỦY"
    f = fold_same_length(s)
    assert len(f) == len(s)
    assert f == "ha noi, ngay 28 thang 5 dang uy"


@pytest.mark.parametrize(
    "piece",
    [
        "Ủy ban nhân dân tỉnh Đắk Lắk",  # a slice of the text folded whole
        "ĐẮK LẮK",
        "Nơi nhận: Sở Y tế",
        "Ủy ban nhân dân tỉnh Đắk Nông",  # not in the text
        "Đồng 中 Nai 𐐀",  # beyond the prefilled table
        "ây",
    ],
)
def test_fold_same_length_of_a_slice_is_the_slice_of_the_fold(piece: str) -> None:
    """A string folds to the same whether it is a slice of the document folded last or not."""
    from kg.segment import _FoldTable, fold_same_length, fold_text

    text = "UBND TỈNH ĐẮK LẮK\nỦy ban nhân dân tỉnh Đắk Lắk giao ...\nNơi nhận: Sở Y tế;"
    folded = fold_text(text)
    assert folded == text.translate(_FoldTable())
    assert fold_same_length(piece) == piece.translate(_FoldTable())
    assert len(fold_same_length(piece)) == len(piece)
    assert fold_same_length("ĐẮK LẮK") == "dak lak"
