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


def test_source_id_is_the_same_wherever_kg_runs_from(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "project" / "seeds"
    (corpus / "sub").mkdir(parents=True)
    f = corpus / "sub" / "a.txt"
    f.write_text("Số 1-CV/TU", encoding="utf-8")
    names = set()
    # the folder given relative to the project, absolute from elsewhere, as "." from inside it
    for cwd, given in [
        (tmp_path / "project", Path("seeds")),
        (tmp_path, corpus),
        (corpus, Path(".")),
        (corpus / "sub", Path("..")),
    ]:
        monkeypatch.chdir(cwd)
        (item,) = [i for i in discover([given]) if isinstance(i, Found)]
        names.add(source_id(item.path, item.root))
    assert names == {"seeds/sub/a.txt"}
    # a file given itself: its folder and name
    monkeypatch.chdir(tmp_path)
    assert source_id(Path("project/seeds/sub/../sub/a.txt")) == "sub/a.txt"
    assert source_id(Path(os.sep) / "elsewhere" / "b.txt") == "elsewhere/b.txt"


def test_files_of_a_folder_that_are_its_notes_are_skipped_with_the_true_reason(tmp_path: Path) -> None:
    for name in ("README.md", "readme.txt", "SOURCES.txt", "LICENSE.md", "ChangeLog.txt", "sources.tsv"):
        (tmp_path / name).write_text("Số 1-CV/TU\nnotes", encoding="utf-8")
    reasons = {Path(i.shown).name: i.reason for i in discover([tmp_path]) if isinstance(i, Problem)}
    for name, kind in [
        ("README.md", "readme"),
        ("readme.txt", "readme"),
        ("SOURCES.txt", "sources"),
        ("LICENSE.md", "license"),
        ("ChangeLog.txt", "changelog"),
    ]:
        assert reasons[name].startswith(f"named like a folder's {kind} file"), name
        assert "not a document type" not in reasons[name]  # .md and .txt are types kg reads
    assert reasons["sources.tsv"] == "not a document type kg reads (.tsv)"
    # given itself, such a file is read
    assert [type(i) for i in discover([tmp_path / "README.md"])] == [Found]
