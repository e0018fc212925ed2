"""The ``kg`` command: a thin layer over the library.

Conventions: commands that read or write the graph take ``--store DIR`` (default ``.kg/store`` or
``$KG_STORE``) and ``--endpoint URL`` (a SPARQL 1.1 endpoint, or ``$KG_ENDPOINT``); ``--format``
chooses ``table`` (default), ``csv``, ``json`` or ``jsonl``; exit status 0 is success, 1 means some
input failed (the rest was processed), 2 means the command could not run (message on stderr).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kg import __version__
from kg.discover import display_path
from kg.outfile import OutputError, atomic_output, check_target
from kg.output import render
from kg.store import StoreError, default_store_dir, open_store
from kg.store.base import Store

if TYPE_CHECKING:
    from kg.build import OcrSummary

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def handle_errors(fn: F) -> F:
    """Turn library errors into a one-line message and exit status 2: no traceback reaches the user.

    An error kg does not expect is still one line (its type and message, and that it is a bug to
    report); ``KG_DEBUG=1`` shows the traceback instead."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (StoreError, OutputError, ValueError) as e:
            fail(str(e))
        except OSError as e:
            fail(os_error_message(e))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click reports these itself (usage errors, --help)
        except Exception as e:
            if os.environ.get("KG_DEBUG"):
                raise
            fail(f"internal error: {type(e).__name__}: {e} (a bug: please report it; KG_DEBUG=1 shows where)")

    return wrapper  # type: ignore[return-value]


def os_error_message(e: OSError) -> str:
    """``path: what went wrong`` for an error of the operating system (no such file, permission ...)."""
    what = e.strerror or str(e)
    if e.filename is not None:
        return f"{display_path(os.fsdecode(e.filename))}: {what}"
    return what


def store_options(fn: F) -> F:
    fn = click.option(
        "--gsp-endpoint", default=None, metavar="URL", help="Graph Store Protocol URL of the endpoint."
    )(fn)
    fn = click.option(
        "--update-endpoint", default=None, metavar="URL", help="SPARQL Update URL (default: .../update)."
    )(fn)
    fn = click.option(
        "--endpoint", default=None, metavar="URL", help="A SPARQL 1.1 query endpoint instead of the store."
    )(fn)
    fn = click.option(
        "--store",
        "store_dir",
        default=None,
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Embedded store directory (default: $KG_STORE or {default_store_dir()}).",
    )(fn)
    return fn


def file_timeout_option(fn: F) -> F:
    from kg.timelimit import DEFAULT_FILE_TIMEOUT

    return click.option(
        "--file-timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_FILE_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="A file whose extraction takes longer fails alone with that reason (0: no limit).",
    )(fn)


def format_option(choices: tuple[str, ...] = ("table", "csv", "json", "jsonl")) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def store_dirs(store: Store) -> list[Path]:
    """The directory of an embedded store (output files are never written inside it)."""
    path = getattr(store, "path", None)
    return [Path(path)] if path else []


