"""Citations of numbered documents and directive sources (kg/extract/citations.py)."""

from __future__ import annotations

import pytest

from kg.extract.citations import extract_citations
from kg.extract.context import Context
from kg.normalise import normalise
from kg.record import Citation, DirectiveSource, Issuer, Jurisdiction
from kg.segment import segment

HG = Jurisdiction(province="Hà Giang")
VX = Jurisdiction(province="Hà Giang", district="Vị Xuyên")
BP = Jurisdiction(province="Bình Phước")


def ctx_for(juris: Jurisdiction | None, level: str | None = None) -> Context:
    if juris is None:
        return Context(sha256="0" * 64)
    return Context(sha256="0" * 64, issuer=Issuer("X", level, None, None, juris))


def run(text: str, juris: Jurisdiction | None = None, level: str | None = None):
    nt = normalise(text)
    cits, ds = extract_citations(nt, segment(nt), ctx_for(juris, level))
    return nt, cits, ds


def one(text: str, juris: Jurisdiction | None = None, level: str | None = None) -> Citation:
    _, cits, _ = run(text, juris, level)
    assert len(cits) == 1, [c.number for c in cits]
    return cits[0]


# number, type, date, issuer, relation
CASES = [
    (  # Party form, date d/m/yyyy, named central issuer (seed 000)
        "Trước tình hình trên; thực hiện Công văn số 5273-CV/BTGTW, ngày 25/4/2023 của Ban Tuyên giáo "
        "Trung ương về việc tăng cường chỉ đạo công tác phòng, chống dịch Covid-19, Ban Thường vụ "
        "Tỉnh ủy yêu cầu:",
        None,
        ("5273-CV/BTGTW", "Công văn", "2023-04-25", "Ban Tuyên giáo Trung ương", "implements"),
    ),
    (  # State form, "Căn cứ"
        "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về thực hiện các biện "
        "pháp cấp bách;",
        HG,
        ("16/CT-TTg", "Chỉ thị", "2020-03-31", "Thủ tướng Chính phủ", "based_on"),
    ),
    (  # date "ngày … tháng … năm …", issuer from code TU scoped to the citing province
        "Thực hiện Kế hoạch số 119-KH/TU ngày 18 tháng 12 năm 2019, các cấp ủy triển khai.",
        HG,
        ("119-KH/TU", "Kế hoạch", "2019-12-18", "Tỉnh ủy Hà Giang", "implements"),
    ),
    (  # approves a submission; issuer named before the citation (seed 002)
        "Thường trực Tỉnh ủy thống nhất với đề xuất cho hoạt động kinh doanh dịch vụ văn hóa của Ban cán sự "
        "đảng Ủy ban nhân dân tỉnh tại Tờ trình số 112-TTr/BCSD ngày 25/02/2022. Lưu ý,",
        None,
        ("112-TTr/BCSD", "Tờ trình", "2022-02-25", "Ban cán sự đảng Ủy ban nhân dân tỉnh", "approves"),
    ),
    (  # OCR-noisy number, issuer from the state code, background "đã ban hành"
        "Ngày 12/3/2020 Tổng cục Thuế đã ban hành Công văn số 1046/TCT- TTKT\nchỉ đạo Cục Thuế.",
        None,
        ("1046/TCT-TTKT", "Công văn", "2020-03-12", "Tổng cục Thuế", "cites"),
    ),
    (  # a five-word province name is found in the issuer and not appended again
        "Căn cứ Công văn số 605/UBND-KGVX ngày 12/01/2021 của Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu về "
        "thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19, Ban Thường vụ Huyện ủy yêu cầu:",
        Jurisdiction(province="Bà Rịa - Vũng Tàu", district="Côn Đảo"),
        ("605/UBND-KGVX", "Công văn", "2021-01-12", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "based_on"),
    ),
    (  # the same cited from another province: the cited body keeps its own province
        "Căn cứ Công văn số 605/UBND-KGVX ngày 12/01/2021 của Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu về "
        "thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19,",
        HG,
        ("605/UBND-KGVX", "Công văn", "2021-01-12", "Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu", "based_on"),
    ),
    (  # the same with the marks of "Ngày ... đã ban hành" lost (OCR, typing)
        "Ngay 12/3/2020 Tổng cục Thuế da ban hanh Công văn số 1046/TCT- TTKT\nchỉ đạo Cục Thuế.",
        None,
        ("1046/TCT-TTKT", "Công văn", "2020-03-12", "Tổng cục Thuế", "cites"),
    ),
    (  # day, month and year in words, marks lost
        "Ngay 31 thang 8 nam 2020, Bộ Y tế ban hanh Công văn số 4674/BYT-MT về phòng dịch.",
        None,
        ("4674/BYT-MT", "Công văn", "2020-08-31", "Bộ Y tế", "cites"),
    ),
    (  # issuer before the date, double space (realdoc QĐ 1227)
        "Căn cứ Quyết định số 06/QĐ-TTg  của Thủ tướng Chính phủ ngày 06 tháng 01 năm 2022 phê duyệt Đề án;",
        None,
        ("06/QĐ-TTg", "Quyết định", "2022-01-06", "Thủ tướng Chính phủ", "based_on"),
    ),
    (  # law: type from the word before the law's name, issuer from QH
        "Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày 09 tháng 01 năm 2023;",
        None,
        ("15/2023/QH15", "Luật", "2023-01-09", "Quốc hội", "based_on"),
    ),
    (  # "Ban Thường vụ Tỉnh ủy" → the committee, scoped
        "Thực hiện Công văn số 1042-CV/TU ngày 24/5/2021 của Ban Thường vụ Tỉnh ủy về tăng cường "
        "tuyên truyền,"
        " Ban Thường vụ Huyện ủy yêu cầu:",
        VX,
        ("1042-CV/TU", "Công văn", "2021-05-24", "Tỉnh ủy Hà Giang", "implements"),
    ),
    (  # a named province wins over the citing document's
        "Thực hiện Kế hoạch số 120-KH/TU ngày 5 tháng 4 năm 2021 của Ban Thường vụ Tỉnh ủy Hà Giang, Ban "
        "Thường vụ Huyện ủy yêu cầu:",
        BP,
        ("120-KH/TU", "Kế hoạch", "2021-04-05", "Tỉnh ủy Hà Giang", "implements"),
    ),
    (  # "theo" → cites; the Sở as printed, its jurisdiction the province
        "Theo đề nghị của Sở Y tế tại Tờ trình số 61/TTr-SYT ngày 15/4/2022,",
        HG,
        ("61/TTr-SYT", "Tờ trình", "2022-04-15", "Sở Y tế", "cites"),
    ),
    (  # Chủ tịch + Ủy ban nhân dân tỉnh → the committee of the province
        "Triển khai Công điện số 05/CĐ-UBND ngày 26/5/2021 của Chủ tịch Ủy ban nhân dân tỉnh về việc tăng "
        "cường các biện pháp, Chủ tịch Ủy ban nhân dân huyện yêu cầu:",
        Jurisdiction(province="Bình Phước", district="Lộc Ninh"),
        ("05/CĐ-UBND", "Công điện", "2021-05-26", "Ủy ban nhân dân tỉnh Bình Phước", "implements"),
    ),
]


