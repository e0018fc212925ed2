"""Consistency of the store under SIGKILL and concurrent builds.

A build killed at a random moment leaves every document graph complete (equal to the reference
build's) or absent, and a re-run completes it; two builds on one store at once either serialise or one
refuses with a clear message and a non-zero exit, never corrupting the store.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

pytest.importorskip("kg.rdf")
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent
N_DOCS = 200
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT.parent)}
ONTOLOGY = "https://w3id.org/vnkg/id/graph/ontology"

ISSUERS = [
    ("TỈNH ỦY CẦN THƠ", "TU", "Cần Thơ"),
    ("HUYỆN ỦY BẢO LÂM", "HU", "Bảo Lâm"),
    ("BỘ Y TẾ", "BYT", "Hà Nội"),
]


def _doc(i: int) -> str:
    issuer, code, place = ISSUERS[i % len(ISSUERS)]
    return (
        f"{issuer}\n*\nSố {100 + i}-CV/{code}\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        f"{place}, ngày {1 + i % 28} tháng {1 + i % 12} năm {2020 + i % 3}\n\n"
        "V/v tăng cường công tác phòng, chống dịch Covid-19\n\n"
        "Kính gửi: Các huyện ủy, thành ủy trực thuộc.\n\n"
        f"Thực hiện Công văn số {500 + i}-CV/BTGTW ngày 20/5/2021 của Ban Tuyên giáo Trung ương, "
        "Ban Thường vụ yêu cầu:\n"
        "1. Các cấp ủy chỉ đạo thực hiện nghiêm thông điệp 5K, đeo khẩu trang, hạn chế tụ tập đông người.\n"
        "2. Sở Y tế chủ trì, phối hợp với Công an tỉnh tổ chức cách ly, xét nghiệm.\n\n"
        "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n"
        f"Nguyễn Văn {chr(65 + i % 26)}\n"
    )


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory with ``corpus/`` (200 documents) and ``ref/``, the reference store."""
    w = tmp_path_factory.mktemp("consistency")
    (w / "corpus").mkdir()
    for i in range(N_DOCS):
        (w / "corpus" / f"doc_{i:03d}.txt").write_text(_doc(i), encoding="utf-8")
    res = _build(w, "ref")
    assert res.returncode == 0, res.stderr
    return w


def _cmd(store: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", "corpus", "--store", store, "-q", "--format", "json"]


def _build(w: Path, store: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_cmd(store), cwd=w, env=ENV, capture_output=True, text=True, timeout=120)


def _graphs(path: Path) -> dict[str, set[str]]:
    """Quads of each named graph (N-Quads lines without the graph), read through a full dump."""
    store = ox.Store.read_only(str(path))
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    del store
    out: dict[str, set[str]] = defaultdict(set)
    for line in data.decode("utf-8").splitlines():
        body, _, graph = line[:-2].rpartition(" <")  # "... <graph> ." (graph IRIs have no spaces)
        out[graph[:-1]].add(body)
    return dict(out)


def _check_complete_or_absent(got: dict[str, set[str]], ref: dict[str, set[str]]) -> int:
    for g, quads in got.items():
        assert g in ref, f"unexpected graph {g}"
        assert quads == ref[g], f"graph {g} is partial: {len(quads)} of {len(ref[g])} quads"
    return sum(1 for g in got if g != ONTOLOGY)


def test_reference_build_has_every_document(work: Path) -> None:
    ref = _graphs(work / "ref")
    assert sum(1 for g in ref if g != ONTOLOGY) == N_DOCS


@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_leaves_graphs_complete_or_absent_and_rerun_completes(work: Path, seed: int) -> None:
    ref = _graphs(work / "ref")
    store = f"killed{seed}"
    rng = random.Random(seed)
    proc = subprocess.Popen(_cmd(store), cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0.8, 3.5))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if (work / store).exists():
        present = _check_complete_or_absent(_graphs(work / store), ref)
    else:
        present = 0
    res = _build(work, store)
    assert res.returncode == 0, res.stderr
    final = _graphs(work / store)
    assert final == ref, f"re-run did not complete the store (had {present} documents after the kill)"


def test_two_builds_at_once_serialise_or_refuse_cleanly(work: Path) -> None:
    ref = _graphs(work / "ref")
    store = "concurrent"
    procs = [
        subprocess.Popen(
            _cmd(store), cwd=work, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    results = [(p.returncode, out, err) for p, (out, err) in zip(procs, outputs, strict=True)]
    codes = [c for c, _, _ in results]
    assert 0 in codes, results
    for code, _, err in results:
        assert "Traceback" not in err, err
        if code != 0:
            assert code == 2
            assert "in use by another kg process" in err, err
    assert _graphs(work / store) == ref
