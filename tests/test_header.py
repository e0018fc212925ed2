"""Header facts: number, type, date, place, title, issuer, meeting; spans into the original text."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

import kg
from kg.extract.dates import parse_day_month
from kg.extract.header import extract_header
from kg.extract.identifiers import parse_number
from kg.normalise import canonical_tones, normalise
from kg.segment import segment
from kg.text import fold

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = json.loads((ROOT / "tests/data/gold/seeds.json").read_text(encoding="utf-8"))


def norm(v: object) -> str | None:
    if v is None:
        return None
    s = canonical_tones(unicodedata.normalize("NFC", str(v)))
    return re.sub(r"\s+", " ", s).casefold().strip(" ,;.:-–\"'“”()")


def header(text: str):  # type: ignore[no-untyped-def]
    nt = normalise(text)
    return nt, extract_header(nt, segment(nt))


@pytest.mark.parametrize(
    ("written", "value", "system", "type_code"),
    [
        ("Số 764-CV/TU", "764-CV/TU", "party", "CV"),
        ("Số 112-TTr/BCSD", "112-TTr/BCSD", "party", "TTr"),
        ("Số: 15/CT-TTg", "15/CT-TTg", "state", "CT"),
        ("145/2020/NĐ-CP", "145/2020/NĐ-CP", "state", "NĐ"),
        ("Số: 4489 /TCT-TTKT", "4489/TCT-TTKT", "state", None),
        ("Số: 1 0 9 4 3 /BYT-MT", "10943/BYT-MT", "state", None),
        ("Số: /QĐ-UBND", None, "state", "QĐ"),
        ("Số: 3{85 /BNG-LS", None, None, None),
        # "Số" misread by OCR
        ("S6: 45/QLCL-KĐCLGD", "45/QLCL-KĐCLGD", "state", None),
        ("$6: 77/SYT-NVY", "77/SYT-NVY", "state", None),
        ("Sô 34-CV/BTGTU", "34-CV/BTGTU", "party", "CV"),
        ("86: 12/CĐ-UBND", "12/CĐ-UBND", "state", "CĐ"),
        # a word glued to the number is not part of its code; short mixed codes are
        ("Số: 123/BYT-MTngày 12 tháng 3", "123/BYT-MT", "state", None),
        ("Số: 12/QĐ-UBNDvề việc", "12/QĐ-UBND", "state", "QĐ"),
        ("Số: 15/CT-TTg", "15/CT-TTg", "state", "CT"),
        ("Số 5-CV/ThU", "5-CV/ThU", "party", "CV"),
        # a spaced dash, an en dash (also inside the issuer's code), an em dash
        ("Số 29 – CV/TC–NV", "29-CV/TC-NV", "party", "CV"),
        ("Số: 12 - KH/HU", "12-KH/HU", "party", "KH"),
        ("Số 45—TB/TU", "45-TB/TU", "party", "TB"),
    ],
)
def test_parse_number(written: str, value: str | None, system: str | None, type_code: str | None) -> None:
    dn = parse_number(written)
    if system is None:
        assert dn is None or dn.value is None
        return
    assert dn is not None
    assert (dn.value, dn.system, dn.type_code) == (value, system, type_code)


@pytest.mark.parametrize(
    ("d", "m", "y", "iso"),
    [
        ("28", "5", "2021", "2021-05-28"),
        ("05", "02", "2021", "2021-02-05"),
        ("2 4", "12", "2021", "2021-12-24"),
        ("l8", "8", "2021", "2021-08-18"),
        ("ñ|", "42", "2022", None),
        ("", "", "2026", None),
        ("31", "2", "2021", None),
        ("12", "3", "2921", None),  # no directive has that year: a misread digit, not a guess
    ],
)
def test_parse_day_month(d: str, m: str, y: str, iso: str | None) -> None:
    assert parse_day_month(d, m, y) == iso


PARTY_DISTRICT = """ĐẢNG BỘ TỈNH LÂM ĐỒNG
HUYỆN UỶ BẢO LÂM
*
Số 395-CV/HU
Tiếp tục thực hiện nghiêm các biện pháp
phòng, chống dịch bệnh Covid-19
ĐẢNG CỘNG SẢN VIỆT NAM
Bảo Lâm, ngày 15 tháng 02 năm 2021
Kính gửi: - Ủy ban nhân dân huyện,
- Các Ban của Huyện ủy.

Thời gian qua các cấp ủy, chính quyền đã nỗ lực; thực hiện Công văn số 12-CV/TU
ngày 10/02/2021 của Ban Thường vụ Tỉnh ủy.
"""

STATE_UBND = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 3218/QĐ-UBND
Quảng Bình, ngày 18 tháng 11 năm 2024
QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
"""

STATE_LETTER_OCR = """BỘ TÀI CHÍNH - CONG HOA XÃ HỘI CHỦ NGA VIET NAM
TONG CỤC THUE Độc lập - Tự do — Hanh phúc
Số: 4489 /TCT-TTKT Hà Nội, ngày ñ| tháng 42 năm 2022

V/v tăng cường công tác quản lý
thuế đối với hộ kinh doanh.

Kính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương.

Tổng cục Thuế đã ban hành Công văn số 1923/TCT-TTKT ngày 06/6/2022 chỉ đạo các Cục Thuế.
"""

NOTICE_NO_HEADER = """
THÔNG BÁO**KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY
về công tác phòng, chống dịch bệnh Covid-19**

Ngày 28/02/2022, Thường trực Tỉnh ủy họp nghe báo cáo tình hình phòng, chống dịch Covid-19
trên địa bàn tỉnh (từ ngày 01/01/2022 đến ngày 27/02/2022) và kết luận như sau:

1. Thường trực Tỉnh ủy yêu cầu các cấp ủy thực hiện tốt.
"""

LETTER_NO_HEADER = """
- Kính gửi:*
- Các cơ quan tỉnh.

Đến thời điểm ngày 27/5/2021 đã ghi nhận nhiều ca bệnh; Ban Thường vụ Tỉnh uỷ yêu cầu
các cấp uỷ thực hiện một số nội dung sau:

1. Tiếp tục quán triệt.

Các cấp ủy, tổ chức đảng thực hiện tốt nội dung Công văn này.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.
"""

