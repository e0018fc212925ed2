"""bench/bench_queries.py: which jobs a run selects, and how warm-up runs are counted (no timing asserted)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def bq(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("bench_queries")


@pytest.mark.parametrize(
    ("name", "only", "skip", "runs"),
    [
        ("documents", [], [], True),
        ("documents", [], ["documents"], False),
        ("documents", ["documents"], [], True),
        ("documents [search=Tỉnh ủy Bến Tre]", ["documents"], [], True),
        ("documents-by-issuer", ["documents"], [], False),
        ("documents-by-issuer [issuer_q=Tỉnh ủy]", ["documents"], [], False),
        ("documents [search=x]", ["documents [search=x]"], [], True),
        ("documents", ["documents [search=x]"], [], False),
        ("signatories [name_q=a]", ["documents", "signatories"], [], True),
        ("signatories [name_q=a]", ["signatories"], ["signatories [name_q=a]"], False),
        ("trace (kg.trace)", ["documents"], [], False),
    ],
)
def test_selected(bq: ModuleType, name: str, only: list[str], skip: list[str], runs: bool) -> None:
    assert bq.selected(name, only, skip) is runs


def test_warm_up_runs_are_not_in_the_percentiles(bq: ModuleType) -> None:
    calls: list[int] = []
    r = bq.timed(lambda: calls.append(1), runs=4, budget_s=60, warmup=2)
    assert len(calls) == 6
    assert r["runs"] == 4
    assert "first_ms" in r


def test_without_warm_up_there_is_no_cold_latency(bq: ModuleType) -> None:
    calls: list[int] = []
    r = bq.timed(lambda: calls.append(1), runs=3, budget_s=60)
    assert len(calls) == 3
    assert r["runs"] == 3
    assert "first_ms" not in r


def test_a_warm_up_over_the_budget_is_the_only_run(bq: ModuleType) -> None:
    calls: list[int] = []
    r = bq.timed(lambda: calls.append(1), runs=5, budget_s=-1, warmup=1)
    assert len(calls) == 1
    assert r["runs"] == 1
    assert r["p50_ms"] == r["first_ms"]


@pytest.mark.parametrize("warmup", [0, 1])
def test_a_stopped_run_is_a_lower_bound(bq: ModuleType, warmup: int) -> None:
    import time

    r = bq.timed(lambda: time.sleep(5), runs=3, budget_s=60, timeout_s=0.05, warmup=warmup)
    assert r == {"timeout_s": 0.05, "p50_ms": 50.0, "p95_ms": 50.0, "runs": 0}