def get_store(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    read_only: bool = False,
) -> Store:
    return open_store(
        store_dir, endpoint, update_endpoint=update_endpoint, gsp_endpoint=gsp_endpoint, read_only=read_only
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Vietnamese official directives into a queryable knowledge graph."""


# -- extract ------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option()
@file_timeout_option
@handle_errors
def extract(paths: tuple[str, ...], fmt: str, file_timeout: float) -> None:
    """Extract records from files or folders and print them (no store involved).

    `--format jsonl` prints one JSON record per input document per docs/record.md. A file that cannot
    be read or extracted (or takes longer than --file-timeout) is named on stderr; the others go on.
    """
    from kg.discover import Problem, discover
    from kg.ocr import may_need_ocr
    from kg.pipeline import extract_source
    from kg.read import ReadError, read_source
    from kg.timelimit import FileTimeout, time_limit

    records: list[dict[str, Any]] = []
    failures = 0
    for item in discover(paths):
        if isinstance(item, Problem):
            if item.status == "failed":
                failures += 1
                click.echo(f"kg: {item.shown}: {item.reason}", err=True)
            continue
        try:
            # (as kg build does: the reading of images and PDFs, which may need OCR, is not counted)
            with time_limit(None if may_need_ocr(item.path) else file_timeout):
                src = read_source(item.path)
            with time_limit(file_timeout):
                rec = extract_source(src, item.shown)
                data = rec.to_json()
                data["source"] = item.shown
                line = json.dumps(data, ensure_ascii=False)
        except FileTimeout as e:
            failures += 1
            click.echo(f"kg: {item.shown}: {e}; not extracted (raise --file-timeout to allow more)", err=True)
            continue
        except ReadError as e:
            failures += 1
            click.echo(f"kg: {item.shown}: {e.reason}", err=True)
            continue
        except OSError as e:
            failures += 1
            click.echo(f"kg: {item.shown}: cannot read ({e.strerror or e})", err=True)
            continue
        except Exception as e:  # a bug must not lose the other files; the message names it
            failures += 1
            click.echo(f"kg: {item.shown}: internal error: {type(e).__name__}: {e}", err=True)
            continue
        records.append(data)
        if fmt == "jsonl":
            click.echo(line)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt in {"table", "csv"}:
        headers = [
            "source",
            "number",
            "type",
            "date",
            "issuer",
            "signatory",
            "recipients",
            "citations",
            "measures",
            "warnings",
        ]
        rows = [
            [
                r["source"],
                r["number"],
                r["type"],
                r["date"],
                (r["issuer"] or {}).get("name"),
                (r["signatory"] or {}).get("name"),
                len(r["recipients"]),
                len(r["citations"]),
                len(r["measures"]),
                "; ".join(r["warnings"]),
            ]
            for r in records
        ]
        click.echo(render(fmt, headers, rows))
    if failures:
        sys.exit(1)


# -- build --------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_options
@click.option("-j", "--jobs", default=0, show_default=True, help="Extraction processes (0 = one per core).")
@click.option("--force", is_flag=True, help="Re-extract files even when their content is unchanged.")
@click.option("--no-prune", is_flag=True, help="Keep graphs of files deleted from the given folders.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@file_timeout_option
@format_option(("table", "json", "csv"))
@handle_errors
def build(
    paths: tuple[str, ...],
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    jobs: int,
    force: bool,
    no_prune: bool,
    quiet: bool,
    file_timeout: float,
    fmt: str,
) -> None:
    """Extract PATHS (files or folders) into the store, one named graph per file.

    Unchanged files are skipped, changed files replace their own graph, graphs of files deleted from a
    built folder are removed. Prints the build report; exit status 1 if any file failed. Ctrl-C stops
    between two files: what was extracted is loaded, the rest is reported as interrupted (exit 130).
    """
    import os

    from kg.build import build as run_build
    from kg.progress import Progress

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint)
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    with Progress(enabled=not quiet and sys.stderr.isatty(), label="extracting") as bar:
        report = run_build(
            paths,
            store,
            jobs=jobs,
            force=force,
            prune=not no_prune,
            file_timeout=file_timeout or None,
            progress=bar.advance,
            on_start=bar.start,
        )
    summary = graph_summary(store)
    store.close()
    if fmt == "json":
        out = report.to_json()
        out["graph"] = summary
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        rows = [[o.path, o.status, o.number, o.quads, _ocr_cell(o.ocr), o.reason] for o in report.outcomes]
        click.echo(render(fmt, ["file", "status", "number", "quads", "ocr", "notes"], rows))
        if fmt == "table":
            counts = ", ".join(f"{v} {k}" for k, v in report.counts().items() if v)
            click.echo(f"\n{len(report.outcomes)} files in {report.seconds:.2f} s: {counts}")
            if scanned := [o.ocr for o in report.outcomes if o.ocr]:
                pages = sum(len(x.pages) for x in scanned)
                now = sum(x.recognised for x in scanned)
                click.echo(
                    f"{len(scanned)} files read by OCR: {pages} pages, {now} recognised now, "
                    f"{pages - now} from the OCR cache"
                )
            click.echo(render("table", ["in the graph", "count"], list(summary.items())))
    if report.interrupted:
        n = report.counts()["interrupted"]
        click.echo(
            f"kg: interrupted: the files extracted before are in the store; {n} not processed "
            "(run the same build again to go on)",
            err=True,
        )
        sys.exit(130)
    if not report.ok:
        sys.exit(1)


def _ocr_cell(ocr: OcrSummary | None) -> str | None:
    """The build report's ``ocr`` column: mean word confidence and the pages OCR read."""
    if ocr is None:
        return None
    span = f"p. {ocr.pages[0]}" if len(ocr.pages) == 1 else f"{len(ocr.pages)} pages"
    return f"{ocr.confidence} ({span})"


def graph_summary(store: Store) -> dict[str, int]:
    from kg.query import run

    res = run(store, "summary")
    return {str(k): int(str(v)) for k, v in zip(res.variables, res.rows[0], strict=True)} if res.rows else {}


# -- query --------------------------------------------------------------------------------------
@main.command()
@click.argument("query", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows (a page).")
@click.option(
    "--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Skip this many rows first."
)
@store_options
@format_option()
@handle_errors
def query(
    query: str | None,
    params: tuple[str, ...],
    list_only: bool,
    limit: int | None,
    offset: int,
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    fmt: str,
) -> None:
    """Run QUERY: a named query from queries/, a .rq file, or inline SPARQL.

    Parameters are bound as RDF terms (never pasted into the query), by the names `kg query --list`
    shows: kg query documents-by-issuer -p issuer_q="thanh uy can tho". A document parameter takes
    an IRI or a number, as kg trace does: kg query implementers -p doc=534-CV/BTGTW. --limit/--offset
    page through long answers in the query's order.
    """
    from kg.query import list_queries, run

    if list_only or not query:
        rows = [
            [
                q.name,
                q.description,
                ", ".join(f"{p.name} ({p.kind}{', optional' if p.optional else ''})" for p in q.params),
            ]
            for q in list_queries()
        ]
        click.echo(render(fmt, ["name", "answers", "parameters"], rows))
        return
    raw: dict[str, str] = {}
    for p in params:
        if "=" not in p:
            fail(f"parameter {p!r} must be NAME=VALUE")
        k, v = p.split("=", 1)
        raw[k.strip()] = v
    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    res = run(store, query, raw, limit=limit, offset=offset)
    rows = [[t.to_python() if t is not None else None for t in row] for row in res.rows]
    click.echo(render(fmt, res.variables, rows))
    if fmt == "table" and not rows:
        click.echo("0 rows")


# -- export -------------------------------------------------------------------------------------
@main.command()
@store_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "trig", "nq", "nt", "jsonld", "graphml", "gexf", "csv"]),
    default="trig",
    show_default=True,
    help="RDF serialisation.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout)."
)
@handle_errors
def export(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None,
    gsp_endpoint: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Write the whole graph: Turtle (union of graphs), TriG, N-Quads, N-Triples or JSON-LD; or the
    document/organisation network as GraphML, GEXF (Gephi) or CSV (pandas; with -o, nodes go to
    FILE.nodes.csv beside the edges)."""
    from kg.export import export_rdf

    store = get_store(store_dir, endpoint, update_endpoint, gsp_endpoint, read_only=True)
    if output:
        check_target(output, store_dirs(store))  # before any work
    if fmt in {"graphml", "gexf", "csv"}:
        from kg.netgraph import export_network

        export_network(store, fmt, output if output else sys.stdout.buffer, stores=store_dirs(store))
        return
    if output:
        # Written whole to a temporary file, then renamed: a failed export leaves the old file.
        with atomic_output(output, stores=store_dirs(store)) as fh:
            for chunk in export_rdf(store, fmt):
                fh.write(chunk)
        click.echo(f"wrote {display_path(output)}", err=True)
    else:
        out = sys.stdout.buffer
        for chunk in export_rdf(store, fmt):
            out.write(chunk)
        out.flush()


# -- eval ---------------------------------------------------------------------------------------
@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("docs_dir", type=click.Path(exists=True, file_okay=False))
@format_option(("table", "json", "csv"))
@click.option(
    "--split",
    type=click.Choice(("all", "dev", "heldout")),
    default="all",
    show_default=True,
    help="Score the whole gold set, its development part, or its held-out part (GOLD-heldout.txt).",
)
@click.option("--errors", "show_errors", is_flag=True, help="List every mismatch under the table.")
@click.option(
    "--save",
    type=click.Path(dir_okay=False),
    help="Write the scores, per document too, as JSON to this file.",
)
@click.option(
    "--compare",
    "baseline",
    type=click.Path(exists=True, dir_okay=False),
    help="A file written by --save: list the documents and fields that got better or worse since.",
)
@handle_errors
def eval_cmd(
    gold: str,
    docs_dir: str,
    fmt: str,
    split: str,
    show_errors: bool,
    save: str | None,
    baseline: str | None,
) -> None:
    """Score extraction against GOLD records for the files they name in DOCS_DIR (P/R/F1 per field)."""
    from kg.evaluate import compare, evaluate

    ev = evaluate(gold, docs_dir, split=split)
    result = ev.to_json()
    if save:
        Path(save).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    headers = ["field", "precision", "recall", "f1", "tp", "fp", "fn"]
    groups = [[name, s.precision, s.recall, s.f1, s.tp, s.fp, s.fn] for name, s in ev.groups.items()]
    rows = [
        [name, s.precision, s.recall, s.f1, s.tp, s.fp, s.fn]
        for name, s in ev.fields.items()
        if s.tp + s.fp + s.fn
    ]
    if fmt == "csv":
        click.echo(render(fmt, headers, groups + rows))
        return
    click.echo(render(fmt, ["group", *headers[1:]], groups))
    click.echo()
    click.echo(render(fmt, headers, rows))
    click.echo(
        f"\n{ev.documents} gold documents ({split})"
        + (f"; not found: {', '.join(ev.missing)}" if ev.missing else "")
    )
    if show_errors:
        for name, s in ev.fields.items():
            for e in s.errors:
                click.echo(f"  {name}: {e}")
    if baseline:
        changes = compare(json.loads(Path(baseline).read_text(encoding="utf-8")), result)
        better = [c for c in changes if c[3] < c[2]]
        worse = [c for c in changes if c[3] > c[2]]
        click.echo(f"\nagainst {baseline}: {len(better)} better, {len(worse)} worse (errors before -> after)")
        for label, items in (("better", better), ("worse", worse)):
            for src, fld, a, b in items:
                click.echo(f"  {label}: {src} {fld}: {a} -> {b}")


def _register_commands() -> None:
    from kg.commands import register

    register()


_register_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
