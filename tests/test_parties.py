"""Recipients ("Kính gửi") and distribution ("Nơi nhận") lists: inline, listed, wrapped, grouped."""

from __future__ import annotations

import unicodedata

import pytest

from kg.extract.context import Context
from kg.extract.parties import extract_distribution, extract_recipients
from kg.normalise import normalise
from kg.segment import segment

BODY = "\nThời gian qua, tình hình dịch bệnh diễn biến phức tạp, các cấp ủy cần tập trung chỉ đạo.\n\n"
CTX = Context(sha256="0" * 64)


def lists(text: str) -> tuple[list[str], list[str], str, list[tuple[int, int]]]:
    nt = normalise(text)
    seg = segment(nt)
    rec = extract_recipients(nt, seg, CTX)
    dis = extract_distribution(nt, seg, CTX)
    return [m.text for m in rec], [m.text for m in dis], nt.original, [m.span for m in (*rec, *dis)]


RECIPIENT_CASES = [
    (  # inline first item after "Kính gửi:* -"
        "- Kính gửi:* - Các đồng chí Tỉnh uỷ viên,\n- Các ban cán sự đảng, đảng đoàn,\n"
        "- Các huyện, thành ủy, đảng ủy trực thuộc\n" + BODY,
        [
            "Các đồng chí Tỉnh ủy viên",
            "Các ban cán sự đảng, đảng đoàn",
            "Các huyện, thành ủy, đảng ủy trực thuộc",
        ],
    ),
    (  # listed under the heading, indented, old tone style
        "- Kính gửi:*\n- Các cơ quan tham mưu, giúp việc Tỉnh uỷ,\n  - Đảng đoàn, ban cán sự đảng,\n"
        "  - Các huyện uỷ, thị uỷ, Thành uỷ.\n\n-----\n" + BODY,
        [
            "Các cơ quan tham mưu, giúp việc Tỉnh ủy",
            "Đảng đoàn, ban cán sự đảng",
            "Các huyện ủy, thị ủy, Thành ủy",
        ],
    ),
    (  # wrapped items are joined
        "Kính gửi: - Các quận ủy, huyện ủy,\n- Các ban cán sự đảng, "
        "đảng đoàn,\nđảng ủy trực thuộc Thành ủy,\n"
        "- Các sở, ban, ngành, Mặt trận Tổ quốc\nvà tổ chức chính trị - xã hội thành phố,\n"
        "- Ban Chỉ đạo thành phố về phòng, chống dịch bệnh Covid-19.\n" + BODY,
        [
            "Các quận ủy, huyện ủy",
            "Các ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Thành ủy",
            "Các sở, ban, ngành, Mặt trận Tổ quốc và tổ chức chính trị - xã hội thành phố",
            "Ban Chỉ đạo thành phố về phòng, chống dịch bệnh Covid-19",
        ],
    ),
    (  # single inline addressee
        "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh.\n" + BODY,
        ["Ủy ban nhân dân tỉnh Quảng Ninh"],
    ),
    (  # one line, items separated by ";"
        "Kính gửi: Trưởng Công an huyện; Giám đốc Trung tâm Y tế huyện; Chủ tịch Ủy ban nhân dân các xã.\n"
        + BODY,
        ["Trưởng Công an huyện", "Giám đốc Trung tâm Y tế huyện", "Chủ tịch Ủy ban nhân dân các xã"],
    ),
    (  # the addressee on the line after a bare heading, without a bullet
        "Kính gửi:\nỦy ban nhân dân huyện Tân Phước\n\nSở Y tế nhận được văn bản số 45/UBND ngày 3/2/2021.\n",
        ["Ủy ban nhân dân huyện Tân Phước"],
    ),
    (  # the body's first paragraph right after the last item, no blank line between
        "Kính gửi: Công ty cổ phần Dược phẩm Hòa Bình\nCục Thuế tỉnh nhận được công văn số 12/CV-HB "
        "ngày 03/3/2021 của Công ty\nhỏi về chính sách thuế.\n",
        ["Công ty cổ phần Dược phẩm Hòa Bình"],
    ),
    (  # a definition "(Sau đây gọi là ...)" after the addressee opens the body
        "Kính gửi: Ban Quản lý các khu công nghiệp tỉnh\n(Sau đây gọi là Ban Quản lý)\n"
        "Ủy ban nhân dân tỉnh nhận được báo cáo của Ban Quản lý về tình hình dịch bệnh.\n",
        ["Ban Quản lý các khu công nghiệp tỉnh"],
    ),
    (  # one addressee a line without bullets, each closed by ";"
        "Kính gửi: Sở Y tế;\nSở Tài chính;\nBảo hiểm xã hội tỉnh.\n"
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về tiêm vắc xin.\n",
        ["Sở Y tế", "Sở Tài chính", "Bảo hiểm xã hội tỉnh"],
    ),
    (  # the addressee's labelled details (address, tax code) are no addressees
        "Kính gửi: Công ty TNHH Thương mại Phúc Lâm\n(Địa chỉ: số 5 đường Hai Bà Trưng, thành phố Bắc Kạn)\n"
        "Mã số thuế: 4700123456\nCục Thuế tỉnh nhận được công văn của Công ty hỏi về hóa đơn.\n",
        ["Công ty TNHH Thương mại Phúc Lâm"],
    ),
    (  # a long item wrapped onto a capitalised line, then the body without a blank line
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc\nTrung ương\nBộ Y tế nhận được đề nghị "
        "của một số địa phương về việc hướng dẫn cách ly.\n",
        ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
    ),
    (  # "các Bộ: ..." naming several bodies on one line is one item, as printed, wrapped lines joined
        "Kính gửi các Bộ: Công an, Ngoại giao, Y tế,\nVăn hóa, Thể thao và Du lịch.\n" + BODY,
        ["các Bộ: Công an, Ngoại giao, Y tế, Văn hóa, Thể thao và Du lịch"],
    ),
    (  # bullets "+" and "•", blank lines between items
        "Kính gửi:\n+ Sở Y tế;\n\n• Sở Du lịch;\n\n- Trung tâm Kiểm soát bệnh tật thành phố.\n" + BODY,
        ["Sở Y tế", "Sở Du lịch", "Trung tâm Kiểm soát bệnh tật thành phố"],
    ),
    (  # a Công điện names its addressees after "... điện:"
        "CÔNG ĐIỆN\nVề việc khẩn trương phòng, chống dịch\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN điện:\n"
        "- Thủ trưởng các cơ quan, đơn vị trên địa bàn huyện;\n- Chủ tịch Ủy ban nhân dân các xã, thị trấn.\n"
        + BODY,
        ["Thủ trưởng các cơ quan, đơn vị trên địa bàn huyện", "Chủ tịch Ủy ban nhân dân các xã, thị trấn"],
    ),
    ("Số 1-CV/TU\n" + BODY, []),
]

