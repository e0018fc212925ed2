"""``kg netexport``: the graph as a network (GraphML, GEXF, CSV edge list) for Gephi, Cytoscape or a
spreadsheet; ``kg.netgraph.export_network`` does the work."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import get_store, handle_errors, main, store_dirs, store_options
from kg.discover import display_path
from kg.netgraph import NETWORK_FORMATS


@main.command()
@store_options
@click.option("--format", "fmt", type=click.Choice(NETWORK_FORMATS), default="graphml", show_default=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (csv: edges here, nodes in NAME.nodes.csv next to it).",
)
@handle_errors
def netexport(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    fmt: str,
    out: Path,
) -> None:
    """Write the network of documents, bodies, signatories and measures as GraphML, GEXF or CSV."""
    from kg.netgraph import export_network
    from kg.outfile import check_target

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    check_target(out, store_dirs(store))  # before any work
    for p in export_network(store, fmt, out, stores=store_dirs(store)):
        click.echo(f"wrote {display_path(p)}", err=True)
