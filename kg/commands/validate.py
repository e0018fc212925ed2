"""``kg validate``: check the store against the SHACL shapes and the ontology, document by document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli import fail, get_store, handle_errors, main, store_options
from kg.output import render


@main.command()
@store_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--graph", "graphs", multiple=True, metavar="IRI", help="Only this graph (repeatable).")
@click.option("--max", "limit", type=int, default=None, help="Validate at most N document graphs.")
@handle_errors
def validate(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    fmt: str,
    graphs: tuple[str, ...],
    limit: int | None,
) -> None:
    """Check every document graph against ontology/shapes.ttl (pyshacl) with the ontology beside it.

    Graphs are fetched and validated one at a time, so memory stays bounded by the largest document.
    Violations are reported by document (source file); exit status 1 if there are any.
    """
    from kg.store.base import iri
    from kg.validate import validate_store

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    targets = [iri(g).value for g in graphs] or None
    if limit is not None:
        targets = (targets or sorted(store.source_graphs()))[:limit]
    report = validate_store(store, graphs=targets)
    # A read-only store needs no close (OxigraphStore.close() flushes, which read-only instances refuse).
    if not report.graphs:
        fail("no document graphs in the store (run `kg build` first)", 1)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        rows = [
            [g.source or g.graph, v.severity, _short(v.focus), _short(v.path), v.message, v.value]
            for g in report.graphs
            for v in g.violations
        ]
        if rows:
            click.echo(render("table", ["document", "severity", "focus", "path", "message", "value"], rows))
        bad = sum(1 for g in report.graphs if any(v.severity == "Violation" for v in g.violations))
        click.echo(
            f"{len(report.graphs)} document graphs checked in {report.seconds:.2f} s: "
            f"{len(report.violations)} violations in {bad} documents"
            + ("" if report.violations else " — the store conforms to the shapes")
        )
    if not report.ok:
        sys.exit(1)


_PREFIXES = {
    "https://w3id.org/vnkg/ontology#": "vnkg:",
    "https://w3id.org/vnkg/id/": "vnid:",
    "http://data.europa.eu/eli/ontology#": "eli:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/oa#": "oa:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
}


def _short(value: str | None) -> str | None:
    if value is None:
        return None
    for base, prefix in _PREFIXES.items():
        if value.startswith(base):
            return prefix + value[len(base) :]
    return value
