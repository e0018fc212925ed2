"""``kg validate``: SHACL + ontology checks of a store, graph by graph, reported by document."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pyshacl")
rdf = pytest.importorskip("kg.rdf")

from kg.build import ONTOLOGY_GRAPH  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.pipeline import extract_text  # noqa: E402
from kg.store import MemoryStore, OxigraphStore  # noqa: E402
from kg.validate import validate_nquads, validate_store  # noqa: E402

ROOT = Path(__file__).resolve().parent
DOCS = [ROOT / "corpus" / "chains" / n for n in ("hg_tu_1042_cv.txt", "bp_tu_120_kh.txt")]
GENERATED_AT = "2024-01-01T00:00:00Z"


def _graphs(bad_measure: bool = False) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in DOCS:
        text = p.read_text(encoding="utf-8")
        sid = f"docs/{p.name}"
        rec = extract_text(text, sid)
        nq = rdf.record_nquads(rec, text, sid, generated_at=GENERATED_AT)
        if bad_measure and p == DOCS[0]:
            nq = nq.replace("https://w3id.org/vnkg/measure/", "https://w3id.org/vnkg/measure/not-a-")
        out[rdf.graph_iri(rec.sha256)] = nq
    return out


def test_memory_store_conforms() -> None:
    store = MemoryStore()
    store.replace_graphs({ONTOLOGY_GRAPH: rdf.ontology_nquads(), **_graphs()})
    report = validate_store(store)
    assert len(report.graphs) == 2
    assert report.ok, report.violations[:5]


def test_violations_are_reported_by_document() -> None:
    store = MemoryStore()
    store.replace_graphs(_graphs(bad_measure=True))
    report = validate_store(store)
    assert not report.ok
    bad = [g for g in report.graphs if any(v.severity == "Violation" for v in g.violations)]
    assert [g.source for g in bad] == ["docs/hg_tu_1042_cv.txt"]
    assert any("measure" in v.message for v in bad[0].violations)
    doc = report.to_json()["documents"]
    assert doc[0]["source"] == "docs/hg_tu_1042_cv.txt" and doc[0]["violations"]


def test_undeclared_ontology_term_is_a_violation() -> None:
    nq = '<https://w3id.org/vnkg/id/x> <https://w3id.org/vnkg/ontology#noSuchProperty> "v" <https://g> .\n'
    violations = validate_nquads(nq, "https://g")
    assert any("not declared in the ontology" in v.message for v in violations)


def test_oxigraph_store_conforms() -> None:
    store = OxigraphStore(None)
    store.replace_graphs({ONTOLOGY_GRAPH: rdf.ontology_nquads(), **_graphs()})
    assert validate_store(store).ok


def _persistent(tmp_path: Path, bad: bool) -> Path:
    d = tmp_path / "store"
    store = OxigraphStore(d)
    store.replace_graphs(_graphs(bad_measure=bad))
    store.close()
    return d


def test_cli_reports_and_exits_1_on_violations(tmp_path: Path) -> None:
    d = _persistent(tmp_path, bad=True)
    res = CliRunner().invoke(main, ["validate", "--store", str(d), "--format", "json"])
    assert res.exit_code == 1, res.output
    out = json.loads(res.output)
    assert out["conforms"] is False and out["graphs_checked"] == 2
    sources = {d["source"] for d in out["documents"]}
    assert "docs/hg_tu_1042_cv.txt" in sources
    bad_doc = next(d for d in out["documents"] if d["source"] == "docs/hg_tu_1042_cv.txt")
    assert any("measure" in v["message"] for v in bad_doc["violations"])


def test_cli_table_and_graph_filter(tmp_path: Path) -> None:
    d = _persistent(tmp_path, bad=True)
    g = rdf.graph_iri(hashlib.sha256(DOCS[1].read_text(encoding="utf-8").encode("utf-8")).hexdigest())
    res = CliRunner().invoke(main, ["validate", "--store", str(d), "--graph", g])
    assert "1 document graphs checked" in res.output
    assert "hg_tu_1042_cv" not in res.output


def test_cli_empty_store(tmp_path: Path) -> None:
    d = tmp_path / "empty"
    OxigraphStore(d).close()
    res = CliRunner().invoke(main, ["validate", "--store", str(d)])
    assert res.exit_code == 1
    assert "no document graphs" in res.output


def test_cli_missing_store(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "nope")])
    assert res.exit_code == 2
    assert "kg build" in res.output and "Traceback" not in res.output
