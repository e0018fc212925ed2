"""People named in the body with their posts; no persons from posts without a name."""

from __future__ import annotations

import unicodedata

import pytest

from kg.extract.context import Context
from kg.extract.persons import extract_persons, split_posts
from kg.extract.signature import extract_signatory
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
        # the span holds the name as printed: in capitals, over a line break
        assert " ".join(normalise(nt.original[s:e]).text.split()).lower() == p.name.lower()
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
    (  # comrade, name, then the post
        "Theo ý kiến chỉ đạo của đồng chí Trịnh Quang Vĩnh, Phó Thủ tướng, các bộ khẩn trương triển khai.",
        [("Trịnh Quang Vĩnh", ("Phó Thủ tướng",))],
    ),
    (  # the post, its body, then the name
        "Bộ trưởng Bộ Y tế Đào Thanh Tùng đã ký ban hành hướng dẫn cách ly y tế tại nhà.",
        [("Đào Thanh Tùng", ("Bộ trưởng Bộ Y tế",))],
    ),
    (  # a place between the post and the name is no part of the name
        "Chủ tịch UBND tỉnh Lâm Đồng Phan Hữu Lộc chủ trì cuộc họp trực tuyến với các huyện.",
        [("Phan Hữu Lộc", ("Chủ tịch UBND tỉnh Lâm Đồng",))],
    ),
    (  # a meeting notice: who attended, each with posts, separated by ";"
        "Tham dự có các đồng chí: Hoàng Văn Sơn, Phó Bí thư Thường trực Tỉnh ủy; Lưu Thị Mai, Ủy viên Ban "
        "Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy; Đỗ Minh Quang, Giám đốc Sở Y tế.",
        [
            ("Hoàng Văn Sơn", ("Phó Bí thư Thường trực Tỉnh ủy",)),
            ("Lưu Thị Mai", ("Ủy viên Ban Thường vụ", "Trưởng Ban Tuyên giáo Tỉnh ủy")),
            ("Đỗ Minh Quang", ("Giám đốc Sở Y tế",)),
        ],
    ),
    (  # a list of names without posts after "các đồng chí"
        "Giao các đồng chí: Nguyễn Hữu Tài, Trần Thị Ngọc và Bùi Văn Khoa theo dõi, đôn đốc thực hiện.",
        [("Nguyễn Hữu Tài", ()), ("Trần Thị Ngọc", ()), ("Bùi Văn Khoa", ())],
    ),
    (  # several posts before the name; posts after it separated by dashes; OCR "đồng chỉ"
        "Theo ý kiến của Phó Thủ tướng, Trưởng Ban Chỉ đạo Quốc gia Hoàng Minh Đức, đồng chỉ Tạ Quang Hưng "
        "- Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh - Trưởng Ban Chỉ đạo tỉnh đã kết luận.",
        [
            ("Hoàng Minh Đức", ("Phó Thủ tướng", "Trưởng Ban Chỉ đạo Quốc gia")),
            ("Tạ Quang Hưng", ("Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh", "Trưởng Ban Chỉ đạo tỉnh")),
        ],
    ),
    (  # family names of the northern uplands' peoples
        "Ngày 12/3/2021, đồng chí Giàng Seo Phử, Phó Bí thư Thường trực Tỉnh ủy chủ trì; tham dự có đồng chí "
        "Sùng A Lử, Phó Chủ tịch UBND tỉnh.",
        [
            ("Giàng Seo Phử", ("Phó Bí thư Thường trực Tỉnh ủy",)),
            ("Sùng A Lử", ("Phó Chủ tịch UBND tỉnh",)),
        ],
    ),
    (  # "Ông"/"bà" as a person context; the post in brackets after the name
        "Ông Võ Thành Đạt, Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh báo cáo; đồng chí Cao Minh Trí "
        "(Phó Chủ tịch Ủy ban nhân dân huyện) phát biểu.",
        [
            ("Võ Thành Đạt", ("Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh",)),
            ("Cao Minh Trí", ("Phó Chủ tịch Ủy ban nhân dân huyện",)),
        ],
    ),
    (  # OCR without marks: the post and the family name are read diacritic-insensitively
        "Theo chi dao cua Pho Chu tich UBND tinh Nguyen Van Binh, cac so nganh trien khai ngay.",
        [("Nguyen Van Binh", ("Pho Chu tich UBND tinh",))],
    ),
    (  # OCR put a quote inside a post: "Phó Chủ' tịch" is no name
        "Tham dự có các đồng chí: Đỗ Ngọc Son, Phó Chủ' tịch Ủy ban nhân dân tỉnh; Đặng Xuân Hùng, "
        "Ủy viên Ban Thường vụ Tỉnh ủy.",
        [("Đỗ Ngọc Son", ()), ("Đặng Xuân Hùng", ("Ủy viên Ban Thường vụ Tỉnh ủy",))],
    ),
    (  # schools and streets named after people, "phổ thông" before a name: no person
        "Tổ chức tiêm tại Trường Trung học phổ thông Lê Quý Đôn và điểm tiêm đường Nguyễn Huệ; học tập "
        "tư tưởng Hồ Chí Minh.",
        [],
    ),
]


