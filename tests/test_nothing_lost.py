"""Nothing lost: a mixed folder (good, partial, broken files, a directory loop) is built; the report
accounts for every file exactly once with a specific reason, and every fact of every good file is in
the graph (number, date, signatory, citations queryable)."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.read
from kg.pipeline import extract_file

build_mod = pytest.importorskip("kg.build")
from kg.cli import main  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402
from kg.store.base import Store, literal  # noqa: E402

ROOT = Path(__file__).resolve().parent
CHAINS = ROOT / "corpus" / "chains"
GOOD = ["hg_tu_1042_cv.txt", "bp_tu_120_kh.txt", "bd_hu_88_kh.txt", "byt_2815_cv.txt"]

# file name → (status, words the reason must contain)
EXPECTED: dict[str, tuple[set[str], str | None]] = {
    "good/hg_tu_1042_cv.txt": ({"extracted", "partial"}, None),
    "good/bp_tu_120_kh.txt": ({"extracted", "partial"}, None),
    "good/bd_hu_88_kh.txt": ({"extracted", "partial"}, None),
    "good/byt_2815_cv.txt": ({"extracted", "partial"}, None),
    "partial/noheader.txt": ({"partial"}, "no number found"),
    "partial/cp1258.txt": ({"partial"}, "decoded as Windows-1258"),
    "partial/tcvn3.txt": ({"partial"}, "legacy TCVN3"),
    "partial/cut.txt": ({"partial"}, "truncated UTF-8"),
    "broken/binary.txt": ({"failed"}, "binary file (contains NUL bytes)"),
    "broken/empty.txt": ({"failed"}, "empty file"),
    "broken/random.txt": ({"failed"}, "binary data"),
    "broken/image.txt": ({"failed"}, "PNG image"),
    "broken/fake.docx": ({"failed"}, "not a .docx file"),
    "broken/fake.pdf": ({"failed"}, "not a .pdf file"),
    "broken/secret.txt": ({"failed"}, "permission denied"),
    "broken/old.doc": ({"failed"}, "not a Word 97-2003 document"),
    "loop/back": ({"skipped"}, "symbolic link loop"),
    "broken/dangling.txt": ({"failed"}, "broken symbolic link"),
}


def _cp1258(text: str) -> bytes:
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones)) + tones)
    return "".join(out).encode("cp1258")


def make_folder(root: Path) -> Path:
    from kg.legacy import encode_tcvn3

    top = root / "mixed"
    for sub in ("good", "partial", "broken", "loop"):
        (top / sub).mkdir(parents=True)
    for name in GOOD:
        shutil.copy(CHAINS / name, top / "good" / name)
    doc = (CHAINS / "hg_tu_1042_cv.txt").read_text(encoding="utf-8")
    shutil.copy(CHAINS / "bp_noheader.txt", top / "partial" / "noheader.txt")
    (top / "partial" / "cp1258.txt").write_bytes(_cp1258(doc))
    (top / "partial" / "tcvn3.txt").write_bytes(encode_tcvn3(doc).encode("latin-1"))
    (top / "partial" / "cut.txt").write_bytes(doc.encode()[:-1] + "ệ".encode()[:2])
    (top / "broken" / "binary.txt").write_bytes(b"\x00\x01\x02" * 1000)
    (top / "broken" / "empty.txt").write_bytes(b"")
    (top / "broken" / "random.txt").write_bytes(bytes((i * 7919 + 13) % 255 + 1 for i in range(20000)))
    (top / "broken" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (top / "broken" / "fake.docx").write_bytes(b"just text")
    (top / "broken" / "fake.pdf").write_bytes(b"just text")
    (top / "broken" / "secret.txt").write_text(doc, encoding="utf-8")
    (top / "broken" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (top / "broken" / "dangling.txt").symlink_to(top / "nowhere.txt")
    (top / "loop" / "back").symlink_to(top)
    return top


@pytest.fixture()
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    top = make_folder(tmp_path)
    secret = str(top / "broken" / "secret.txt")
    real_open = open

    def guarded(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == secret:  # root ignores chmod 000: simulate an unreadable file
            raise PermissionError(13, "Permission denied", secret)
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(kg.read, "open", guarded, raising=False)
    return top


def _rel(top: Path, shown: str) -> str:
    return Path(os.path.abspath(shown)).relative_to(top).as_posix()


def test_every_file_is_accounted_for_once(mixed: Path) -> None:
    store = OxigraphStore(None)
    report = build_mod.build([mixed], store, generated_at="2024-01-01T00:00:00Z")
    seen = [_rel(mixed, o.path) for o in report.outcomes]
    assert sorted(seen) == sorted(EXPECTED), (sorted(set(seen) ^ set(EXPECTED)), seen)
    assert len(seen) == len(set(seen))
    for o in report.outcomes:
        statuses, words = EXPECTED[_rel(mixed, o.path)]
        assert o.status in statuses, (o.path, o.status, o.reason)
        if words:
            assert o.reason and words in o.reason, (o.path, o.reason)
        assert "Traceback" not in (o.reason or "") and "internal error" not in (o.reason or "")
    assert not report.ok  # some files failed, the rest was built


def _has(store: Store, graph: str, value: str) -> bool:
    # The FILTER stays in the group where VALUES binds ?x (a FILTER inside GRAPH {} would not see it).
    q = "ASK { GRAPH ?g { ?s ?p ?v } FILTER(STR(?v) = STR(?x)) }"
    res = store.query(q, {"g": kg.store.base.iri(graph), "x": literal(value)})
    return res.rows[0][0] is not None and res.rows[0][0].value == "true"


def test_every_fact_of_every_good_file_is_in_the_graph(mixed: Path) -> None:
    from kg.rdf import graph_iri

    store = OxigraphStore(None)
    report = build_mod.build([mixed], store, generated_at="2024-01-01T00:00:00Z")
    by_rel = {_rel(mixed, o.path): o for o in report.outcomes}
    checked = 0
    for name in GOOD:
        outcome = by_rel[f"good/{name}"]
        assert outcome.graph is not None and outcome.quads > 0
        rec = extract_file(mixed / "good" / name)
        facts = [rec.number, rec.date, rec.signatory.name if rec.signatory else None]
        facts += [c.number for c in rec.citations]
        assert rec.number and rec.date, name
        for fact in facts:
            if fact:
                assert _has(store, outcome.graph, fact), (name, fact)
                checked += 1
        assert outcome.graph == graph_iri(rec.sha256)
    assert checked >= 12


def test_cli_build_report_names_every_problem(mixed: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["build", str(mixed), "--store", str(tmp_path / "store"), "-q"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    for needle in ("binary file", "empty file", "symbolic link loop", "permission denied", "PNG image"):
        assert needle in res.output, needle


def test_special_files_in_a_folder_are_reported(tmp_path: Path) -> None:
    from kg.discover import Problem, discover

    (tmp_path / "d").mkdir()
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    items = list(discover([tmp_path / "d"]))
    assert any(isinstance(i, Problem) and i.shown.endswith("pipe.txt") for i in items)
