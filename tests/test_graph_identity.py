"""A source file's graph does not depend on where kg runs from or how the folder is named on the command
line: graphs are named by content and record the file's location. Re-running a build on the same input
changes nothing wherever it runs from; a moved file is moved (not stored twice); a copy is one graph."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.query import run
from kg.store import MemoryStore, OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
WHEN = "2024-05-01T12:00:00Z"


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    s = OxigraphStore(tmp_path / "store") if request.param == "oxigraph" else MemoryStore()
    yield s
    s.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's demo and chain corpora: project/seeds, project/tests/corpus/chains."""
    p = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", p / "seeds")
    shutil.copytree(ROOT / "tests" / "corpus" / "chains", p / "tests" / "corpus" / "chains")
    (tmp_path / "elsewhere").mkdir()
    return p


def _graphs(store: OxigraphStore | MemoryStore) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in store.dump("nq"):
        for line in chunk.decode("utf-8").splitlines():
            if line.strip():
                out[line.rstrip(" .").rsplit(" ", 1)[-1].strip("<>")].add(line)
    return dict(out)


def _documents(store: OxigraphStore | MemoryStore) -> list[str]:
    return [str(r["doc"]) for r in run(store, "documents").dicts()]


def test_the_same_store_wherever_the_build_runs_from(  # type: ignore[no-untyped-def]
    project: Path, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    first = build(["seeds/", "tests/corpus/chains/"], store, generated_at=WHEN)
    assert first.ok
    before = _graphs(store)
    docs = _documents(store)
    assert len(docs) == len(set(docs)) == 38
    assert len(before) == 40  # 38 documents, the ontology, the resolution graph
    # the same folders, absolute, from another directory; then from inside one of them
    for cwd, paths in [
        (
            project.parent / "elsewhere",
            [str(project / "seeds"), str(project / "tests" / "corpus" / "chains")],
        ),
        (project / "seeds", [".", "../tests/corpus/chains"]),
        (project / "tests", ["../seeds/003_a326883bd8b66b63.txt", "corpus/chains/tw_05_ct.txt"]),
    ]:
        monkeypatch.chdir(cwd)
        again = build(paths, store, generated_at="2030-01-01T00:00:00Z")
        assert again.ok
        assert {o.status for o in again.outcomes} <= {"unchanged", "skipped"}, [
            (o.path, o.status, o.reason) for o in again.outcomes if o.status not in {"unchanged", "skipped"}
        ]
        assert _graphs(store) == before, cwd  # not a quad changed
        assert sorted(_documents(store)) == sorted(docs)


def test_cli_graph_count_is_the_same_however_the_build_is_invoked(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    counts = []
    for cwd, given in [(project, "seeds"), (tmp_path / "elsewhere", str(project / "seeds"))]:
        monkeypatch.chdir(cwd)
        res = runner.invoke(main, ["build", given, "--store", str(store), "-q", "--format", "json"])
        assert res.exit_code == 0, res.output
        res = runner.invoke(main, ["query", query, "--store", str(store), "--format", "csv"])
        counts.append(res.output.split()[-1])
    assert counts == ["6", "6"]  # 5 documents and the ontology


def test_a_moved_file_is_moved_not_doubled(  # type: ignore[no-untyped-def]
    project: Path, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent / "elsewhere")
    seeds = project / "seeds"
    build([seeds], store, generated_at=WHEN)
    graphs = set(_graphs(store))
    (seeds / "archive").mkdir()
    moved = seeds / "archive" / "moved.txt"
    (seeds / "003_a326883bd8b66b63.txt").rename(moved)
    report = build([seeds], store, generated_at=WHEN)
    out = {o.path: o for o in report.outcomes}
    assert out[str(moved)].status in {"extracted", "partial"}
    assert "moved from seeds/003_a326883bd8b66b63.txt" in (out[str(moved)].reason or "")
    assert not [o for o in report.outcomes if o.status == "removed"]  # moved, not deleted
    assert set(_graphs(store)) == graphs  # the same graph (named by content): no second copy
    paths = {
        r[0].value
        for r in store.query(
            "SELECT ?p WHERE { GRAPH ?g { ?s <https://w3id.org/vnkg/ontology#sourcePath> ?p } }"
        ).rows
        if r[0] is not None
    }
    assert "seeds/archive/moved.txt" in paths and "seeds/003_a326883bd8b66b63.txt" not in paths
    # moved out of the folder and built on its own: still one graph
    outside = project / "moved-out.txt"
    moved.rename(outside)
    build([outside], store, generated_at=WHEN)
    build([seeds], store, generated_at=WHEN)
    assert set(_graphs(store)) == graphs
    assert len(_documents(store)) == 5


def test_a_copy_is_one_graph(project: Path, store) -> None:  # type: ignore[no-untyped-def]
    seeds = project / "seeds"
    copy = seeds / "zz-copy.txt"
    shutil.copy(seeds / "001_eb003470bd0296b6.txt", copy)
    report = build([seeds], store, generated_at=WHEN)
    out = {o.path: o for o in report.outcomes}
    assert out[str(copy)].status == "skipped"
    assert (
        out[str(copy)].reason
        == f"same content as {seeds / '001_eb003470bd0296b6.txt'}: one graph per content"
    )
    assert len(report.outcomes) == 6  # every input in the report once
    assert len(_documents(store)) == 5
    again = build([seeds], store, generated_at=WHEN)
    assert [o.status for o in again.outcomes].count("unchanged") == 5
    # a copy of a file built before, in a folder built later
    other = project / "other"
    other.mkdir()
    shutil.copy(seeds / "004_7b31ed35975d8353.txt", other / "x.txt")
    r = build([other], store, generated_at=WHEN)
    assert [o.status for o in r.outcomes] == ["skipped"]
    assert "already in the graph" in (r.outcomes[0].reason or "")
    assert len(_documents(store)) == 5


def test_graphs_of_kg_before_0_2_2_give_way(  # type: ignore[no-untyped-def]
    project: Path, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A graph named after the path relative to the working directory (kg < 0.2.2) is replaced by the
    graph of its content, not kept beside it."""
    from kg.build import process_file
    from kg.rdf import VNID

    monkeypatch.chdir(project)
    f = project / "seeds" / "003_a326883bd8b66b63.txt"
    outcome, nquads = process_file(str(f), str(f), "seeds/003_a326883bd8b66b63.txt", WHEN)
    assert outcome.graph
    old = f"{VNID}graph/seeds%2F003_a326883bd8b66b63.txt"
    lines = [
        line.replace(outcome.graph, old).replace('"0.2.2"', '"0.2.1"')
        for line in nquads.splitlines(keepends=True)
        if "sourceLocation" not in line
    ]
    store.replace_graphs({old: "".join(lines)})
    assert old in store.source_graphs()
    report = build(["seeds"], store, generated_at=WHEN)
    assert report.ok
    graphs = store.source_graphs()
    assert old not in graphs and outcome.graph in graphs
    assert len(_documents(store)) == 5
