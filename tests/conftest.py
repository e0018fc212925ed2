"""Shared fixtures."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load_bench_script(name: str) -> ModuleType:
    """``bench/<name>.py`` as module ``bench_<name>`` (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def bench_script() -> Callable[[str], ModuleType]:
    """Load a script of ``bench/`` by name: ``bench_script("generate")``."""
    return _load_bench_script