@pytest.mark.parametrize(("text", "juris", "want"), CASES)
def test_citation_attributes(text: str, juris: Jurisdiction | None, want: tuple[str, ...]) -> None:
    c = one(text, juris)
    assert (c.number, c.type, c.date, c.issuer, c.relation) == want


@pytest.mark.parametrize(("text", "juris", "want"), CASES)
def test_span_covers_number_in_original(text: str, juris: Jurisdiction | None, want: tuple[str, ...]) -> None:
    nt, cits, _ = run(text, juris)
    s, e = cits[0].span
    assert want[0].split("/")[0].split("-")[0] in nt.original[s:e]
    assert nt.original[s:e].replace(" ", "").replace("\n", "").find(want[0].replace(" ", "")[:4]) >= 0


def test_title_read_to_end_of_clause() -> None:
    c = one(CASES[0][0])
    assert c.title == "tăng cường chỉ đạo công tác phòng, chống dịch Covid-19"


@pytest.mark.parametrize(
    ("juris", "key", "issuer"),
    [
        (HG, "ha-giang", "Tỉnh ủy Hà Giang"),
        (VX, "ha-giang", "Tỉnh ủy Hà Giang"),  # a district document cites its province's /TU
        (BP, "binh-phuoc", "Tỉnh ủy Bình Phước"),
        (None, None, "Tỉnh ủy"),
    ],
)
def test_tu_scoped_by_jurisdiction(juris: Jurisdiction | None, key: str | None, issuer: str) -> None:
    c = one("Thực hiện Công văn số 764-CV/TU ngày 18/5/2023, các cấp ủy tăng cường lãnh đạo.", juris)
    assert c.jurisdiction.key == key
    assert c.issuer == issuer
    assert c.issuer_level == "province"


def test_national_codes_are_national() -> None:
    c = one("Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ;", HG)
    assert c.jurisdiction == Jurisdiction(national=True)
    assert c.issuer_level == "central"
    assert c.type == "Nghị định"


def test_list_with_inherited_type_and_issuer_code() -> None:
    text = (
        "Theo đề nghị của Ủy ban nhân dân Thành phố Hà Nội tại Tờ trình số 83/TTr-UBND ngày 31 tháng 3 năm "
        "2026, các văn bản số 1407/UBND-NNMT ngày 05 tháng 4 năm 2026 và số 1446/UBND-NNMT ngày 07 tháng 4 "
        "năm 2026."
    )
    _, cits, _ = run(text)
    assert [(c.number, c.type, c.date, c.relation) for c in cits] == [
        ("83/TTr-UBND", "Tờ trình", "2026-03-31", "cites"),
        ("1407/UBND-NNMT", "Công văn", "2026-04-05", "cites"),
        ("1446/UBND-NNMT", "Công văn", "2026-04-07", "cites"),
    ]


def test_ocr_list_in_parentheses() -> None:
    text = (
        "Xét báo cáo của Bộ Công an và Bộ Ngoại giao (các văn bản SỐ 1792/BC-BCA\nngày 27/12/2021, só "
        "170/BNG-LS ngày 18/01/2022) về giải quyết cho người nước ngoài."
    )
    _, cits, _ = run(text)
    assert [(c.number, c.type, c.issuer, c.relation) for c in cits] == [
        ("1792/BC-BCA", "Báo cáo", "Bộ Công an", "cites"),
        ("170/BNG-LS", "Công văn", "Bộ Ngoại giao", "cites"),
    ]


