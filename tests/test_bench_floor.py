"""bench/bench_floor.py: the parts every corpus-wide query contains, timed on a built store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.build import build
from kg.store import OxigraphStore


def test_floor_queries_answer_on_a_built_store(
    bench_script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    docs = bench_script("generate").generate(30, tmp_path / "corpus", seed=2)
    store = OxigraphStore(tmp_path / "store-30-s2")
    build([docs], store, generated_at="2024-01-01T00:00:00Z")
    store.close()
    floor = bench_script("bench_floor")
    written: dict[str, Any] = {}
    monkeypatch.setattr(floor, "WORKDIR", tmp_path)
    monkeypatch.setattr(floor, "write_result", lambda name, data: written.update({name: data}) or Path(name))
    assert floor.main(["30", "--seed", "2", "--runs", "2"]) == 0
    got = written["floor-30"]["queries"]
    assert set(got) == set(floor.FLOOR)
    assert got["count documents"]["rows"] == 1 and got["every document IRI"]["rows"] == 30
    # cited documents are dated in the graphs that cite them too
    assert 30 <= got["first 100 by date"]["rows"] <= 100 and got["documents per type"]["rows"] >= 2
    assert all(v["p50_ms"] >= 0 for v in got.values())
    assert "every document IRI" in capsys.readouterr().out


def test_floor_needs_a_built_store(bench_script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    floor = bench_script("bench_floor")
    monkeypatch.setattr(floor, "WORKDIR", tmp_path)
    assert floor.main(["30"]) == 2
