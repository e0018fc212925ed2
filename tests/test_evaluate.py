"""The scorer: scalars, sets, optional items, accepted alternatives, citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import GROUPS, compare, evaluate, evaluate_records, load_gold, norm_value, select_split

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


# -- every gold key of the real-document gold, one row each: (gold extras, prediction, field, (tp, fp, fn))
BASE = {"source": "b.txt", "number": "12/UBND-VX"}
KEY_CASES = [
    # a list item printed two ways: either form matches the one gold item
    (
        {"distribution": ["Sở Y tế; (để b/c)"], "accept": {"distribution[Sở Y tế; (để b/c)]": ["Sở Y tế"]}},
        {"distribution": ["Sở Y tế"]},
        "distribution",
        (1, 0, 0),
    ),
    # without the alternative the same prediction is a miss and a spurious item
    ({"distribution": ["Sở Y tế; (để b/c)"]}, {"distribution": ["Sở Y tế"]}, "distribution", (0, 1, 1)),
    # an optional item is neither rewarded nor penalised
    (
        {"distribution": ["Sở Tài chính"], "distribution_optional": ["các Vụ: TH, NC"]},
        {"distribution": ["Sở Tài chính", "Các Vụ: TH, NC"]},
        "distribution",
        (1, 0, 0),
    ),
    (
        {
            "recipients": ["UBND các huyện"],
            "accept": {"recipients[UBND các huyện]": ["Ủy ban nhân dân các huyện"]},
        },
        {"recipients": ["Ủy ban nhân dân các huyện"]},
        "recipients",
        (1, 0, 0),
    ),
    # a citation number as OCR printed it
    (
        {
            "citations": [{"number": "41/QĐ-TCT", "type": "Quyết định"}],
            "accept": {"citations[41/QĐ-TCT].number": ["41/QD-TCT"]},
        },
        {"citations": [{"number": "41/QD-TCT", "type": "Quyết định"}]},
        "citations.number",
        (1, 0, 0),
    ),
    # its attributes are then scored against the gold citation, with their own alternatives
    (
        {
            "citations": [{"number": "41/QĐ-TCT", "type": "Quyết định", "issuer": "Tổng cục Thuế"}],
            "accept": {"citations[41/QĐ-TCT].issuer": ["TCT"]},
        },
        {"citations": [{"number": "41/QĐ-TCT", "issuer": "TCT"}]},
        "citations.issuer",
        (1, 0, 0),
    ),
    # null accepted for a date: predicting none is not a miss
    (
        {
            "citations": [{"number": "42/QĐ-TCT", "date": "2020-01-10"}],
            "accept": {"citations[42/QĐ-TCT].date": [None]},
        },
        {"citations": [{"number": "42/QĐ-TCT", "date": None}]},
        "citations.date",
        (0, 0, 0),
    ),
    # an optional citation found is not spurious
    (
        {"citations": [], "citations_optional": ["878/QĐ-BYT"]},
        {"citations": [{"number": "878/QĐ-BYT"}]},
        "citations.number",
        (0, 0, 0),
    ),
    # a named law is matched by a citation without a number, and never counts among the numbered ones
    (
        {"named_laws": [{"name": "Luật Xây dựng", "relation": "based_on"}]},
        {"citations": [{"number": None, "title": "Luật Xây dựng"}]},
        "named_laws",
        (1, 0, 0),
    ),
    (
        {"named_laws": [{"name": "Luật Xây dựng", "relation": "based_on"}]},
        {"citations": [{"number": None, "title": "Luật Xây dựng"}]},
        "citations.number",
        (0, 0, 0),
    ),
    # a person's name and positions with their alternatives (positions: a list of alternative lists)
    (
        {
            "persons": [{"name": "Tran Văn B", "positions": ["Phó TCTr"]}],
            "accept": {
                "persons[Tran Văn B].name": ["Trần Văn B"],
                "persons[Tran Văn B].positions": [["Phó Tổng cục trưởng"]],
            },
        },
        {"persons": [{"name": "Trần Văn B", "positions": ["Phó Tổng cục trưởng"]}]},
        "persons.positions",
        (1, 0, 0),
    ),
    (
        {
            "persons": [{"name": "Tran Văn B", "positions": []}],
            "accept": {"persons[Tran Văn B].name": ["Trần Văn B"]},
        },
        {"persons": [{"name": "Trần Văn B", "positions": []}]},
        "persons",
        (1, 0, 0),
    ),
    # an optional person: neither the name nor its positions count
    (
        {"persons": [], "persons_optional": [{"name": "Lê Thị C", "positions": ["PCN"]}]},
        {"persons": [{"name": "Lê Thị C", "positions": ["Phó Chủ nhiệm"]}]},
        "persons.positions",
        (0, 0, 0),
    ),
    # tasked bodies with per-item alternatives and optional bodies (with alternatives of their own)
    (
        {
            "assigned_bodies": ["Sở Y tế"],
            "assigned_bodies_optional": ["Các Bộ, ngành"],
            "accept": {"assigned_bodies_optional[Các Bộ, ngành]": ["các Bộ. ngành"]},
        },
        {"assignments": [{"body": "Sở Y tế", "role": "lead"}, {"body": "các Bộ. ngành", "role": "support"}]},
        "assigned_bodies",
        (1, 0, 0),
    ),
    (
        {"measures": ["testing"], "measures_optional": ["five-k"]},
        {"measures": [{"concept": "testing"}, {"concept": "five-k"}, {"concept": "curfew"}]},
        "measures",
        (1, 1, 0),
    ),
]


@pytest.mark.parametrize(("extra", "pred", "field", "counts"), KEY_CASES)
def test_gold_keys(extra: dict, pred: dict, field: str, counts: tuple[int, int, int]) -> None:
    ev = evaluate_records([{**BASE, **extra}], {"b.txt": {"number": "12/UBND-VX", **pred}})
    assert ev.fields[field].counts() == counts


def test_groups_are_micro_averages_of_their_fields() -> None:
    ev = evaluate_records(GOLD, _pred())
    g = ev.groups["citations"]
    assert g.counts() == tuple(sum(ev.fields[f].counts()[i] for f in GROUPS["citations"]) for i in range(3))
    assert set(ev.groups) == {"metadata", "parties", "citations", "measures"}


def test_compare_lists_documents_that_changed() -> None:
    before = evaluate_records(GOLD, _pred(number="2-CV/TU")).to_json()
    after = evaluate_records(GOLD, _pred()).to_json()
    assert compare(before, after) == [("a.txt", "number", 2, 0)]
    assert compare(after, after) == []


def test_split_uses_the_heldout_listing(tmp_path: Path) -> None:
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps([{"source": "a.txt"}, {"source": "b.txt"}, {"source": "c.txt"}]))
    (tmp_path / "g-heldout.txt").write_text("# held out\nb.txt\n")
    golds = load_gold(gold)
    assert [g["source"] for g in select_split(golds, gold, "dev")] == ["a.txt", "c.txt"]
    assert [g["source"] for g in select_split(golds, gold, "heldout")] == ["b.txt"]
    assert len(select_split(golds, gold, "all")) == 3


def test_no_gold_file_in_the_folder_is_an_error(tmp_path: Path) -> None:
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps([{"source": "a.txt"}]))
    with pytest.raises(ValueError, match="none of the 1 files"):
        evaluate(gold, tmp_path)
