"""Signature blocks: capacity by system, body signed for, final position, name; noise lines."""

from __future__ import annotations

import unicodedata

import pytest

from kg import gazetteer as gz
from kg.extract.lexicon import folded_collisions, match_position_suffix, position_exact
from kg.extract.signature import deputy_of, extract_signatory, normalise_capacity
from kg.normalise import normalise
from kg.segment import segment
from kg.text import fold

BODY = "Các cơ quan, đơn vị thực hiện tốt nội dung văn bản này.\n\n"
PARTY_HEAD = "TỈNH ỦY HÀ GIANG\n*\nSố 12-CV/TU\n\n"
STATE_HEAD = "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 12/UBND-VX\n\n"


def sig(text: str):  # type: ignore[no-untyped-def]
    nt = normalise(text)
    return nt, extract_signatory(nt, segment(nt))


CASES = [
    (
        PARTY_HEAD + BODY + "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng Tỉnh ủy.\n\n"
        "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC**\n\n\n\nNguyễn Văn An",
        ("Nguyễn Văn An", "Phó Bí thư Thường trực", "T/M", "Ban Thường vụ"),
    ),
    (  # stray code before the block, corrupted post, bold markup
        BODY + "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng Tỉnh ủy.\n\nPTB-145\n\n**T/M BAN THƯỜNG VỤ**\n\n"
        "**SẢN PHẨM BÍ THƯ**\n\n**Trần Thị Bình**",
        ("Trần Thị Bình", "Bí thư", "T/M", "Ban Thường vụ"),
    ),
    (  # name with a digit, blank lines
        PARTY_HEAD + BODY + "Nơi nhận:\n- Lưu VPHU.\n\nT/M BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\n\n\nK2 Linh",
        ("K2 Linh", "Phó Bí thư", "T/M", "Ban Thường vụ"),
    ),
    (  # chain of capacities: first capacity, final position
        STATE_HEAD + BODY + "Nơi nhận:\n- Lưu: VT, KGVX\n\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\n"
        "PHÓ CHÁNH VĂN PHÒNG\n\nVõ Văn Cường\n",
        ("Võ Văn Cường", "Phó Chánh Văn phòng", "TL.", "Chủ tịch"),
    ),
    (
        STATE_HEAD + BODY + "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
        "(Đã ký)\n\nLê Thị Hoa\n",
        ("Lê Thị Hoa", "Phó Chủ tịch", "TM.", "Ủy ban nhân dân"),
    ),
    (  # one line (web copy): capacity, body, post and name
        "Số: 19046/BTC-TCHQ\n" + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT, TCHQ (65).\n"
        "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Văn Tâm\n",
        ("Đỗ Văn Tâm", "Thứ trưởng", "KT.", "Bộ trưởng"),
    ),
    (  # OCR: columns merged, diacritics lost, noise after the name
        "Số: 4046 /TCT-TTKT\n"
        + BODY
        + "Noi nhận:} - KT. TONG CỤC TRƯỞNG\n- Như trên; = ` PHO TONG CUC TRUONG\n"
        "- Lưu: VT; TTKT (3b). 39\n\nDang! Ngọc Minh\n",
        ("Dang Ngọc Minh", "Phó Tổng cục trưởng", "KT.", "Tổng cục trưởng"),
    ),
    (  # digital-signature stamp and footer note after the name
        PARTY_HEAD
        + BODY
        + "Nơi nhận:\n- Như trên,\n\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nKý bởi: Văn phòng Tỉnh ủy\n"
        "Phạm Thị Hạnh\n\n(Văn bản mẫu dùng cho kiểm thử.)\n",
        ("Phạm Thị Hạnh", "Chánh Văn phòng", "T/L", "Ban Thường vụ"),
    ),
    (  # no capacity, the post and the name in a table's column beside the list
        "Số: 12/CT-TTg\n" + BODY + "Nơi nhận:                | THỦ TƯỚNG\n- Như trên;              |\n"
        "- Bộ Y tế (để t/h);       | Cù Văn Tài\n- Lưu: VT.               |\n",
        ("Cù Văn Tài", "Thủ tướng", None, None),
    ),
    (  # no capacity: post then name
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nHồ Văn Ngữ\n",
        ("Hồ Văn Ngữ", "Chủ tịch", None, None),
    ),
    (  # two columns flattened: capacity on the heading line, post after "Như trên", name after an item
        STATE_HEAD + BODY + "Nơi nhận: KT. GIÁM ĐỐC\n- Như trên; PHÓ GIÁM ĐỐC\n- Ban Giám đốc Sở; *~\n"
        "- Các phòng chuyên môn; Lê Hoàng Nam\n- Lưu: VT, NVY. ,„ ạ\n",
        ("Lê Hoàng Nam", "Phó Giám đốc", "KT.", "Giám đốc"),
    ),
    (  # the two columns' lines alternating: the chain of capacities runs over the list's lines
        STATE_HEAD
        + BODY
        + "Nơi nhận:\nTM. ỦY BAN NHÂN DÂN\n- Như trên;\nKT. CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n"
        "PHÓ CHỦ TỊCH\n- Lưu: VT, TH.\n(Đã ký)\nĐinh Văn Hùng\n",
        ("Đinh Văn Hùng", "Phó Chủ tịch", "TM.", "Ủy ban nhân dân"),
    ),
    (  # a table's pipe between the columns; the first capacity sits at the end of the "Lưu" line
        STATE_HEAD
        + BODY
        + "Nơi nhận:\n- Như Điều 3;\n- Sở Tài chính;\n- Lưu: VT, KT. | TM. ỦY BAN NHÂN DÂN\n"
        "| KT. CHỦ TỊCH\n| PHÓ CHỦ TỊCH\n\n| Mai Văn Tùng\n",
        ("Mai Văn Tùng", "Phó Chủ tịch", "TM.", "Ủy ban nhân dân"),
    ),
    (  # names in wrapped list items ("Trịnh Thu Trang;") are not the signer's
        STATE_HEAD + BODY + "Nơi nhận: TL. CHỦ TỊCH\n- Như trên; CHÁNH VĂN PHÒNG\n"
        "- Thường trực Thành ủy, các PCT: Hà Văn Bình,\nTrịnh Thu Trang;\n- Lưu: VT, KGVX.\n\n"
        "Phùng Thị Lan\n",
        ("Phùng Thị Lan", "Chánh Văn phòng", "TL.", "Chủ tịch"),
    ),
    (  # "KT." and a post line OCR left only a part of: the signer is the head's deputy
        "Số: 12/TCT-QLN\n" + BODY + "Nơi nhận: KT, TỔNG CỤC TRƯỞNG\n- Như trên, . PHO-FANG CỤC TRƯỞNG\n"
        "- Lưu: VT, QLN.\n",
        (None, "Phó Tổng cục trưởng", "KT.", "Tổng cục trưởng"),
    ),
    (  # "KT. BỘ TRƯỞNG" whose post line is lost: the deputy of a minister is a Thứ trưởng
        "Số: 12/BYT-MT\n"
        + BODY
        + "Nơi nhận:\n- Như trên;\n- Lưu: VT, MT.\n\nKT. BỘ TRƯỞNG\n\n\nĐào Văn Hải\n",
        ("Đào Văn Hải", "Thứ trưởng", "KT.", "Bộ trưởng"),
    ),
    (  # "TL." signs by order: no post is inferred when the post line is lost
        "Số: 12/BYT-MT\n"
        + BODY
        + "Nơi nhận:\n- Như trên;\n- Lưu: VT, MT.\n\nTL. BỘ TRƯỞNG\n\n\nĐào Văn Hải\n",
        ("Đào Văn Hải", None, "TL.", "Bộ trưởng"),
    ),
    (  # a post and the unit it heads on one line ("TL." and "TUQ." signers)
        "Số: 12/BYT-PC\n" + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT, PC.\n\nTL. BỘ TRƯỞNG\n"
        "VỤ TRƯỞNG VỤ PHÁP CHẾ\n\nĐào Văn Hải\n",
        ("Đào Văn Hải", "Vụ trưởng Vụ Pháp chế", "TL.", "Bộ trưởng"),
    ),
    (
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ Y TẾ\n\n"
        "Đào Văn Hải\n",
        ("Đào Văn Hải", "Giám đốc Sở Y tế", "TUQ.", "Chủ tịch"),
    ),
    (  # a name printed in capitals comes out in proper case
        PARTY_HEAD + BODY + "Nơi nhận:\n- Như trên,\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nĐINH THỊ HẰNG\n",
        ("Đinh Thị Hằng", "Phó Bí thư", "T/M", "Ban Thường vụ"),
    ),
    (  # Party form written in the State style is normalised by the document's system
        PARTY_HEAD + BODY + "Nơi nhận:\n- Như trên,\n\nTM. BAN THƯỜNG VỤ\nBÍ THƯ\n\nNông Văn Hải\n",
        ("Nông Văn Hải", "Bí thư", "T/M", "Ban Thường vụ"),
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[f"block{i}" for i in range(len(CASES))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_signatory(text: str, want: tuple[str | None, ...], form: str) -> None:
    nt, s = sig(unicodedata.normalize(form, text))
    assert s is not None
    assert (s.name, s.position, s.capacity, s.on_behalf_of) == want
    assert s.span is not None
    block = nt.original[s.span[0] : s.span[1]]
    assert (
        want[0] is None
        or unicodedata.normalize("NFC", block)
        .rstrip()
        .endswith(unicodedata.normalize("NFC", text).split("\n")[-1].strip() or want[0] or "")
        or (want[0] or "").casefold() in normalise(block).text.replace("!", "").casefold()
    )


PARTY_ORGAN = "HUYỆN ỦY ĐÌNH LẬP\nBAN TỔ CHỨC\n*\nSố 12-CV/BTCHU\n\n"
CLOSE = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"

# Posts that only the diacritics tell apart, the posts real signers hold, ranks and titles before the
# signer's name.
POST_CASES = [
    (  # "THỦ TRƯỞNG" (head of an organ) is no "THỨ TRƯỞNG" (deputy minister)
        PARTY_ORGAN + BODY + CLOSE + "K/T THỦ TRƯỞNG\nPHÓ THỦ TRƯỞNG\n\nHà Thị Lụa\n",
        ("Hà Thị Lụa", "Phó Thủ trưởng", "K/T", "Thủ trưởng"),
    ),
    (  # without marks: the deputy's post tells which head was signed for
        PARTY_ORGAN + BODY + CLOSE + "K/T THU TRUONG\nPHO THU TRUONG\n\nHa Thi Lua\n",
        ("Ha Thi Lua", "Phó Thủ trưởng", "K/T", "Thủ trưởng"),
    ),
    (  # the post line lost: the deputy of a Thủ trưởng is a Phó Thủ trưởng
        PARTY_ORGAN + BODY + CLOSE + "K/T THỦ TRƯỞNG\n\n\nHà Thị Lụa\n",
        ("Hà Thị Lụa", "Phó Thủ trưởng", "K/T", "Thủ trưởng"),
    ),
    (
        PARTY_ORGAN + BODY + CLOSE + "T/L THỦ TRƯỞNG\nCHÁNH VĂN PHÒNG\n\nHà Thị Lụa\n",
        ("Hà Thị Lụa", "Chánh Văn phòng", "T/L", "Thủ trưởng"),
    ),
    (  # a minister's deputy, with and without marks
        "Số: 12/BYT-MT\n" + BODY + CLOSE + "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nĐào Văn Hải\n",
        ("Đào Văn Hải", "Thứ trưởng", "KT.", "Bộ trưởng"),
    ),
    (
        "Số: 12/BYT-MT\n" + BODY + CLOSE + "KT. BO TRUONG\nTHU TRUONG\n\nDao Van Hai\n",
        ("Dao Van Hai", "Thứ trưởng", "KT.", "Bộ trưởng"),
    ),
    (  # "Phó Chi cục trưởng" is no "Cục trưởng"
        "Số: 12/CCKL-KT\n" + BODY + CLOSE + "KT. CHI CỤC TRƯỞNG\nPHÓ CHI CỤC TRƯỞNG\n\nVi Văn Thắm\n",
        ("Vi Văn Thắm", "Phó Chi cục trưởng", "KT.", "Chi cục trưởng"),
    ),
    (
        "Số: 12/CCKL-KT\n" + BODY + CLOSE + "KT. CHI CỤC TRƯỞNG\n\n\nVi Văn Thắm\n",
        ("Vi Văn Thắm", "Phó Chi cục trưởng", "KT.", "Chi cục trưởng"),
    ),
    (  # a rank before the name
        "Số: 12/BCH-TM\n" + BODY + CLOSE + "KT. CHỈ HUY TRƯỞNG\nPHÓ CHỈ HUY TRƯỞNG\n\nĐại tá Lò Văn Panh\n",
        ("Lò Văn Panh", "Phó Chỉ huy trưởng", "KT.", "Chỉ huy trưởng"),
    ),
    (
        "Số: 12/BTL-TM\n" + BODY + CLOSE + "KT. TƯ LỆNH\nPHÓ TƯ LỆNH\n\nThiếu tướng Mạc Đình Vũ\n",
        ("Mạc Đình Vũ", "Phó Tư lệnh", "KT.", "Tư lệnh"),
    ),
    (
        "Số: 12/CAT-PV01\n" + BODY + CLOSE + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nThuong ta Tong Van Bay\n",
        ("Tong Van Bay", "Phó Giám đốc", "KT.", "Giám đốc"),
    ),
    (  # academic and professional titles before the name
        "Số: 12/ĐHYD-ĐT\n" + BODY + CLOSE + "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\nPGS.TS. Âu Thị Nga\n",
        ("Âu Thị Nga", "Phó Hiệu trưởng", "KT.", "Hiệu trưởng"),
    ),
    (
        "Số: 12/BVĐK-KHTH\n" + BODY + CLOSE + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nBS.CKII. Quách Văn Lợi\n",
        ("Quách Văn Lợi", "Phó Giám đốc", "KT.", "Giám đốc"),
    ),
    (
        "Số: 12/TA-VP\n" + BODY + CLOSE + "KT. CHÁNH ÁN\nPHÓ CHÁNH ÁN\n\nKhổng Minh Tiến\n",
        ("Khổng Minh Tiến", "Phó Chánh án", "KT.", "Chánh án"),
    ),
    (
        "Số: 12/VKS-VP\n" + BODY + CLOSE + "KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG\n\nKhổng Minh Tiến\n",
        ("Khổng Minh Tiến", "Phó Viện trưởng", "KT.", "Viện trưởng"),
    ),
    (
        PARTY_ORGAN + BODY + CLOSE + "T/M ỦY BAN KIỂM TRA\nCHỦ NHIỆM\n\nKhổng Minh Tiến\n",
        ("Khổng Minh Tiến", "Chủ nhiệm", "T/M", "Ủy ban Kiểm tra"),
    ),
    (
        PARTY_ORGAN + BODY + CLOSE + "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nKhổng Minh Tiến\n",
        ("Khổng Minh Tiến", "Phó Trưởng ban", "K/T", "Trưởng ban"),
    ),
    (  # no capacity: the post, then the name in capitals
        "Số: 12/SYT-NV\n" + BODY + CLOSE + "GIÁM ĐỐC\n\nKHỔNG MINH TIẾN\n",
        ("Khổng Minh Tiến", "Giám đốc", None, None),
    ),
    (  # "Q." (acting) without a post line: the post acted in
        "Số: 12/SYT-NV\n" + BODY + CLOSE + "Q. GIÁM ĐỐC\n\nKhổng Minh Tiến\n",
        ("Khổng Minh Tiến", "Giám đốc", "Q.", "Giám đốc"),
    ),
]


@pytest.mark.parametrize(("text", "want"), POST_CASES, ids=[f"post{i}" for i in range(len(POST_CASES))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_signatory_posts(text: str, want: tuple[str | None, ...], form: str) -> None:
    _, s = sig(unicodedata.normalize(form, text))
    assert s is not None
    assert (s.name, s.position, s.capacity, s.on_behalf_of) == want


def test_folded_collisions_are_told_apart_by_marks() -> None:
    """Every fold of kg/data/positions.tsv that names two posts is found, and the marks of the text
    decide between them, in usual case and in capitals, alone and at the end of a block's line."""
    collisions = folded_collisions()
    assert collisions["thu truong"] == ("Thứ trưởng", "Thủ trưởng")
    for posts in collisions.values():
        assert len({fold(p) for p in posts}) == 1
        for post in posts:
            for written in (post, post.upper()):
                assert position_exact(written) == post
                assert match_position_suffix(f"KT. {written}") == (post, 4)
    # a text without marks: the first listed; OCR that kept the vowel's shape but lost the tone
    assert position_exact("THU TRUONG") == "Thứ trưởng"
    assert position_exact("THƯ TRƯỞNG") == "Thứ trưởng"
    assert position_exact("THÙ TRƯỞNG") == "Thủ trưởng"


def test_capacity_forms_do_not_collide() -> None:
    """Each capacity form, looked up as written (case- and space-insensitive), names one capacity."""
    seen: dict[str, str] = {}
    for c in gz.capacities():
        key = c.form.upper().replace(" ", "")
        assert seen.setdefault(key, c.canonical) == c.canonical
        assert gz.capacity_by_form(c.form.lower()) == gz.capacity_by_form(c.form)


@pytest.mark.parametrize(
    ("head", "deputy"),
    [
        ("Bộ trưởng", "Thứ trưởng"),
        ("Thủ trưởng", "Phó Thủ trưởng"),
        ("Thứ trưởng", None),
        ("Chi cục trưởng", "Phó Chi cục trưởng"),
        ("Tổng cục trưởng", "Phó Tổng cục trưởng"),
        ("Hiệu trưởng", "Phó Hiệu trưởng"),
        ("Tổng Thanh tra Chính phủ", "Phó Tổng Thanh tra Chính phủ"),
    ],
)
def test_deputy_of(head: str, deputy: str | None) -> None:
    assert deputy_of(head) == deputy


@pytest.mark.parametrize(
    ("form", "system", "canonical"),
    [
        ("T/M", "party", "T/M"),
        ("TM.", "party", "T/M"),
        ("T.M", "party", "T/M"),
        ("T/M", "state", "TM."),
        ("KT.", "state", "KT."),
        ("K/T", "state", "KT."),
        ("KT,", "state", "KT."),
        ("TL.", "party", "T/L"),
        ("TUQ.", "state", "TUQ."),
        ("Q.", "state", "Q."),
        ("T/M", None, "T/M"),
    ],
)
def test_normalise_capacity(form: str, system: str | None, canonical: str) -> None:
    assert normalise_capacity(form, system) == canonical


def test_no_signature_block() -> None:
    _, s = sig(PARTY_HEAD + BODY)
    assert s is None


# A signature block of which only the signer's name survives (the capacity and the post were in the
# stamp's image, or the scan lost them): the name alone on the last line, after the Nơi nhận list or
# after the letter's closing "./.", is the signer's.
NAME_ALONE = [
    (
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Phòng TTKT3;\n- Lưu: VT, TTHT(2).\n\nNguyễn Thị Mai\n",
        "Nguyễn Thị Mai",
    ),
    (  # OCR without marks, the stamp's noise after the list
        STATE_HEAD + BODY + "Noi nhan:\n- Nhu tren;\n- Luu: VT. „ ,\n\nTran Van Hung\n",
        "Tran Van Hung",
    ),
    (  # no Nơi nhận: the name after the closing formula
        STATE_HEAD + BODY + "Sở Y tế trả lời để Công ty được biết và thực hiện./.\n\nĐỗ Minh Châu\n",
        "Đỗ Minh Châu",
    ),
    (  # the stamp's noise on a line after the name
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nPhạm Quốc Toản\n„ ~\n",
        "Phạm Quốc Toản",
    ),
    (  # the e-signature's lines after the name
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nLương Thị Ngọc\nKý bởi: Sở Y tế\n"
        "Thời gian ký: 12.03.2022 09:15\n",
        "Lương Thị Ngọc",
    ),
    (  # a list of people ending the text is no signature
        STATE_HEAD + BODY + "Danh sách tổ công tác:\n1. Nguyễn Văn Lâm\n2. Trần Văn Bảo\n",
        None,
    ),
    (  # nor a place after the list
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nHà Giang\n",
        None,
    ),
]


@pytest.mark.parametrize(("text", "name"), NAME_ALONE, ids=[f"alone{i}" for i in range(len(NAME_ALONE))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_signer_name_alone(text: str, name: str | None, form: str) -> None:
    nt, s = sig(unicodedata.normalize(form, text))
    if name is None:
        assert s is None
        return
    assert s is not None
    assert (s.name, s.position, s.capacity, s.on_behalf_of) == (name, None, None, None)
    assert normalise(nt.original[s.span[0] : s.span[1]]).text == name


# A signature block printed in a broken font (a PDF whose Vietnamese font lost its marked letters, which
# come out as "!", digits or other letters: "T!CH" for "TỊCH", "PH0" for "PHÓ", "ciiu" for "CHỦ"): the
# post and the body signed for are the known ones whose words fit, a mangled letter standing for one or
# two vowels.
BROKEN_FONT = [
    (
        "TONG LIEN DOAN LAO DONG VIET NAM\nS: 12/TLD-CS\n\n" + BODY + "Noi nhin: TM. DOAN Chill T!CH\n"
        "- Nhu trên;\np ciiu T!CH\n- Thuông trirc DCT (c1 b/c);\n-Luu:VT,TC.\n",
        (None, "Phó Chủ tịch", "TM.", "Đoàn Chủ tịch"),
    ),
    (
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GI!M D3C\nPH0 GI!M D3C\n\n"
        "Lê Văn Tám\n",
        ("Lê Văn Tám", "Phó Giám đốc", "KT.", "Giám đốc"),
    ),
    (
        PARTY_HEAD + BODY + "Nơi nhận:\n- Như trên,\n- Lưu VPTU.\n\nT/M BAN TH3!NG V!\nB! TH3\n\n"
        "Nguyễn Văn Hùng\n",
        ("Nguyễn Văn Hùng", "Bí thư", "T/M", "Ban Thường vụ"),
    ),
    (  # a chain of capacities, the last two lines broken
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CH! T!CH\n"
        "PH0 CH! T!CH\n\nĐào Thị Hạnh\n",
        ("Đào Thị Hạnh", "Phó Chủ tịch", "TM.", "Ủy ban nhân dân"),
    ),
    (  # a number in a name is no broken letter
        STATE_HEAD
        + BODY
        + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. BAN CHỈ ĐẠO COVID-19\nPHÓ TRƯỞNG BAN\n\n"
        "Đào Thị Hạnh\n",
        ("Đào Thị Hạnh", "Phó Trưởng ban", "TM.", "Ban Chỉ đạo"),
    ),
    (  # a broken line that fits no post changes nothing
        STATE_HEAD + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nX! Q3W\n\n"
        "Đào Thị Hạnh\n",
        ("Đào Thị Hạnh", "Phó Chủ tịch", "KT.", "Chủ tịch"),
    ),
]


@pytest.mark.parametrize(("text", "want"), BROKEN_FONT, ids=[f"broken{i}" for i in range(len(BROKEN_FONT))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_signature_in_a_broken_font(text: str, want: tuple[str | None, ...], form: str) -> None:
    _, s = sig(unicodedata.normalize(form, text))
    assert s is not None
    assert (s.name, s.position, s.capacity, s.on_behalf_of) == want
