"""kg stats: the analytics on a hand-made graph whose answers are known."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.stats import compute_stats


def graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    docs = [
        ("c1", "central", None, "2021-03-01"),
        ("c2", "central", None, "2021-05-01"),
        ("p1", "province", "Hà Giang", "2021-03-11"),
        ("p2", "province", "Nghệ An", "2021-03-21"),
        ("d1", "district", "Hà Giang", "2021-03-15"),
        ("d2", "district", "Nghệ An", "2021-04-20"),
        ("x", "province", "Cần Thơ", None),
        ("old", "central", None, "2019-01-01"),  # an old decree, cited only
    ]
    for n, level, prov, date in docs:
        g.add_node(
            n,
            type="document",
            label=n.upper(),
            number=n.upper(),
            level=level,
            province=prov or "Trung ương",
            date=date,
            **({"source": f"corpus/{n}.txt"} if n not in {"c2", "old"} else {}),
        )
    # The lag is the edge's lag_days (the graph's vnkg:lagDays), never recomputed from the dates.
    links = [("p1", "c1", 10), ("p2", "c1", 20), ("d1", "p1", 4), ("d2", "p2", 30), ("x", "c2", None)]
    for child, parent, lag in links:
        attrs = {"lag_days": lag} if lag is not None else {}
        g.add_edge(child, parent, key="implements", rel="implements", weight=1, **attrs)
    g.add_edge("p1", "old", key="based_on", rel="based_on", weight=1, lag_days=800)
    g.add_node("o1", type="organisation", label="Sở Y tế Hà Giang", province="Hà Giang")
    g.add_node("o2", type="organisation", label="Công an Nghệ An", province="Nghệ An")
    for code in ("vaccination", "testing", "quarantine"):
        g.add_node(code, type="measure", code=code, label=code)
    for d, codes in {
        "p1": ["vaccination", "testing"],
        "p2": ["vaccination", "testing", "quarantine"],
        "d1": ["testing"],
    }.items():
        for c in codes:
            g.add_edge(d, c, key="prescribes", rel="prescribes", weight=1)
    g.add_edge("p1", "o1", key="tasks", rel="tasks", weight=1)
    g.add_edge("d1", "o1", key="tasks", rel="tasks", weight=1)
    g.add_edge("o2", "quarantine", key="assigned", rel="assigned", weight=2, docs=["p2"])
    g.add_node("s", type="person", label="Nguyễn Văn A", posts=["Phó Bí thư"])
    g.add_edge("p1", "s", key="signed_by", rel="signed_by", weight=1)
    g.add_edge("d1", "s", key="signed_by", rel="signed_by", weight=1)
    return g


def pick(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(r[k] for k in keys) for r in rows]


STATS = compute_stats(graph())


@pytest.mark.parametrize(
    ("section", "keys", "expected"),
    [
        (
            "widest_implementation",
            ("document", "implementing_documents", "direct", "provinces", "depth"),
            [("C1", 4, 2, 2, 2), ("OLD", 2, 1, 1, 2), ("C2", 1, 1, 1, 1)],
        ),
        (
            # implementation lag and based-on lag apart: the old decree's 800 days stay out of implements
            "lag",
            ("relation", "level", "links", "min_days", "median_days", "max_days"),
            [
                ("implements", "province", 2, 10, 15, 20),
                ("implements", "district", 2, 4, 17, 30),
                ("based_on", "province", 1, 800, 800, 800),
            ],
        ),
        (
            "most_tasked_bodies",
            ("body", "documents", "measure_assignments", "top_measures"),
            [("Sở Y tế Hà Giang", 2, 0, []), ("Công an Nghệ An", 1, 2, ["quarantine"])],
        ),
        (
            "signatories",
            ("signatory", "posts", "documents", "first", "last"),
            [("Nguyễn Văn A", ["Phó Bí thư"], 2, "2021-03-11", "2021-03-15")],
        ),
        (
            "measure_cooccurrence",
            ("measure_a", "measure_b", "documents"),
            [("testing", "vaccination", 2), ("quarantine", "testing", 1), ("quarantine", "vaccination", 1)],
        ),
    ],
)
def test_sections(section: str, keys: tuple[str, ...], expected: list[tuple[Any, ...]]) -> None:
    assert pick(STATS[section], *keys) == expected


def test_stats_command_json(tmp_path: Any) -> None:
    from kg.cli import main
    from kg.store import open_store
    from kg.viz.synthetic import xss_probe_nquads

    store = open_store(tmp_path / "s")
    store.replace_graphs({"https://w3id.org/vnkg/id/graph/probe": xss_probe_nquads()})
    store.close()
    res = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "s"), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert set(json.loads(res.output)) == {
        "widest_implementation",
        "lag",
        "most_tasked_bodies",
        "signatories",
        "measure_cooccurrence",
    }


def test_limit_applies_to_signatories() -> None:
    g = graph()
    g.add_node("s2", type="person", label="Trần Thị B", posts=["Chủ tịch"])
    g.add_edge("p2", "s2", key="signed_by", rel="signed_by", weight=1)
    assert len(compute_stats(g)["signatories"]) == 2
    assert pick(compute_stats(g, limit=1)["signatories"], "signatory") == [("Nguyễn Văn A",)]


def test_csv_writes_one_file_per_table(tmp_path: Any) -> None:
    from pathlib import Path

    from kg.build import build
    from kg.cli import main
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "s")
    build([Path(__file__).resolve().parents[1] / "seeds"], store, generated_at="2024-01-01T00:00:00Z")
    store.close()
    runner = CliRunner()
    res = runner.invoke(main, ["stats", "--store", str(tmp_path / "s"), "--format", "csv"])
    assert res.exit_code == 2 and "--out DIR" in res.output  # never several tables in one stream
    out = tmp_path / "tables"
    res = runner.invoke(main, ["stats", "--store", str(tmp_path / "s"), "--format", "csv", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{s}.csv" for s in STATS)
    res = runner.invoke(main, ["stats", "--store", str(tmp_path / "s"), "--format", "json"])
    whole = json.loads(res.output)
    assert any(whole.values())
    for name, rows in whole.items():
        lines = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        # a plain CSV of that table: its header row, then one line per row (no titles, no other table)
        assert lines == ([",".join(rows[0])] + [lines[i + 1] for i in range(len(rows))] if rows else [])