def test_cue_governs_list_across_semicolon() -> None:
    text = (
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ về những nhiệm vụ, giải "
        "pháp chủ yếu; "
        "Quyết định số 33/QĐ-TCT ngày 12/01/2023 của Tổng cục Thuế về kế hoạch hành động. Theo Quyết định số "
        "78/QĐ-TCT ngày 02/02/2023 của Tổng cục Thuế, các Cục Thuế báo cáo."
    )
    _, cits, _ = run(text)
    assert [(c.number, c.relation) for c in cits] == [
        ("01/NQ-CP", "implements"),
        ("33/QĐ-TCT", "implements"),
        ("78/QĐ-TCT", "cites"),  # a new sentence: the cue does not carry over
    ]


def test_new_cue_after_comma_makes_a_sibling() -> None:
    text = (
        "Thực hiện Công văn số 612-CV/BTGTW ngày 20/5/2021 của Ban Tuyên giáo Trung ương về công tác tuyên "
        "truyền trong đợt dịch thứ tư, đồng thời tiếp tục thực hiện Kế hoạch số 120-KH/TU ngày 05/4/2021 của "
        "Ban Thường vụ Tỉnh ủy, Ban Thường vụ Tỉnh ủy yêu cầu:"
    )
    _, cits, _ = run(text, HG)
    assert [(c.number, c.relation, len(c.cites)) for c in cits] == [
        ("612-CV/BTGTW", "implements", 0),
        ("120-KH/TU", "implements", 0),
    ]


@pytest.mark.parametrize(
    ("text", "parent", "child", "child_relation"),
    [
        (
            "Căn cứ Quyết định số 812/QĐ-UBND ngày 12/4/2021 của Uỷ ban nhân dân tỉnh Hà Giang về ban "
            "hành Kế "
            "hoạch thực hiện Chỉ thị số 05-CT/TW ngày 22/3/2021 của Ban Bí thư về tăng cường sự lãnh đạo;",
            "812/QĐ-UBND",
            "05-CT/TW",
            "implements",
        ),
        (
            "Căn cứ Nghị định số 75/2023/NĐ-CP ngày 19 tháng 10 năm 2023 của Chính phủ sửa đổi, bổ "
            "sung một số "
            "điều của Nghị định số 146/2018/NĐ-CP ngày 17 tháng 10 năm 2018 của Chính phủ;",
            "75/2023/NĐ-CP",
            "146/2018/NĐ-CP",
            "cites",
        ),
    ],
)
def test_citation_in_cited_title_is_nested(text: str, parent: str, child: str, child_relation: str) -> None:
    c = one(text, VX)
    assert c.number == parent and c.relation == "based_on"
    assert [(d.number, d.relation) for d in c.cites] == [(child, child_relation)]
    assert c.cites[0].issuer in ("Ban Bí thư", "Chính phủ")


def test_nested_parent_jurisdiction_is_the_province() -> None:
    c = one(test_citation_in_cited_title_is_nested.pytestmark[0].args[1][0][0], VX)  # type: ignore[attr-defined]
    assert c.issuer == "Ủy ban nhân dân tỉnh Hà Giang"
    assert c.jurisdiction.key == "ha-giang"
    assert c.cites[0].jurisdiction.national


def test_own_number_excluded() -> None:
    text = (
        "TỈNH ỦY HÀ GIANG\n*\nSố 1042-CV/TU\nV/v tăng cường tuyên truyền\n\nKính gửi: Các huyện ủy.\n\n"
        "Thực hiện Công văn số 612-CV/BTGTW ngày 20/5/2021 của Ban Tuyên giáo Trung ương, Ban Thường vụ Tỉnh "
        "ủy yêu cầu: các cấp ủy thực hiện tốt nội dung Công văn này.\n"
        "(Kèm theo Công văn số 1042-CV/TU)\n"
    )
    _, cits, _ = run(text, HG)
    assert [c.number for c in cits] == ["612-CV/BTGTW"]


def test_state_header_number_excluded() -> None:
    text = "THỦ TƯỚNG CHÍNH PHỦ\n-------\nSố: 15/CT-TTg\n\nHà Nội, ngày 27 tháng 3 năm 2020\n\nCHỈ THỊ\n"
    assert run(text)[1] == ()


@pytest.mark.parametrize(
    "text",
    [
        "từ ngày 17/4 đến ngày 18/5/2023 toàn tỉnh ghi nhận 894 ca mắc.",
        "hiện nay tình hình dịch Covid-19 ở Campuchia đang bùng phát sau “sự kiện ngày 20/2”.",
        "theo mẫu số 01-1/TB-TĐT ban hành kèm theo Thông tư.",
        "Phòng Thanh tra kiểm tra thuế số 2 để được hỗ trợ.",
    ],
)
def test_no_false_citations(text: str) -> None:
    assert run(text)[1] == ()


def test_directive_sources_split_on_body_heads() -> None:
    text = (
        "1. Tiếp tục quán triệt và tổ chức triển khai thực hiện nghiêm túc các văn bản chỉ đạo của "
        "Ban Bí thư "
        "Trung ương Đảng, Thủ tướng Chính phủ, Ban Chỉ đạo quốc gia phòng, chống dịch Covid-19, Bộ Y tế, Ban "
        "Thường vụ Tỉnh uỷ, Ủy ban nhân dân tỉnh, Ban Chỉ đạo phòng, chống dịch bệnh của tỉnh.\n"
    )
    _, cits, ds = run(text)
    assert cits == ()
    assert [d.body for d in ds] == [
        "Ban Bí thư Trung ương Đảng",
        "Thủ tướng Chính phủ",
        "Ban Chỉ đạo quốc gia phòng, chống dịch Covid-19",
        "Bộ Y tế",
        "Ban Thường vụ Tỉnh ủy",
        "Ủy ban nhân dân tỉnh",
        "Ban Chỉ đạo phòng, chống dịch bệnh của tỉnh",
    ]
    assert {d.relation for d in ds} == {"implements"}


