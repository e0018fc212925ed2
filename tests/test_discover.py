"""Discovery reports every input: documents, skipped files, missing paths, loops."""

from __future__ import annotations

import os
from pathlib import Path

from kg.discover import Found, Problem, discover, source_id


def test_walks_folders_in_order_and_reports_everything(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Số 1-CV/TU", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "d.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    items = list(discover([tmp_path, tmp_path / "missing.txt"]))
    found = [Path(i.shown).relative_to(tmp_path).as_posix() for i in items if isinstance(i, Found)]
    assert found == ["a.txt", "b/c.md"]
    problems = {(Path(i.shown).name, i.status) for i in items if isinstance(i, Problem)}
    assert ("d.json", "skipped") in problems
    assert ("README.md", "skipped") in problems
    assert ("loop", "skipped") in problems
    assert ("missing.txt", "failed") in problems


def test_explicit_file_is_always_tried(tmp_path: Path) -> None:
    f = tmp_path / "notes.json"
    f.write_text("{}", encoding="utf-8")
    assert [type(i) for i in discover([f])] == [Found]


def test_source_id_relative_to_cwd(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    assert source_id(Path("x/../x/a.txt")) == "x/a.txt"
    assert source_id(Path(os.sep) / "elsewhere" / "b.txt") == "/elsewhere/b.txt"
