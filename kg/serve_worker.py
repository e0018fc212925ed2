"""The processes that run ``kg serve``'s SPARQL operations, so that a runaway one can be killed.

pyoxigraph cannot interrupt a query from another thread, so the HTTP server never touches the store:
each worker process opens it itself, takes one task at a time from a pipe and answers with messages.
A read-only server has several workers, each with ``Store.read_only``; a ``--writable`` server has one
worker with ``Store``, which runs reads and writes in turn (RocksDB does not support a read-only view
of a store that another process is writing). A task that outlives its time limit is stopped by
killing its process, which gives the memory back; the server starts a fresh worker in its place.

Messages from a worker, in order:

- ``("ready", pid)`` or ``("failed", message)`` once, after opening the store;
- per task one of: ``("error", status, message)``; ``("whole", status, content_type, headers,
  body)`` for an answer that fits in one chunk; ``("start", status, content_type, headers)``
  followed by ``("data", bytes)`` chunks and ``("end",)``, or ``("fail", message)`` when the
  operation breaks after the answer has started. Nothing is sent before the first chunk is full or
  the answer is complete, so most failures still become a proper HTTP error.

Answers are streamed: a result never has to fit in memory, in the worker or in the server. With a
``max_results`` cap the first ``max_results + 1`` solutions are read, and the answer carries the
``KG-Truncated`` header when there were more.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
from dataclasses import dataclass, field, fields
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

__all__ = [
    "CHUNK_BYTES",
    "GraphRead",
    "GraphWrite",
    "Query",
    "Update",
    "decode",
    "encode",
    "main",
    "open_for_serving",
    "worker_main",
]

CHUNK_BYTES = 64 * 1024
TRUNCATED_HEADER = "KG-Truncated"

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# -- tasks (sent by the server, pickled) ----------------------------------------------------------
@dataclass(frozen=True)
class Query:
    """A SPARQL query. ``results``/``graph``: the negotiated answer format for SELECT/ASK and for
    CONSTRUCT/DESCRIBE (``None``: the client accepts none, answer 406)."""

    sparql: str
    results: str | None
    graph: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_results: int = 0


@dataclass(frozen=True)
class GraphRead:
    """Graph Store Protocol GET: one graph (``None``: the default graph) as ``fmt``."""

    graph: str | None
    fmt: str


@dataclass(frozen=True)
class Update:
    sparql: str


@dataclass(frozen=True)
class GraphWrite:
    """Graph Store Protocol PUT (replace), POST (add) or DELETE of one graph."""

    method: str
    graph: str | None
    fmt: str | None = None
    body: bytes = field(default=b"", repr=False)


_TASKS: dict[str, type] = {}


def encode(task: Query | GraphRead | Update | GraphWrite) -> tuple[str, dict[str, Any]]:
    """A task as plain data for the pipe (the worker loads this module under another name, so its
    classes cannot be pickled by reference)."""
    return type(task).__name__, {f.name: getattr(task, f.name) for f in fields(task)}


def decode(message: tuple[str, dict[str, Any]]) -> object:
    kind, values = message
    return _TASKS[kind](**values)


class TaskError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_TASKS.update({c.__name__: c for c in (Query, GraphRead, Update, GraphWrite)})


# -- opening the store ----------------------------------------------------------------------------
def open_for_serving(path: str | Path, writable: bool) -> ox.Store:
    """The store at ``path``: read-only, or (``writable``) for writing, created if absent.

    Raises ``OSError`` with a message that names the store and what to do.
    """
    p = Path(path)
    try:
        if writable:
            p.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(p))
        if not p.exists():
            raise OSError(f"store {p}: no store there yet (run `kg build` first)")
        return ox.Store.read_only(str(p))
    except OSError as e:
        msg = str(e)
        if msg.startswith(f"store {p}:"):
            raise
        if "lock" in msg.lower():
            raise OSError(
                f"store {p}: in use by another kg process (a build or a server); "
                "serve it read-only (without --writable) or stop the other process"
            ) from None
        raise OSError(f"store {p}: cannot open ({msg})") from None


# -- the worker process ---------------------------------------------------------------------------
def main(argv: list[str]) -> None:
    """Entry point of a worker process: ``FD STORE_DIR read|write`` (FD: the socket to the server)."""
    fd, store_dir, mode = argv
    try:
        worker_main(Connection(int(fd)), store_dir, mode == "write")
    except (KeyboardInterrupt, BrokenPipeError, ConnectionResetError, EOFError):
        pass  # the server went away or stops us: nothing to report


def worker_main(conn: Connection, store_dir: str, writable: bool) -> None:
    """Serve tasks from ``conn`` until it closes or sends ``None``."""
    # Ctrl-C in the terminal reaches the whole process group: the server decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = open_for_serving(store_dir, writable)
    except OSError as e:
        conn.send(("failed", str(e)))
        return
    conn.send(("ready", os.getpid()))
    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                break
            if task is None:
                break
            task = decode(task)
            try:
                _run(conn, store, task)
            except (BrokenPipeError, ConnectionResetError, EOFError):
                break
    finally:
        if writable:
            store.flush()


def _run(conn: Connection, store: ox.Store, task: object) -> None:
    out = _Output(conn)
    try:
        if isinstance(task, Query):
            _query(store, task, out)
        elif isinstance(task, GraphRead):
            _graph_read(store, task, out)
        elif isinstance(task, Update):
            _update(store, task.sparql)
            out.head(204, "text/plain")
        elif isinstance(task, GraphWrite):
            _graph_write(store, task, out)
        else:
            raise TaskError(500, f"unknown task {type(task).__name__}")
    except TaskError as e:
        out.fail(e.status, e.message)
        return
    except SyntaxError as e:
        out.fail(400, f"SPARQL syntax error: {e}")
        return
    except (BrokenPipeError, ConnectionResetError):
        raise
    except (ValueError, OSError, RuntimeError, TypeError) as e:
        out.fail(500, f"failed: {e}")
        return
    except Exception as e:  # anything else still gets an answer, and the worker goes on
        out.fail(500, f"failed: {type(e).__name__}: {e}")
        return
    out.end()


class _Output(io.RawIOBase):
    """A binary stream that sends its bytes to the server in chunks (see the module docstring)."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn
        self.buf = bytearray()
        self.started = False
        self.status = 200
        self.ctype = "application/octet-stream"
        self.headers: dict[str, str] = {}

    def head(self, status: int, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.status, self.ctype, self.headers = status, ctype, headers or {}

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        n = len(b)
        self.buf += b
        if len(self.buf) >= CHUNK_BYTES:
            self._send()
        return n

    def _send(self) -> None:
        if not self.started:
            self.conn.send(("start", self.status, self.ctype, self.headers))
            self.started = True
        if self.buf:
            self.conn.send(("data", bytes(self.buf)))
            self.buf.clear()

    def end(self) -> None:
        if not self.started:
            self.conn.send(("whole", self.status, self.ctype, self.headers, bytes(self.buf)))
            self.started = True
            return
        self._send()
        self.conn.send(("end",))

    def fail(self, status: int, message: str) -> None:
        if self.started:
            self.conn.send(("fail", message))
        else:
            self.conn.send(("error", status, message))


# -- operations -----------------------------------------------------------------------------------
def _media(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    return fmt.media_type + ("" if "charset" in fmt.media_type else "; charset=utf-8")


def _query(store: ox.Store, task: Query, out: _Output) -> None:
    kwargs: dict[str, Any] = {}
    if task.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in task.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if task.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in task.named_graphs]
    result = store.query(task.sparql, **kwargs)
    if isinstance(result, ox.QueryTriples):
        if task.graph is None:
            raise TaskError(
                406, "CONSTRUCT/DESCRIBE answers: application/n-triples, text/turtle, application/rdf+xml"
            )
        rdf_format = GRAPH_FORMATS[task.graph]
        if task.max_results:
            triples = list(itertools.islice(result, task.max_results + 1))
            out.head(200, _media(rdf_format), _truncation(len(triples), task.max_results))
            ox.serialize(triples[: task.max_results], out, format=rdf_format)
        else:
            out.head(200, _media(rdf_format))
            ox.serialize(result, out, format=rdf_format)
        return
    if task.results is None:
        raise TaskError(
            406,
            "SELECT/ASK answers: application/sparql-results+json, text/csv, "
            "text/tab-separated-values, application/sparql-results+xml",
        )
    res_format = RESULT_FORMATS[task.results]
    if task.max_results and isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [tuple(s) for s in itertools.islice(result, task.max_results + 1)]
        out.head(200, _media(res_format), _truncation(len(rows), task.max_results))
        capped = ox.parse_query_results(
            _json_results(variables, rows[: task.max_results]), format=ox.QueryResultsFormat.JSON
        )
        capped.serialize(out, format=res_format)
        return
    out.head(200, _media(res_format))
    result.serialize(out, format=res_format)


def _truncation(count: int, cap: int) -> dict[str, str]:
    return {TRUNCATED_HEADER: f"max-results={cap}"} if count > cap else {}


def _json_term(t: object) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
            if t.direction is not None:
                d["its:dir"] = str(t.direction)
        elif t.datatype is not None and t.datatype.value != _XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(t.subject),
                "predicate": _json_term(t.predicate),
                "object": _json_term(t.object),
            },
        }
    raise TypeError(f"cannot write {t!r} as a SPARQL result term")


