"""``kg serve``: the embedded store as a SPARQL 1.1 endpoint on this machine (see :mod:`kg.serve`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main

__all__ = ["serve"]

_LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


@main.command()
@click.option(
    "--store",
    "store_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Embedded store directory (default: $KG_STORE, kg.toml [store] path, or .kg/store).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (::1 for IPv6).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any).")
@click.option(
    "--writable",
    is_flag=True,
    help="Accept SPARQL Update and Graph Store writes, with the bearer token printed at start.",
)
@click.option(
    "--allow-service", is_flag=True, help="Allow SERVICE (federated queries: the server sends requests out)."
)
@click.option("--allow-load", is_flag=True, help="Allow LOAD <url> in updates (needs --writable).")
@click.option(
    "--cors",
    metavar="ORIGIN",
    default=None,
    help="Let the web pages of this one origin (e.g. https://yasgui.example) read; never write.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    metavar="NAME",
    multiple=True,
    help="Another name by which clients reach this server (the Host header is checked).",
)
@click.option(
    "--query-timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Stop any query or write that runs longer (its worker process is killed).",
)
@click.option(
    "--max-results",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    metavar="N",
    help="Answer at most N rows or triples (header KG-Truncated when cut); 0: no cap, streamed.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(min=1, max=64),
    help="Query worker processes (queries running at once).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every request on stderr.")
@handle_errors
def serve(
    store_dir: Path | None,
    host: str,
    port: int,
    writable: bool,
    allow_service: bool,
    allow_load: bool,
    cors: str | None,
    allow_hosts: tuple[str, ...],
    query_timeout: float,
    max_results: int,
    workers: int,
    verbose: bool,
) -> None:
    """Serve the embedded store as a SPARQL 1.1 Protocol endpoint (read-only unless --writable).

    GET/POST /query answers SPARQL JSON, CSV, TSV or XML (N-Triples or Turtle for CONSTRUCT); the
    default graph is the union of the documents' graphs. Open http://HOST:PORT/ for a query form.
    By default nothing can reach it from another web origin, SERVICE and LOAD are refused, and
    every query stops after --query-timeout seconds (README: "Serving safely").
    """
    from kg.config import resolve
    from kg.serve import ServeOptions, describe, make_server

    cfg = resolve(store_dir)
    if cfg.endpoint and cfg.source != "default":
        raise ValueError(
            f"kg serve serves an embedded store, but the {cfg.source} names an endpoint ({cfg.endpoint}); "
            "give --store DIR"
        )
    options = ServeOptions(
        writable=writable,
        allow_service=allow_service,
        allow_load=allow_load,
        cors=cors,
        allowed_hosts=allow_hosts,
        query_timeout=query_timeout,
        max_results=max_results,
        workers=workers,
        quiet=not verbose,
    )
    if host not in _LOCAL:
        click.echo(f"kg: warning: listening on {host}: other machines can reach this endpoint", err=True)
    if allow_service:
        click.echo(
            "kg: warning: --allow-service: queries can make this server send requests anywhere", err=True
        )
    try:
        server = make_server(cfg.store_dir, host, port, options=options)
    except OSError as e:
        raise ValueError(f"cannot listen on {host}:{port} ({e.strerror or e})") from None
    click.echo(describe(server), err=True)
    try:
        server.serve_forever(0.5)
    except KeyboardInterrupt:
        click.echo("kg: stopping", err=True)
    finally:
        server.server_close()
