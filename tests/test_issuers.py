"""Issuers that are organs or units of a committee or an agency, with their parent, in any layout of the
header; issuers named only by a decision's authority line. Invented examples, one kind per table."""

from __future__ import annotations

import pytest

from kg.extract.header import extract_header
from kg.extract.lexicon import recase_org
from kg.normalise import normalise
from kg.segment import segment

Want = tuple[str, str | None, str | None, str | None]  # name, level, parent, jurisdiction key


def issuer_of(text: str) -> Want | None:
    nt = normalise(text)
    iss = extract_header(nt, segment(nt)).issuer
    if iss is None:
        return None
    return (iss.name, iss.level, iss.parent, iss.jurisdiction.key)


# An organ of a district Party committee (a merged "Cơ quan ..." of the district): its own line under
# the committee's, however the two columns were read.
ORGAN = ("Cơ quan Tổ chức - Nội vụ huyện Vân Đồn", "district", "Huyện ủy Vân Đồn", "quang-ninh/van-don")


@pytest.mark.parametrize(
    "text",
    [
        "HUYỆN ỦY VÂN ĐỒN\nCƠ QUAN TỔ CHỨC - NỘI VỤ\n*\nSố 12-CV/TC-NV\n",
        # the committee's line and the organ's on one line
        "HUYỆN ỦY VÂN ĐỒN CƠ QUAN TỔ CHỨC - NỘI VỤ\n*\nSố 12-CV/TC-NV\n",
        # the Party's motto flattened into the committee's line, before or after it
        "HUYỆN ỦY VÂN ĐỒN ĐẢNG CỘNG SẢN VIỆT NAM\nCƠ QUAN TỔ CHỨC - NỘI VỤ\n*\nSố 12-CV/TC-NV\n",
        "ĐẢNG CỘNG SẢN VIỆT NAM HUYỆN ỦY VÂN ĐỒN\nCƠ QUAN TỔ CHỨC - NỘI VỤ\nSố 12-CV/TC-NV\n",
        # three levels: the Party organisation of the province above the district's committee
        "ĐẢNG BỘ TỈNH QUẢNG NINH\nHUYỆN ỦY VÂN ĐỒN\nCƠ QUAN TỔ CHỨC - NỘI VỤ\n*\nSố 12-CV/TC-NV\n",
        "ĐẢNG BỘ TỈNH QUẢNG NINH HUYỆN ỦY VÂN ĐỒN CƠ QUAN TỔ CHỨC - NỘI VỤ\nSố 12-CV/TC-NV\n",
        # the name cut at its dash over two lines
        "HUYỆN ỦY VÂN ĐỒN\nCƠ QUAN TỔ CHỨC -\nNỘI VỤ\n*\nSố 12-CV/TC-NV\n",
        # the organ's line flattened with the other column's place and date
        "HUYỆN ỦY VÂN ĐỒN            ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "CƠ QUAN TỔ CHỨC - NỘI VỤ        Vân Đồn, ngày 3 tháng 5 năm 2021\nSố 12-CV/TC-NV\n",
        # OCR lost every mark
        "HUYEN UY VAN DON\nCO QUAN TO CHUC - NOI VU\n*\nSố 12-CV/TC-NV\n",
    ],
)
def test_organ_of_a_district_committee(text: str) -> None:
    assert issuer_of(text) == ORGAN


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # organs of a district committee under other names, with an en dash or cut before a dash
        (
            "HUYỆN ỦY ĐẦM HÀ CƠ QUAN TUYÊN GIÁO – VĂN HÓA ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 5-CV/TG-VH\n",
            ("Cơ quan Tuyên giáo – Văn hóa huyện Đầm Hà", "district", "Huyện ủy Đầm Hà", "quang-ninh/dam-ha"),
        ),
        (
            "HUYỆN ỦY ĐẦM HÀ\nCƠ QUAN ỦY BAN KIỂM TRA\n- THANH TRA\n*\nSố 5-CV/UBKT-TT\n",
            (
                "Cơ quan Ủy ban Kiểm tra - Thanh tra huyện Đầm Hà",
                "district",
                "Huyện ủy Đầm Hà",
                "quang-ninh/dam-ha",
            ),
        ),
        (
            "HUYỆN ỦY YÊN THÀNH\nTRUNG TÂM CHÍNH TRỊ\n*\nSố 12-CV/TTCT\n",
            ("Trung tâm Chính trị huyện Yên Thành", "district", "Huyện ủy Yên Thành", "nghe-an/yen-thanh"),
        ),
        # departments of a committee are named with the committee
        (
            "TỈNH ỦY NGHỆ AN\nBAN NỘI CHÍNH\n*\nSố 12-CV/BNCTU\n",
            ("Ban Nội chính Tỉnh ủy Nghệ An", "province", "Tỉnh ủy Nghệ An", "nghe-an"),
        ),
        (
            "TỈNH ỦY LẠNG SƠN BAN TỔ CHỨC ĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-CV/BTCTU\n",
            ("Ban Tổ chức Tỉnh ủy Lạng Sơn", "province", "Tỉnh ủy Lạng Sơn", "lang-son"),
        ),
        (
            "HUYEN UY YEN THANH\nUY BAN KIEM TRA\n*\nSố 12-CV/UBKTHU\n",
            ("Ủy ban Kiểm tra Huyện ủy Yên Thành", "district", "Huyện ủy Yên Thành", "nghe-an/yen-thanh"),
        ),
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nSố 12-HD/VPTW\n",
            ("Văn phòng Trung ương Đảng", "central", "Ban Chấp hành Trung ương", "vn"),
        ),
        # a board of the province named by place, not as a department of the committee
        (
            "TỈNH ỦY HÀ TĨNH\nBAN BẢO VỆ, CHĂM SÓC SỨC KHỎE CÁN BỘ TỈNH\n*\nSố 12-CV/BBVSK\n",
            ("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh Hà Tĩnh", "province", "Tỉnh ủy Hà Tĩnh", "ha-tinh"),
        ),
        # Party boards of State bodies, abbreviations written out
        (
            "TỈNH ỦY HÀ TĨNH\nĐẢNG ĐOÀN HĐND TỈNH\n*\nSố 12-CV/ĐĐ\n",
            ("Đảng đoàn Hội đồng nhân dân tỉnh Hà Tĩnh", "province", "Tỉnh ủy Hà Tĩnh", "ha-tinh"),
        ),
        # a line of the header that names no unit (an urgency mark, a damaged motto) is no organ
        ("TỈNH ỦY HÀ TĨNH\nMẬT\n*\nSố 12-CV/TU\n", ("Tỉnh ủy Hà Tĩnh", "province", None, "ha-tinh")),
        (
            "HUYỆN ỦY VÂN ĐỒN\nĐẢNG CỘNG SẢN VIỆT NAN\n*\nSố 12-CV/HU\n",
            ("Huyện ủy Vân Đồn", "district", None, "quang-ninh/van-don"),
        ),
    ],
)
def test_organs_and_departments_of_party_committees(text: str, want: Want) -> None:
    assert issuer_of(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the office of a People's Committee, of a ministry: named with its parent
        (
            "UBND TỈNH HÀ TĨNH\nVĂN PHÒNG\nSố: 12/VP-NC\n",
            ("Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh", "province", "Ủy ban nhân dân tỉnh Hà Tĩnh", "ha-tinh"),
        ),
        ("BỘ Y TẾ\nVĂN PHÒNG BỘ\nSố: 12/VPB\n", ("Văn phòng Bộ Y tế", "central", "Bộ Y tế", "vn")),
        ("BỘ Y TẾ\nTHANH TRA BỘ\nSố: 12/TTrB\n", ("Thanh tra Bộ Y tế", "central", "Bộ Y tế", "vn")),
        # the standing board and the committees of a People's Council
        (
            "HĐND TỈNH HÀ TĨNH\nTHƯỜNG TRỰC HĐND\nSố: 12/HĐND\n",
            (
                "Thường trực Hội đồng nhân dân tỉnh Hà Tĩnh",
                "province",
                "Hội đồng nhân dân tỉnh Hà Tĩnh",
                "ha-tinh",
            ),
        ),
        (
            "HĐND TỈNH HÀ TĨNH\nBAN KINH TẾ - NGÂN SÁCH\nSố: 12/BC-KTNS\n",
            (
                "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Hà Tĩnh",
                "province",
                "Hội đồng nhân dân tỉnh Hà Tĩnh",
                "ha-tinh",
            ),
        ),
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM HĐND TỈNH HÀ TĨNH\nĐộc lập - Tự do - Hạnh phúc BAN PHÁP CHẾ\n"
            "Số: 12/BC-PC\n",
            (
                "Ban Pháp chế Hội đồng nhân dân tỉnh Hà Tĩnh",
                "province",
                "Hội đồng nhân dân tỉnh Hà Tĩnh",
                "ha-tinh",
            ),
        ),
        # a People's Committee's agencies are named by place
        (
            "UBND TỈNH QUẢNG NINH\nBAN DÂN TỘC\nSố: 12/BDT\n",
            ("Ban Dân tộc tỉnh Quảng Ninh", "province", "Ủy ban nhân dân tỉnh Quảng Ninh", "quang-ninh"),
        ),
        (
            "UBND TỈNH HÀ TĨNH\nBỘ CHỈ HUY QUÂN SỰ\nSố: 12/BCH-TM\n",
            ("Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh", "province", "Ủy ban nhân dân tỉnh Hà Tĩnh", "ha-tinh"),
        ),
        (
            "UBND TỈNH QUẢNG NINH\nTRUNG TÂM KIỂM SOÁT BỆNH TẬT\nSố: 12/KSBT\n",
            (
                "Trung tâm Kiểm soát bệnh tật tỉnh Quảng Ninh",
                "province",
                "Ủy ban nhân dân tỉnh Quảng Ninh",
                "quang-ninh",
            ),
        ),
        (
            "UBND HUYỆN CẨM XUYÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "PHÒNG TÀI CHÍNH - KẾ HOẠCH Độc lập - Tự do - Hạnh phúc\nSố: 12/TCKH\n",
            (
                "Phòng Tài chính - Kế hoạch huyện Cẩm Xuyên",
                "district",
                "Ủy ban nhân dân huyện Cẩm Xuyên",
                "ha-tinh/cam-xuyen",
            ),
        ),
        (
            "UBND HUYỆN CẨM XUYÊN\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/PGDĐT\n",
            (
                "Phòng Giáo dục và Đào tạo huyện Cẩm Xuyên",
                "district",
                "Ủy ban nhân dân huyện Cẩm Xuyên",
                "ha-tinh/cam-xuyen",
            ),
        ),
        # a unit of a provincial agency named with a district is the district's
        (
            "CỤC THUẾ TỈNH HÀ TĨNH\nCHI CỤC THUẾ HUYỆN CẨM XUYÊN\nSố: 12/CCT\n",
            ("Chi cục Thuế huyện Cẩm Xuyên", "district", "Cục Thuế tỉnh Hà Tĩnh", "ha-tinh/cam-xuyen"),
        ),
        (
            "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH\nBẢO HIỂM XÃ HỘI HUYỆN CẨM XUYÊN\nSố: 12/BHXH\n",
            (
                "Bảo hiểm xã hội huyện Cẩm Xuyên",
                "district",
                "Bảo hiểm xã hội tỉnh Hà Tĩnh",
                "ha-tinh/cam-xuyen",
            ),
        ),
        (
            "CÔNG AN TỈNH HÀ TĨNH\nCÔNG AN HUYỆN CẨM XUYÊN\nSố: 12/CAH\n",
            ("Công an huyện Cẩm Xuyên", "district", "Công an tỉnh Hà Tĩnh", "ha-tinh/cam-xuyen"),
        ),
        (
            "SỞ Y TẾ TỈNH HÀ TĨNH\nTRUNG TÂM Y TẾ HUYỆN CẨM XUYÊN\nSố: 12/TTYT\n",
            ("Trung tâm Y tế huyện Cẩm Xuyên", "district", "Sở Y tế tỉnh Hà Tĩnh", "ha-tinh/cam-xuyen"),
        ),
        (
            "BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH\nBAN CHỈ HUY QUÂN SỰ HUYỆN CẨM XUYÊN\nSố: 12/BCH\n",
            (
                "Ban Chỉ huy Quân sự huyện Cẩm Xuyên",
                "district",
                "Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh",
                "ha-tinh/cam-xuyen",
            ),
        ),
        # sub-departments ("Chi cục") of a provincial agency, its place from the parent or the date line
        (
            "CỤC HẢI QUAN TỈNH QUẢNG NINH\nCHI CỤC HẢI QUAN CỬA KHẨU BẮC PHONG SINH\nSố: 12/HQBPS\n",
            (
                "Chi cục Hải quan cửa khẩu Bắc Phong Sinh tỉnh Quảng Ninh",
                "province",
                "Cục Hải quan tỉnh Quảng Ninh",
                "quang-ninh",
            ),
        ),
        (
            "SỞ NÔNG NGHIỆP VÀ PTNT\nCHI CỤC THÚ Y\nSố: 12/CCTY\nHà Tĩnh, ngày 3 tháng 5 năm 2021\n",
            ("Chi cục Thú y tỉnh Hà Tĩnh", "province", "Sở Nông nghiệp và Phát triển nông thôn", "ha-tinh"),
        ),
        (
            "ĐOÀN ĐBQH TỈNH HÀ TĨNH\nSố: 12/ĐĐBQH\n",
            ("Đoàn đại biểu Quốc hội tỉnh Hà Tĩnh", "province", None, "ha-tinh"),
        ),
    ],
)
def test_units_of_state_bodies(text: str, want: Want) -> None:
    assert issuer_of(text) == want


