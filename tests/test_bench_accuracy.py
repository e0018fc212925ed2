"""bench/bench_accuracy.py: field-by-field accuracy against the synthetic generator's ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

TRUTH = {
    "number": "46-CV/HU",
    "type_name": "Công văn",
    "date": "2021-10-10",
    "place": "M'Drắk",
    "issuer": "Huyện ủy M'Drắk",
    "issuer_short": "Huyện ủy M'Drắk",
    "title": "tổ chức tiêm vắc xin phòng Covid-19 trên địa bàn",
    "signatory": "Trịnh Thanh Long",
    "measures": ["vaccination", "testing"],
    "cites": [{"number": "6-KH/TU"}],
    "noise": [],
}
RECORD = {
    "number": "46-CV/HU",
    "type": "Công văn",
    "date": "2021-10-10",
    "place": "M'Drắk",
    "issuer": {"name": "Huyện uỷ M'Drắk"},  # old tone placement: the same name
    "title": "Tổ chức tiêm vắc xin phòng Covid-19 trên địa bàn",
    "signatory": {"name": "Trịnh Thanh Long"},
    "measures": [{"concept": "vaccination"}, {"concept": "outbreak-response"}],
    "citations": [{"number": "6-KH/TU"}],
}


@pytest.mark.parametrize(
    ("truth", "record", "want"),
    [
        (
            {},
            {},
            {
                f: (1, 1)
                for f in ("number", "type", "date", "place", "issuer", "title", "signatory", "citations")
            }
            | {"measures": (1, 2)},
        ),
        ({}, {"place": "Vũng Tàu", "title": None}, {"place": (0, 1), "title": (0, 1)}),
        ({"noise": ["no-header"], "number": None}, {"place": None}, {"place": None, "number": None}),
        ({}, {"signatory": None, "citations": []}, {"signatory": (0, 1), "citations": (0, 1)}),
    ],
    ids=["all-found", "wrong-place-no-title", "no-header-not-scored", "missing"],
)
def test_score(bench_script, truth: dict, record: dict, want: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    got = bench_script("bench_accuracy").score({**TRUTH, **truth}, {**RECORD, **record})
    for field, value in want.items():
        assert got.get(field) == value, field


@pytest.mark.parametrize(
    ("measures", "want"),
    [
        # the item's measure names the true body, and one more
        (
            [
                {
                    "item": "1",
                    "concept": "testing",
                    "assigned_to": ["Sở Y tế", "Công an tỉnh"],
                    "lead": ["Sở Y tế"],
                }
            ],
            {"tasked": (1, 1), "tasked_precision": (1, 2), "lead": (1, 1)},
        ),
        # the measure is read in another item: the body is not found there
        (
            [{"item": "2", "concept": "testing", "assigned_to": ["Sở Y tế"], "lead": []}],
            {"tasked": (0, 1), "tasked_precision": None, "lead": (0, 1)},
        ),
        # the body is found but not as the lead ("chủ trì" missed)
        (
            [{"item": "1", "concept": "testing", "assigned_to": ["Sở Y tế"], "lead": []}],
            {"tasked": (1, 1), "tasked_precision": (1, 1), "lead": (0, 1)},
        ),
    ],
    ids=["extra-body", "other-item", "not-lead"],
)
def test_score_tasks(bench_script, measures: list, want: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    truth = {**TRUTH, "tasks": [{"item": "1", "body": "Sở Y tế", "role": "lead", "measure": "testing"}]}
    got = bench_script("bench_accuracy").score(truth, {**RECORD, "measures": measures})
    for field, value in want.items():
        assert got.get(field) == value, field


PARTIES_TRUTH = {
    "position": "Phó Bí thư",
    "distribution": ["Như trên", "Đ/c Trần Văn Tú (để b/c)", "Lưu: VT"],
    "persons": [
        {"name": "Trần Văn Tú", "positions": ["Phó Chủ tịch UBND tỉnh"]},
        {"name": "Lê Thị Hoa", "positions": ["Giám đốc Sở Y tế"]},
    ],
}


@pytest.mark.parametrize(
    ("record", "want"),
    [
        (  # everything read; a name OCR left without marks still counts as found
            {
                "signatory": {"name": "Trịnh Thanh Long", "position": "Phó Bí thư"},
                "distribution": ["Như trên", "Đ/c Trần Văn Tú (để b/c)", "Lưu: VT"],
                "persons": [
                    {"name": "Tran Van Tu", "positions": ["Phó Chủ tịch UBND tỉnh"]},
                    {"name": "Lê Thị Hoa", "positions": ["Giám đốc Sở Y tế"]},
                ],
            },
            {
                "position": (1, 1),
                "distribution": (3, 3),
                "distribution_precision": (3, 3),
                "persons": (2, 2),
                "persons_precision": (2, 2),
                "person_posts": (2, 2),
            },
        ),
        (  # the signature column glued to the list, a person missed, one extra, a post not read
            {
                "signatory": {"name": "Trịnh Thanh Long", "position": None},
                "distribution": ["Như trên; PHÓ BÍ THƯ", "Đ/c Trần Văn Tú (để b/c)", "Lưu: VT"],
                "persons": [
                    {"name": "Trần Văn Tú", "positions": []},
                    {"name": "Ban Thường", "positions": []},
                ],
            },
            {
                "position": (0, 1),
                "distribution": (2, 3),
                "distribution_precision": (2, 3),
                "persons": (1, 2),
                "persons_precision": (1, 2),
                "person_posts": (0, 1),
            },
        ),
    ],
    ids=["all-found", "glued-missed"],
)
def test_score_parties(bench_script, record: dict, want: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    got = bench_script("bench_accuracy").score({**TRUTH, **PARTIES_TRUTH}, {**RECORD, **record})
    for field, value in want.items():
        assert got.get(field) == value, field


def test_evaluate_on_a_generated_corpus(bench_script, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bench_script("generate").generate(60, tmp_path, seed=3)
    result = bench_script("bench_accuracy").evaluate(tmp_path, show=2)
    acc = result["accuracy"]["all"]
    assert result["n"] == 60 and result["documents_per_noise"]["all"] == 60
    for field in ("number", "date", "place", "title", "signatory"):
        assert acc[field] >= 0.97, (field, acc[field], result["failures"].get(field))
    assert acc["issuer"] >= 0.9 and acc["citations"] >= 0.9 and acc["measures"] >= 0.85
    assert acc["tasked"] >= 0.8 and acc["tasked_precision"] >= 0.9 and acc["lead"] >= 0.75
    for field in ("position", "distribution", "distribution_precision", "persons", "persons_precision"):
        assert acc[field] >= 0.9, (field, acc[field], result["failures"].get(field))
    assert all(len(f) <= 2 for f in result["failures"].values())
