"""Incremental builds: unchanged files are not extracted, a changed file replaces only its own graph,
deleted files lose their graph, and an interrupted build leaves every graph complete or absent."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest

import kg
import kg.build
from kg.build import build, process_file
from kg.discover import source_id
from kg.resolve import RESOLUTION_GRAPH
from kg.sources import file_sha256
from kg.store import MemoryStore, OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
CHAINS = ROOT / "tests" / "corpus" / "chains"
WHEN = "2024-05-01T12:00:00Z"


def _graphs(store: OxigraphStore | MemoryStore) -> dict[str, set[str]]:
    """Quads per named graph, as N-Quads lines."""
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in store.dump("nq"):
        for line in chunk.decode("utf-8").splitlines():
            if line.strip():
                graph = line.rstrip(" .").rsplit(" ", 1)[-1]
                out[graph.strip("<>")].add(line)
    return dict(out)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "corpus"
    d.mkdir()
    for f in sorted(CHAINS.glob("*.txt"))[:6]:
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    s = OxigraphStore(tmp_path / "store") if request.param == "oxigraph" else MemoryStore()
    yield s
    s.close()


def test_unchanged_rerun_extracts_nothing(corpus: Path, store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    first = build([corpus], store, generated_at=WHEN)
    assert first.counts()["extracted"] + first.counts()["partial"] == 6
    before = _graphs(store)

    def no_extraction(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged file was extracted again")

    monkeypatch.setattr(kg.build, "extract_text", no_extraction)
    again = build([corpus], store, generated_at="2030-01-01T00:00:00Z")
    assert again.counts()["unchanged"] == 6
    assert again.ok and len(again.outcomes) == 6
    assert _graphs(store) == before  # not even the extraction time changed


def test_graphs_of_another_kg_version_are_extracted_again(  # type: ignore[no-untyped-def]
    corpus: Path, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = kg.__version__
    monkeypatch.setattr(kg, "__version__", "0.0.1")  # the graphs are written by an older kg
    build([corpus], store, generated_at=WHEN)
    assert {i.version for i in store.source_graphs().values()} == {"0.0.1"}
    monkeypatch.setattr(kg, "__version__", current)
    upgraded = build([corpus], store, generated_at="2030-01-01T00:00:00Z")
    assert upgraded.counts()["extracted"] + upgraded.counts()["partial"] == 6
    assert upgraded.counts()["unchanged"] == 0
    again = build([corpus], store, generated_at="2031-01-01T00:00:00Z")
    assert again.counts()["unchanged"] == 6  # same version now: nothing to do


def _graph_of(path: Path) -> str:
    return kg.build.graph_iri(file_sha256(str(path)))


def test_edit_replaces_only_that_graph(corpus: Path, store) -> None:  # type: ignore[no-untyped-def]
    build([corpus], store, generated_at=WHEN)
    before = _graphs(store)
    files = sorted(corpus.glob("*.txt"))
    edited = files[2]
    g_old = _graph_of(edited)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNơi nhận:\n- Lưu: VT.\n", encoding="utf-8")
    g_new = _graph_of(edited)
    report = build([corpus], store, generated_at="2030-01-01T00:00:00Z")
    by_status = {o.path: o.status for o in report.outcomes}
    assert [p for p, s in by_status.items() if s in {"extracted", "partial"}] == [str(edited)]
    assert sum(1 for s in by_status.values() if s == "unchanged") == 5
    after = _graphs(store)
    # the graph of the new content replaces the graph of the old one; every other graph is untouched
    assert after.keys() == (before.keys() - {g_old}) | {g_new}
    assert any("2030-01-01T00:00:00" in q for q in after[g_new])
    for g in before.keys() - {g_old, RESOLUTION_GRAPH}:
        assert after[g] == before[g], g


def test_deleted_file_loses_its_graph_unless_no_prune(corpus: Path, store) -> None:  # type: ignore[no-untyped-def]
    build([corpus], store, generated_at=WHEN)
    victim = sorted(corpus.glob("*.txt"))[0]
    g = _graph_of(victim)
    assert g in store.source_graphs()
    victim.unlink()
    kept = build([corpus], store, prune=False, generated_at=WHEN)
    assert g in store.source_graphs() and kept.counts()["removed"] == 0
    report = build([corpus], store, generated_at=WHEN)
    assert report.counts() == {**report.counts(), "removed": 1, "unchanged": 5}
    removed = [o for o in report.outcomes if o.status == "removed"]
    assert removed[0].graph == g
    assert g not in store.source_graphs()
    assert g not in _graphs(store)


def test_unreadable_file_loses_its_old_graph(corpus: Path, store) -> None:  # type: ignore[no-untyped-def]
    build([corpus], store, generated_at=WHEN)
    victim = sorted(corpus.glob("*.txt"))[1]
    g = _graph_of(victim)
    assert g in _graphs(store)
    victim.write_bytes(b"")
    report = build([corpus], store, generated_at=WHEN)
    assert [o.status for o in report.outcomes if o.path == str(victim)] == ["failed"]
    assert g not in _graphs(store)


def test_parallel_build_equals_serial_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    serial, parallel = OxigraphStore(None), OxigraphStore(None)
    r1 = build([CHAINS], serial, jobs=1, generated_at=WHEN)
    r2 = build([CHAINS], parallel, jobs=2, batch_size=5, generated_at=WHEN)
    assert [(o.path, o.status, o.quads) for o in r1.outcomes] == [
        (o.path, o.status, o.quads) for o in r2.outcomes
    ]
    assert _graphs(serial) == _graphs(parallel)


_INTERRUPTED = textwrap.dedent(
    """
    import sys
    from kg.build import build
    from kg.store import OxigraphStore

    store = OxigraphStore(sys.argv[1])
    real = store.replace_graphs

    def replace(graphs):
        print("loading", len(graphs), flush=True)
        real(graphs)

    store.replace_graphs = replace
    build([sys.argv[2]], store, jobs=1, batch_size=int(sys.argv[3]), generated_at=sys.argv[4])
    print("finished", flush=True)
    """
)


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_build_leaves_graphs_complete_or_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    docs = _load_generator().generate(80, tmp_path / "synthetic", seed=7)
    reference = OxigraphStore(None)  # the same terms as Oxigraph stores them (it canonicalises datatypes)
    for f in sorted(docs.rglob("*.txt")):
        outcome, nquads = process_file(str(f), str(f), source_id(f, docs), WHEN)
        assert outcome.graph is not None
        reference.replace_graphs({outcome.graph: nquads})
    expected = _graphs(reference)
    expected.pop(kg.build.ONTOLOGY_GRAPH, None)
    assert len(expected) == 80
    store_dir = tmp_path / "store"
    # A batch of 25 graphs is over the bulk-load threshold: the kill hits the path big builds use.
    proc = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED, str(store_dir), str(docs), "25", WHEN],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    try:
        seen = 0
        for line in proc.stdout:
            seen += line.startswith("loading")
            if seen == 3:  # the first is the ontology: kill while the second batch of documents loads
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(30)
    store = OxigraphStore(store_dir)
    try:
        got = _graphs(store)
        docs_graphs = {g: q for g, q in got.items() if g in expected}
        for g, quads in docs_graphs.items():
            assert quads == expected[g], f"graph {g} is incomplete after the kill"
        assert 0 < len(docs_graphs) < len(expected)  # the kill interrupted the build after a batch
        # The next build completes the store.
        report = build([docs], store, generated_at=WHEN)
        assert report.counts()["unchanged"] == len(docs_graphs)
        final = _graphs(store)
        assert {g: final[g] for g in expected} == expected
    finally:
        store.close()
