"""Bodies a directive gives work to: subject splitting, roles, scoping, carry-over to measures."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.extract.assignments import parse_bodies
from kg.extract.context import Context
from kg.extract.measures import extract_measures
from kg.normalise import canonical_tones, normalise
from kg.record import Assignment, Issuer, Jurisdiction, Measure
from kg.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = json.loads((ROOT / "tests" / "data" / "gold" / "seeds.json").read_text(encoding="utf-8"))
PREAMBLE = (
    "Để phòng, chống dịch Covid-19 hiệu quả, phòng ngừa dịch lây lan, Ban Thường vụ Tỉnh ủy yêu cầu:\n\n"
)


def run(text: str, ctx: Context | None = None) -> tuple[tuple[Measure, ...], tuple[Assignment, ...]]:
    nt = normalise(text)
    measures, _, assignments = extract_measures(nt, segment(nt), ctx or Context(sha256="test"))
    return measures, assignments


def seed(name: str) -> str:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8-sig")


# Subject lists quoted from the seeds and the written test corpus.
@pytest.mark.parametrize(
    ("subject", "bodies"),
    [
        (
            "Ban Dân vận Tỉnh ủy, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị-xã hội "
            "cấp tỉnh theo chức năng, nhiệm vụ",
            [
                "Ban Dân vận Tỉnh ủy",
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                "các đoàn thể chính trị-xã hội cấp tỉnh",
            ],
        ),
        (
            "Các đảng uỷ: Công an, Quân sự, Bộ đội Biên phòng; cấp uỷ các huyện, thị xã biên giới tăng cường",
            [
                "Đảng uỷ Công an",
                "Đảng uỷ Quân sự",
                "Đảng uỷ Bộ đội Biên phòng",
                "cấp uỷ các huyện, thị xã biên giới",
            ],
        ),
        (
            "Ban cán sự đảng, đảng đoàn; các huyện, thành ủy, đảng ủy trực thuộc tăng cường",
            ["Ban cán sự đảng", "đảng đoàn", "các huyện, thành ủy, đảng ủy trực thuộc"],
        ),
        (
            "Ban chỉ đạo phòng, chống dịch Covid-19 tỉnh, các huyện, thành ủy tập trung",
            ["Ban chỉ đạo phòng, chống dịch Covid-19 tỉnh", "các huyện, thành ủy"],
        ),
        (
            "Ban Chỉ đạo thành phố về phòng, chống dịch bệnh Covid-19 tập trung",
            ["Ban Chỉ đạo thành phố về phòng, chống dịch bệnh Covid-19"],
        ),
        (
            "Sở Thông tin và Truyền thông, Báo Hà Giang, Đài Phát thanh - Truyền hình tỉnh đẩy mạnh",
            ["Sở Thông tin và Truyền thông", "Báo Hà Giang", "Đài Phát thanh - Truyền hình tỉnh"],
        ),
        ("Sở Giao thông vận tải tạm dừng", ["Sở Giao thông vận tải"]),
        ("Ủy ban nhân dân các xã, thị trấn xử lý nghiêm", ["Ủy ban nhân dân các xã, thị trấn"]),
        ("Các cấp, các ngành, đơn vị chức năng chủ động", ["Các cấp, các ngành, đơn vị chức năng"]),
        ("Trung tâm Y tế huyện chủ trì", ["Trung tâm Y tế huyện"]),
        ("Thường trực Tỉnh ủy cơ bản nhất trí", []),
        ("Tiếp tục quán triệt và tổ chức triển khai", []),
    ],
)
def test_parse_bodies(subject: str, bodies: list[str]) -> None:
    found, _ = parse_bodies(subject, 0, len(subject))
    assert [b.name for b in found] == bodies


def roles(assignments: tuple[Assignment, ...]) -> set[tuple[str, str]]:
    return {(a.body, a.role) for a in assignments}


def test_item_subject_giao_lead_and_support() -> None:
    measures, assignments = run(
        PREAMBLE
        + "1. Ban Dân vận Tỉnh ủy, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị-xã hội "
        "cấp tỉnh phối hợp chặt chẽ với ngành Y tế, các ban, ngành liên quan tuyên truyền sâu rộng các biện "
        "pháp phòng, chống dịch.\n\n"
        "2. Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Y tế, các cơ quan liên quan tổng hợp, "
        "báo cáo Ban Thường vụ Tỉnh ủy.\n"
    )
    assert roles(assignments) == {
        ("Ban Dân vận Tỉnh ủy", "responsible"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "responsible"),
        ("Các đoàn thể chính trị-xã hội cấp tỉnh", "responsible"),
        ("Ngành Y tế", "support"),  # a named partner; "các ban, ngành liên quan" is not named
        ("Ban Tuyên giáo Tỉnh ủy", "lead"),
        ("Sở Y tế", "support"),
    }
    assert {a.item for a in assignments} == {"1", "2"}
    report = next(m for m in measures if m.concept == "reporting")
    assert report.lead == ("Ban Tuyên giáo Tỉnh ủy",)
    assert report.support == ("Sở Y tế",)
    assert report.item == "2"


def test_party_committee_leads_the_state_body() -> None:
    _, assignments = run(
        PREAMBLE + "1. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo các ngành "
        "chức năng kiểm soát chặt chẽ việc khai báo y tế.\n"
    )
    assert [a.body for a in assignments] == ["Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"]


def test_giao_applies_to_the_sub_items_and_subject_carries_over() -> None:
    measures, assignments = run(seed("004"))
    vaccination = [m for m in measures if m.concept == "vaccination"]
    assert vaccination and all(m.assigned_to == ("Ủy ban nhân dân huyện",) for m in vaccination)
    school = next(m for m in measures if m.concept == "school-measures")
    assert school.assigned_to == ("Ủy ban nhân dân huyện",)  # a bullet of item 2
    # A clause with its own subject inside item 1.
    duty = next(m for m in measures if m.concept == "standby-duty")
    assert duty.assigned_to == ("Ban Chỉ đạo phòng, chống dịch của huyện",)
    assert ("Ban Tuyên giáo Huyện ủy", "lead") in roles(assignments)
    assert ("Ban Tuyên giáo Huyện ủy", "responsible") in roles(assignments)


def test_item_subject_carries_over_to_later_paragraphs() -> None:
    measures, _ = run(seed("000"))
    # Item 3 opens with "Ban Tuyên giáo Tỉnh ủy chỉ đạo ..."; its third paragraph has no subject.
    misinformation = next(m for m in measures if m.concept == "misinformation")
    assert misinformation.item == "3"
    assert misinformation.assigned_to == ("Ban Tuyên giáo Tỉnh ủy",)


def test_no_duplicate_body_role() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        _, assignments = run(path.read_text(encoding="utf-8-sig"))
        keys = [(a.body.casefold(), a.role) for a in assignments]
        assert len(keys) == len(set(keys))


def test_scoped_to_the_issuer_jurisdiction() -> None:
    issuer = Issuer("Tỉnh ủy Tây Ninh", "province", None, None, Jurisdiction(province="Tây Ninh"))
    _, assignments = run(seed("000"), Context(sha256="x", issuer=issuer))
    by_body = {a.body: a for a in assignments}
    assert by_body["Ban Tuyên giáo Tỉnh ủy"].scoped == "Ban Tuyên giáo Tỉnh ủy Tây Ninh"


def test_span_points_at_the_body() -> None:
    text = seed("003")
    nt = normalise(text)
    _, _, assignments = extract_measures(nt, segment(nt), Context(sha256="x"))
    for a in assignments:
        s, e = a.span
        written = canonical_tones(re.sub(r"\s+", " ", nt.original[s:e]))
        assert written.casefold() == a.body.casefold() or written[:1].casefold() == a.body[:1].casefold()


def test_requester_is_not_the_tasked_body() -> None:
    _, assignments = run(
        "Để phòng, chống dịch Covid-19, thực hiện cách ly y tế chặt chẽ:\n\n"
        "Sở Y tế đề nghị Sở Giao thông vận tải, Sở Du lịch hướng dẫn các đơn vị vận chuyển hành khách "
        "thực hiện các biện pháp phòng, chống dịch Covid-19.\n"
    )
    assert [a.body for a in assignments] == ["Sở Giao thông vận tải", "Sở Du lịch"]


def _key(s: str) -> str:
    s = canonical_tones(unicodedata.normalize("NFC", s)).casefold()
    return re.sub(r"\s+", " ", s).strip(" .,;:-–")


def _f1(pairs: list[tuple[set[str], set[str], set[str]]]) -> float:
    tp = fp = fn = 0
    for pred, gold, optional in pairs:
        pred = pred - (optional - gold)
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def test_seed_bodies_and_leads_f1() -> None:
    bodies, leads = [], []
    for g in GOLD:
        _, assignments = run((SEEDS / g["source"]).read_text(encoding="utf-8-sig"))
        bodies.append(
            (
                {_key(a.body) for a in assignments},
                {_key(b) for b in g["assigned_bodies"]},
                {_key(b) for b in g.get("assigned_bodies_optional", [])},
            )
        )
        leads.append(
            (
                {_key(a.body) for a in assignments if a.role == "lead"},
                {_key(b) for b in g["lead_bodies"]},
                set(),
            )
        )
    assert _f1(bodies) >= 0.85
    assert _f1(leads) >= 0.9
