"""The scorer: scalars, sets, optional items, accepted alternatives, citations."""

from __future__ import annotations

import pytest

from kg.evaluate import evaluate_records, norm_value

GOLD = [
    {
        "source": "a.txt",
        "number": "1-CV/TU",
        "date": None,
        "accept": {"date": ["2022-02-28"], "signatory.position": ["Bí thư", "Sản phẩm Bí thư"]},
        "signatory": {"name": "Nguyễn Văn A", "position": "Bí thư"},
        "recipients": ["Các huyện ủy", "Các sở, ban, ngành"],
        "citations": [{"number": "5-CV/BTGTW", "type": "Công văn", "relation": "implements"}],
        "accept_relation": {"5-CV/BTGTW": ["implements", "cites"]},
        "measures": ["vaccination", "testing"],
        "measures_optional": ["face-masks"],
        "assigned_bodies": ["Ban Tuyên giáo Tỉnh ủy"],
        "lead_bodies": ["Ban Tuyên giáo Tỉnh ủy"],
    }
]


def _pred(**kw: object) -> dict[str, dict[str, object]]:
    base: dict[str, object] = {
        "number": "1-CV/TU",
        "date": "2022-02-28",
        "signatory": {"name": "Nguyễn Văn A", "position": "SẢN PHẨM BÍ THƯ"},
        "recipients": ["các huyện uỷ,", "Các cơ quan"],
        "citations": [{"number": "5-CV/BTGTW", "type": "Công văn", "relation": "cites"}],
        "measures": [{"concept": "vaccination"}, {"concept": "face-masks"}, {"concept": "reporting"}],
        "assignments": [{"body": "Ban Tuyên giáo Tỉnh uỷ", "role": "lead"}],
    }
    base.update(kw)
    return {"a.txt": base}


def test_scores() -> None:
    ev = evaluate_records(GOLD, _pred())
    f = ev.fields
    assert (f["number"].tp, f["number"].fp, f["number"].fn) == (1, 0, 0)
    assert (f["date"].tp, f["date"].fp, f["date"].fn) == (0, 0, 0)  # accepted alternative, gold null
    assert f["signatory.position"].tp == 1  # accepted corrupted form
    assert (f["recipients"].tp, f["recipients"].fp, f["recipients"].fn) == (1, 1, 1)
    assert f["citations.relation"].tp == 1  # accept_relation
    assert (f["measures"].tp, f["measures"].fp, f["measures"].fn) == (1, 1, 1)  # optional is neutral
    assert f["lead_bodies"].f1 == 1.0
    assert ev.missing == []


def test_wrong_scalar_counts_fp_and_fn() -> None:
    ev = evaluate_records(GOLD, _pred(number="2-CV/TU"))
    assert (ev.fields["number"].fp, ev.fields["number"].fn) == (1, 1)
    assert ev.fields["number"].f1 == 0.0


def test_missing_prediction_is_reported() -> None:
    ev = evaluate_records(GOLD, {})
    assert ev.missing == ["a.txt"]
    assert ev.fields["number"].recall == 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [("Tỉnh uỷ", "tỉnh ủy"), ("  Các sở,  ban ", "các sở, ban"), ("kinh tế-xã hội", "kinh tế - xã hội")],
)
def test_norm_value(a: str, b: str) -> None:
    assert norm_value(a) == norm_value(b)