# Two header columns flattened: the number, then the motto and the place-date line, then the
# subject line (in markdown asterisks, starting like a body sentence), then "Kính gửi".
PARTY_TWO_COLUMNS = """ĐẢNG BỘ TỈNH ĐẮK LẮK
HUYỆN ỦY M'DRẮK
*
Số 46-CV/HU

ĐẢNG CỘNG SẢN VIỆT NAM

M'Drắk, ngày 10 tháng 10 năm 2021

*Thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19*

Kính gửi:
- Các cơ quan, ban, ngành huyện.

Thực hiện Kế hoạch số 6-KH/TU ngày 27/09/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy yêu cầu:
"""

STATE_HYPHENATED_PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH BÀ RỊA - VŨNG TÀU
-------
Số: 46/CĐ-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Bà Rịa - Vũng Tàu, ngày 24 tháng 5 năm 2020

CÔNG ĐIỆN
Về việc thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19
"""

# No header: a type line, its title, then a preamble whose citation has a date after a comma
# ("26/QĐ-TTg, ngày 15/09/2021" is no place and date) and names the acting body.
PLAN_NO_HEADER = """KẾ HOẠCH
Về việc tổ chức tiêm vắc xin phòng Covid-19 trên địa bàn

Căn cứ Quyết định số 26/QĐ-TTg, ngày 15/09/2021 của Thủ tướng Chính phủ về công tác phòng, chống
dịch Covid-19, Ban Thường vụ Tỉnh ủy Đắk Lắk yêu cầu:

