"""``kg stats``: network analytics of the graph (implementation reach and lag, tasked bodies,
signatories, measure co-occurrence) as tables, JSON or CSV."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import format_option, get_store, handle_errors, main, store_options
from kg.output import render

TITLES = {
    "widest_implementation": "Central documents with the widest implementation (transitive)",
    "implementation_lag": "Implementation lag in days, by level of the implementing document",
    "most_tasked_bodies": "Most-tasked bodies",
    "signatories": "Signatories and their posts over time",
    "measure_cooccurrence": "Measures prescribed together in the same document",
}


@main.command()
@store_options
@click.option("--limit", default=20, show_default=True, help="Rows per ranking.")
@format_option(("table", "json", "csv"))
@handle_errors
def stats(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Network analytics of the graph: one table per section (`--format json`: one object)."""
    from kg.netgraph import load_graph
    from kg.stats import compute_stats

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    result = compute_stats(load_graph(store), limit)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for name, rows in result.items():
        click.echo(f"# {TITLES[name]}" if fmt == "table" else f"# {name}")
        if rows:
            headers = list(rows[0])
            click.echo(render(fmt, headers, [[r[h] for h in headers] for r in rows]))
        elif fmt == "table":
            click.echo("(none)")
        click.echo("")
