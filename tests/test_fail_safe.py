"""Fail safely: one bad file name, one slow file, a damaged store, a bad output path, a bad parameter
or a Ctrl-C never ends in a traceback, and never loses the rest of a batch or what was there before.

Each test reproduces a fault seen on the command line (issue 15) and checks what the user gets: the
file or parameter named with the reason, exit status 2 for a command that cannot run, 1 for a batch
with failures, 130 for an interrupted build, and everything else done as usual.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.build
from kg.build import build
from kg.cli import main
from kg.read import Source
from kg.store import OxigraphStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHAINS = ROOT / "tests" / "corpus" / "chains"
BAD_NAME = b"b\xe1o c\xe1o \xff.txt"  # Latin-1 bytes: not UTF-8


def kg_cmd(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kg.entry", *args], capture_output=True, cwd=cwd, timeout=timeout
    )


def invoke(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args))
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, res.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("kg") / "store"
    code, out = invoke("build", str(SEEDS), "--store", str(d), "-q")
    assert code == 0, out
    return d


def _copy_store(built: Path, dest: Path) -> Path:
    shutil.copytree(built, dest)
    (dest / "LOCK").unlink(missing_ok=True)
    return dest


# -- a file name that is not UTF-8 (reproduction 4) -------------------------------------------------


@pytest.fixture()
def bad_name_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(f, folder / f.name)
    bad = os.path.join(os.fsencode(folder), BAD_NAME)
    with open(bad, "wb") as fh:
        fh.write((CHAINS / "hg_tu_1042_cv.txt").read_bytes())
    return folder


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_name_that_is_not_utf8_does_not_stop_the_build(
    bad_name_folder: Path, tmp_path: Path, jobs: str
) -> None:
    store = tmp_path / "store"
    res = kg_cmd("build", str(bad_name_folder), "--store", str(store), "-q", "-j", jobs, "--format", "json")
    assert b"Traceback" not in res.stderr, res.stderr.decode("utf-8", "replace")
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")
    report = json.loads(res.stdout.decode("utf-8"))  # the report is valid UTF-8
    files = [f["path"] for f in report["files"]]
    assert len(files) == 4 and len(set(files)) == 4  # every file once
    shown = [f for f in files if "%E1o c%E1o %FF" in f]
    assert len(shown) == 1, files
    entry = next(f for f in report["files"] if f["path"] == shown[0])
    assert entry["status"] in {"extracted", "partial"} and entry["number"] == "1042-CV/TU"
    s = OxigraphStore(store, read_only=True)
    info = s.source_graphs()[entry["graph"]]  # the graph of its content, its name stored as shown
    assert info.source_path.endswith("b%E1o c%E1o %FF.txt") and info.location.endswith("b%E1o c%E1o %FF.txt")
    s.close()
    # Built again: recognised as unchanged (its location reads the same every time).
    again = kg_cmd("build", str(bad_name_folder), "--store", str(store), "-q", "--format", "json")
    statuses = {f["path"]: f["status"] for f in json.loads(again.stdout)["files"]}
    assert statuses[shown[0]] == "unchanged"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_extract_prints_a_name_that_is_not_utf8_as_valid_text(bad_name_folder: Path) -> None:
    res = kg_cmd("extract", str(bad_name_folder), "--format", "jsonl")
    assert res.returncode == 0 and b"Traceback" not in res.stderr
    lines = res.stdout.decode("utf-8").splitlines()  # valid UTF-8 throughout
    sources = [json.loads(line)["source"] for line in lines]
    assert len(sources) == 4
    assert any(s.endswith("b%E1o c%E1o %FF.txt") for s in sources)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_two_names_that_read_the_same_fail_alone(bad_name_folder: Path, tmp_path: Path) -> None:
    """ "b%E1o ..." written as is and the undecodable name written %XX: one graph each is impossible."""
    twin = bad_name_folder / "b%E1o c%E1o %FF.txt"
    shutil.copy(SEEDS / "003_a326883bd8b66b63.txt", twin)
    report = build([bad_name_folder], OxigraphStore(None))
    statuses = sorted(o.status for o in report.outcomes)
    assert len(report.outcomes) == 5
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert len(failed) == 1 and "reads the same as" in (failed[0].reason or ""), statuses


# -- a time limit per file (reproduction 5: one runaway file stalls a build) ------------------------


def _slow_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction that never ends on a file holding the marker (stands for a runaway pass)."""
    real = kg.build.extract_source

    def slow(src: Source, *args: object, **kwargs: object) -> object:
        if "CHẬM-CHẬM" in src.text:
            time.sleep(600)
        return real(src, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.build, "extract_source", slow)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_fails_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: int
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    chains = sorted(CHAINS.glob("*.txt"))[:19]  # 20 files: enough for worker processes
    for f in chains:
        shutil.copy(f, folder / f.name)
    (folder / "slow.txt").write_text((chains[0]).read_text(encoding="utf-8") + "\nCHẬM-CHẬM\n", "utf-8")
    _slow_on_marker(monkeypatch)
    store = OxigraphStore(None)
    t0 = time.monotonic()
    report = build([folder], store, jobs=jobs, file_timeout=1.0)
    assert time.monotonic() - t0 < 120
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert len(report.outcomes) == 20
    assert by_name["slow.txt"].status == "failed"
    assert "time limit of 1 s" in (by_name["slow.txt"].reason or "")
    others = [o for o in report.outcomes if Path(o.path).name != "slow.txt"]
    assert all(o.status in {"extracted", "partial"} for o in others)
    assert len(store.source_graphs()) == 19


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_reading_a_scan_is_not_under_the_time_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """OCR takes seconds a page: the reading of a PDF or an image is not counted, that of a text is."""
    folder = tmp_path / "docs"
    folder.mkdir()
    text = SEEDS / "003_a326883bd8b66b63.txt"
    shutil.copy(text, folder / "slow.txt")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 stand-in: read by the stub below")
    real = kg.build.read_source

    def slow_read(path: str) -> Source:
        time.sleep(1.5)  # a slow read (OCR of many pages, or a runaway reader)
        return real(text)

    monkeypatch.setattr(kg.build, "read_source", slow_read)
    report = build([folder], OxigraphStore(None), jobs=1, file_timeout=1.0)
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert by_name["scan.pdf"].status in {"extracted", "partial"}
    assert by_name["slow.txt"].status == "failed"
    assert "time limit of 1 s" in (by_name["slow.txt"].reason or "")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_file_timeout_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEEDS / "003_a326883bd8b66b63.txt", folder / "ok.txt")
    (folder / "slow.txt").write_text("Số 1-CV/TU\nCHẬM-CHẬM\n", "utf-8")
    _slow_on_marker(monkeypatch)
    code, out = invoke(
        "build",
        str(folder),
        "--store",
        str(tmp_path / "s"),
        "-q",
        "--file-timeout",
        "0.5",
        "--format",
        "json",
    )
    assert code == 1  # a file failed, the rest was built
    reasons = {Path(f["path"]).name: (f["status"], f["reason"]) for f in json.loads(out)["files"]}
    assert reasons["ok.txt"][0] == "extracted"
    status, reason = reasons["slow.txt"]
    assert status == "failed" and "took longer than the time limit of 0.5 s" in reason
    assert "--file-timeout" in reason


