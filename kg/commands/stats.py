"""``kg stats``: network analytics of the graph (implementation reach, lag per relation and level, tasked
bodies, signatories, measure co-occurrence) as tables, JSON, or CSV files (one per table)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import fail, format_option, get_store, handle_errors, main, store_options
from kg.output import render

TITLES = {
    "widest_implementation": "Central documents with the widest implementation (transitive)",
    "lag": (
        "Lag in days from a document to the corpus documents that implement it (implements) "
        "or are based on it (based_on), by level of the citing document"
    ),
    "most_tasked_bodies": "Most-tasked bodies",
    "signatories": "Signatories and their posts over time",
    "measure_cooccurrence": "Measures prescribed together in the same document",
}


@main.command()
@store_options
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows per ranking (widest implementation, tasked bodies, signatories, co-occurrence).",
)
@format_option(("table", "json", "csv"))
@click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="With --format csv: the folder for one CSV file per table (SECTION.csv).",
)
@handle_errors
def stats(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    limit: int,
    fmt: str,
    out_dir: Path | None,
) -> None:
    """Network analytics of the graph: one table per section (`--format json`: one object;
    `--format csv --out DIR`: one CSV file per section)."""
    from kg.netgraph import load_graph
    from kg.stats import compute_stats

    if fmt == "csv" and out_dir is None:
        fail("--format csv writes one file per table: give --out DIR")
    if out_dir is not None and fmt != "csv":
        fail("--out DIR is for --format csv (one file per table)")
    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    result = compute_stats(load_graph(store), limit)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, rows in result.items():
            headers = list(rows[0]) if rows else []
            path = out_dir / f"{name}.csv"
            text = render("csv", headers, [[r[h] for h in headers] for r in rows])
            path.write_text(text + "\n" if text else "", encoding="utf-8")
            click.echo(f"wrote {path} ({len(rows)} rows)", err=True)
        return
    for name, rows in result.items():
        click.echo(f"# {TITLES[name]}")
        if rows:
            headers = list(rows[0])
            click.echo(render(fmt, headers, [[r[h] for h in headers] for r in rows]))
        else:
            click.echo("(none)")
        click.echo("")
