"""bench/scans.py and bench/bench_ocr.py: the scoring the OCR measurements rest on."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


@pytest.fixture(scope="module")
def scans(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("scans")


@pytest.fixture(scope="module")
def bench(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("bench_ocr")


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [
        ("", "", 0),
        ("", "abc", 3),
        ("abc", "", 3),
        ("kitten", "sitting", 3),
        ("Số 12", "§ố 12", 1),
        ("ủy", "uỷ", 2),
    ],
)
def test_edit_distance_table(scans: ModuleType, a: str, b: str, d: int) -> None:
    assert scans.edit_distance(a, b) == d


def test_edit_distance_agrees_with_the_textbook(scans: ModuleType) -> None:
    rng = random.Random(7)
    for _ in range(500):
        a = "".join(rng.choice("ađb ơc") for _ in range(rng.randint(0, 40)))
        b = "".join(rng.choice("ađb ơc") for _ in range(rng.randint(0, 90)))  # longer than a machine word
        assert scans.edit_distance(a, b) == _levenshtein(a, b)


def test_char_accuracy_folds_whitespace_and_nfc(scans: ModuleType) -> None:
    assert scans.char_accuracy("Công  văn\nsố 1", "Công văn số 1") == 1.0
    assert scans.char_accuracy("Co\u0302ng", "Công") == 1.0  # NFD and NFC are the same text
    assert scans.char_accuracy("Cong van", "Công văn") == pytest.approx(1 - 2 / 8)
    assert scans.char_accuracy("x" * 50, "ab") == 0.0


@pytest.mark.skipif(not FONT.exists(), reason="needs fonts-dejavu-core")
def test_printed_text_is_what_the_page_shows(scans: ModuleType) -> None:
    text = "**ỦY BAN NHÂN DÂN**\n-------\nTHÔNG BÁO**KẾT LUẬN\n\n\n\n" + "Một câu rất dài. " * 40
    pages = scans.printed_text(text, 150)
    lines = pages[0].split("\n")
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "", "THÔNG BÁO KẾT LUẬN"]  # a rule prints no text
    assert "\n\n\n" not in pages[0]  # runs of blank lines folded
    assert len(lines) > 6  # the long line is wrapped to the page width
    images = scans.page_images(text, 150, "scan")
    assert len(images) == len(pages) and images[0].size == (round(8.27 * 150), round(11.69 * 150))
    assert scans.page_images(text, 150, "scan")[0].tobytes() == images[0].tobytes()  # deterministic
    tall = scans.page_images(text * 8, 150, "clean", tall=True)
    assert len(tall) == 1 and tall[0].height > images[0].height


def test_summary_and_bands(bench: ModuleType) -> None:
    def result(acc: float, conf: float, ocr_number: str | None) -> dict[str, object]:
        values = {"number": "1/kh", "type": None, "date": "2021-01-01", "place": None, "title": None}
        values |= {"issuer": None, "signatory": None, "citations": {"2/cv"}, "measures": {"a", "b"}}
        ocr = {**values, "number": ocr_number, "measures": {"a"}}
        page = {"confidence": conf, "accuracy": acc}
        return {"path": "x", "pages": 2, "cpu": 4.0, "accuracy": acc, "confidence": conf, "warnings": [],
                "page_scores": [page], "ocr": ocr, "text": values}  # fmt: skip

    results = [
        result(0.99, 95.0, "1/kh"),
        result(0.90, 85.0, "7/kh"),
        {"path": "y", "error": "x", "pages": 1},
    ]
    s = bench.summarise(results)
    assert (s["documents"], s["failed"], s["pages"], s["pages_per_cpu_second"]) == (3, 1, 4, 0.5)
    assert s["fields"]["number"] == (0.5, 2) and s["fields"]["date"] == (1.0, 2)
    assert s["fields"]["type"] == (None, 0) and s["fields"]["measures"] == (0.5, 2)
    assert s["docs_below_098"] == 1 and s["char_accuracy_min"] == 0.9
    bands = {b["confidence"]: b for b in bench.bands(results)}
    assert bands["85-90"]["pages"] == 1 and bands["85-90"]["below_095"] == 1
    assert bands["93-100"]["accuracy_mean"] == 0.99