def test_directive_source_theo_chi_dao_stops_at_main_clause() -> None:
    text = (
        "Thực hiện Chỉ thị số 08/CT-UBND ngày 28/5/2021 của Ủy ban nhân dân tỉnh về việc tăng cường các biện "
        "pháp và theo chỉ đạo của Thủ tướng Chính phủ, Chủ tịch Ủy ban nhân dân huyện yêu cầu:"
    )
    nt, cits, ds = run(text, Jurisdiction(province="Hà Giang", district="Bắc Quang"))
    assert [c.issuer for c in cits] == ["Ủy ban nhân dân tỉnh Hà Giang"]
    assert ds == (DirectiveSource("Thủ tướng Chính phủ", "implements", ds[0].span),)
    s, e = ds[0].span
    assert nt.original[s:e] == "Thủ tướng Chính phủ"


def test_repeated_number_merged() -> None:
    text = (
        "KẾ HOẠCH\nthực hiện Kế hoạch số 120-KH/TU của Ban Thường vụ Tỉnh ủy về phòng, chống dịch\n\n"
        "Thực hiện Kế hoạch số 120-KH/TU, ngày 16/4/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy "
        "xây dựng Kế hoạch."
    )
    _, cits, _ = run(text, Jurisdiction(province="Bình Phước", district="Bù Đăng"), "district")
    assert len(cits) == 1
    c = cits[0]
    assert (c.date, c.issuer, c.relation, c.jurisdiction.key) == (
        "2021-04-16",
        "Tỉnh ủy Bình Phước",
        "implements",
        "binh-phuoc",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Items under a "Căn cứ pháp lý" heading are bases (OCR: "CAN CU PHÁP LÝ") until a sentence ends.
        (
            "Số 1-CV/TU\n\nI. CAN CU PHÁP LÝ\n\nQuyết định số 878/QD-BYT ngày 12/03/2020 của Bộ Y tế"
            " về ban hành hướng dẫn;\n\nCông văn số 4674/BYT-MT ngày 31/08/2020 của Bộ Y tế về việc"
            " hướng dẫn.\n\nII. NỘI DUNG\n\nTheo Công văn số 5/BYT-MT ngày 02/9/2020.",
            [("878/QD-BYT", "based_on"), ("4674/BYT-MT", "based_on"), ("5/BYT-MT", "cites")],
        ),
        # "Căn cứ A;" then a paragraph break: the next item continues the list.
        (
            "Số 1-CV/TU\n\nCăn cứ Quyết định số 878/QĐ-BYT ngày 12/03/2020 của Bộ Y tế;\n\n"
            "Công văn số 4674/BYT-MT ngày 31/08/2020 của Bộ Y tế về việc hướng dẫn.",
            [("878/QĐ-BYT", "based_on"), ("4674/BYT-MT", "based_on")],
        ),
        # A later "và tiếp tục thực hiện" opens a sibling, not a citation inside the first one's title.
        (
            "Triển khai Công điện số 716/CĐ-TTg ngày 25/5/2021 của Thủ tướng Chính phủ về tăng cường"
            " các biện pháp phòng, chống dịch Covid-19 và tiếp tục thực hiện Kế hoạch số 120-KH/TU"
            " ngày 05/4/2021 của Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:",
            [("716/CĐ-TTg", "implements"), ("120-KH/TU", "implements")],
        ),
        # OCR: "và" without its mark still joins two siblings; a stray mark after "số".
        (
            "Thực hiện Nghị quyết số 74/NQ-CP ngày 03/08/2021 của Chính phủ va thực hiện Kế hoạch số"
            "' 30-KH/TU ngày 29/03/2020 của Ban Thường vụ Tỉnh ủy Vĩnh Phúc về tăng cường sự lãnh đạo"
            " của Đảng, Ban Thường vụ Huyện ủy yêu cầu:",
            [("74/NQ-CP", "implements"), ("30-KH/TU", "implements")],
        ),
    ],
)
def test_list_relations_and_siblings(text: str, expected: list[tuple[str, str]]) -> None:
    from kg.pipeline import extract_text

    cits = extract_text(text).citations
    assert [(c.number, c.relation) for c in cits] == expected
    assert all(not c.cites for c in cits)