def test_extract_goes_on_after_a_file_that_breaks_extraction(tmp_path: Path) -> None:
    """Citations nested thousands deep (each in the title of the one before) break the extractor's
    recursion: that file fails with the reason, the others are printed."""
    folder = tmp_path / "docs"
    folder.mkdir()
    nested = "Thực hiện " + "Quyết định số 12/QĐ-UBND về việc ban hành Kế hoạch số 3-KH/TU về " * 1500
    (folder / "a_nested.txt").write_text(nested, "utf-8")
    shutil.copy(SEEDS / "003_a326883bd8b66b63.txt", folder / "b_ok.txt")
    code, out = invoke("extract", str(folder), "--format", "jsonl")
    assert code == 1
    assert "a_nested.txt: internal error" in out
    assert any(line.startswith("{") and "b_ok.txt" in line for line in out.splitlines())


# -- a damaged store (item 6) ------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["empty CURRENT", "truncated SST"])
@pytest.mark.parametrize(
    "command",
    [
        ["query", "summary"],
        ["trace", "168-CV/TU"],
        ["export", "--format", "nq"],
        ["stats"],
        ["validate"],
        ["netexport", "--out", "{tmp}/net.graphml"],
        ["viz", "--out", "{tmp}/views"],
        ["build", str(SEEDS), "-q"],
    ],
)
def test_a_damaged_store_is_named_with_what_to_do(
    built: Path, tmp_path: Path, damage: str, command: list[str]
) -> None:
    store = _copy_store(built, tmp_path / "store")
    if damage == "empty CURRENT":
        (store / "CURRENT").write_bytes(b"")
    else:
        sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
        with open(sst, "r+b") as fh:
            fh.truncate(100)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, out = invoke(*args, "--store", str(store))
    assert code == 2, out
    assert f"the store at {store} is damaged" in out
    assert "restore it from a copy, or build again into an empty directory" in out
    assert "Traceback" not in out


# -- output files (item 6) ----------------------------------------------------------------------------