def _json_results(variables: list[str], rows: list[tuple[object, ...]]) -> str:
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
    ]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _graph_node(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


def _exists(store: ox.Store, node: ox.NamedNode | ox.DefaultGraph) -> bool:
    return isinstance(node, ox.DefaultGraph) or store.contains_named_graph(node)


def _graph_read(store: ox.Store, task: GraphRead, out: _Output) -> None:
    node = _graph_node(task.graph)
    if not _exists(store, node):
        raise TaskError(404, f"no graph {node}")
    rdf_format = GRAPH_FORMATS[task.fmt]
    out.head(200, _media(rdf_format))
    triples = (q.triple for q in store.quads_for_pattern(None, None, None, node))
    ox.serialize(triples, out, format=rdf_format)


def _update(store: ox.Store, sparql: str) -> None:
    try:
        store.update(sparql)
    except SyntaxError as e:
        raise TaskError(400, f"SPARQL Update syntax error: {e}") from None


def _graph_write(store: ox.Store, task: GraphWrite, out: _Output) -> None:
    node = _graph_node(task.graph)
    exists = _exists(store, node)
    where = "DEFAULT" if isinstance(node, ox.DefaultGraph) else f"GRAPH {node}"
    if task.method == "DELETE":
        if not exists:
            raise TaskError(404, f"no graph {node}")
        store.update(f"DROP {where}")
        out.head(204, "text/plain")
        return
    assert task.fmt is not None
    try:
        triples = list(ox.parse(task.body, format=GRAPH_FORMATS[task.fmt]))
    except SyntaxError as e:
        raise TaskError(400, f"cannot parse the {task.fmt} body: {e}") from None
    # One SPARQL Update is one transaction: the graph is replaced completely or not at all.
    data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    into = f"{{ {data} }}" if isinstance(node, ox.DefaultGraph) else f"{{ {where} {{ {data} }} }}"
    drop = f"DROP SILENT {where} ;\n" if task.method == "PUT" else ""
    store.update(f"{drop}INSERT DATA {into}")
    out.head(204 if exists else 201, "text/plain")