# --------------------------------------------------------------------------- real-document kinds
# Each case is an invented sentence of a kind seen in real documents: (text, [(number, type, relation)])
# for the top-level citations, in order.
FORMS = [
    (  # an ordinance of the Standing Committee, which signs with its term ("/UBTVQH14")
        "Căn cứ Pháp lệnh Chống tham nhũng số 09/2019/PL-UBTVQH14 ngày 02/4/2019;",
        [("09/2019/PL-UBTVQH14", "Pháp lệnh", "based_on")],
    ),
    (  # a resolution of the Standing Committee: type from the code, issuer from the code with its term
        "Căn cứ Nghị quyết số 512/NQ-UBTVQH15 ngày 03/5/2023 về điều chỉnh địa giới;",
        [("512/NQ-UBTVQH15", "Nghị quyết", "based_on")],
    ),
    (  # a number with a year and no type code is no công văn: the type stays unknown without a word
        "Thực hiện theo số 31/2018/UBTVQH14 đã nêu.",
        [("31/2018/UBTVQH14", None, "implements")],
    ),
    (  # a consolidated text, cited with "số" and without it, in parentheses after the act it consolidates
        "Căn cứ Thông tư số 77/2014/TT-BXD ngày 05/6/2014 của Bộ Xây dựng (văn bản hợp nhất 21/VBHN-BXD ngày"
        " 09/9/2019) về định mức;",
        [("77/2014/TT-BXD", "Thông tư", "based_on"), ("21/VBHN-BXD", "Văn bản hợp nhất", "based_on")],
    ),
    (  # a number broken after a slash by a line break or a stray space
        "Căn cứ Nghị định số 71/2024/\nNĐ-CP ngày 20/6/2024 của Chính phủ; Căn cứ Nghị định số 72/\n"
        "2024/NĐ-CP ngày 21/6/2024; Căn cứ Nghị định số 73/2024/ NĐ-CP ngày 22/6/2024 của Chính phủ;",
        [
            ("71/2024/NĐ-CP", "Nghị định", "based_on"),
            ("72/2024/NĐ-CP", "Nghị định", "based_on"),
            ("73/2024/NĐ-CP", "Nghị định", "based_on"),
        ],
    ),
    (  # the act that amended a cited act is cited in its own right, with the same relation
        "Căn cứ Nghị định số 30/2022/NĐ-CP ngày 10 tháng 5 năm 2022 của Chính phủ quy định chức năng của Bộ"
        " Nội vụ được sửa đổi, bổ sung bởi Nghị định số 44/2024/NĐ-CP;",
        [("30/2022/NĐ-CP", "Nghị định", "based_on"), ("44/2024/NĐ-CP", "Nghị định", "based_on")],
    ),
    (  # a subject with no link to the next citation: "… và Thông tư số …" is the next item of the list
        "Bộ Tài chính đã ban hành Quyết định số 2210/QĐ-BTC ngày 30/11/2022 về giao dự toán thu ngân sách"
        " năm 2023 và Thông tư số 95/2022/TT-BTC ngày 28/12/2022 quy định về tổ chức thực hiện dự toán.",
        [("2210/QĐ-BTC", "Quyết định", "cites"), ("95/2022/TT-BTC", "Thông tư", "cites")],
    ),
    (  # a number that runs on into the sentence has no subject to hold the next citation
        "Cơ quan thuế áp dụng Điều 5 Nghị định số 90/2019/NĐ-CP để xử phạt một hành vi (cơ quan thuế căn cứ"
        " quy định tại Nghị định số 60/2015/NĐ-CP xác định mức phạt).",
        [("90/2019/NĐ-CP", "Nghị định", "cites"), ("60/2015/NĐ-CP", "Nghị định", "based_on")],
    ),
    (  # two parallel items that repeat their introducing words are siblings
        "Bãi bỏ Phụ lục 2 ban hành kèm theo Quyết định số 515/QĐ-BCT ngày 02/3/2022 của Bộ trưởng Bộ Công"
        " Thương ban hành danh mục mặt hàng và Phụ lục 3 ban hành kèm theo Quyết định số 1120/QĐ-BCT ngày"
        " 08/6/2023 của Bộ trưởng Bộ Công Thương ban hành danh mục hàng hóa.",
        [("515/QĐ-BCT", "Quyết định", "cites"), ("1120/QĐ-BCT", "Quyết định", "cites")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_real_document_citation_forms(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    _, cits, _ = run(text, HG)
    assert [(c.number, c.type, c.relation) for c in cits] == expected
    assert all(not c.cites for c in cits)


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        (FORMS[5][0], "30/2022/NĐ-CP", "quy định chức năng của Bộ Nội vụ"),
        (FORMS[6][0], "2210/QĐ-BTC", "giao dự toán thu ngân sách năm 2023"),
        (FORMS[8][0], "515/QĐ-BCT", "ban hành danh mục mặt hàng"),
    ],
)
def test_subject_ends_before_the_next_item(text: str, number: str, title: str) -> None:
    _, cits, _ = run(text, HG)
    assert {c.number: c.title for c in cits}[number] == title


def test_issuer_code_with_term() -> None:
    c = one(FORMS[1][0], HG)
    assert (c.issuer, c.issuer_level, c.jurisdiction.key) == ("Ủy ban Thường vụ Quốc hội", "central", "vn")


# (text, citing jurisdiction, {number: issuer})
ISSUERS = [
    (  # the name ends where the body's words begin, after a named place
        "Tổng cục Thuế nhận được Công văn số 2251/CT-TTHT ngày 04/6/2021 của Cục Thuế tỉnh Nam Định vướng mắc"
        " về hoàn thuế.",
        None,
        {"2251/CT-TTHT": "Cục Thuế tỉnh Nam Định"},
    ),
    (  # a known name cut short by OCR: the body of the number's code
        "Thực hiện Nghị quyết số 30/NQ-CP ngày 11/10/2021 của Thủ tướng Chính\nvề ban hành quy định.",
        None,
        {"30/NQ-CP": "Chính phủ"},
    ),
    (  # a unit and its parent named before "tại"
        "Theo ý kiến của Cục Khoa học công nghệ, Bộ Y tế tại Công văn số 75/K2ĐT-KHCN ngày 13/8/2021.",
        None,
        {"75/K2ĐT-KHCN": "Cục Khoa học công nghệ, Bộ Y tế"},
    ),
    (  # the body named for a list passes to the items of its code, not across ";"
        "Theo đề nghị của Sở Tài chính tại Tờ trình số 40/TTr-STC ngày 02/3/2024; của Ủy ban nhân dân huyện"
        " Gia Lâm tại Tờ trình số 12/TTr-UBND ngày 05/3/2024, các văn bản số 301/UBND-TCKH ngày 06/3/2024 và"
        " số 315/UBND-TCKH ngày 08/3/2024 và Báo cáo số 20/BC-UBND ngày 09/3/2024; và Báo cáo số 7/BC-UBND.",
        Jurisdiction(province="Hà Nội"),
        {
            "40/TTr-STC": "Sở Tài chính",  # as printed (its node: "Sở Tài chính thành phố Hà Nội")
            "12/TTr-UBND": "Ủy ban nhân dân huyện Gia Lâm",
            "301/UBND-TCKH": "Ủy ban nhân dân huyện Gia Lâm",
            "315/UBND-TCKH": "Ủy ban nhân dân huyện Gia Lâm",
            "20/BC-UBND": "Ủy ban nhân dân huyện Gia Lâm",
            "7/BC-UBND": "Ủy ban nhân dân thành phố Hà Nội",  # after ";": from its code and the citing city
        },
    ),
    (  # a post of a named local body is kept as printed; a bare committee still gets its place
        "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 88/TTr-STP ngày 01/4/2024. Thực hiện Kết luận"
        " số 15-KL/TU ngày 02/4/2024 của Bí thư Tỉnh ủy.",
        HG,
        {"88/TTr-STP": "Giám đốc Sở Tư pháp", "15-KL/TU": "Bí thư Tỉnh ủy Hà Giang"},
    ),
]


@pytest.mark.parametrize(("text", "juris", "expected"), ISSUERS)
def test_issuer_of_cited_document(text: str, juris: Jurisdiction | None, expected: dict[str, str]) -> None:
    _, cits, _ = run(text, juris)
    assert {c.number: c.issuer for c in cits} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the provision a rule is read from decides over a cue that opened the sentence
        (
            "Thực hiện kiểm tra hồ sơ hoàn thuế trong năm đảm bảo theo đúng quy định tại khoản 2, Điều 15,"
            " Luật Kế toán số 88/2015/QH13.",
            [("88/2015/QH13", "cites")],
        ),
        (
            "Các đoàn thực hiện đúng nguyên tắc và thẩm quyền được quy định tại Điều 9 Nghị định số"
            " 55/2011/NĐ-CP ngày 04/7/2011.",
            [("55/2011/NĐ-CP", "cites")],
        ),
        # "căn cứ quy định tại" is still a basis
        (
            "Căn cứ quy định tại điểm a khoản 3 Điều 8 Nghị định số 45/2020/NĐ-CP;",
            [("45/2020/NĐ-CP", "based_on")],
        ),
        # a near cue with other words than provisions before the citation does not decide
        (
            "Tiếp tục thực hiện các biện pháp đã quy định tại kế hoạch của tỉnh và Chỉ thị số 12/CT-TTg ngày"
            " 01/4/2021 của Thủ tướng Chính phủ.",
            [("12/CT-TTg", "implements")],
        ),
    ],
)
def test_provision_cue_decides(text: str, expected: list[tuple[str, str]]) -> None:
    _, cits, _ = run(text)
    assert [(c.number, c.relation) for c in cits] == expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # the attachment names its document with a digit lost: the document itself
        ("(Kèm theo Công văn số 47 /BNG-LS ngày 18/8/2021)\n", []),
        ("(Ban hành kèm theo Công văn số 4 7/BNG-LS)\n", []),
        # another symbol, or the same symbol in running text, is a citation
        ("(Kèm theo Công văn số 47/BNG-VP ngày 18/8/2021)\n", ["47/BNG-VP"]),
        ("Thực hiện Công văn số 47/BNG-LS ngày 18/8/2021.\n", ["47/BNG-LS"]),
    ],
)
def test_attachment_names_own_document(tail: str, expected: list[str]) -> None:
    from kg.pipeline import extract_text

    text = (
        "BỘ NGOẠI GIAO\nSố: 4{7 /BNG-LS\nV/v xác nhận giấy tờ\n\nHà Nội, ngày 18 tháng 8 năm 2021\n\n"
        "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh.\n\nBộ Ngoại giao đề nghị Ủy ban xác nhận.\n\n"
        "Mẫu Giấy xác nhận\n" + tail
    )
    assert [c.number for c in extract_text(text).citations] == expected