def test_a_failed_export_keeps_the_file_that_was_there(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.trig"
    target.write_text("the previous export\n", "utf-8")

    def broken_dump(self: OxigraphStore, fmt: str) -> object:
        yield b"<a> <b> <c> .\n"
        raise StoreError("store: a read failed half way")

    monkeypatch.setattr(OxigraphStore, "dump", broken_dump)
    code, out = invoke("export", "-o", str(target), "--store", str(built))
    assert code == 2 and "a read failed half way" in out and "Traceback" not in out
    assert target.read_text("utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]  # no temporary file left


def test_export_replaces_the_file_only_when_complete(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    target.write_text("old\n", "utf-8")
    code, out = invoke("export", "--format", "nq", "-o", str(target), "--store", str(built))
    assert code == 0, out
    assert target.read_text("utf-8").count("\n") > 1000


@pytest.mark.parametrize(
    "command", [["export", "-o"], ["netexport", "--out"], ["export", "--format", "csv", "-o"]]
)
def test_no_output_inside_the_store_directory(built: Path, tmp_path: Path, command: list[str]) -> None:
    store = _copy_store(built, tmp_path / "store")
    before = {p.name: p.read_bytes() for p in store.iterdir() if p.is_file()}
    for name in ("CURRENT", "new.trig"):
        code, out = invoke(*command, str(store / name), "--store", str(store))
        assert code == 2, out
        assert "inside the store directory" in out and "Traceback" not in out
    after = {p.name: p.read_bytes() for p in store.iterdir() if p.is_file()}
    assert after == before
    code, out = invoke("query", "summary", "--store", str(store))
    assert code == 0, out


def test_viz_under_a_regular_file(built: Path, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x", "utf-8")
    code, out = invoke("viz", "--out", str(afile / "views"), "--store", str(built))
    assert code == 2 and "Traceback" not in out
    assert f"{afile} is a file" in out


def test_viz_on_a_read_only_file_system(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, out = invoke("viz", "--out", str(tmp_path / "views"), "--store", str(built))
    assert code == 2 and "Traceback" not in out
    assert "views: cannot create the folder: the file system is read-only" in out


def test_viz_replaces_symbolic_links_instead_of_writing_through_them(built: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    out_dir = tmp_path / "views"
    out_dir.mkdir()
    (out_dir / "index.html").symlink_to(victim)
    code, out = invoke("viz", "--out", str(out_dir), "--store", str(built))
    assert code == 0, out
    assert victim.read_text("utf-8") == "keep me"
    index = out_dir / "index.html"
    assert not index.is_symlink() and "<html" in index.read_text("utf-8").lower()


def test_viz_refuses_the_store_directory(built: Path, tmp_path: Path) -> None:
    store = _copy_store(built, tmp_path / "store")
    for out_dir in (store, store / "views"):
        code, out = invoke("viz", "--out", str(out_dir), "--store", str(store))
        assert code == 2 and "store directory" in out and "Traceback" not in out
    assert not (store / "index.html").exists() and not (store / "views").exists()


# -- IRI parameters (item 6) ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [":x", "1x:y", "http://example.org/%zz", "http://[bad/", "x:a#b#c"])
def test_an_invalid_iri_parameter_is_named(built: Path, value: str) -> None:
    code, out = invoke("query", "implementers", "-p", f"doc={value}", "--store", str(built))
    assert code == 2, out
    # a value without a scheme is read as a document number (as kg trace reads it)
    if value[:1].isalpha():
        assert f"parameter doc: not a valid IRI: {value!r}" in out
    else:
        assert f"parameter doc: no document numbered {value!r}" in out
    assert "SPARQL" not in out and "Traceback" not in out


# -- Ctrl-C during a parallel build (item 6) -------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("pgrep") is None, reason="Linux only"
)
def test_ctrl_c_during_a_parallel_build_keeps_what_was_extracted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "1500", str(corpus), "--seed", "3"],
        check=True,
        capture_output=True,
    )
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "kg.entry", "build", str(corpus / "docs"), "--store", str(store)]
    proc = subprocess.Popen(
        [*cmd, "-j", "2", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(_children(proc.pid)) < 2 and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(3)  # workers warm up, then extract for a while
        if proc.poll() is not None:
            pytest.skip("the build finished before it could be interrupted")
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the build and its workers
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err, err.decode()
    assert b"interrupted" in err
    report = json.loads(out)
    assert report["interrupted"] is True
    files = [f["path"] for f in report["files"]]
    assert len(files) == len(set(files)) == 1500  # every file once
    done = [f for f in report["files"] if f["status"] in {"extracted", "partial"}]
    rest = [f for f in report["files"] if f["status"] == "interrupted"]
    assert done and rest and len(done) + len(rest) == 1500
    # What was extracted is in the store; the next build goes on with the rest only.
    s = OxigraphStore(store, read_only=True)
    assert {f["graph"] for f in done} <= set(s.source_graphs())
    s.close()
    again = subprocess.run([*cmd, "-q", "--format", "json"], capture_output=True, timeout=600)
    assert again.returncode == 0, again.stderr.decode()
    counts = json.loads(again.stdout)["counts"]
    assert counts["unchanged"] == len(done)
    assert counts["extracted"] + counts["partial"] == len(rest)