# Meeting notices and conclusions (Thông báo kết luận), honorifics, lists, names in capitals, names
# without marks, names wrapped over a line.
OPENING = "Ngày 5/3/2021, Ủy ban nhân dân tỉnh tổ chức cuộc họp về công tác phòng, chống dịch.\n"
MEETING_CASES = [
    (
        "Chủ trì: đồng chí Hoàng Văn Sơn, Phó Chủ tịch UBND tỉnh.\nTham dự có: đại diện lãnh đạo các sở.",
        [("Hoàng Văn Sơn", ("Phó Chủ tịch UBND tỉnh",))],
    ),
    (
        "Chủ trì cuộc họp: Phó Chủ tịch UBND tỉnh Hoàng Văn Sơn.\nThành phần: đại diện lãnh đạo các sở.",
        [("Hoàng Văn Sơn", ("Phó Chủ tịch UBND tỉnh",))],
    ),
    (  # "–" between the name and the post; the post ends before "tại"
        "Ý kiến kết luận của đồng chí Ngô Minh Châu – Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp.",
        [("Ngô Minh Châu", ("Chủ tịch Ủy ban nhân dân tỉnh",))],
    ),
    (  # a list ending in "và đại diện ..."
        "Tham dự có: đồng chí Lê Thị Hà, Giám đốc Sở Y tế; đồng chí Phan Văn Dũng, Phó Giám đốc Sở Tài chính "
        "và đại diện các sở, ngành.",
        [("Lê Thị Hà", ("Giám đốc Sở Y tế",)), ("Phan Văn Dũng", ("Phó Giám đốc Sở Tài chính",))],
    ),
    (  # "và đồng chí" opens the next person of the list
        "Có mặt đồng chí Lê Văn Ánh, Phó Bí thư Tỉnh ủy và đồng chí Trần Thị Bích, Chủ tịch UBND tỉnh.",
        [("Lê Văn Ánh", ("Phó Bí thư Tỉnh ủy",)), ("Trần Thị Bích", ("Chủ tịch UBND tỉnh",))],
    ),
    (  # a bulleted list of who attended
        "Thành phần tham dự:\n- Đồng chí Lê Văn Ánh, Phó Chủ tịch UBND huyện;\n- Đồng chí Trần Thị Bích, "
        "Trưởng phòng Y tế huyện;\n- Đại diện lãnh đạo các phòng, ban.",
        [("Lê Văn Ánh", ("Phó Chủ tịch UBND huyện",)), ("Trần Thị Bích", ("Trưởng phòng Y tế huyện",))],
    ),
    (  # ranks, a list separated by ";"
        "Tham dự có Thượng tá Hà Văn Sinh, Phó Giám đốc Công an tỉnh; Đại tá Lò Văn Tiến, Chỉ huy trưởng Bộ "
        "Chỉ huy Quân sự tỉnh.",
        [
            ("Hà Văn Sinh", ("Phó Giám đốc Công an tỉnh",)),
            ("Lò Văn Tiến", ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",)),
        ],
    ),
    (  # a rank alone makes a person context
        "Đại tá Trần Văn Hùng phát biểu tại hội nghị.",
        [("Trần Văn Hùng", ())],
    ),
    (  # degrees and titles; the post before the name with the title between
        "PGS.TS. Nguyễn Thị Lan, Giám đốc Bệnh viện Đa khoa tỉnh báo cáo; theo Giám đốc Sở Y tế, BS.CKII. "
        "Lưu Văn Hòa, tình hình đã được kiểm soát.",
        [
            ("Nguyễn Thị Lan", ("Giám đốc Bệnh viện Đa khoa tỉnh",)),
            ("Lưu Văn Hòa", ("Giám đốc Sở Y tế",)),
        ],
    ),
    (  # names printed in capitals come out in proper case
        "Tham dự có các đồng chí: LÊ VĂN ÁNH, Phó Chủ tịch UBND tỉnh; TRẦN THỊ BÍCH, Giám đốc Sở Y tế.",
        [("Lê Văn Ánh", ("Phó Chủ tịch UBND tỉnh",)), ("Trần Thị Bích", ("Giám đốc Sở Y tế",))],
    ),
    (  # a name wrapped over a line break
        "Sau khi nghe đồng chí Nguyễn\nVăn Bình, Phó Chủ tịch UBND tỉnh báo cáo, Thường trực Tỉnh ủy kết "
        "luận:",
        [("Nguyễn Văn Bình", ("Phó Chủ tịch UBND tỉnh",))],
    ),
    (  # without marks (OCR), a list
        "Tham du co: dong chi Nguyen Van An, Pho Chu tich UBND tinh; dong chi Tran Van Ba, Giam doc So Y te.",
        [("Nguyen Van An", ("Pho Chu tich UBND tinh",)), ("Tran Van Ba", ("Giam doc So Y te",))],
    ),
    (  # posts joined by "kiêm"; abbreviations after the name
        "Đồng chí Lê Văn Ánh, Phó Bí thư Tỉnh ủy kiêm Trưởng Ban Tổ chức Tỉnh ủy chủ trì; đồng chí Lý Thị "
        "Hoa, UVBTV, Trưởng Ban Dân vận Tỉnh ủy phát biểu.",
        [
            ("Lê Văn Ánh", ("Phó Bí thư Tỉnh ủy", "Trưởng Ban Tổ chức Tỉnh ủy")),
            ("Lý Thị Hoa", ("UVBTV", "Trưởng Ban Dân vận Tỉnh ủy")),
        ],
    ),
    (  # a dash inside the body's name; words of the next clause are no part of the post
        "Giao đ/c Vũ Văn Khánh, Trưởng phòng Tổ chức - Hành chính theo dõi; đồng chí Phạm Văn Tú, Chi cục "
        "trưởng Chi cục Kiểm lâm tỉnh báo cáo.",
        [
            ("Vũ Văn Khánh", ("Trưởng phòng Tổ chức - Hành chính",)),
            ("Phạm Văn Tú", ("Chi cục trưởng Chi cục Kiểm lâm tỉnh",)),
        ],
    ),
    (  # an enterprise's director, a name in capitals after "Ông"
        "Ông TRẦN VĂN NAM, Giám đốc Công ty TNHH Hòa Phát trình bày.",
        [("Trần Văn Nam", ("Giám đốc Công ty TNHH Hòa Phát",))],
    ),
    (  # "Quyền" (acting) is part of the post, after the name and before it
        "Dưới sự chủ trì của ông Cao Văn Huy, Quyền Chủ tịch UBND tỉnh, cuộc họp thống nhất; Quyền Giám đốc "
        "Sở Y tế Lê Văn Ánh báo cáo.",
        [("Cao Văn Huy", ("Quyền Chủ tịch UBND tỉnh",)), ("Lê Văn Ánh", ("Quyền Giám đốc Sở Y tế",))],
    ),
    (
        "Dự họp có đồng chí Triệu Kim Long, Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh, Trưởng đoàn Đại biểu Quốc "
        "hội tỉnh.",
        [
            (
                "Triệu Kim Long",
                ("Tỉnh ủy viên", "Phó Chủ tịch HĐND tỉnh", "Trưởng đoàn Đại biểu Quốc hội tỉnh"),
            )
        ],
    ),
    (  # posts and bodies without a name, headings in capitals: no person
        "Đồng chí Chủ tịch Ủy ban nhân dân tỉnh chủ trì.\nI. KẾT QUẢ THỰC HIỆN\nCác đồng chí Ủy viên Ban "
        "Thường vụ Tỉnh ủy theo dõi địa bàn; Sở Y tế chủ trì, phối hợp với Công an tỉnh Lào Cai.",
        [],
    ),
]


@pytest.mark.parametrize(("body", "want"), MEETING_CASES, ids=[f"m{i}" for i in range(len(MEETING_CASES))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_persons_in_meetings(body: str, want: list[tuple[str, tuple[str, ...]]], form: str) -> None:
    assert persons(unicodedata.normalize(form, OPENING + body)) == want


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


LIST_HEAD = "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/UBND-VX\n\n"
LIST_BODY = "Các cơ quan, đơn vị khẩn trương triển khai thực hiện nghiêm túc nội dung văn bản này.\n" * 3


@pytest.mark.parametrize(
    ("closing", "want"),
    [
        (  # posts before names, abbreviations, a list after "các PTTg:", "Đ/c", a tone lost by OCR
            "Nơi nhận:\n- Như trên;\n- Thứ trưởng Khúc Văn Lâm (để b/c);\n"
            "- TTgCP, các PTTg: Đàm Văn Thịnh, Lạc Minh Châu (để b/c);\n- Đ/c Tăng Văn Phú;\n"
            "- Đ/c Kiều Thị Hoa, Phó Chủ tịch UBND tỉnh;\n"
            "- Phó TCTr Trân Văn Tú;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLại Văn Thắng\n",
            [
                ("Khúc Văn Lâm", ("Thứ trưởng",)),
                ("Đàm Văn Thịnh", ("PTTg",)),
                ("Lạc Minh Châu", ("PTTg",)),
                ("Tăng Văn Phú", ()),
                ("Kiều Thị Hoa", ("Phó Chủ tịch UBND tỉnh",)),
                ("Trân Văn Tú", ("Phó TCTr",)),
            ],
        ),
        (  # a list over two lines; the signer (cut by OCR where the columns met) is no other person
            "Nơi nhận: KT. BỘ TRƯỞNG, CHỦ NHIỆM\n- Như trên; PHÓ CHỦ NHIỆM\n"
            "- VPCP: BTCN, các PCN: Lại Văn Thắ\nTôn Thất Bình;\n- Lưu: VT.\n\nLại Văn Thắng\n",
            [("Tôn Thất Bình", ("PCN",))],
        ),
        (  # bodies and posts without names give no person
            "Nơi nhận:\n- Như trên;\n- Đ/c Phó Chánh VPTU;\n- Cục Hàng không Việt Nam;\n- Lưu: VT.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLại Văn Thắng\n",
            [],
        ),
    ],
    ids=["posts", "signer", "none"],
)
def test_persons_in_distribution(closing: str, want: list[tuple[str, tuple[str, ...]]]) -> None:
    text = LIST_HEAD + LIST_BODY + "\n" + closing
    nt = normalise(text)
    seg = segment(nt)
    sig = extract_signatory(nt, seg)
    assert sig is not None and sig.name == "Lại Văn Thắng"
    out = extract_persons(nt, seg, CTX, sig)
    assert [(p.name, p.positions) for p in out] == want
    for p in out:
        s, e = p.span
        assert normalise(nt.original[s:e]).text == p.name


def test_person_in_title() -> None:
    """A notice of conclusions names who concluded in its subject line."""
    text = (
        "VĂN PHÒNG ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 9/TB-VP\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND "
        "tỉnh Mạc Văn Quý tại cuộc họp về phòng, chống dịch\n\n" + LIST_BODY
    )
    nt = normalise(text)
    got = [(p.name, p.positions) for p in extract_persons(nt, segment(nt), CTX, None)]
    assert got == [("Mạc Văn Quý", ("Phó Chủ tịch UBND tỉnh",))]


def test_person_in_kinh_gui() -> None:
    text = "CỤC THUẾ TỈNH HÀ NAM\nSố: 5/CT-TTHT\n\nKính gửi: Ông Lý Văn Hậu\n\n" + LIST_BODY
    nt = normalise(text)
    assert [p.name for p in extract_persons(nt, segment(nt), CTX, None)] == ["Lý Văn Hậu"]
