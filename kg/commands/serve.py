"""``kg serve``: the embedded store as a SPARQL 1.1 endpoint on this machine (see :mod:`kg.serve`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main

__all__ = ["serve"]


@main.command()
@click.option(
    "--store",
    "store_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Embedded store directory (default: $KG_STORE, kg.toml [store] path, or .kg/store).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any).")
@click.option("--writable", is_flag=True, help="Accept SPARQL Update and Graph Store writes.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request on stderr.")
@handle_errors
def serve(store_dir: Path | None, host: str, port: int, writable: bool, verbose: bool) -> None:
    """Serve the embedded store as a SPARQL 1.1 Protocol endpoint (read-only unless --writable).

    GET/POST /query answers SPARQL JSON, CSV, TSV or XML (N-Triples or Turtle for CONSTRUCT); the
    default graph is the union of the documents' graphs. Open http://HOST:PORT/ for a query form.
    """
    from kg.config import resolve
    from kg.serve import describe, make_server

    cfg = resolve(store_dir)
    if cfg.endpoint and cfg.source != "default":
        raise ValueError(
            f"kg serve serves an embedded store, but the {cfg.source} names an endpoint ({cfg.endpoint}); "
            "give --store DIR"
        )
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"kg: warning: listening on {host}: other machines can reach this endpoint", err=True)
    try:
        server = make_server(cfg.store_dir, host, port, writable=writable, quiet=not verbose)
    except OSError as e:
        raise ValueError(f"cannot listen on {host}:{port} ({e.strerror or e})") from None
    click.echo(describe(server), err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("kg: stopping", err=True)
    finally:
        server.server_close()
        if writable:
            server.store.flush()
