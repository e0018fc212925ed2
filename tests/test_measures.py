"""Measures a directive prescribes: cues, disambiguation, past context, citations, targets, slogans."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.extract.context import Context
from kg.extract.measures import extract_measures
from kg.normalise import canonical_tones, normalise
from kg.record import Measure, Slogan
from kg.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REALDOCS = ROOT / "tests" / "data" / "realdocs"
GOLD = json.loads((ROOT / "tests" / "data" / "gold" / "seeds.json").read_text(encoding="utf-8"))

# A minimal directive: a preamble about the epidemic, the directive line, then one numbered item.
PREAMBLE = (
    "Trước diễn biến phức tạp của dịch Covid-19, để phòng, chống dịch hiệu quả trên địa bàn, "
    "Ban Thường vụ Tỉnh ủy yêu cầu:\n\n"
)


def run(text: str) -> tuple[tuple[Measure, ...], tuple[Slogan, ...]]:
    nt = normalise(text)
    measures, slogans, _ = extract_measures(nt, segment(nt), Context(sha256="test"))
    return measures, slogans


def concepts_of(item: str) -> set[str]:
    measures, _ = run(PREAMBLE + "1. " + item + "\n")
    return {m.concept for m in measures}


def seed(name: str) -> str:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8-sig")


# Clauses quoted from the seeds, the written test corpus and the immigration realdocs, with common
# variants; each must yield the concept.
@pytest.mark.parametrize(
    ("clause", "concept"),
    [
        ("Tiếp tục thúc đẩy tiêm vắc xin phòng Covid-19", "vaccination"),
        ("Đẩy nhanh tiến độ tiêm chủng cho người dân trên địa bàn", "vaccination"),
        ("Tổ chức tiêm mũi 3 cho người từ 18 tuổi trở lên", "vaccination"),
        ("trong điều kiện đạt tỷ lệ bao phủ vắc xin cao, các địa phương cần thúc đẩy mạnh mẽ", "vaccination"),
        ("khẩn trương gia tăng năng lực xét nghiệm, rà soát, bổ sung năng lực cách ly, điều trị", "testing"),
        ("Tăng cường việc tầm soát đối với những địa bàn, đối tượng nguy cơ cao", "testing"),
        (
            "phối hợp với các địa phương có dịch trong việc truy vết các trường hợp có liên quan",
            "contact-tracing",
        ),
        ("Thực hiện tốt công tác quản lý, cách ly y tế tập trung đối với công dân", "quarantine"),
        ("Kiên quyết xử lý nghiêm những hành vi trốn cách ly, không khai báo", "quarantine"),
        ("Kiên quyết xử lý nghiêm những hành vi trốn cách ly, không khai báo", "enforcement"),
        (
            "kiểm soát chặt chẽ việc khai báo y tế, nhất là đối với những trường hợp đi, về từ nơi có dịch",
            "health-declaration",
        ),
        (
            "kiểm soát chặt chẽ việc khai báo y tế, nhất là đối với những trường hợp đi, về từ nơi có dịch",
            "movement-control",
        ),
        ("chủ động giám sát phát hiện sớm, xử lý ổ dịch kịp thời, phù hợp, hiệu quả", "surveillance"),
        ("chủ động giám sát phát hiện sớm, xử lý ổ dịch kịp thời, phù hợp, hiệu quả", "outbreak-response"),
        (
            "Tiếp tục thực hiện tốt việc theo dõi, giám sát chặt chẽ tình hình dịch bệnh Covid-19",
            "surveillance",
        ),
        ("tăng cường kiểm tra, giám sát công tác phòng, chống dịch Covid-19 tại địa phương", "inspection"),
        (
            "tăng cường công tác kiểm tra, cấp trên kiểm tra cấp dưới việc thực hiện công tác phòng, "
            "chống dịch",
            "inspection",
        ),
        (
            "tăng cường kiểm tra, đôn đốc các cơ sở giáo dục thực hiện các biện pháp phòng, chống dịch",
            "inspection",
        ),
        (
            "Tập trung, nhanh chóng, linh hoạt trong xử lý, dập dịch ngay khi phát hiện các dấu hiệu "
            "gia tăng",
            "outbreak-response",
        ),
        ("thực hiện nghiêm quy định 5K trong phòng, chống dịch", "five-k"),
        ("khuyến cáo người dân đeo khẩu trang nơi công cộng", "face-masks"),
        ("không tụ tập đông người", "gathering-limits"),
        ("Không tổ chức các hoạt động tập trung trên 20 người ngoài công sở", "gathering-limits"),
        ("tạm dừng hoạt động các cơ sở karaoke, massage, quán bar", "business-restrictions"),
        (
            "Xây dựng kế hoạch tổ chức kỳ thi tốt nghiệp trung học phổ thông bảo đảm an toàn",
            "school-measures",
        ),
        ("chuyển hình thức học trực tiếp sang học trực tuyến", "school-measures"),
        (
            "tiếp tục kiểm soát chặt chẽ biên giới, ngăn chặn các vụ việc xuất, nhập cảnh trái phép",
            "border-control",
        ),
        ("siết chặt quản lý xuất nhập cảnh theo chỉ đạo của Thủ tướng Chính phủ", "border-control"),
        (
            "yêu cầu chấp hành nghiêm các biện pháp phòng dịch đối với các phương tiện vận tải hành "
            "khách công cộng",
            "transport-control",
        ),
        ("kiểm soát chặt chẽ người dân đến từ vùng dịch và người nước ngoài đến lưu trú", "movement-control"),
        ("làm tốt công tác phối hợp, phân tầng điều trị, giảm tải cho cơ sở y tế", "treatment-capacity"),
        ("Thực hiện tốt mục tiêu giảm tối đa các trường hợp tử vong do Covid-19", "treatment-capacity"),
        (
            "tổ chức thực hiện tốt công tác giám sát, chăm sóc, điều trị bệnh nhân Covid-19 tại nhà",
            "home-care",
        ),
        ("đặc biệt quan tâm đến người cao tuổi, người có bệnh nền", "vulnerable-groups"),
        (
            "Chuẩn bị đầy đủ thuốc, vật tư, trang thiết bị phục vụ công tác phòng, chống dịch",
            "medical-supplies",
        ),
        ("xây dựng kịch bản cụ thể ứng phó với các tình huống dịch bệnh", "contingency-planning"),
        ("các địa phương tổ chức diễn tập các phương án xử lý khi có ca nhiễm", "contingency-planning"),
        ("tuyên truyền sâu rộng cho cán bộ, đảng viên và các tầng lớp nhân dân", "public-communication"),
        ("kịp thời phát hiện và xử lý các tin giả liên quan đến tiêm chủng", "misinformation"),
        ("ngăn chặn các thông tin xấu độc, xuyên tạc", "misinformation"),
        ("cài đặt và sử dụng các ứng dụng công nghệ thông tin như Bluezone, NCOVI", "digital-tools"),
        ("Kịp thời phát hiện, biểu dương các cá nhân, tập thể có thành tích", "commendation"),
        ("Kịp thời động viên lực lượng tuyến đầu", "commendation"),
        (
            "thực hiện nghiêm công tác phòng, chống tham nhũng tiêu cực trong hoạt động phòng, chống dịch",
            "anti-corruption",
        ),
        ("Ban Chỉ đạo phòng, chống dịch của huyện tổ chức ứng trực 24/24", "standby-duty"),
        ("tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy kết quả thực hiện", "reporting"),
        (
            "kiên trì thực hiện thành công mục tiêu kép, vừa phòng, chống dịch có hiệu quả",
            "economic-recovery",
        ),
    ],
)
def test_cue(clause: str, concept: str) -> None:
    assert concept in concepts_of(clause)


@pytest.mark.parametrize(
    ("clause", "absent"),
    [
        # Oversight of how units work is inspection, not surveillance.
        ("tăng cường kiểm tra, giám sát công tác phòng, chống dịch Covid-19 tại địa phương", "surveillance"),
        # The Front's supervision of officials is neither.
        ("Mặt trận Tổ quốc tăng cường giám sát cán bộ, đảng viên trong phòng, chống dịch", "surveillance"),
        ("Mặt trận Tổ quốc tăng cường giám sát cán bộ, đảng viên trong phòng, chống dịch", "inspection"),
        # Post-vaccination monitoring is not epidemic surveillance.
        ("theo dõi sức khỏe trẻ sau tiêm 30 phút tại điểm tiêm", "surveillance"),
        # A place where people gather, named in an inspection clause, is no gathering limit.
        (
            "tổ chức kiểm tra việc thực hiện tại các khu cách ly, trường học, sân bay, bến xe",
            "transport-control",
        ),
        # "huyện biên giới" names a place, not border control.
        ("cụ thể hóa nhiệm vụ phù hợp với đặc điểm huyện biên giới có 7 xã", "border-control"),
        # Words of a body's name are no cue.
        ("Sở Thông tin và Truyền thông chủ trì, phối hợp hướng dẫn các doanh nghiệp", "public-communication"),
    ],
)
def test_disambiguation(clause: str, absent: str) -> None:
    assert absent not in concepts_of(clause)


@pytest.mark.parametrize(
    ("clause", "concept"),
    [
        # OCR lost the marks of one word or of all: the cue is still read.
        ("Sở Y tế tổ chức xet nghiem cho người dân trong vùng phong tỏa", "testing"),
        ("Trung tâm Y tế tăng cường truy vet các trường hợp tiếp xúc", "contact-tracing"),
        ("Các xã đẩy nhanh tiem chủng vắc xin cho người từ 18 tuổi trở lên", "vaccination"),
        # "xu" alone could be a word; "viec" cannot (it needs its marks), so the body lost some
        ("Công an huyện xu lý nghiêm các trường hợp vi phạm, kiểm tra viec phòng, chống dịch", "enforcement"),
        ("Phòng Văn hóa tăng cường tuyen truyen về phòng, chống dịch Covid-19", "public-communication"),
    ],
)
def test_cue_without_diacritics(clause: str, concept: str) -> None:
    assert concept in concepts_of(clause)


@pytest.mark.parametrize(
    ("clause", "absent"),
    [
        # "đúng quan điểm" folds like "dừng quán": a word with marks must have the cue's marks.
        (
            "bảo đảm đúng hướng, đúng quan điểm chủ trương của Đảng về phòng, chống dịch",
            "business-restrictions",
        ),
        # "phòng tòa án" (a court room) folds like "phong tỏa" (lockdown): no word of it lost its marks.
        ("tổ chức họp tại phòng tòa án nhân dân huyện về phòng, chống dịch", "outbreak-response"),
    ],
)
def test_bare_cue_needs_lost_marks(clause: str, absent: str) -> None:
    assert absent not in concepts_of(clause)


@pytest.mark.parametrize(
    "item",
    [
        # Review of the past (seed 000, 002), not prescriptions.
        "Thời gian qua, tình hình dịch bệnh Covid-19 trên địa bàn tỉnh đã được kiểm soát tốt, góp phần "
        "quan trọng trong phục hồi, phát triển kinh tế-xã hội của tỉnh.",
        "Đến nay tình hình dịch bệnh cơ bản được kiểm soát tốt, đạt được kết quả đó nhờ thực hiện nhanh hơn, "
        "sớm hơn, hiệu quả chiến lược tiêm vắc xin phòng Covid-19 và công tác phân tầng điều trị.",
        "Tuy nhiên, công tác lãnh đạo, chỉ đạo tổ chức tiêm vắc xin mũi 3 cho người từ 18 tuổi trở lên ở "
        "một số địa phương còn chậm, chưa đạt mục tiêu, yêu cầu đề ra.",
    ],
)
def test_past_context_is_not_prescribed(item: str) -> None:
    assert concepts_of(item) == set()


def test_review_sentence_keeps_its_imperative_clause() -> None:
    got = concepts_of(
        "Tuy nhiên, việc tiêm vắc xin ở một số nơi còn chậm; yêu cầu các địa phương khẩn trương tổ chức "
        "xét nghiệm tầm soát cho công nhân."
    )
    assert "testing" in got
    assert "vaccination" not in got


def test_measure_named_in_a_cited_title_is_not_prescribed() -> None:
    text = (
        "Thực hiện Công văn số 5273-CV/BTGTW, ngày 25/4/2023 của Ban Tuyên giáo Trung ương về việc tăng "
        "cường tiêm chủng vắc xin phòng Covid-19, Ban Thường vụ Tỉnh ủy yêu cầu:\n\n"
        "1. Các cấp ủy tăng cường tuyên truyền phòng, chống dịch Covid-19 trong tình hình mới.\n"
    )
    measures, _ = run(text)
    assert {m.concept for m in measures} == {"public-communication"}


def test_preamble_before_the_directive_line_is_not_prescribed() -> None:
    text = (
        "Hiện nay, dịch Covid-19 diễn biến phức tạp, nhiều ổ dịch mới xuất hiện, "
        "cần tăng cường xét nghiệm.\n\n"
        "Ban Thường vụ Tỉnh ủy yêu cầu:\n\n1. Các cấp ủy đẩy mạnh tiêm vắc xin phòng Covid-19.\n"
    )
    measures, _ = run(text)
    assert {m.concept for m in measures} == {"vaccination"}


def test_tax_inspection_is_not_epidemic_inspection() -> None:
    # A tax office document of the Covid period: "thanh tra, kiểm tra" of taxpayers.
    text = (REALDOCS / "teije__TCT_4046-TCT-TTKT_2020.txt").read_text(encoding="utf-8-sig")
    measures, _ = run(text)
    assert "inspection" not in {m.concept for m in measures}


@pytest.mark.parametrize(
    "name",
    [
        "teije__TCT_2762-TCT-PC_2021.txt",
        "teije__TCT_470-TCT-TTKT_2020.txt",
        "teije__TCT_586-TCT-TTKT_2023.txt",
        "teije__CTHN_18037-CTHN-TTHT_2021.txt",
        "tvpl__CV_19046-BTC-TCHQ_2014.txt",
        "tvpl__QD_3176-QD-BYT_2024.txt",
        "nomvn__real_qd_707_ttg.txt",
        "v03__QD_3218-QD-UBND_QuangBinh_2024.txt",
    ],
)
def test_no_measures_in_documents_not_about_the_epidemic(name: str) -> None:
    measures, slogans = run((REALDOCS / name).read_text(encoding="utf-8-sig"))
    assert measures == ()
    assert slogans == ()


def test_immigration_document_has_entry_measures() -> None:
    text = (REALDOCS / "teije__BYT_10943-BYT-MT_2021_cover.txt").read_text(encoding="utf-8-sig")
    measures, _ = run(text)
    assert "border-control" in {m.concept for m in measures}


def test_evidence_is_the_normalised_clause_of_the_span() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        nt = normalise(text)
        measures, _, _ = extract_measures(nt, segment(nt), Context(sha256="x"))
        assert measures
        for m in measures:
            starts = [i.start() for i in re.finditer(re.escape(m.evidence), nt.text)]
            assert any(nt.span(s, s + len(m.evidence)) == m.span for s in starts), m
            assert m.cue and m.cue.lower() in m.evidence.lower().replace("\n", " ")
            assert not m.evidence[:1].isspace() and not m.evidence[-1:].isspace()


def test_targets_deadline_item() -> None:
    measures, _ = run(seed("002"))
    by_clause = {(m.concept, m.item): m for m in measures}
    deadline = [m for m in measures if m.deadline]
    assert {m.deadline for m in deadline} == {"trước tuần thứ 3 của tháng 3 năm 2022"}
    assert {m.item for m in deadline} == {"2.2"}
    children = [m for m in measures if "trẻ em từ 5 đến dưới 12 tuổi" in m.targets]
    assert children and all(m.item == "2.2" for m in children)
    assert "vaccination" in {m.concept for m in children}
    assert "người cao tuổi" in by_clause[("vulnerable-groups", "2.2")].targets


@pytest.mark.parametrize(
    ("item", "target"),
    [
        ("Tổ chức tiêm mũi 3 cho người từ 18 tuổi trở lên", "người từ 18 tuổi trở lên"),
        ("Tổ chức tiêm chủng cho trẻ em từ 5 đến dưới 12 tuổi", "trẻ em từ 5 đến dưới 12 tuổi"),
        ("Xét nghiệm tầm soát cho công nhân ở khu công nghiệp", "công nhân ở khu, cụm công nghiệp"),
        ("Cách ly tập trung đối với người nhập cảnh", "người nhập cảnh"),
        ("Ưu tiên tiêm vắc xin cho người cao tuổi, người có bệnh nền", "người có bệnh nền"),
    ],
)
def test_targets(item: str, target: str) -> None:
    measures, _ = run(PREAMBLE + "1. " + item + ".\n")
    assert any(target in m.targets for m in measures)


@pytest.mark.parametrize(
    ("item", "deadline"),
    [
        ("Hoàn thành tiêm vắc xin mũi 3 trước ngày 10 tháng 5", "trước ngày 10 tháng 5"),
        ("Báo cáo kết quả về Ban Thường vụ Tỉnh ủy trước ngày 29/4/2023", "trước ngày 29/4/2023"),
        ("Báo cáo tình hình dịch trước 16 giờ hằng ngày", "trước 16 giờ hằng ngày"),
    ],
)
def test_deadlines(item: str, deadline: str) -> None:
    measures, _ = run(PREAMBLE + "1. " + item + ".\n")
    assert measures and all(m.deadline == deadline for m in measures)


@pytest.mark.parametrize(
    ("name", "slogan", "stands_for"),
    [
        (
            "000",
            "2K + vắc xin + thuốc + điều trị + công nghệ + ý thức người dân",
            {"face-masks", "vaccination", "treatment-capacity", "digital-tools", "public-communication"},
        ),
        ("001", "5K", {"face-masks", "gathering-limits", "health-declaration"}),
        ("001", "4 tại chỗ", {"contingency-planning"}),
        ("001", "mục tiêu kép", {"economic-recovery"}),
        ("003", "chống dịch như chống giặc", set()),
        ("003", "đi từng ngõ, gõ từng nhà, rà từng đối tượng", set()),
        ("002", "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19", {"economic-recovery"}),
    ],
)
def test_slogans(name: str, slogan: str, stands_for: set[str]) -> None:
    text = seed(name)
    nt = normalise(text)
    _, slogans, _ = extract_measures(nt, segment(nt), Context(sha256="x"))
    found = {s.text: s for s in slogans}
    assert slogan in found
    assert set(found[slogan].stands_for) == stands_for
    s, e = found[slogan].span
    written = canonical_tones(nt.original[s:e]).lower()
    assert written.replace("“", "").strip()  # points at the words


def test_five_k_is_also_a_measure() -> None:
    measures, slogans = run(PREAMBLE + "1. Tiếp tục tuyên truyền thông điệp 5K đến từng hộ gia đình.\n")
    assert "five-k" in {m.concept for m in measures}
    assert [s.text for s in slogans] == ["5K"]


def _f1(pred: set[str], gold: set[str], optional: set[str]) -> tuple[int, int, int]:
    pred = pred - (optional - gold)
    return len(pred & gold), len(pred - gold), len(gold - pred)


def _key(s: str) -> str:
    s = canonical_tones(unicodedata.normalize("NFC", s)).casefold()
    return re.sub(r"\s+", " ", s).strip(" .,;:-–")


def test_seed_measures_f1() -> None:
    tp = fp = fn = 0
    for g in GOLD:
        nt = normalise((SEEDS / g["source"]).read_text(encoding="utf-8-sig"))
        measures, _, _ = extract_measures(nt, segment(nt), Context(sha256="x"))
        a, b, c = _f1({m.concept for m in measures}, set(g["measures"]), set(g.get("measures_optional", [])))
        tp, fp, fn = tp + a, fp + b, fn + c
    assert 2 * tp / (2 * tp + fp + fn) >= 0.85


@pytest.mark.parametrize(
    ("word", "needs_marks"),
    [
        *((w, True) for w in ("xet", "nghiem", "dich", "benh", "viec", "tiem", "truyen", "thuong", "cach")),
        *((w, False) for w in ("xu", "ban", "cho", "lay", "de", "tin", "covid", "xét", "nghiệm", "dịch")),
    ],
)
def test_words_that_cannot_lose_their_marks(word: str, needs_marks: bool) -> None:
    """The body is searched without diacritics only when a word shows it lost its marks."""
    from kg.extract.measures import _UNMARKED

    assert bool(_UNMARKED.search(f" {word} ")) is needs_marks


# --- real State documents: relief measures, wrapped lines, "dịch" that is no epidemic, decisions ------


@pytest.mark.parametrize(
    ("item", "concept"),
    [
        ("Gia hạn nộp thuế cho doanh nghiệp bị thiệt hại do dịch Covid-19", "economic-recovery"),
        ("Miễn tiền chậm nộp cho người nộp thuế bị ảnh hưởng bởi dịch bệnh", "economic-recovery"),
        ("Giảm tiền thuê đất năm 2021 cho các tổ chức gặp khó khăn do dịch Covid-19", "economic-recovery"),
        ("Kịp thời tháo gỡ khó khăn cho hộ kinh doanh trong thời gian có dịch", "economic-recovery"),
        ("Hỗ trợ người lao động bị mất việc làm do ảnh hưởng của dịch Covid-19", "economic-recovery"),
    ],
)
def test_economic_relief_is_a_measure(item: str, concept: str) -> None:
    assert concept in concepts_of(item)


def test_economic_relief_needs_the_epidemic_in_its_sentence() -> None:
    # A tax office letter outside the epidemic: deferral of tax is its ordinary business.
    text = (
        "Tổng cục Thuế đề nghị Cục Thuế các tỉnh, thành phố thực hiện như sau:\n\n"
        "1. Gia hạn nộp thuế cho người nộp thuế bị thiệt hại do thiên tai, hỏa hoạn theo quy định.\n"
        "2. Miễn tiền chậm nộp cho các trường hợp đủ điều kiện.\n"
    )
    measures, _ = run(text)
    assert measures == ()


def test_a_line_wrapped_after_a_marked_letter_does_not_end_the_sentence() -> None:
    # "À-Ỹ" also holds lower-case letters: "bị\n", "xử\n" ended a sentence, cutting the clause that
    # names the epidemic from the one that names the measure.
    text = "Hướng dẫn người nộp thuế bị\nthiệt hại do dịch Covid-19 lập hồ sơ và xử\nlý gia hạn nộp thuế."
    from kg.extract.measures import clauses

    nt = normalise(text)
    sentences, _ = clauses(nt.text, 0, len(nt.text))
    assert len(sentences) == 1
    # a heading in capitals still ends its line's sentence
    heading = "II. NHIỆM VỤ, GIẢI PHÁP\nTổ chức xét nghiệm cho người dân."
    sentences, _ = clauses(heading, 0, len(heading))
    assert len(sentences) == 2


@pytest.mark.parametrize(
    "item",
    [
        # translation in consular work
        "Cơ quan đại diện kiểm tra bản dịch của giấy tờ xuất, nhập cảnh trước khi hợp pháp hóa",
        "Các giấy tờ phải được dịch sang tiếng Việt và chứng thực trước khi nộp hồ sơ xuất cảnh",
        # plant and animal quarantine at the border
        "Thực hiện kiểm dịch động vật, thực vật đối với hàng hóa qua cửa khẩu",
        # a livestock disease
        "Chủ động phòng, chống dịch tả lợn châu Phi, tổ chức tiêm phòng cho đàn lợn tại các xã biên giới",
        "Giám sát chặt chẽ dịch bệnh trên gia súc, gia cầm, kiểm soát vận chuyển qua cửa khẩu",
    ],
)
def test_dich_that_is_no_epidemic_prescribes_nothing(item: str) -> None:
    text = "Bộ Tài chính đề nghị các đơn vị thực hiện các nội dung sau:\n\n1. " + item + ".\n"
    measures, _ = run(text)
    assert measures == ()


def test_the_cause_lines_of_a_decision_prescribe_nothing() -> None:
    text = (
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\n"
        "Căn cứ tình hình dịch Covid-19 và yêu cầu xét nghiệm sàng lọc trên địa bàn tỉnh;\n"
        "Theo đề nghị của Giám đốc Sở Nội vụ.\n\n"
        "QUYẾT ĐỊNH:\n\n"
        "Điều 1. Thành lập Tổ công tác đặc biệt phòng, chống dịch Covid-19 của tỉnh.\n"
        "Điều 2. Tổ công tác tổ chức tiêm vắc xin cho người dân trên địa bàn.\n"
    )
    measures, _ = run(text)
    assert {m.concept for m in measures} == {"vaccination"}