SHORT_DOC = (
    "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 45/KH-UBND\nHà Giang, ngày 5 tháng 5 năm {year}\nKẾ HOẠCH\n"
    "Phòng, chống dịch\n\n"
    "Căn cứ Kế hoạch số 119-KH/TU ngày 18/12/2019 của Ban Thường vụ Tỉnh ủy về phòng, chống dịch (sau đây gọi"
    " tắt là Kế hoạch số 119); Theo Công văn số 12/SYT-NV ngày 2/5/2020 của Sở Y tế.\n\n"
    "1. Tiếp tục thực hiện nghiêm Kế hoạch 119 và thực hiện giãn cách xã hội theo Chỉ thị 16 của Thủ tướng"
    " Chính phủ. Các cơ quan triển khai Công văn nêu trên; các quy định nêu trên áp dụng đến hết"
    " Kế hoạch 45.\n"
)


def _short(year: int) -> dict[str, tuple[str, list[str]]]:
    from kg.pipeline import extract_text

    text = SHORT_DOC.format(year=year)
    return {c.number: (c.relation, [text[s:e] for s, e in c.mentions]) for c in extract_text(text).citations}


def test_short_references_resolved_to_the_full_citation() -> None:
    got = _short(2020)
    # the name given in "(sau đây gọi tắt là …)" and "Công văn nêu trên" (supra) join their citation; a
    # strong cue before a short reference gives a citation read only as "cites" its relation
    assert got["119-KH/TU"] == ("based_on", ["Kế hoạch 119"])
    assert got["12/SYT-NV"] == ("implements", ["Công văn nêu trên"])
    # a nationally known short form with no full citation in the text, in its years
    assert got["16/CT-TTg"] == ("implements", [])
    # the document's own short name ("Kế hoạch 45") is no citation
    assert set(got) == {"119-KH/TU", "12/SYT-NV", "16/CT-TTg"}