# Kính gửi blocks as provinces, ministries and Party organs print them, and as PDF text, OCR and web
# tables flatten them.
RECIPIENT_FORMS = [
    (  # one addressee a line, no bullets, no punctuation, a blank line before the body
        "Kính gửi:\nSở Y tế\nSở Tài chính\nCông an tỉnh\n\nThực hiện Công văn số 123/BYT-MT của Bộ Y tế, "
        "Ủy ban nhân dân tỉnh yêu cầu.\n",
        ["Sở Y tế", "Sở Tài chính", "Công an tỉnh"],
    ),
    (  # lines closed by ",", no bullets
        "Kính gửi: Các sở, ban, ngành tỉnh,\nỦy ban nhân dân các huyện, thị xã, thành phố.\n" + BODY,
        ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"],
    ),
    (  # "Đồng kính gửi" on the line after the last item
        "Kính gửi: Bộ Y tế.\nĐồng kính gửi: Bộ Tài chính.\n\nỦy ban nhân dân tỉnh Bến Tre báo cáo như sau.\n",
        ["Bộ Y tế", "Bộ Tài chính"],
    ),
    (  # "Đồng kính gửi:" as a heading of its own, its items bulleted
        "Kính gửi:\n- Bộ Y tế;\n- Bộ Tài chính.\nĐồng kính gửi:\n- Văn phòng Chính phủ.\n" + BODY,
        ["Bộ Y tế", "Bộ Tài chính", "Văn phòng Chính phủ"],
    ),
    (  # flattened header: "Kính gửi:" after the subject on its line
        "Số: 245/UBND-KGVX Sóc Trăng, ngày 12 tháng 5 năm 2021\nV/v tăng cường phòng, chống dịch Kính gửi: "
        "Sở Y tế; Sở Tài chính.\n" + BODY,
        ["Sở Y tế", "Sở Tài chính"],
    ),
    (  # a web page's table: the heading in one cell, the items in the next
        "| Kính gửi: | - Sở Y tế; |\n| | - Sở Tài chính. |\n" + BODY,
        ["Sở Y tế", "Sở Tài chính"],
    ),
    (  # bullets as OCR and word processors print them
        "Kính gửi:\n« Sở Y tế;\n» Sở Tài chính;\n− Công an tỉnh;\n▪ Bảo hiểm xã hội tỉnh.\n" + BODY,
        ["Sở Y tế", "Sở Tài chính", "Công an tỉnh", "Bảo hiểm xã hội tỉnh"],
    ),
    (  # "Kính gửi:" then a blank line, the items without bullets closed by ";"
        "Kính gửi:\n\nCác sở, ban, ngành tỉnh;\nỦy ban nhân dân các huyện, thành phố.\n" + BODY,
        ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố"],
    ),
    (  # the body opens with the issuer's name and a verb, no blank line, the item above unclosed
        "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn\nỦy ban nhân dân huyện nhận được văn bản.\n",
        ["Sở Nông nghiệp và Phát triển nông thôn"],
    ),
    (  # ... after a long item: no wrapped line either
        "Kính gửi: Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện\nỦy ban nhân dân tỉnh đã có ý "
        "kiến chỉ đạo.\n",
        ["Các phòng, ban chuyên môn thuộc Ủy ban nhân dân huyện"],
    ),
    (  # the body's openings: "Ngày ... tháng", "Để", "Qua", "Phúc đáp", "Trong thời gian qua"
        "Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố\nNgày 12 tháng 5 năm 2021, Bộ Y tế có Công "
        "văn hướng dẫn.\n",
        ["Ủy ban nhân dân các huyện, thị xã, thành phố"],
    ),
    (
        "Kính gửi:\n- Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 các xã, thị trấn\nĐể chủ động phòng, "
        "chống dịch, Ban Chỉ đạo huyện yêu cầu:\n",
        ["Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 các xã, thị trấn"],
    ),
    (
        "Kính gửi: Công ty cổ phần Thủy sản Cửu Long\nPhúc đáp văn bản của Công ty về hoàn thuế giá trị "
        "gia tăng, Cục Thuế có ý kiến như sau:\n",
        ["Công ty cổ phần Thủy sản Cửu Long"],
    ),
    (
        "Kính gửi:\n- Các huyện ủy, thị ủy, thành ủy;\n- Các đảng ủy trực thuộc Tỉnh ủy\nTrong thời gian "
        "qua, các cấp ủy đã tập trung lãnh đạo.\n",
        ["Các huyện ủy, thị ủy, thành ủy", "Các đảng ủy trực thuộc Tỉnh ủy"],
    ),
    (  # a name wrapped onto a line that opens with a body's head stays one item
        "Kính gửi: Ban Thường vụ các huyện ủy, thị ủy, đảng ủy trực thuộc\nTỉnh ủy\n" + BODY,
        ["Ban Thường vụ các huyện ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy"],
    ),
    (  # a person, with the address that is no addressee
        "Kính gửi: Ông Lò Văn Sáng\n(Địa chỉ: bản Nà Phặc, xã Mường Phăng)\nỦy ban nhân dân huyện nhận "
        "được đơn của ông.\n",
        ["Ông Lò Văn Sáng"],
    ),
    (  # OCR without marks
        "Kinh gui:\n- So Y te;\n- So Tai chinh.\n\nThuc hien Cong van so 123/BYT-MT cua Bo Y te.\n",
        ["So Y te", "So Tai chinh"],
    ),
    (  # an enterprise's address "(Đ/c: ...)" and tax code are no addressees
        "Kính gửi: Công ty TNHH Thương mại Minh Phát\n(Đ/c: Số 12 phố Huế, quận Hai Bà Trưng\nMST: "
        "0101234567)\nCục Thuế nhận được văn bản số 05/CV-MP của Công ty.\n",
        ["Công ty TNHH Thương mại Minh Phát"],
    ),
    (  # items without bullets closed by ";", blank lines between them
        "Kính gửi:\n\nSở Y tế;\n\nSở Tài chính;\n\nCông an tỉnh.\n" + BODY,
        ["Sở Y tế", "Sở Tài chính", "Công an tỉnh"],
    ),
    (  # OCR read the round bullets as "o"
        "Kính gửi:\no Sở Y tế;\no Sở Tài chính.\n" + BODY,
        ["Sở Y tế", "Sở Tài chính"],
    ),
    (  # a whole page on one line (a text copy of a PDF): the body starts after the last item's sentence
        "V/v báo cáo thiệt hại do lũ lụt. Kính gửi: - Ủy ban nhân dân tỉnh; - Bộ Giáo dục và Đào tạo. Vừa "
        "qua, tỉnh bị ảnh hưởng của không khí lạnh gây mưa lớn trên toàn bộ địa bàn; Sở Giáo dục và Đào tạo "
        "báo cáo như sau: 1. Thiệt hại ước tính 6.050 triệu đồng.\n",
        ["Ủy ban nhân dân tỉnh", "Bộ Giáo dục và Đào tạo"],
    ),
    (  # a web copy: the bulleted items run on one line
        "Kính gửi: - Cục Hải quan các tỉnh, thành phố; - Cục Kiểm tra sau thông quan.\n" + BODY,
        ["Cục Hải quan các tỉnh, thành phố", "Cục Kiểm tra sau thông quan"],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"), RECIPIENT_FORMS, ids=[f"form{i}" for i in range(len(RECIPIENT_FORMS))]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_recipient_forms(text: str, want: list[str], form: str) -> None:
    rec, _, original, spans = lists(unicodedata.normalize(form, text))
    assert rec == want
    for value, (s, e) in zip(rec, spans, strict=False):
        assert " ".join(normalise(original[s:e]).text.replace("|", " ").split()) == value


@pytest.mark.parametrize(
    ("text", "want"), RECIPIENT_CASES, ids=[f"r{i}" for i in range(len(RECIPIENT_CASES))]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_recipients(text: str, want: list[str], form: str) -> None:
    rec, _, original, spans = lists(unicodedata.normalize(form, text))
    assert rec == want
    for value, (s, e) in zip(rec, spans, strict=False):
        assert " ".join(normalise(original[s:e]).text.split()) == value


def test_group_item_names_each_body_for_the_graph() -> None:
    """The record keeps "các Bộ: ..." as printed; its parts name each ministry (a name with a comma
    inside stays whole) so that the graph links the bodies one by one."""
    nt = normalise("Kính gửi các Bộ: Công an, Ngoại giao. Y tế, Văn hóa, Thể thao và Du lịch.\n" + BODY)
    (item,) = extract_recipients(nt, segment(nt), CTX)
    assert item.parts == ("Bộ Công an", "Bộ Ngoại giao", "Bộ Y tế", "Bộ Văn hóa, Thể thao và Du lịch")


DIST_CASES = [
    (
        BODY
        + "Nơi nhận:\n\n- Như trên,\n- Ban Tuyên giáo Trung ương (để báo cáo),\n- Lưu Văn phòng Tỉnh uỷ.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An",
        ["Như trên", "Ban Tuyên giáo Trung ương (để báo cáo)", "Lưu Văn phòng Tỉnh ủy"],
    ),
    (  # no colon, abbreviations kept as written
        BODY + "Nơi nhận\n\n- Các ban Đảng tỉnh, BCS Đảng, Đảng đoàn;\n- Đ/c "
        "Chánh Văn phòng UBND tỉnh;\n- Lưu VPHU.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An",
        ["Các ban Đảng tỉnh, BCS Đảng, Đảng đoàn", "Đ/c Chánh Văn phòng UBND tỉnh", "Lưu VPHU"],
    ),
    (  # State list ending at the signature without a blank line
        BODY + "Nơi nhận:\n- Như trên;\n- TT Tỉnh ủy, TT HĐND tỉnh;\n- Lưu: "
        "VT, KGVX.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
        "Lê Văn Hòa\n",
        ["Như trên", "TT Tỉnh ủy, TT HĐND tỉnh", "Lưu: VT, KGVX"],
    ),
    (  # OCR: the signature column merged into the list lines
        BODY + "Noi nhận: KT. BỘ TRƯỞNG, CHỦ NHIỆM\n~ Như trên; ~- PHO CHỦ NHIỆM\n- Lưu: VT, QHQT (2).\n\n"
        "Nguyễn Văn Thành\n",
        ["Như trên", "Lưu: VT, QHQT (2)"],
    ),
    (  # two columns flattened: post after "Như trên", the stamp's noise, the signer's name after an item
        BODY + "Nơi nhận: KT. GIÁM ĐỐC\n- Như trên; PHÓ GIÁM ĐỐC\n- Ban Giám đốc Sở; *~\n"
        "- Các phòng chuyên môn; Lê Hoàng Nam\n- Lưu: VT, NVY. ,„ ạ\n",
        ["Như trên", "Ban Giám đốc Sở", "Các phòng chuyên môn", "Lưu: VT, NVY"],
    ),
    (  # the two columns' lines alternating: the signature's lines between the items are no items
        BODY + "Nơi nhận:\nTM. ỦY BAN NHÂN DÂN\n- Như trên;\nKT. CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n"
        "PHÓ CHỦ TỊCH\n- Lưu: VT, TH.\n(Đã ký)\nĐinh Văn Hùng\n",
        ["Như trên", "Thường trực Tỉnh ủy", "Lưu: VT, TH"],
    ),
    (  # a table's pipe between the columns; "KT" as a unit code is no capacity
        BODY + "Nơi nhận:\n- Như Điều 3;\n- Sở Tài chính;\n- Lưu: VT, KT. | TM. ỦY BAN NHÂN DÂN\n"
        "| KT. CHỦ TỊCH\n| PHÓ CHỦ TỊCH\n\n| Mai Văn Tùng\n",
        ["Như Điều 3", "Sở Tài chính", "Lưu: VT, KT"],
    ),
    (  # an item left open by noise at its line end goes on after a blank line; names inside it stay
        BODY * 3 + "Nơi nhận: TL. CHỦ TỊCH\n- Như trên; CHÁNH VĂN PHÒNG\n"
        "- Thường trực Thành ủy, các PCT: Hà Văn Bình, ZZ. Q\n\nTrịnh Thu Trang (để b/c);\n"
        "- Các sở: Y tế, Tài chính;\n- Lưu: VT, KGVX.\n\nPhùng Thị Lan\n",
        [
            "Như trên",
            "Thường trực Thành ủy, các PCT: Hà Văn Bình, Trịnh Thu Trang (để b/c)",
            "Các sở: Y tế, Tài chính",
            "Lưu: VT, KGVX",
        ],
    ),
    (  # the "Lưu" item closes the list: noise lines after it are not joined to it
        BODY + "Nơi nhận:\n- Như trên;\n- Sở Y tế (để t/h);\n- Lưu: VT, PC (2b).\nhe Ab Cxy\n\nCỤC TRƯỞNG\n\n"
        "Vũ Thị Hằng\n",
        ["Như trên", "Sở Y tế (để t/h)", "Lưu: VT, PC (2b)"],
    ),
    (  # one line without bullets, split at ";": the formula does not swallow the items after it
        BODY * 3 + "Nơi nhận: Như trên; UBND các huyện, thành phố; Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
        "Ninh Văn Tâm\n",
        ["Như trên", "UBND các huyện, thành phố", "Lưu: VT"],
    ),
    (  # items without bullets, one a line; a wrapped one joined
        BODY * 3 + "Nơi nhận:\nNhư trên;\nBộ Y tế, Sở Giáo dục và\nĐào tạo (để b/c);\nThường trực Tỉnh ủy;\n"
        "Lưu: VT, NV.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHà Văn Sơn\n",
        ["Như trên", "Bộ Y tế, Sở Giáo dục và Đào tạo (để b/c)", "Thường trực Tỉnh ủy", "Lưu: VT, NV"],
    ),
    (  # one addressee per item even when a line holds two bodies; codes after ";" are kept
        BODY + "Nơi nhận:\n- Như trên;\n- BHXH tỉnh; BHXH Bộ Công an;\n- Vụ TTKT; CS: DNL; KK&KTT;\n"
        "- Cục Thuế các tỉnh, thành phố trực thuộc TW;\n- Lưu: VT.\n",
        [
            "Như trên",
            "BHXH tỉnh; BHXH Bộ Công an",
            "Vụ TTKT; CS: DNL; KK&KTT",
            "Cục Thuế các tỉnh, thành phố trực thuộc TW",
            "Lưu: VT",
        ],
    ),
]


SIGN = "\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLò Văn Hải\n"
DIST_FORMS = [
    (  # a web copy: the bulleted items on the heading's line
        BODY * 3 + "Nơi nhận: - Như trên; - Sở Y tế; - Lưu: VT." + SIGN,
        ["Như trên", "Sở Y tế", "Lưu: VT"],
    ),
    (  # a brace groups two items, its label on a line of its own: it goes with the item above
        BODY
        * 3
        + "Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Thường trực HĐND tỉnh;\n} (để b/c)\n- Các sở, ban, ngành;\n"
        "- Lưu: VT, KGVX.\n" + SIGN,
        ["Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh (để b/c)", "Các sở, ban, ngành", "Lưu: VT, KGVX"],
    ),
    (  # ... the label at the end of an item's line
        BODY * 3 + "Nơi nhận:\n- Bộ Y tế;               }\n- Bộ Tài chính;          } để báo cáo\n"
        "- Các sở, ban, ngành;\n- Lưu: VT.\n" + SIGN,
        ["Bộ Y tế", "Bộ Tài chính để báo cáo", "Các sở, ban, ngành", "Lưu: VT"],
    ),
    (  # "Lưu" whose bullet was lost closes the list
        BODY * 3 + "Nơi nhận:\n- Như trên;\n- Sở Y tế;\nLưu: VT.\n" + SIGN,
        ["Như trên", "Sở Y tế", "Lưu: VT"],
    ),
    (  # numbered items, OCR's round bullets, minus signs
        BODY * 3 + "Nơi nhận:\n1. Như trên;\n2. Sở Y tế;\n3. Lưu: VT.\n" + SIGN,
        ["Như trên", "Sở Y tế", "Lưu: VT"],
    ),
    (
        BODY * 3 + "Nơi nhận:\no Như trên;\no Sở Y tế;\n− Lưu: VT (02b), NV.\n" + SIGN,
        ["Như trên", "Sở Y tế", "Lưu: VT (02b), NV"],
    ),
    (  # the signature column beside the list, spaced out, the list without bullets
        BODY * 3 + "Nơi nhận:                    KT. CHỦ TỊCH\nNhư trên;                    PHÓ CHỦ TỊCH\n"
        "Sở Y tế;\nLưu: VT.                     Lò Văn Hải\n",
        ["Như trên", "Sở Y tế", "Lưu: VT"],
    ),
    (  # "(để thực hiện)" wrapped onto the next line; a note after the list is no item
        BODY * 3 + "Nơi nhận:\n- Các sở, ban, ngành tỉnh\n(để thực hiện);\n- Cổng TTĐT tỉnh;\n- Lưu: VT.\n"
        "(Gửi bản điện tử)\n" + SIGN,
        ["Các sở, ban, ngành tỉnh (để thực hiện)", "Cổng TTĐT tỉnh", "Lưu: VT"],
    ),
]


@pytest.mark.parametrize(("text", "want"), DIST_FORMS, ids=[f"df{i}" for i in range(len(DIST_FORMS))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_distribution_forms(text: str, want: list[str], form: str) -> None:
    _, dis, _, _ = lists(unicodedata.normalize(form, text))
    assert dis == want


@pytest.mark.parametrize(("text", "want"), DIST_CASES, ids=[f"d{i}" for i in range(len(DIST_CASES))])
def test_distribution(text: str, want: list[str]) -> None:
    _, dis, _, _ = lists(text)
    assert dis == want


# An addressee followed by its labelled details (address, tax code, phone) in brackets, on its line or
# the next, the bracket often misread by OCR ("@", "©", "{"): the item is the name alone.
RECIPIENT_DETAILS = [
    (  # the details on the next line, OCR read the bracket as "@", the tax code on the same line
        "Kính gửi: Công ty TNHH Cơ khí Hưng Thịnh\n@Địa chỉ: thôn Đông, xã Phú Thị, huyện Gia Lâm "
        "MST: 0101987654)\n\n- Trả lời công văn số 21/CV ngày 03/4/2021 của Công ty, Cục Thuế có ý kiến.\n",
        ["Công ty TNHH Cơ khí Hưng Thịnh"],
    ),
    (  # on the addressee's line, in brackets, a ";" inside them
        "Kính gửi: Công ty cổ phần Vận tải Sông Hồng (Địa chỉ: số 18 đường Trần Phú, TP Nam Định; "
        "MST: 0600123456)\n" + BODY,
        ["Công ty cổ phần Vận tải Sông Hồng"],
    ),
    (  # on the line, the bracket read as "{", the tax code spelled out
        "Kính gửi: Hợp tác xã Nông nghiệp Tân Lập {Mã số thuế: 2300456789}\n" + BODY,
        ["Hợp tác xã Nông nghiệp Tân Lập"],
    ),
    (  # "©" for the bracket, a person addressed
        "Kính gửi: Bà Hoàng Thị Thu ©Địa chỉ: tổ 5, phường Quyết Thắng, thành phố Sơn La)\n" + BODY,
        ["Bà Hoàng Thị Thu"],
    ),
    (  # bulleted enterprises, each with its tax code
        "Kính gửi:\n- Công ty TNHH Minh Long (MST: 3700111222);\n- Công ty cổ phần Đại Phát (MST: "
        "3700333444).\n" + BODY,
        ["Công ty TNHH Minh Long", "Công ty cổ phần Đại Phát"],
    ),
    (  # the bracket opened on the line and closed on the next
        "Kính gửi: Công ty TNHH Xây dựng Phước An (Địa chỉ: số 7 đường Lê Lợi,\nphường 1, thành phố "
        "Tuy Hòa)\n" + BODY,
        ["Công ty TNHH Xây dựng Phước An"],
    ),
    (  # OCR without marks
        "Kinh gui: Cong ty TNHH An Phu [Dia chi: so 3 pho Hue, Ha Noi]\n\nCuc Thue nhan duoc cong van.\n",
        ["Cong ty TNHH An Phu"],
    ),
    (  # the head office, the phone
        "Kính gửi: Công ty cổ phần Xi măng Hoàng Mai - Trụ sở chính: xã Quỳnh Vinh, thị xã Hoàng Mai; "
        "ĐT: 0238 3866 170\n" + BODY,
        ["Công ty cổ phần Xi măng Hoàng Mai"],
    ),
    (  # the enterprise's code
        "Kính gửi:\n- Công ty TNHH Thủy sản Hải Long, MSDN: 2200123456;\n- Hộ kinh doanh Trần Văn Nhân "
        "(Điện thoại: 0912 345 678).\n" + BODY,
        ["Công ty TNHH Thủy sản Hải Long", "Hộ kinh doanh Trần Văn Nhân"],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"), RECIPIENT_DETAILS, ids=[f"det{i}" for i in range(len(RECIPIENT_DETAILS))]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_recipient_details_are_no_part_of_the_name(text: str, want: list[str], form: str) -> None:
    rec, _, original, spans = lists(unicodedata.normalize(form, text))
    assert rec == want
    for value, (s, e) in zip(rec, spans, strict=True):
        assert " ".join(normalise(original[s:e]).text.split()) == value


# A letter whose "Kính gửi:" heading is lost (OCR dropped it, the layout put the addressees in the right
# column under the subject without one) or printed in a broken font ("Kmnhgài:"): the bulleted list of
# bodies between the subject and the body is the list of addressees.
RECIPIENT_LAYOUTS = [
    (  # the heading lost: bullets between the subject and the body
        "SỞ Y TẾ CÀ MAU\nSố: 215/SYT-NVY Cà Mau, ngày 3 tháng 6 năm 2021\nV/v tăng cường kiểm soát\n"
        "người nhập cảnh\n\n- Trung tâm Y tế các huyện, thành phố;\n\n- Bệnh viện Đa khoa tỉnh.\n\n"
        "Thực hiện Công văn số 1234/BYT-MT của Bộ Y tế, Sở Y tế đề nghị các đơn vị như sau:\n",
        ["Trung tâm Y tế các huyện, thành phố", "Bệnh viện Đa khoa tỉnh"],
    ),
    (  # ... OCR of a ministry's unit, the subject's last line apart, "~" bullets
        "BO CONG THUONG CONG HOA XA HOI CHU NGHIA VIET NAM\nCỤC XUẤT NHẬP KHẨU Độc lập - Tự do — Hạnh phúc\n"
        "số: 88/XNK-TH Hà Nội, ngày @ tháng 7 nấm 2021\nViv hướng dẫn thủ tục cấp\nchứng nhận xuất xứ\n\n"
        "cho hàng hóa.\n\n~ Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương;\n"
        "~ Các Ban Quản lý khu kinh tế.\n\nLiên quan đến việc cấp chứng nhận xuất xứ, Cục Xuất nhập khẩu "
        "thông báo như sau:\n",
        ["Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương", "Các Ban Quản lý khu kinh tế"],
    ),
    (  # a bulleted list whose items end in ";": an item left open by "," goes on on the next line
        "Kính gửi:\n- Các Sở Y tế;\n- Các Liên đoàn Lao động tỉnh, thành phố,\n"
        "Công đoàn các khu công nghiệp.\n" + BODY,
        ["Các Sở Y tế", "Các Liên đoàn Lao động tỉnh, thành phố, Công đoàn các khu công nghiệp"],
    ),
    (
        "Kính gửi:\n- Ủy ban nhân dân các huyện;\n- Các Ban Quản lý dự án,\nTrung tâm Phát triển quỹ đất "
        "tỉnh;\n- Sở Tài chính.\n" + BODY,
        [
            "Ủy ban nhân dân các huyện",
            "Các Ban Quản lý dự án, Trung tâm Phát triển quỹ đất tỉnh",
            "Sở Tài chính",
        ],
    ),
    (  # ... but not the body's first sentence after the last item
        "Kính gửi:\n- Sở Y tế;\n- Sở Tài chính,\nỦy ban nhân dân tỉnh nhận được văn bản số 12/BYT-MT.\n",
        ["Sở Y tế", "Sở Tài chính"],
    ),
    (  # the heading in a broken font
        "TONG LIEN DOAN LAO DONG VIET NAM\nS: 77/TLD-CS Ha Nôi, ngày 2 tháng 3 nám 2021\nV/v huóng dan "
        "thuc hien\nKmnhgài:\n- Các Lien doàn Lao dng tinh, thành ph;\n- Các Cong doàn ngành Trung uong.\n"
        "Can cü Ngh quy& s 12/NQ-CP ngày 8/10/2021 cüa Chinh phii.\n",
        ["Các Lien doàn Lao dng tinh, thành ph", "Các Cong doàn ngành Trung uong"],
    ),
    (  # ... its marks as "!" and "?"
        "Số: 31/LĐLĐ-TC\nV/v thu kinh phí công đoàn\nK!nh g?i:\n- Các Công đoàn cơ sở;\n"
        "- Các Công đoàn ngành.\n" + BODY,
        ["Các Công đoàn cơ sở", "Các Công đoàn ngành"],
    ),
    (  # ... another misreading of its marks
        "Số: 15/UBND-VX\nV/v phòng chống dịch\nKính gũi:\n- Sở Y tế;\n- Sở Tài chính.\n" + BODY,
        ["Sở Y tế", "Sở Tài chính"],
    ),
    (  # no heading and no list: the body's bullets are no addressees
        "Số: 16/UBND-VX Hà Giang, ngày 5 tháng 3 năm 2021\nV/v triển khai tiêm vắc xin\n\n"
        "- Thực hiện Công văn số 1234/BYT-MT của Bộ Y tế, các đơn vị cần triển khai ngay.\n"
        "- Sở Y tế chủ trì, phối hợp với các đơn vị liên quan tổ chức tiêm.\n",
        [],
    ),
    (  # a decision's grounds in bullets are no addressees
        "Số: 17/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n- Căn cứ Luật Tổ chức chính quyền "
        "địa phương;\n- Xét đề nghị của Sở Nội vụ.\n\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác.\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"), RECIPIENT_LAYOUTS, ids=[f"lay{i}" for i in range(len(RECIPIENT_LAYOUTS))]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_recipient_layouts(text: str, want: list[str], form: str) -> None:
    rec, _, original, spans = lists(unicodedata.normalize(form, text))
    assert rec == want
    for value, (s, e) in zip(rec, spans, strict=True):
        assert " ".join(normalise(original[s:e]).text.split()) == value


# Nơi nhận items as printed: a trailing label in brackets stays; OCR noise glued to the formula item,
# the signature's post (in a broken font too) and the signature glued to the "Lưu" item are no part of
# the items.
DIST_KINDS = [
    (  # a one-letter label in brackets ends the "Lưu" item
        BODY * 3 + "Nơi nhận:\n- Như trên;\n- Sở Xây dựng;\n- Lưu: VT, ĐT (M).\n" + SIGN,
        ["Như trên", "Sở Xây dựng", "Lưu: VT, ĐT (M)"],
    ),
    (
        BODY * 3 + "Nơi nhận:\n- Như trên;\n- Lưu: VT, KGVX (H), (3b).\n" + SIGN,
        ["Như trên", "Lưu: VT, KGVX (H), (3b)"],
    ),
    (  # ... and on an item of the list
        BODY * 3 + "Nơi nhận:\n- Sở Y tế (A);\n- Lưu: VT, NV (T).\n" + SIGN,
        ["Sở Y tế (A)", "Lưu: VT, NV (T)"],
    ),
    (  # OCR read bullets as lone accents or symbols
        BODY * 3 + "Nơi nhận:\n~ Như trên;\n~ Bộ Y tế;\nˆ oe LTNN, Vụ THKT (để\np/h);\n- Luu: VP, QHLS.\n",
        ["Như trên", "Bộ Y tế", "oe LTNN, Vụ THKT (để p/h)", "Luu: VP, QHLS"],
    ),
    (
        BODY * 3 + "Nơi nhận:\n¬ Như trên;\n¬ Sở Nội vụ;\n➢ Lưu: VT.\n" + SIGN,
        ["Như trên", "Sở Nội vụ", "Lưu: VT"],
    ),
    (
        BODY * 3 + "Nơi nhận:\n- Như trên;\n´ Sở Tài chính;\n` Lưu: VT, KT.\n" + SIGN,
        ["Như trên", "Sở Tài chính", "Lưu: VT, KT"],
    ),
    (  # OCR glued the formula's words and the stamp's noise and a garbled post after it
        BODY * 3 + "Noi nhận:}„ KT.TONG CUC TRƯỞNG\n\n-Nhutrén;f „ PHO pes CUC TRUONG\n"
        "- Tông cục Trưởng (dé b/c)\n- Luu: VT, TTKT(2b).\n\nHa Van Binh\n",
        ["Nhutrén", "Tông cục Trưởng (dé b/c)", "Luu: VT, TTKT(2b)"],
    ),
    (
        BODY * 3 + "Nơi nhận: KT. GIÁM ĐỐC\n- Như trên;r „ PHÓ xes GIÁM ĐỐC\n- Lưu: VT.\n\nLê Minh Tú\n",
        ["Như trên", "Lưu: VT"],
    ),
    (
        BODY * 3 + "Nơi nhận: TL. BỘ TRƯỞNG\n- Nhưtrên; „ VỤ wes TRƯỞNG\n- Các Sở Y tế;\n- Lưu: VT, PC.\n\n"
        "Đào Văn Khải\n",
        ["Nhưtrên", "Các Sở Y tế", "Lưu: VT, PC"],
    ),
    (  # ... but abbreviated posts after it are no signature: the line stays one item, as printed
        BODY * 3 + "Nơi nhận:\n- Như trên; VPCP: BTCN, các PCN;\n- Lưu: VT, KTTH.\n" + SIGN,
        ["Như trên; VPCP: BTCN, các PCN", "Lưu: VT, KTTH"],
    ),
    (  # the signature's post in a broken font on a line of its own, under the formula item
        BODY * 3 + "Noi nhin: TM. DOAN Chill T!CH\n- Nhu trên;\np ciiu T!CH\n- Thuông trirc DCT (c1 b/c);\n"
        "-Luu:VT,TC.\n",
        ["Nhu trên", "Thuông trirc DCT (c1 b/c)", "Luu:VT,TC"],
    ),
    (
        BODY * 3 + "Nơi nhận: KT. CHỦ TỊCH\n- Như trên;\nphó cm! T!CH\n- Các sở, ngành;\n- Lưu: VT.\n",
        ["Như trên", "Các sở, ngành", "Lưu: VT"],
    ),
    (  # ... while a label in lower case after a closed item still goes with it
        BODY * 3 + "Nơi nhận:\n- Thường trực Tỉnh ủy;\nđể báo cáo\n- Các sở, ngành;\n- Lưu: VT.\n" + SIGN,
        ["Thường trực Tỉnh ủy; để báo cáo", "Các sở, ngành", "Lưu: VT"],
    ),
    (  # a web copy: the signature (post, name) on the "Lưu" line, after the typist's name
        BODY * 3 + "Nơi nhận:\n- Như trên;\n- Bộ Tài chính;\n- Lưu: VT, KTTH (2b). Thu Hà BỘ TRƯỞNG, CHỦ "
        "NHIỆM Phan Văn Lộc\n",
        ["Như trên", "Bộ Tài chính", "Lưu: VT, KTTH (2b). Thu Hà"],
    ),
    (
        BODY * 3 + "Nơi nhận:\n- Như trên;\n- Lưu: VT, TH (3b). GIÁM ĐỐC Trần Quốc Hưng\n",
        ["Như trên", "Lưu: VT, TH (3b)"],
    ),
    (
        BODY * 3 + "Nơi nhận:\n- Như trên;\n- Lưu: VT, NC. Hương CHỦ TỊCH Nguyễn Thành Công\n",
        ["Như trên", "Lưu: VT, NC. Hương"],
    ),
]


@pytest.mark.parametrize(("text", "want"), DIST_KINDS, ids=[f"dk{i}" for i in range(len(DIST_KINDS))])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_distribution_kinds(text: str, want: list[str], form: str) -> None:
    _, dis, _, _ = lists(unicodedata.normalize(form, text))
    assert dis == want