1. Sở Y tế chủ trì tổ chức tiêm vắc xin.
"""

CASES = [
    (
        PARTY_DISTRICT,
        {
            "number": "395-CV/HU",
            "type": "Công văn",
            "date": "2021-02-15",
            "place": "Bảo Lâm",
            "title": "Tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch bệnh Covid-19",
            "issuer": ("Huyện ủy Bảo Lâm", "district", "Tỉnh ủy Lâm Đồng", "lam-dong/bao-lam", False),
        },
    ),
    (
        STATE_UBND,
        {
            "number": "3218/QĐ-UBND",
            "type": "Quyết định",
            "date": "2024-11-18",
            "place": "Quảng Bình",
            "title": "Về việc công bố danh mục thủ tục hành chính",
            "issuer": ("Ủy ban nhân dân tỉnh Quảng Bình", "province", None, "quang-binh", False),
        },
    ),
    (
        STATE_LETTER_OCR,
        {
            "number": "4489/TCT-TTKT",
            "type": "Công văn",
            "date": None,
            "place": "Hà Nội",
            "title": "tăng cường công tác quản lý thuế đối với hộ kinh doanh",
            "issuer": ("Tổng cục Thuế", "central", "Bộ Tài chính", "vn", False),
        },
    ),
    (
        NOTICE_NO_HEADER,
        {
            "number": None,
            "type": "Thông báo kết luận",
            "date": None,
            "place": None,
            "title": "Kết luận của Thường trực Tỉnh ủy về công tác phòng, chống dịch bệnh Covid-19",
            "issuer": ("Tỉnh ủy", "province", None, None, True),
        },
    ),
    (
        LETTER_NO_HEADER,
        {
            "number": None,
            "type": "Công văn",
            "date": None,
            "place": None,
            "title": None,
            "issuer": ("Tỉnh ủy", "province", None, None, True),
        },
    ),
    (
        PARTY_TWO_COLUMNS,
        {
            "number": "46-CV/HU",
            "type": "Công văn",
            "date": "2021-10-10",
            "place": "M'Drắk",
            "title": "Thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19",
            "issuer": ("Huyện ủy M'Drắk", "district", "Tỉnh ủy Đắk Lắk", "dak-lak/m-drak", False),
        },
    ),
    (
        STATE_HYPHENATED_PROVINCE,
        {
            "number": "46/CĐ-UBND",
            "type": "Công điện",
            "date": "2020-05-24",
            "place": "Bà Rịa - Vũng Tàu",
            "title": "Về việc thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19",
            "issuer": ("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "province", None, "ba-ria-vung-tau", False),
        },
    ),
    (
        PLAN_NO_HEADER,
        {
            "number": None,
            "type": "Kế hoạch",
            "date": None,
            "place": None,
            "title": "Về việc tổ chức tiêm vắc xin phòng Covid-19 trên địa bàn",
            "issuer": ("Tỉnh ủy Đắk Lắk", "province", None, "dak-lak", True),
        },
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_header_fields_and_spans(text: str, want: dict[str, object], form: str) -> None:
    text = unicodedata.normalize(form, text)
    nt, h = header(text)
    for name in ("number", "type", "date", "place", "title"):
        found = getattr(h, name)
        got = found.value if found else None
        assert norm(got) == norm(want[name]), (name, got)
        if found is not None and name in ("number", "place", "title"):
            s, e = found.span
            read = normalise(nt.original[s:e]).text
            if name == "number":  # OCR spaces inside a number are dropped from the value
                read = read.replace(" ", "")
            assert norm(read) == norm(found.value), (name, nt.original[s:e])
    iss = h.issuer
    assert iss is not None
    assert (iss.name, iss.level, iss.parent, iss.jurisdiction.key, iss.inferred) == want["issuer"]
    assert iss.span is not None


def test_meeting_of_conclusion_notice() -> None:
    _, h = header(NOTICE_NO_HEADER)
    assert h.meeting is not None
    assert (h.meeting.date, h.meeting.body) == ("2022-02-28", "Thường trực Tỉnh ủy")
    assert h.date is None  # the meeting date is not the date of issue


def test_quoted_dates_are_not_the_date() -> None:
    _, h = header(LETTER_NO_HEADER)
    assert h.date is None and h.place is None


@pytest.mark.parametrize(
    ("body", "name", "key"),
    [
        ("Ban Thường vụ Tỉnh ủy Bà Rịa - Vũng Tàu yêu cầu", "Tỉnh ủy Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Ban Thường vụ Tỉnh ủy Thừa Thiên Huế chỉ đạo", "Tỉnh ủy Thừa Thiên Huế", "thua-thien-hue"),
        ("Ban Thường vụ Huyện ủy Vị Xuyên Hà Giang yêu cầu", "Huyện ủy Vị Xuyên", "ha-giang/vi-xuyen"),
        ("Thường trực Tỉnh ủy yêu cầu", "Tỉnh ủy", None),
        ("Ban Thường vụ Tỉnh ủy Lai Châu yeu cầu", "Tỉnh ủy Lai Châu", "lai-chau"),  # OCR lost a mark
        ("Ủy ban nhân dân huyện Na Hang yêu cầu", "Ủy ban nhân dân huyện Na Hang", "tuyen-quang/na-hang"),
        (
            "Thực hiện Kế hoạch số 55/KH-UBND của Ủy ban nhân dân tỉnh Tuyên Quang, "
            "Ủy ban nhân dân tỉnh Hà Giang chỉ đạo",
            "Ủy ban nhân dân tỉnh Hà Giang",
            "ha-giang",
        ),
    ],
)
def test_issuer_inferred_from_the_body_names_its_place(body: str, name: str, key: str | None) -> None:
    text = f"Số 12-CV/TU\n\n{body} các cấp ủy thực hiện tốt công tác phòng, chống dịch Covid-19.\n"
    nt, h = header(text)
    assert h.issuer is not None and h.issuer.inferred
    assert (h.issuer.name, h.issuer.jurisdiction.key) == (name, key)
    s, e = h.issuer.span  # type: ignore[misc]
    assert nt.original[s:e] == name


def test_issuer_from_number_code_only() -> None:
    text = "Số 12-CV/TU\n\nNội dung văn bản về công tác phòng, chống dịch của các cấp ủy trên địa bàn.\n"
    _, h = header(text)
    assert h.issuer is not None and (h.issuer.name, h.issuer.level, h.issuer.inferred) == (
        "Tỉnh ủy",
        "province",
        True,
    )


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("THÀNH ỦY CẦN THƠ\n*\nSố 1-CV/TU\n", ("Thành ủy Cần Thơ", "province", "can-tho")),
        ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/NQ-CP\n", ("Chính phủ", "central", "vn")),
        ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 15/CT-TTg\n", ("Thủ tướng Chính phủ", "central", "vn")),
        ("BỘ Y TẾ\nSố: 2815/BYT-DP\n", ("Bộ Y tế", "central", "vn")),
        (
            "BO NGOAI GIAO CONG HOA XA HOI CHU NGHIA VIET NAM\nSố: 1/BNG-LS\n",
            ("Bộ Ngoại giao", "central", "vn"),
        ),
        (
            "ỦY BAN NHÂN DÂN\nHUYỆN LỘC NINH\nSố: 7/CĐ-UBND\n",
            ("Ủy ban nhân dân huyện Lộc Ninh", "district", "binh-phuoc/loc-ninh"),
        ),
        # a unit of one name in two provinces: the kind tells them apart (huyện in Bạc Liêu)
        (
            "ỦY BAN NHÂN DÂN\nTHỊ XÃ PHƯỚC LONG\nSố: 7/CĐ-UBND\n",
            ("Ủy ban nhân dân thị xã Phước Long", "district", "binh-phuoc/phuoc-long"),
        ),
        # a unit listed once per kind it had (huyện → thị xã, 2020): one unit
        (
            "UỶ BAN NHÂN DÂN\nTHỊ XÃ DUY TIÊN\nSố: 7/UBND-VX\n",
            ("Ủy ban nhân dân thị xã Duy Tiên", "district", "ha-nam/duy-tien"),
        ),
        # "Châu Thành" is a huyện of ten provinces: the one the letter names elsewhere
        (
            "ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH\nSố: 23/UBND-VX\n\nKính gửi: Các xã\n\n"
            "Căn cứ Công văn số 39-CV/TU của Ban Thường vụ Tỉnh ủy Sóc Trăng, "
            "Ủy ban nhân dân huyện yêu cầu:\n",
            ("Ủy ban nhân dân huyện Châu Thành", "district", "soc-trang/chau-thanh"),
        ),
        (
            "ĐẢNG BỘ TỈNH ĐẮK LẮK\nHUYỆN ỦY M'DRẮK\n*\nSố 46-CV/HU\n",
            ("Huyện ủy M'Drắk", "district", "dak-lak/m-drak"),
        ),
        # a department of a Party committee, named in full; from its header line or the number's code
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO\n*\nSố 5273-CV/BTGTW\n",
            ("Ban Tuyên giáo Trung ương", "central", "vn"),
        ),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 5273-CV/BTGTW\n", ("Ban Tuyên giáo Trung ương", "central", "vn")),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 15-CT/TW\n", ("Ban Chấp hành Trung ương", "central", "vn")),
        (
            "TỈNH ỦY BẾN TRE\nBAN TUYÊN GIÁO\n*\nSố 12-CV/BTGTU\n",
            ("Ban Tuyên giáo Tỉnh ủy Bến Tre", "province", "ben-tre"),
        ),
        ("TỈNH ỦY BẾN TRE\n*\nSố 12-CV/BTGTU\n", ("Ban Tuyên giáo Tỉnh ủy Bến Tre", "province", "ben-tre")),
        (
            "TỈNH ỦY BẾN TRE\nVĂN PHÒNG\n*\nSố 12-CV/VPTU\n",
            ("Văn phòng Tỉnh ủy Bến Tre", "province", "ben-tre"),
        ),
        ("TỈNH ỦY BẾN TRE\n*\nSố 12-CV/TU\n", ("Tỉnh ủy Bến Tre", "province", "ben-tre")),
        # a header that lost its diacritics
        ("CUC THUE TP HA NỘI\nSố: 1/CTHN-TTHT\n", ("Cục Thuế thành phố Hà Nội", "province", "ha-noi")),
        (
            "UY BAN NHAN DAN\nTINH LAM DONG\nSO Y TE\nSố: 1/SYT-NV\n",
            ("Sở Y tế tỉnh Lâm Đồng", "province", "lam-dong"),
        ),
    ],
)
def test_issuer_from_header(text: str, issuer: tuple[str, str, str]) -> None:
    _, h = header(text)
    assert h.issuer is not None
    assert (h.issuer.name, h.issuer.level, h.issuer.jurisdiction.key) == issuer


FIELDS = ["number", "type", "date", "place", "title", "issuer.name", "issuer.level", "issuer.parent"]


def _get(d: dict[str, object] | None, path: str) -> object:
    cur: object = d
    for p in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(p)
    return cur


@pytest.mark.parametrize("gold", SEEDS_GOLD, ids=[g["source"][:3] for g in SEEDS_GOLD])
@pytest.mark.parametrize("field", FIELDS)
def test_seed_gold(gold: dict[str, object], field: str) -> None:
    rec = kg.extract_file(ROOT / "seeds" / str(gold["source"])).to_json()
    accept = gold.get("accept") or {}
    assert isinstance(accept, dict)
    ok = {norm(_get(gold, field))} | {norm(a) for a in accept.get(field, [])}
    assert norm(_get(rec, field)) in ok


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # a Party organisation and its committee on one line, the Party's motto after them
        (
            "ĐẢNG BỘ TỈNH GIA LAI HUYỆN ỦY CHƯ SÊ ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 12-CV/HU\n",
            ("Huyện ủy Chư Sê", "district", "Tỉnh ủy Gia Lai", "gia-lai/chu-se"),
        ),
        (
            "ĐẢNG BỘ TỈNH GIA LAI\nTỈNH ỦY GIA LAI\n*\nSố 12-CV/TU\n",
            ("Tỉnh ủy Gia Lai", "province", "Đảng bộ tỉnh Gia Lai", "gia-lai"),
        ),
        # the motto's column first, the issuer's words after it on both lines
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM BỘ GIÁO DỤC VÀ ĐÀO TẠO\n"
            "Độc lập - Tự do - Hạnh phúc CỤC QUẢN LÝ CHẤT LƯỢNG\nSố: 45/QLCL-KĐCLGD\n",
            ("Cục Quản lý chất lượng", "central", "Bộ Giáo dục và Đào tạo", "vn"),
        ),
        # a motto damaged by OCR still ends the issuer's words
        (
            "BỘ TÀI CHÍNH _ CONG HÒA XÃ HO] CHỦ NGHĨA VIỆT NAM\n"
            "TỔNG CỤC HẢI QUAN Độc lập - Tự do - Hạnh phúc\nSố: 12/TCHQ-GSQL\n",
            ("Tổng cục Hải quan", "central", "Bộ Tài chính", "vn"),
        ),
        # a unit's name OCR damaged by a letter
        (
            "BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nTONG CYC THONG KE\nSố: 4/TCTK-VP\n",
            ("Tổng cục Thống kê", "central", "Bộ Kế hoạch và Đầu tư", "vn"),
        ),
        # a ministry and its unit on one line; units of ministries are central and named in full
        (
            "BỘ Y TẾ BỆNH VIỆN NHIỆT ĐỚI TRUNG ƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 4/BVNĐTW\n",
            ("Bệnh viện Nhiệt đới Trung ương", "central", "Bộ Y tế", "vn"),
        ),
        (
            "BỘ QUỐC PHÒNG\nHỌC VIỆN QUÂN Y\nSố: 5/HVQY\n",
            ("Học viện Quân y", "central", "Bộ Quốc phòng", "vn"),
        ),
        (
            "BỘ Y TẾ\nTRƯỜNG ĐẠI HỌC Y DƯỢC\nSố: 5/ĐHYD-ĐT\n",
            ("Trường Đại học Y dược", "central", "Bộ Y tế", "vn"),
        ),
        (
            "BỘ Y TẾ\nCỤC QUẢN LÝ MÔI TRƯỜNG\nY TẾ\nSố: 4/MT-VP\n",  # the name wrapped onto a second line
            ("Cục Quản lý môi trường y tế", "central", "Bộ Y tế", "vn"),
        ),
        # national bodies outside the issuer codes are central
        ("BẢO HIỂM XÃ HỘI VIỆT NAM\nSố: 5/BHXH-CSYT\n", ("Bảo hiểm xã hội Việt Nam", "central", None, "vn")),
        # departments of a province or a district, with the committee abbreviated
        (
            "UBND TỈNH BÌNH DƯƠNG SỞ Y TẾ\nSố: 99/SYT-NVY\n",
            ("Sở Y tế tỉnh Bình Dương", "province", "Ủy ban nhân dân tỉnh Bình Dương", "binh-duong"),
        ),
        (
            "UBND HUYỆN CHƯ SÊ\nPHÒNG Y TẾ\nSố: 5/PYT\n",
            ("Phòng Y tế huyện Chư Sê", "district", "Ủy ban nhân dân huyện Chư Sê", "gia-lai/chu-se"),
        ),
        (
            "UBND THÀNH PHỐ ĐÀ NẴNG\nBAN CHỈ ĐẠO PHÒNG, CHỐNG\nDỊCH COVID-19\nSố: 4/BCĐ\n",
            (
                "Ban Chỉ đạo phòng, chống dịch COVID-19 thành phố Đà Nẵng",
                "province",
                "Ủy ban nhân dân thành phố Đà Nẵng",
                "da-nang",
            ),
        ),
        (
            "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NAM\n*\nSố 4-CV/BTGTU\n",
            ("Ban Tuyên giáo Tỉnh ủy Quảng Nam", "province", None, "quang-nam"),
        ),
        # a provincial city is a district, named like its province or with a dash
        (
            "UBND THÀNH PHỐ BẮC GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7/UBND-VX\n",
            ("Ủy ban nhân dân thành phố Bắc Giang", "district", None, "bac-giang/bac-giang"),
        ),
        (
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ PHAN RANG - THÁP CHÀM\nSố: 7/UBND-VX\n",
            (
                "Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm",
                "district",
                None,
                "ninh-thuan/phan-rang-thap-cham",
            ),
        ),
        (
            "ỦY BAN NHÂN DÂN\nQUẬN 3\nSố: 7/UBND-VX\n",
            ("Ủy ban nhân dân quận 3", "district", None, "ho-chi-minh/3"),
        ),
        # national names wrapped over two lines, with their dash or comma
        (
            "BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\nSố: 12/LĐTBXH-BTXH\n",
            ("Bộ Lao động - Thương binh và Xã hội", "central", None, "vn"),
        ),
        (
            "TỔNG LIÊN ĐOÀN LAO ĐỘNG\nVIỆT NAM\nSố: 12/TLĐ\n",
            ("Tổng Liên đoàn Lao động Việt Nam", "central", None, "vn"),
        ),
        # a unit whose name ends with its kind of place, under a body of that place
        (
            "ĐẢNG BỘ TỈNH KON TUM\nĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\n*\nSố 12-CV/ĐUK\n",
            ("Đảng ủy Khối các cơ quan tỉnh Kon Tum", "province", "Tỉnh ủy Kon Tum", "kon-tum"),
        ),
        (
            "SỞ Y TẾ KON TUM\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 12/BVĐK\n",
            ("Bệnh viện Đa khoa tỉnh Kon Tum", "province", "Sở Y tế Kon Tum", "kon-tum"),
        ),
        # a Party board that is no department of the committee above it (abbreviations written out)
        (
            "TỈNH ỦY KON TUM\nBAN CÁN SỰ ĐẢNG UBND TỈNH\n*\nSố 12-CV/BCSĐ\n",
            ("Ban cán sự đảng Ủy ban nhân dân tỉnh Kon Tum", "province", "Tỉnh ủy Kon Tum", "kon-tum"),
        ),
        # a committee of a district the gazetteers do not list keeps its proper case
        (
            "ĐẢNG BỘ TỈNH GIA LAI HUYỆN ỦY KRÔNG BLANG ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 12-CV/HU\n",
            ("Huyện ủy Krông Blang", "district", "Tỉnh ủy Gia Lai", "gia-lai"),
        ),
        # communes: names the gazetteers do not list keep their proper case
        (
            "ỦY BAN NHÂN DÂN\nXÃ IA BLANG\nSố: 4/UBND\n",
            ("Ủy ban nhân dân xã Ia Blang", "commune", None, None),
        ),
        (
            "ĐẢNG BỘ HUYỆN CHƯ SÊ\nĐẢNG ỦY XÃ IA BLANG\n*\nSố 4-CV/ĐU\n",
            ("Đảng ủy xã Ia Blang", "commune", "Huyện ủy Chư Sê", "gia-lai/chu-se"),
        ),
        # a provincial agency without its committee's line: the province it is dated from
        (
            "SỞ Y TẾ\nSố: 12/SYT-NV\nKon Tum, ngày 3 tháng 5 năm 2021\nV/v tăng cường\n",
            ("Sở Y tế tỉnh Kon Tum", "province", None, "kon-tum"),
        ),
        (
            "PHÒNG Y TẾ\nSố: 12/PYT\nChư Sê, ngày 3 tháng 5 năm 2021\nV/v tăng cường\n",
            ("Phòng Y tế huyện Chư Sê", "district", None, "gia-lai/chu-se"),
        ),
        # a web site's title line before the header
        ("THƯ VIỆN PHÁP LUẬT\nBỘ CÔNG THƯƠNG\nSố: 4/BCT-XNK\n", ("Bộ Công Thương", "central", None, "vn")),
    ],
)
def test_issuer_of_flattened_and_damaged_headers(text: str, issuer: tuple[str, str, str | None, str]) -> None:
    nt, h = header(text)
    assert h.issuer is not None
    got = (h.issuer.name, h.issuer.level, h.issuer.parent, h.issuer.jurisdiction.key)
    assert got == issuer
    s, e = h.issuer.span  # type: ignore[misc]
    assert nt.original[s:e].split()[0] in text.split("\n")[0] + text  # the span points into the header


def _fields(text: str) -> dict[str, object]:
    _, h = header(text)
    return {k: (getattr(h, k).value if getattr(h, k) else None) for k in ("number", "date", "place", "title")}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the number and "V/v" in one column, the place-date in the other, flattened line by line
        (
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH KON TUM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 123/UBND-VX\nV/v tăng cường phòng, chống Kon Tum, ngày 5 tháng 3 năm 2021\n"
            "dịch sốt xuất huyết trên địa bàn\n\nKính gửi: Các sở, ban, ngành.\n\nNội dung.\n",
            {
                "number": "123/UBND-VX",
                "date": "2021-03-05",
                "place": "Kon Tum",
                "title": "tăng cường phòng, chống dịch sốt xuất huyết trên địa bàn",
            },
        ),
        # "Số" misread, the place printed without its marks
        (
            "UBND TỈNH SÓC TRĂNG\nSỞ Y TẾ\nS6: 77/SYT-NVY\nSoc Trang, ngày 3 tháng 5 năm 2021\n"
            "V/v tăng cường xét nghiệm\nKính gửi: Các bệnh viện.\nNội dung.\n",
            {
                "number": "77/SYT-NVY",
                "date": "2021-05-03",
                "place": "Sóc Trăng",
                "title": "tăng cường xét nghiệm",
            },
        ),
        (
            "BỘ CÔNG THƯƠNG\n$6: 9/BCT-XNK\nHà Nội, ngày 14 tháng 2 năm 2020\nV/v xuất khẩu gạo\n"
            "Kính gửi: Các doanh nghiệp.\nNội dung.\n",
            {"number": "9/BCT-XNK", "date": "2020-02-14", "place": "Hà Nội", "title": "xuất khẩu gạo"},
        ),
        # a word glued to the number; the date after it without a place
        (
            "BỘ XÂY DỰNG\nSố: 123/BXD-QLNngày 12 tháng 3 năm 2021\nV/v quản lý nhà ở\n"
            "Kính gửi: Các sở xây dựng.\nNội dung.\n",
            {"number": "123/BXD-QLN", "date": "2021-03-12", "place": None, "title": "quản lý nhà ở"},
        ),
        # the subject's last capitalised word before the place-date is not part of the place
        (
            "ỦY BAN NHÂN DÂN TỈNH KON TUM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/UBND-TH\n"
            "V/v tăng cường sự lãnh đạo của Đảng Kon Tum, ngày 7 tháng 7 năm 2021\n"
            "đối với công tác chống dịch\n\nKính gửi: Các sở.\n\nNội dung.\n",
            {
                "number": "5/UBND-TH",
                "date": "2021-07-07",
                "place": "Kon Tum",
                "title": "tăng cường sự lãnh đạo của Đảng đối với công tác chống dịch",
            },
        ),
        # a place without marks that names two units ("Phu Yen": Phú Yên, Phù Yên) is the issuer's
        (
            "ĐẢNG BỘ TỈNH PHÚ YÊN\nTỈNH ỦY PHÚ YÊN\n*\nS6 22-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
            "Phu Yen, ngày 18 tháng 3 năm 2021\nKẾ HOẠCH\ntriển khai tiêm vắc xin\n\nNội dung.\n",
            {
                "number": "22-KH/TU",
                "date": "2021-03-18",
                "place": "Phú Yên",
                "title": "triển khai tiêm vắc xin",
            },
        ),
        # the whole front matter on one line (a web page)
        (
            "BỘ XÂY DỰNG Số: 123/BXD-QLN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
            "Hà Nội, ngày 12 tháng 3 năm 2021 V/v quản lý nhà ở Kính gửi: Các sở xây dựng.\nNội dung.\n",
            {"number": "123/BXD-QLN", "date": "2021-03-12", "place": "Hà Nội", "title": "quản lý nhà ở"},
        ),
        # cells of a table read row by row
        (
            "| UBND TỈNH KON TUM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "| SỞ Y TẾ | Độc lập - Tự do - Hạnh phúc |\n"
            "| Số: 12/SYT-NV | Kon Tum, ngày 3 tháng 5 năm 2021 |\n| V/v tăng cường phòng chống dịch | |\n"
            "Kính gửi: Các bệnh viện.\nNội dung.\n",
            {
                "number": "12/SYT-NV",
                "date": "2021-05-03",
                "place": "Kon Tum",
                "title": "tăng cường phòng chống dịch",
            },
        ),
        # the subject in quotes, V/v included
        (
            'TỈNH ỦY KHÁNH HÒA\n*\nSố 12-CV/TU\n"V/v tăng cường công tác phòng, chống dịch"\n'
            "ĐẢNG CỘNG SẢN VIỆT NAM\nKhánh Hòa, ngày 3 tháng 5 năm 2021\n"
            "Kính gửi: Các huyện ủy.\nNội dung.\n",
            {
                "number": "12-CV/TU",
                "date": "2021-05-03",
                "place": "Khánh Hòa",
                "title": "tăng cường công tác phòng, chống dịch",
            },
        ),
        # a quoted title keeps its closing quote
        (
            "BỘ XÂY DỰNG\nSố: 12/QĐ-BXD\nHà Nội, ngày 2 tháng 3 năm 2021\nQUYẾT ĐỊNH\n"
            "Về việc ban hành “Sổ tay an toàn lao động”\n\nCăn cứ Luật Xây dựng;\n",
            {
                "number": "12/QĐ-BXD",
                "date": "2021-03-02",
                "place": "Hà Nội",
                "title": "Về việc ban hành “Sổ tay an toàn lao động”",
            },
        ),
        (
            "BỘ XÂY DỰNG\nSố: 12/BXD-VP\nHà Nội, ngày 2 tháng 3 năm 2021\n"
            'V/v triển khai "Tháng hành động vì an toàn"\n\nKính gửi: Các sở.\n\nNội dung.\n',
            {
                "number": "12/BXD-VP",
                "date": "2021-03-02",
                "place": "Hà Nội",
                "title": 'triển khai "Tháng hành động vì an toàn"',
            },
        ),
        # the title ends where the subject ends: not the authority line in capitals after it ...
        (
            "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 8/QĐ-UBND\nKon Tum, ngày 3 tháng 8 năm 2021\nQUYẾT ĐỊNH\n"
            "Về việc phê duyệt phương án phòng, chống dịch\nTHƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH KON TUM\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n",
            {
                "number": "8/QĐ-UBND",
                "date": "2021-08-03",
                "place": "Kon Tum",
                "title": "Về việc phê duyệt phương án phòng, chống dịch",
            },
        ),
        # ... nor the first line of the body when no blank line or "Kính gửi" separates them
        (
            "ĐẢNG BỘ TỈNH GIA LAI\nHUYỆN ỦY CHƯ SÊ\n*\nSố 46-CV/HU\n"
            "V/v tăng cường công tác\nphòng chống dịch\nTrong thời gian qua, tình hình dịch bệnh diễn biến "
            "phức tạp trên địa bàn huyện, Ban Thường vụ Huyện ủy yêu cầu các chi bộ thực hiện.\n",
            {
                "number": "46-CV/HU",
                "date": None,
                "place": None,
                "title": "tăng cường công tác phòng chống dịch",
            },
        ),
        # a web page's title of the document before the header
        (
            "Công văn 123/UBND-VX năm 2021 về tăng cường các biện pháp phòng, chống dịch sốt xuất huyết trên "
            "địa bàn tỉnh Kon Tum do Ủy ban nhân dân tỉnh Kon Tum ban hành\nỦY BAN NHÂN DÂN\nTỈNH KON TUM\n"
            "-------\nSố: 123/UBND-VX\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Kon Tum, ngày 5 tháng 3 năm 2021\nV/v tăng cường các biện pháp phòng, chống dịch\n"
            "Kính gửi: Các sở, ban, ngành.\nNội dung.\n",
            {
                "number": "123/UBND-VX",
                "date": "2021-03-05",
                "place": "Kon Tum",
                "title": "tăng cường các biện pháp phòng, chống dịch",
            },
        ),
    ],
)
def test_fields_of_flattened_and_damaged_front_matter(text: str, want: dict[str, object]) -> None:
    got = _fields(text)
    assert {k: norm(v) for k, v in got.items()} == {k: norm(v) for k, v in want.items()}
    nt, h = header(text)
    for name in ("number", "place", "title"):
        found = getattr(h, name)
        if found is not None:  # spans point at the words read, as printed
            s, e = found.span
            assert nt.original[s:e].split()[0].strip('“"') in text


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        (
            "QUYẾT ĐỊNH\nVề việc ban hành “Sổ tay an toàn lao động”.",
            "Về việc ban hành “Sổ tay an toàn lao động”",
        ),
        ('V/v triển khai "Tháng hành động vì an toàn"', 'Triển khai "Tháng hành động vì an toàn"'),
        ("V/v “kiểm tra an toàn lao động”", "“kiểm tra an toàn lao động”"),
        ("'V/ kiểm tra an toàn.”", "Kiểm tra an toàn"),  # stray quotes of OCR, no partner
    ],
)
def test_quoted_title_keeps_its_closing_quote(subject: str, title: str) -> None:
    head = "BỘ XÂY DỰNG\nSố: 12/BXD-VP\nHà Nội, ngày 2 tháng 3 năm 2021"
    text = f"{head}\n{subject}\n\nKính gửi: Các sở.\n\nNội dung.\n"
    _, h = header(text)
    assert h.title is not None and h.title.value == title


def _front(place_date: str, number: str = "Số: 41/STP-HCTP") -> str:
    head = f"UBND THÀNH PHỐ CẦN THƠ\nSỞ TƯ PHÁP\n{number}\n{place_date}\n"
    return head + "V/v rà soát văn bản\n\nKính gửi: Các phòng.\n\nNội dung.\n"


@pytest.mark.parametrize(
    ("place_date", "place", "date"),
    [
        # the forms of a centrally-run city on the place-date line: the place as printed, marks restored
        ("TP. Cần Thơ, ngày 9 tháng 11 năm 2022", "TP. Cần Thơ", "2022-11-09"),
        ("Thành phố Cần Thơ, ngày 9 tháng 11 năm 2022", "Thành phố Cần Thơ", "2022-11-09"),
        ("Thanh pho Can Tho, ngày 9 tháng 11 năm 2022", "Thành phố Cần Thơ", "2022-11-09"),
        ("Thành phô Cần Thơ, ngày 9 tháng 11 năm 2022", "Thành phố Cần Thơ", "2022-11-09"),  # OCR "phô"
        ("TP.HCM, ngày 2 tháng 6 năm 2022", "TP.HCM", "2022-06-02"),
        ("TP HCM, ngày 2 tháng 6 năm 2022", "TP HCM", "2022-06-02"),
        ("Tp Hồ Chí Minh, ngày 2 tháng 6 năm 2022", "Tp Hồ Chí Minh", "2022-06-02"),
        ("TP. HỒ CHÍ MINH, ngày 2 tháng 6 năm 2022", "TP. Hồ Chí Minh", "2022-06-02"),
        ("TP. HẢI PHÒNG, ngày 2 tháng 6 năm 2022", "TP. Hải Phòng", "2022-06-02"),
        ("Thi xa Sơn Tây, ngày 2 tháng 6 năm 2022", "Thị xã Sơn Tây", "2022-06-02"),
        # marks misread by OCR: the gazetteers' name, when the name folds to one place only
        ("Cân Thơ, ngày 2 tháng 6 năm 2022", "Cần Thơ", "2022-06-02"),
        ("Ha Nôi, ngày 2 tháng 6 năm 2022", "Hà Nội", "2022-06-02"),
        ("TP. Đà Nắng, ngày 2 tháng 6 năm 2022", "TP. Đà Nẵng", "2022-06-02"),
        ("Bảo Lâm, ngày 2 tháng 6 năm 2022", "Bảo Lâm", "2022-06-02"),  # two districts: as printed
        # the date garbled past reading: the place of a known name stays, the date is not guessed
        ("Thành phố Đà Nẵng, ngéy2Ohthang 4 năm 2022", "Thành phố Đà Nẵng", None),
        ("Hai Phong, ngàyl|tháng % năm 2020", "Hải Phòng", None),
        ("TP. Huế, ngsỳ 1⁄4 thang năm 2023", "TP. Huế", None),
    ],
)
def test_place_of_a_place_date_line(place_date: str, place: str, date: str | None) -> None:
    for text in (_front(place_date), _front("", number=f"Số: 41/STP-HCTP {place_date}")):
        nt, h = header(text)
        assert (h.place.value if h.place else None, h.date.value if h.date else None) == (place, date)
        s, e = h.place.span  # type: ignore[union-attr]
        assert fold(nt.original[s:e]) == fold(place_date.split(",")[0])


def test_a_garbled_date_keeps_no_place_that_is_not_known() -> None:
    # a word before a comma and a year is no place unless the gazetteers know it
    _, h = header(_front("Kết quả, ngés thang 4 năm 2022"))
    assert h.place is None and h.date is None


_QUOTING_BODY = (
    "Căn cứ Thông tư số 80/2021/TT-BTC ngày 29/9/2021 của Bộ Tài chính:\n"
    "“Điều 3. Đối tượng áp dụng\nThông tư này áp dụng đối với người nộp thuế.”\n"
    "Đề nghị đơn vị thực hiện theo quy định.\n"
)


@pytest.mark.parametrize(
    ("front", "body", "doc_type"),
    [
        # the subject line as OCR read it makes a Công văn, whatever the body quotes
        (
            "CỤC THUẾ TỈNH NAM ĐỊNH\nSố: ¥7!CTNĐ-TTHT\nVW hoàn thuế GTGT theo TT 80/2021/TT-BTC\n",
            _QUOTING_BODY,
            "Công văn",
        ),
        (
            "SỞ TÀI CHÍNH\nSố: 4A{/STC-QLG\nV.v giá dịch vụ theo Nghị định 60/2021/NĐ-CP\n",
            _QUOTING_BODY,
            "Công văn",
        ),
        (
            "BỘ CÔNG THƯƠNG\nSô: !2/BCT-XNK\nVWv xuất khẩu theo Quyết định 12/2021/QĐ-TTg\n",
            _QUOTING_BODY,
            "Công văn",
        ),
        # no subject line: the text's own "... này" counts, the quoted one does not
        (
            "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ\n",
            "Căn cứ Quyết định số 5/QĐ-UBND: “Quyết định này có hiệu lực, Quyết định này thay thế”.\n"
            "Các ấp tổ chức thực hiện Kế hoạch này.\n",
            "Kế hoạch",
        ),
        # a quotation OCR left open runs on: the cited decree's words are not the letter's type
        (
            "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ\n",
            "Trích Nghị định số 100/2019/NĐ-CP:\n“Điều 5. Nghị định này quy định xử phạt\n\n"
            "a) Phạt tiền theo Nghị định này.\n",
            None,
        ),
    ],
)
def test_type_comes_from_the_documents_own_front_not_what_it_quotes(
    front: str, body: str, doc_type: str | None
) -> None:
    _, h = header(f"{front}\nKính gửi: Các đơn vị.\n\n{body}")
    assert (h.type.value if h.type else None) == doc_type


@pytest.mark.parametrize(
    ("front", "issuer"),
    [
        # a receiver's stamp above the header, its labels ("Chuyển:", "Số và ký hiệu HS:") interleaved
        # with the issuer's column
        (
            "CỤC THUẾ TỈNH NINH BÌNH\n\nBỘ TÀI CHÍNH | Chuyển:...... CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỔNG CỤC THUẾ | Số và ký hiệu HS: Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 1234/TCT-CS Hà Nội, ngày 4 tháng 6 năm 2021",
            ("Tổng cục Thuế", "central", "Bộ Tài chính"),
        ),
        (
            "UBND HUYỆN ĐỨC TRỌNG\nĐẾN Số: 45 Ngày: 12/5/2021\n\nBỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 321/BYT-KCB Hà Nội, ngày 4 tháng 6 năm 2021",
            ("Bộ Y tế", "central", None),
        ),
        # "CÔNG VĂN ĐẾN" is the stamp's, not a type line
        (
            "SỞ Y TẾ TỈNH LÂM ĐỒNG\nCÔNG VĂN ĐẾN Số: 123 Ngày: 5/3/2021\n\n"
            "BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "CỤC QUẢN LÝ KHÁM, CHỮA BỆNH Độc lập - Tự do - Hạnh phúc\n"
            "Số: 321/KCB-NV Hà Nội, ngày 4 tháng 6 năm 2021",
            ("Cục Quản lý Khám, chữa bệnh", "central", "Bộ Y tế"),
        ),
        # the stamp's registry number ("Số: 1520") is not the letter's
        (
            "CỤC THUẾ TỈNH NAM ĐỊNH\nCÔNG VĂN ĐẾN\nSố: 1520\nNgày: 15/6/2021\n\n"
            "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n"
            "Số: 2211/TCT-CS Hà Nội, ngày 9 tháng 6 năm 2021",
            ("Tổng cục Thuế", "central", "Bộ Tài chính"),
        ),
        # a body below the issuer is none of its superiors, even on the line above it
        (
            "CỤC THUẾ TỈNH NINH BÌNH\nTỔNG CỤC THUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n\nSố: 1234/TCT-CS Hà Nội, ngày 4 tháng 6 năm 2021",
            ("Tổng cục Thuế", "central", None),
        ),
        # the issuer's name damaged by the stamp's ink, the number's code intact
        (
            "CỤC HẢI QUAN TỈNH LẠNG SƠN\n\nBỘ TÀI CHÍNH | Chuyển:...... CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TONG CỤC 'G CỤC HẢI QUANSZ và ký hiệu HS: Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 77/TCHQ-GSQL Hà Nội, ngày 4 tháng 6 năm 2021",
            ("Tổng cục Hải quan", "central", "Bộ Tài chính"),
        ),
        # ... but a body the gazetteers know is not renamed after another body's code
        (
            "BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\nSố: 77/TCT-GSQL\nHà Nội, ngày 4 tháng 6 năm 2021",
            ("Tổng cục Hải quan", "central", "Bộ Tài chính"),
        ),
        # the parent's line shares the motto too, a blank line below it: still the header
        (
            "BO Y TE CONG HOA XA HOI CHU NGHIA VIET NAM\n\nCỤC QUẢN LÝ DƯỢC Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 55/QLD-ĐK Hà Nội, ngày 4 tháng 6 năm 2021",
            ("Cục Quản lý Dược", "central", "Bộ Y tế"),
        ),
    ],
)
def test_issuer_is_the_headers_not_a_receivers_stamp(front: str, issuer: tuple[str, str, str | None]) -> None:
    _, h = header(f"{front}\nV/v hướng dẫn thực hiện\n\nKính gửi: Các đơn vị.\n\nNội dung văn bản.\n")
    assert h.issuer is not None
    assert (h.issuer.name, h.issuer.level, h.issuer.parent) == issuer
    assert h.number is not None and h.number.value == re.findall(r"Số: (\d+/\S+)", front)[-1]


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        # an abbreviation in capitals wrapped onto a line of its own stays as printed
        ("V/v lùi thời hạn đóng\nKPCĐ", "Lùi thời hạn đóng KPCĐ"),
        ("V/v hướng dẫn thu\nBHXH, BHYT", "Hướng dẫn thu BHXH, BHYT"),
        ("V/v cấp mã số\nDN", "Cấp mã số DN"),
        # a title in capitals is recased, however it wraps
        ("KẾ HOẠCH\nTRIỂN KHAI TIÊM CHỦNG\nNĂM 2021", "Triển khai tiêm chủng năm 2021"),
    ],
)
def test_title_keeps_a_wrapped_abbreviation(subject: str, title: str) -> None:
    head = "BỘ XÂY DỰNG\nSố: 12/BXD-VP\nHà Nội, ngày 2 tháng 3 năm 2021"
    _, h = header(f"{head}\n{subject}\n\nKính gửi: Các sở.\n\nNội dung.\n")
    assert h.title is not None and h.title.value == title


@pytest.mark.parametrize(
    ("body", "doc_type"),
    [
        # addressed, no number, subject or type line left: not the act it discusses
        ("Theo Nghị định số 15/2022/NĐ-CP, Nghị định này miễn thuế cho hộ kinh doanh.\n", None),
        ("Đề nghị các đơn vị triển khai Quyết định này của Thủ tướng.\n", None),
        ("Căn cứ Thông tư 12/2021/TT-BYT, đề nghị các đơn vị thực hiện Thông tư này.\n", None),
        # a type that is addressed keeps the text's own word
        ("Ủy ban kính trình Hội đồng xem xét, thông qua Tờ trình này.\n", "Tờ trình"),
    ],
)
def test_type_of_an_addressed_text_without_type(body: str, doc_type: str | None) -> None:
    _, h = header(f"ỦY BAN NHÂN DÂN XÃ TÂN PHÚ\n\nKính gửi: Hội đồng nhân dân xã.\n\n{body}")
    assert (h.type.value if h.type else None) == doc_type


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # the header lost: the body that a request names as its object is no issuer, the number's code
        # names the body, the text gives its province
        (
            "Số: 77/SYT-NVY\nV/v phòng chống dịch\n\nKính gửi: Ủy ban nhân dân huyện Đức Trọng.\n\n"
            "Sở Y tế tỉnh Lâm Đồng đề nghị Ủy ban nhân dân huyện Đức Trọng chỉ đạo các xã thực hiện.\n",
            ("Sở Y tế tỉnh Lâm Đồng", "province"),
        ),
        (
            "Số: 12/STC-NS\nV/v dự toán ngân sách\n\nKính gửi: Ủy ban nhân dân thành phố Vinh.\n\n"
            "Ủy ban nhân dân thành phố Vinh yêu cầu bổ sung kinh phí; Sở Tài chính tỉnh Nghệ An có ý kiến.\n",
            ("Sở Tài chính tỉnh Nghệ An", "province"),
        ),
        # an addressee is never the issuer, whatever the text has it do
        (
            "Số: 5/UBND-VX\nV/v phòng chống dịch\n\nKính gửi: Ủy ban nhân dân huyện Chư Sê.\n\n"
            "Đề nghị Ủy ban nhân dân huyện Chư Sê chỉ đạo các xã thực hiện.\n",
            ("Ủy ban nhân dân", None),
        ),
        # the body's own act still names it
        (
            "Số: 5/UBND-VX\nV/v phòng chống dịch\n\nKính gửi: Các xã.\n\n"
            "Ủy ban nhân dân huyện Chư Sê yêu cầu các xã thực hiện.\n",
            ("Ủy ban nhân dân huyện Chư Sê", "district"),
        ),
    ],
)
def test_inferred_issuer_is_not_the_addressee(text: str, issuer: tuple[str, str | None]) -> None:
    nt, h = header(text)
    assert h.issuer is not None and h.issuer.inferred
    assert (h.issuer.name, h.issuer.level) == issuer
    if h.issuer.span is not None:
        s, e = h.issuer.span
        assert fold(nt.original[s:e]) in (fold(issuer[0])[: e - s], "ubnd")  # the name, or the number's code