def test_known_short_form_only_in_its_years() -> None:
    assert "16/CT-TTg" not in _short(2024)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another body named for the short form: not the known document
        ("Thực hiện Chỉ thị 16 của Ủy ban nhân dân tỉnh về phòng dịch.", []),
        ("Thực hiện Chỉ thị số 16 của Thủ tướng Chính phủ về phòng dịch.", ["16/CT-TTg"]),
        # two citations of that type and serial: the short form is not resolved, nor a known document
        (
            "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 và Chỉ thị số 16/CT-UBND ngày 2/4/2020. Thực hiện Chỉ"
            " thị 16.",
            ["16/CT-TTg", "16/CT-UBND"],
        ),
    ],
)
def test_known_short_form_unambiguous(text: str, expected: list[str]) -> None:
    from kg.pipeline import extract_text

    text = "Hà Giang, ngày 5 tháng 5 năm 2020\n\n" + text
    cits = extract_text(text).citations
    assert [c.number for c in cits] == expected
    assert all(not c.mentions for c in cits)


def test_mentions_are_evidence_of_the_citation() -> None:
    from kg.pipeline import extract_text
    from kg.rdf import record_nquads

    text = SHORT_DOC.format(year=2020)
    rec = extract_text(text)
    c = next(c for c in rec.citations if c.number == "119-KH/TU")
    (s, e) = c.mentions[0]
    assert rec.to_json()["citations"][0]["mentions"] == [[s, e]]
    nq = record_nquads(rec, text, "x.txt", generated_at="2024-01-01T00:00:00Z")
    assert f"#char={s},{e}>" in nq


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a Party number printed with a spaced hyphen, en dash or em dash; a State number with a spaced slash
        (
            "Thực hiện Thông báo số 12 – TB/HU ngày 20/4/2021 của Huyện ủy, các chi bộ triển khai.",
            ("12-TB/HU", "Thông báo", "2021-04-20"),
        ),
        (
            "Thực hiện Kế hoạch số 45 - KH/TU ngày 02/3/2022 của Ban Thường vụ Tỉnh ủy, các chi bộ làm.",
            ("45-KH/TU", "Kế hoạch", "2022-03-02"),
        ),
        (
            "Thực hiện Kế hoạch số 45—KH/TU ngày 02/3/2022, các cấp ủy triển khai.",
            ("45-KH/TU", "Kế hoạch", "2022-03-02"),
        ),
        (
            "Thực hiện Công văn số 8 – CV/TC–NV ngày 02/3/2022, các chi bộ báo cáo.",
            ("8-CV/TC-NV", "Công văn", "2022-03-02"),
        ),
        (
            "Căn cứ Công văn số 123 / UBND-VX ngày 5/5/2021 của UBND huyện;",
            ("123/UBND-VX", "Công văn", "2021-05-05"),
        ),
    ],
)
def test_numbers_with_spaced_and_long_dashes(text: str, want: tuple[str, str, str]) -> None:
    c = one(text, VX, "district")
    assert (c.number, c.type, c.date) == want


@pytest.mark.parametrize(
    ("text", "number", "issuer"),
    [
        # "/TW" is signed by the Central Committee, the Politburo and the Secretariat: no issuer is guessed
        ("Thực hiện Chỉ thị số 7-CT/TW, ngày 12/6/2021, các cấp ủy triển khai thực hiện.", "7-CT/TW", None),
        ("Quán triệt Nghị quyết số 21-NQ/TW ngày 16/01/2022 đến cán bộ, đảng viên.", "21-NQ/TW", None),
        ("Thực hiện Quy định số 105-QĐ/TW ngày 19/12/2017, các cấp ủy rà soát.", "105-QĐ/TW", None),
        # ... unless the text names it, there or at another mention of the same number
        (
            "Thực hiện Chỉ thị số 7-CT/TW ngày 12/6/2021 của Bộ Chính trị, các cấp ủy triển khai.",
            "7-CT/TW",
            "Bộ Chính trị",
        ),
        (
            "Thực hiện Kết luận số 17-KL/TW ngày 12/6/2021, các cấp ủy triển khai. Kết luận số 17-KL/TW của "
            "Ban Bí thư yêu cầu các cấp ủy báo cáo kết quả.",
            "17-KL/TW",
            "Ban Bí thư",
        ),
        # the office of which body? "/VP" is signed by several
        ("Thực hiện Công văn số 12/VP-KGVX ngày 20/4/2021, các đơn vị báo cáo.", "12/VP-KGVX", None),
        # a department of the Central Committee has its own code
        (
            "Thực hiện Hướng dẫn số 36-HD/VPTW ngày 03/4/2018, các cấp ủy thực hiện thống nhất.",
            "36-HD/VPTW",
            "Văn phòng Trung ương Đảng",
        ),
    ],
)
def test_issuer_of_a_code_several_bodies_sign_with(text: str, number: str, issuer: str | None) -> None:
    c = one(text, VX, "district")
    assert (c.number, c.issuer) == (number, issuer)