@pytest.mark.parametrize(
    ("caps", "name"),
    [
        ("CƠ QUAN TỔ CHỨC – NỘI VỤ", "Cơ quan Tổ chức – Nội vụ"),  # the en dash kept as printed
        ("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Phòng Lao động - Thương binh và Xã hội"),
        ("PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Phòng Tài nguyên và Môi trường"),
        ("PHÒNG KINH TẾ - HẠ TẦNG", "Phòng Kinh tế - Hạ tầng"),
        ("BẢO HIỂM XÃ HỘI HUYỆN CẨM XUYÊN", "Bảo hiểm xã hội huyện Cẩm Xuyên"),  # "xã hội" is no commune
        ("CHI CỤC DÂN SỐ - KẾ HOẠCH HÓA GIA ĐÌNH", "Chi cục Dân số - Kế hoạch hóa gia đình"),
    ],
)
def test_names_of_units_keep_the_case_of_their_fields(caps: str, name: str) -> None:
    assert recase_org(caps) == name


# A decision without its header (a web page, a scan missing its top, a copy in a compilation): the
# authority line above the preamble names the body that decides.
PREAMBLE = (
    "\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Xét đề nghị của Giám đốc Sở Y tế.\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch.\n"
    "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
)


@pytest.mark.parametrize(
    ("authority", "want"),
    [
        (
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
            ("Ủy ban nhân dân tỉnh Ninh Bình", "province", None, "ninh-binh"),
        ),
        (
            "CHỦ TỊCH UBND HUYỆN GIA VIỄN",
            ("Ủy ban nhân dân huyện Gia Viễn", "district", None, "ninh-binh/gia-vien"),
        ),
        (
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG",
            ("Ủy ban nhân dân thành phố Đà Nẵng", "province", None, "da-nang"),
        ),
        ("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", ("Ủy ban nhân dân tỉnh Ninh Bình", "province", None, "ninh-binh")),
        # OCR: marks lost, a stray full stop inside the post
        (
            "CHU TICH UY BAN NHAN DAN TINH NINH BINH",
            ("Ủy ban nhân dân tỉnh Ninh Bình", "province", None, "ninh-binh"),
        ),
        (
            "CHỦ. TỊCH ỦY BAN NHÂN DÂN HUYỆN NHO QUAN",
            ("Ủy ban nhân dân huyện Nho Quan", "district", None, "ninh-binh/nho-quan"),
        ),
        ("BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO", ("Bộ Giáo dục và Đào tạo", "central", None, "vn")),
        ("THỦ TƯỚNG CHÍNH PHỦ", ("Thủ tướng Chính phủ", "central", None, "vn")),
        ("TỔNG CỤC TRƯỞNG TỔNG CỤC THUẾ", ("Tổng cục Thuế", "central", None, "vn")),
        ("GIÁM ĐỐC SỞ Y TẾ TỈNH PHÚ THỌ", ("Sở Y tế tỉnh Phú Thọ", "province", None, "phu-tho")),
        ("CỤC TRƯỞNG CỤC THUẾ TỈNH PHÚ THỌ", ("Cục Thuế tỉnh Phú Thọ", "province", None, "phu-tho")),
        # a Party committee's standing board decides for the committee
        ("BAN THƯỜNG VỤ TỈNH ỦY PHÚ THỌ", ("Tỉnh ủy Phú Thọ", "province", None, "phu-tho")),
        ("BAN THƯỜNG VỤ HUYỆN ỦY THANH SƠN", ("Huyện ủy Thanh Sơn", "district", None, "phu-tho/thanh-son")),
    ],
)
def test_issuer_of_a_headerless_decision_from_its_authority_line(authority: str, want: Want) -> None:
    assert issuer_of(f"QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n{authority}{PREAMBLE}") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a council's resolution: the council's line under the title, its term after it
        (
            "NGHỊ QUYẾT\nVề việc thông qua Kế hoạch\n\nHỘI ĐỒNG NHÂN DÂN TỈNH PHÚ THỌ\nKHÓA XIX, KỲ HỌP THỨ 5"
            + PREAMBLE,
            ("Hội đồng nhân dân tỉnh Phú Thọ", "province", None, "phu-tho"),
        ),
        # a Party decision: the standing board's line closes the preamble, before "QUYẾT ĐỊNH:"
        (
            "QUYẾT ĐỊNH\nvề việc thành lập Ban Chỉ đạo\n\n- Căn cứ Điều lệ Đảng;\n"
            "- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ huyện khóa XXI;\n"
            "- Xét đề nghị của Ban Tổ chức Huyện ủy,\n\nBAN THƯỜNG VỤ HUYỆN ỦY THANH SƠN QUYẾT ĐỊNH:\n\n"
            "Điều 1. Thành lập Ban Chỉ đạo.\n",
            ("Huyện ủy Thanh Sơn", "district", None, "phu-tho/thanh-son"),
        ),
        # a header that lost its place line: the authority line gives it
        (
            "ỦY BAN NHÂN DÂN\n\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN" + PREAMBLE,
            ("Ủy ban nhân dân huyện Kim Sơn", "district", None, "ninh-binh/kim-son"),
        ),
        # a header naming its body wins over the authority line
        (
            "BỘ Y TẾ\nSố: 12/QĐ-BYT\n\nQUYẾT ĐỊNH\nVề việc ban hành Hướng dẫn\n\nBỘ TRƯỞNG BỘ Y TẾ"
            + PREAMBLE,
            ("Bộ Y tế", "central", None, "vn"),
        ),
        # a title in capitals is no authority line
        (
            "KẾ HOẠCH\nTRIỂN KHAI TIÊM CHỦNG CỦA SỞ Y TẾ\n\n"
            "Căn cứ Kế hoạch của tỉnh, Sở Y tế xây dựng kế hoạch.\n",
            None,
        ),
    ],
)
def test_authority_lines_in_other_places(text: str, want: Want | None) -> None:
    assert issuer_of(text) == want


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # a district name of several provinces: the province the text names elsewhere
        (
            "Thực hiện Kế hoạch số 59-KH/TU của Ban Thường vụ Tỉnh ủy Sóc Trăng, Ủy ban nhân dân huyện "
            "Châu Thành yêu cầu:",
            ("Ủy ban nhân dân huyện Châu Thành", "district", None, "soc-trang/chau-thanh"),
        ),
        # OCR cut a word of the acting board, put a full stop inside the place
        (
            "Thực hiện chỉ đạo của Tỉnh ủy, Ban Th ường vụ Huyện ủy Khánh Vĩnh yêu cầu:",
            ("Huyện ủy Khánh Vĩnh", "district", None, "khanh-hoa/khanh-vinh"),
        ),
        (
            "Triển khai Quyết định số 45/QĐ-UBND của Ủy ban nhân dân thành phố Hải Phòng, Ban Thường vụ "
            "Quận ủy Hải. An yêu cầu:",
            ("Quận ủy Hải An", "district", None, "hai-phong/hai-an"),
        ),
    ],
)
def test_issuer_of_a_headerless_text_from_the_acting_body(body: str, want: Want) -> None:
    text = f"CHỈ THỊ\nVề việc tăng cường phòng, chống dịch\n\n{body}\n\n1. Các cơ quan thực hiện nghiêm.\n"
    assert issuer_of(text) == want


