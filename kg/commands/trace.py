"""``kg trace``: the implementation tree below a document and the chain above it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import fail, get_store, handle_errors, main, store_options


@main.command()
@click.argument("document")
@store_options
@click.option(
    "--relation",
    "relations",
    multiple=True,
    type=click.Choice(["implements", "based_on"]),
    help="Links to follow (default: both implements and based_on).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "dot"]), default="table", show_default=True
)
@click.option("--dot", "dot", is_flag=True, help="Same as --format dot (Graphviz).")
@handle_errors
def trace(
    document: str,
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    relations: tuple[str, ...],
    fmt: str,
    dot: bool,
) -> None:
    """Trace DOCUMENT (a number such as 5273-CV/BTGTW, or an IRI): who implements it, down to any depth,
    and what it implements, up to the centre; each node with issuer, level, date and lag in days.

    A number shared by several documents (two provinces' 120-KH/TU) gives one tree each.
    """
    from kg.trace import find_documents, to_dot, to_text
    from kg.trace import trace as run_trace

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    roots = find_documents(store, document)
    if not roots:
        fail(f"no document {document!r} in the graph (try `kg query documents` to list them)", 1)
    rels = relations or ("implements", "based_on")
    traces = [run_trace(store, r, rels) for r in roots]
    if dot or fmt == "dot":
        click.echo(to_dot(traces))  # one digraph, a cluster per document
    elif fmt == "json":
        click.echo(json.dumps([t.to_json() for t in traces], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(to_text(t) for t in traces))