@pytest.mark.parametrize(
    ("text", "juris", "number", "date"),
    [
        # OCR put a space between two digits of the day, the month or the year
        (
            "Căn cứ Thông tư số 156/2013/TT-BTC ngày 06/1 1/2013 hướng dẫn thi hành Luật Quản lý thuế;",
            None,
            "156/2013/TT-BTC",
            "2013-11-06",
        ),
        (
            "Căn cứ Nghị quyết số 126/NQ-CP ngày 8/10/202 1 của Chính phủ về hỗ trợ người lao động;",
            None,
            "126/NQ-CP",
            "2021-10-08",
        ),
        (
            "Thực hiện Kế hoạch số 77-KH/TU ngày 1 5/3/2022 của Ban Thường vụ Tỉnh ủy, các chi bộ làm.",
            HG,
            "77-KH/TU",
            "2022-03-15",
        ),
        (
            "Thực hiện Công văn số 402/UBND-VX ngày 12 tháng 1 1 năm 2021 của Ủy ban nhân dân tỉnh về "
            "tiêm chủng.",
            HG,
            "402/UBND-VX",
            "2021-11-12",
        ),
    ],
)
def test_a_date_with_a_space_inside_a_number(
    text: str, juris: Jurisdiction | None, number: str, date: str
) -> None:
    c = one(text, juris)
    assert (c.number, c.date) == (number, date)


@pytest.mark.parametrize(
    ("text", "juris", "number", "printed", "node"),
    [
        # a provincial department named as printed; its node in the graph carries the place
        (
            "Theo đề nghị của Sở Xây dựng tại Tờ trình số 191/TTr-SXD ngày 10/4/2026 về kế hoạch thoát nước.",
            Jurisdiction(province="Hà Nội"),
            "191/TTr-SXD",
            "Sở Xây dựng",
            "Sở Xây dựng thành phố Hà Nội",
        ),
        (
            "Xét đề nghị của Sở Lao động - Thương binh và Xã hội tại Tờ trình số 25/TTr-SLĐTBXH ngày "
            "02/3/2022.",
            Jurisdiction(province="Nghệ An"),
            "25/TTr-SLĐTBXH",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An",
        ),
        # a committee or a place word printed bare gets its place in the record too
        (
            "Căn cứ Kế hoạch số 325/KH-UBND ngày 03/12/2025 của UBND Thành phố về chống úng ngập;",
            Jurisdiction(province="Hà Nội"),
            "325/KH-UBND",
            "Ủy ban nhân dân Thành phố Hà Nội",
            "Ủy ban nhân dân Thành phố Hà Nội",
        ),
        (
            "Thực hiện Chỉ thị số 09-CT/TU ngày 02/8/2021 của Ban Thường vụ Tỉnh ủy về phòng, chống dịch.",
            HG,
            "09-CT/TU",
            "Tỉnh ủy Hà Giang",
            "Tỉnh ủy Hà Giang",
        ),
    ],
)
def test_a_cited_body_is_named_as_printed(
    text: str, juris: Jurisdiction, number: str, printed: str, node: str
) -> None:
    from kg.extract.citations import scoped_issuer

    c = one(text, juris)
    assert (c.number, c.issuer, scoped_issuer(c), c.jurisdiction.province) == (
        number,
        printed,
        node,
        juris.province,
    )


def test_the_node_of_a_cited_department_carries_the_place() -> None:
    # The record keeps the name as printed; the graph keeps the departments of two cities apart.
    from kg.pipeline import extract_text
    from kg.rdf import record_nquads

    nodes = []
    for city in ("HÀ NỘI", "HẢI PHÒNG"):
        text = (
            f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ {city}\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nPhê duyệt kế hoạch\n\n"
            "Theo đề nghị của Sở Xây dựng tại Tờ trình số 191/TTr-SXD ngày 10/4/2026.\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Phê duyệt kế hoạch.\n"
        )
        rec = extract_text(text)
        (c,) = [c for c in rec.citations if c.number == "191/TTr-SXD"]
        assert c.issuer == "Sở Xây dựng"
        nq = record_nquads(rec, text, "x.txt", generated_at="2024-01-01T00:00:00Z")
        (node,) = {
            ln.split()[2]
            for ln in nq.splitlines()
            if "#passed_by>" in ln
            and ln.startswith("<https://w3id.org/vnkg/id/doc/ha")
            and "191-ttr-sxd" in ln
        }
        assert '"Sở Xây dựng"@vi' in nq
        nodes.append(node)
    assert nodes == [
        "<https://w3id.org/vnkg/id/org/so-xay-dung-thanh-pho-ha-noi>",
        "<https://w3id.org/vnkg/id/org/so-xay-dung-thanh-pho-hai-phong>",
    ]
