"""``kg viz``: interactive HTML views of the graph, self-contained and offline."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import format_option, get_store, handle_errors, main, store_dirs, store_options
from kg.discover import display_path
from kg.output import render


@main.command()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the HTML files.",
)
@click.option(
    "--doc",
    "docs",
    multiple=True,
    metavar="NUMBER-OR-IRI",
    help="Only these documents get a view (repeatable).",
)
@click.option(
    "--central", multiple=True, metavar="NUMBER-OR-IRI", help="Roots of implementation trees (repeatable)."
)
@click.option(
    "--trace/--no-trace",
    "use_trace",
    default=False,
    help="Build the trees with kg.trace (SPARQL property paths on the store) instead of the loaded graph.",
)
@click.option(
    "--max-nodes",
    default=5000,
    show_default=True,
    help="A larger corpus is drawn aggregated by province and year.",
)
@store_options
@format_option(("table", "json", "csv"))
@handle_errors
def viz(
    out_dir: Path,
    docs: tuple[str, ...],
    central: tuple[str, ...],
    use_trace: bool,
    max_nodes: int,
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    fmt: str,
) -> None:
    """Write interactive views into OUT: index.html, one page per document, implementation trees of
    central documents, bodies × measures and the whole corpus (filters by type, province, year, measure).

    Every page is self-contained (vis-network inlined) and makes no network request.
    """
    import json

    from kg.netgraph import load_graph
    from kg.outfile import prepare_folder
    from kg.viz import write_views

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    prepare_folder(out_dir, store_dirs(store))  # before any work: says why the folder cannot be used
    g = load_graph(store)
    views = write_views(
        out_dir,
        g,
        store=store if use_trace else None,
        docs=docs,
        central=central,
        max_nodes=max_nodes,
        stores=store_dirs(store),
    )
    rows = [[v.file, v.kind, len(v.nodes), len(v.edges), v.title] for v in views]
    if fmt == "json":
        click.echo(json.dumps([v.summary() for v in views], ensure_ascii=False, indent=2))
    else:
        click.echo(render(fmt, ["file", "view", "nodes", "edges", "title"], rows))
        if fmt == "table":
            index = display_path(out_dir / "index.html")
            click.echo(f"\n{len(views)} views in {display_path(out_dir)}; open {index}")
