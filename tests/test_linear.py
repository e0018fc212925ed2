"""Extraction time grows linearly with the input, on the shapes that once made it quadratic.

Each shape is extracted at 1x, 4x and 16x its size, in this process, timing CPU time (the best of a
few runs): a linear pass takes about 16 times as long at 16x, a pass that rescans from every position
about 256 times (and 4 and 16 times from 4x to 16x). The bounds (40x from 1x, 10x from 4x) leave
room for this machine's timing noise (50 %) and are still far below quadratic growth. Speed targets
themselves are checked by ``bench/bench_linear.py``, not here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.pipeline import extract_text

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "003_a326883bd8b66b63.txt").read_text(encoding="utf-8")
# An invented letter head, so that what follows is read as its body.
HEAD = (
    "ĐẢNG BỘ TỈNH HÀ GIANG\nTỈNH ỦY\nSố 12-CV/TU\nHà Giang, ngày 3 tháng 4 năm 2021\n"
    "CÔNG VĂN\nvề phòng, chống dịch Covid-19\nKính gửi: Các sở, ban, ngành.\n"
    "Ban Thường vụ Tỉnh ủy yêu cầu:\n"
)

# name -> (text of n units, units at 1x)
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "repeated numbers": (lambda n: "Số 1-CV/TU\n" * n, 800),
    "seed text repeated": (lambda n: SEED * n, 8),
    "repeated Kính gửi": (lambda n: "Kính gửi: Sở Y tế tỉnh.\n" * n, 600),
    "repeated ngày … tháng": (lambda n: "Hà Nội, ngày 12 tháng 5 năm 2021\n" * n, 500),
    "long run of body names": (lambda n: HEAD + "1. " + "Sở Y tế, " * n + "phải đeo khẩu trang.\n", 1000),
    "long run of person names": (lambda n: HEAD + "đồng chí Nguyễn Văn An, " * n, 500),
    "commas": (lambda n: HEAD + "," * n, 20000),
    "spaces": (lambda n: HEAD + " " * n + "x", 40000),
    "repeated numbered items": (
        lambda n: (
            HEAD
            + "".join(f"{i % 99 + 1}. Sở Y tế phải đeo khẩu trang phòng dịch Covid-19.\n" for i in range(n))
        ),
        200,
    ),
    "repeated lettered items": (lambda n: HEAD + "a) Các sở phải cách ly y tế.\n" * n, 300),
    "repeated Giao bullets": (
        lambda n: HEAD + "- Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính tiêm vắc xin.\n" * n,
        150,
    ),
    "citations in one sentence": (
        lambda n: HEAD + "Thực hiện Công văn số 534-CV/BTGTW ngày 13/5/2021 của Ban Tuyên giáo; " * n,
        150,
    ),
    "lines of one paragraph": (lambda n: "Thực hiện kế hoạch phòng dịch\n" * n, 600),
    "directive phrases in one clause": (
        lambda n: HEAD + "Thực hiện " + "các văn bản chỉ đạo của Ban Bí thư, " * n,
        300,
    ),
    "repeated Nơi nhận": (lambda n: HEAD + "Nơi nhận:\n- Như trên,\n" * n, 600),
    "short references in one sentence": (
        lambda n: (
            HEAD + "Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020. Theo " + "Chỉ thị 16, " * n + "cách ly.\n"
        ),
        150,
    ),
    "Giao clauses in one sentence": (
        lambda n: HEAD + "1. " + "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính cách ly; " * n + "\n",
        100,
    ),
}


def _cpu(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        extract_text(text)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-4)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_extraction_grows_linearly(shape: str) -> None:
    make, units = SHAPES[shape]
    extract_text(make(units))  # warm: tables and compiled patterns
    t1 = _cpu(make(units), 3)
    t4 = _cpu(make(4 * units), 2)
    t16 = _cpu(make(16 * units), 1)
    assert t16 <= 40 * t1 and t16 <= 10 * t4, (
        f"{shape}: {t1 * 1000:.0f} / {t4 * 1000:.0f} / {t16 * 1000:.0f} ms at 1x / 4x / 16x"
    )