@pytest.mark.parametrize(
    ("acting", "signed", "want"),
    [
        ("Ban Bí thư yêu cầu", "T/M BAN BÍ THƯ", "Ban Bí thư"),
        ("Bộ Chính trị kết luận", "T/M BỘ CHÍNH TRỊ", "Bộ Chính trị"),
        ("Bo Chinh tri yeu cau", "", "Bộ Chính trị"),  # OCR without marks, the signature lost
        ("các cấp ủy thực hiện", "T/M BỘ CHÍNH TRỊ", "Bộ Chính trị"),  # only the signature says it
        # the body names the organ only as the source of another text: the committee stays
        ("theo Kết luận của Bộ Chính trị, các cấp ủy thực hiện", "", "Ban Chấp hành Trung ương"),
    ],
)
def test_organ_of_the_central_committee_issues_under_its_header(acting: str, signed: str, want: str) -> None:
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 15-CT/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        "Hà Nội, ngày 2 tháng 7 năm 2021\n\n"
        f"CHỈ THỊ\nvề tăng cường phòng, chống dịch\n\nTrước tình hình dịch bệnh, {acting}:\n\n"
        "1. Các cấp ủy lãnh đạo thực hiện nghiêm.\n\n"
        "Nơi nhận:\n- Các tỉnh ủy, thành ủy,\n- Lưu Văn phòng Trung ương.\n\n"
        f"{signed}\nTHƯỜNG TRỰC BAN BÍ THƯ\n\n\nNguyễn Văn An\n"
    )
    got = issuer_of(text)
    assert got is not None and got[0] == want and got[1] == "central" and got[3] == "vn"
    assert got[2] == (None if want == "Ban Chấp hành Trung ương" else "Ban Chấp hành Trung ương")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the committee's line lost above its department's: the number's code and the place-date tell it
        (
            "BAN TUYÊN GIÁO\n*\nSố 12-CV/BTGHU\n\nYên Thành, ngày 3 tháng 5 năm 2021\n",
            ("Ban Tuyên giáo Huyện ủy Yên Thành", "district", "Huyện ủy Yên Thành", "nghe-an/yen-thanh"),
        ),
        (
            # dated from the city of the province
            "VĂN PHÒNG\n*\nSố 12-CV/VPTU\n\nVinh, ngày 3 tháng 5 năm 2021\n",
            ("Văn phòng Tỉnh ủy Nghệ An", "province", "Tỉnh ủy Nghệ An", "nghe-an"),
        ),
        (
            "VĂN PHÒNG\n*\nSố 12-CV/VPTU\n\nHà Nội, ngày 3 tháng 5 năm 2021\n",  # a centrally-run city
            ("Văn phòng Thành ủy Hà Nội", "province", "Thành ủy Hà Nội", "ha-noi"),
        ),
        # a header naming another body is kept
        (
            "SỞ Y TẾ\nSố: 12/SYT-NV\n\nKon Tum, ngày 3 tháng 5 năm 2021\n",
            ("Sở Y tế tỉnh Kon Tum", "province", None, "kon-tum"),
        ),
    ],
)
def test_department_whose_committee_line_was_lost(text: str, want: Want) -> None:
    assert issuer_of(text) == want


def test_central_name_of_reads_a_short_tail_only() -> None:
    # A line's key names a central body when it is the body's key, or the key then a space and at
    # most six more characters; of several keys that fit, the first of _central_names wins.
    from kg.extract.issuer import _central_name_of, _central_names

    for key, _ic in _central_names():
        expected = next(i for k, i in _central_names() if k == key)
        assert _central_name_of(key) is expected
        assert _central_name_of(key + " 2021") is expected
        assert _central_name_of(key + " ab cd") is expected
        assert _central_name_of(key + " abcdefg") is None  # seven more characters: no name
    assert _central_name_of("khong phai co quan nao") is None
