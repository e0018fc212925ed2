"""Serve the embedded store as a SPARQL 1.1 Protocol endpoint on this machine.

Routes:

- ``GET|POST /query``: ``query=`` (URL or form) or a body of ``application/sparql-query``; answers in
  SPARQL JSON (default), CSV, TSV or XML for SELECT/ASK, N-Triples (default), Turtle or RDF/XML for
  CONSTRUCT/DESCRIBE, chosen by ``Accept`` or ``format=``. The default graph is the union of the
  named graphs unless ``default-graph-uri`` is given. Answers are streamed.
- ``POST /update``: SPARQL Update (``application/sparql-update``); only on a writable server, with
  the run's bearer token.
- ``GET|PUT|POST|DELETE /store?graph=IRI`` (or ``?default``): the Graph Store Protocol; reading is
  always allowed, writing as for ``/update``.
- ``GET /``: a small page with a query form.

Safe defaults, because the server runs next to a web browser (threat model in the README):

- nothing is reachable from another web origin: no CORS header unless ``cors`` names one origin
  (reads only); a request with a foreign ``Origin``, or a cross-site ``Sec-Fetch-Site`` other than a
  top-level navigation, is refused, and the ``Host`` header must name this server (DNS rebinding);
- writes need ``writable`` and ``Authorization: Bearer TOKEN`` (a token made for each run) and are
  refused with a form content type, so a web page cannot post them;
- ``SERVICE`` (federation) and ``LOAD`` are refused unless allowed by name: the engine would
  otherwise send requests to any address, inside the machine or its network (:mod:`kg.sparql_scan`);
- every operation runs in a worker process (:mod:`kg.serve_worker`) under a time limit and is
  killed when it runs over; the answer is streamed, or capped at ``max_results``;
- request bodies are limited while they are read; connections wait for their first byte outside
  the bounded thread pool, and headers must arrive within a time limit.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import multiprocessing.connection
import queue
import re
import secrets
import selectors
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import serve_worker
from kg.serve_worker import GraphRead, GraphWrite, Query, Update
from kg.sparql_scan import find_keywords
from kg.store.base import StoreError

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_QUERY_BYTES",
    "ServeOptions",
    "SparqlServer",
    "WorkerPool",
    "describe",
    "make_server",
]

MAX_QUERY_BYTES = 4 * 1024 * 1024
MAX_DATA_BYTES = 512 * 1024 * 1024
HEADER_SECONDS = 20.0  # a request line and headers must arrive within this
SOCKET_TIMEOUT = 20.0  # any single read or write on a client socket
IDLE_SECONDS = 10.0  # a connection that sends nothing is closed after this
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"})

_RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
}
_GRAPH_TYPES: dict[str, str] = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/rdf+xml": "xml",
    "application/n-quads": "nq",
    "application/trig": "trig",
}
_FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "rdfxml": "xml", "text": "tsv"}
_ORIGIN = re.compile(r"^https?://[^/\s?#@]+$")


@dataclass(frozen=True)
class ServeOptions:
    """What the server allows; the defaults are the safe ones (see the module docstring)."""

    writable: bool = False
    allow_service: bool = False
    allow_load: bool = False
    cors: str | None = None  # one origin (scheme://host[:port]) that may read cross-origin
    allowed_hosts: tuple[str, ...] = ()  # extra names accepted in the Host header
    query_timeout: float = 60.0  # seconds, for every operation
    max_results: int = 0  # 0: no cap (answers are streamed)
    workers: int = 2  # reader processes
    threads: int = 16  # request threads
    token: str | None = None  # bearer token for writes (made when writable and not given)
    quiet: bool = True

    def checked(self) -> ServeOptions:
        """These options with a token made if needed; ``ValueError`` on options that cannot work."""
        if self.cors is not None:
            cors = self.cors.strip().rstrip("/").lower()
            if not _ORIGIN.match(cors):
                raise ValueError(
                    f"--cors {self.cors!r}: give one origin such as https://example.org or "
                    "http://localhost:3000 (no '*', no path)"
                )
        else:
            cors = None
        if self.allow_load and not self.writable:
            raise ValueError("--allow-load needs --writable: LOAD is a SPARQL Update")
        if not self.query_timeout > 0:
            raise ValueError("--query-timeout must be more than 0 seconds")
        if self.max_results < 0:
            raise ValueError("--max-results must be 0 (no cap) or more")
        if self.workers < 1 or self.threads < 1:
            raise ValueError("--workers must be 1 or more")
        token = self.token or (secrets.token_urlsafe(24) if self.writable else None)
        hosts = tuple(h.strip().lower().rstrip(".") for h in self.allowed_hosts if h.strip())
        return replace(self, cors=cors, token=token, allowed_hosts=hosts)


# -- worker processes -----------------------------------------------------------------------------
# The worker module imports only the standard library and pyoxigraph; it is loaded by its path so
# that a new worker does not import the kg package (extraction tables: about 1 s) nor re-run the
# caller's main module, and starts in about 0.2 s.
_WORKER_BOOT = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('kg_serve_worker', sys.argv[1])\n"
    "mod = sys.modules['kg_serve_worker'] = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(mod)\n"
    "mod.main(sys.argv[2:])\n"
)


class _Worker:
    def __init__(self, store_dir: str, writable: bool) -> None:
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _WORKER_BOOT,
                    serve_worker.__file__,
                    str(child.fileno()),
                    store_dir,
                    "write" if writable else "read",
                ],
                pass_fds=(child.fileno(),),
                stdin=subprocess.DEVNULL,
                start_new_session=False,
            )
        except OSError:
            parent.close()
            raise
        finally:
            child.close()
        self.conn = multiprocessing.connection.Connection(parent.detach())

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker to open the store; ``StoreError`` with its message if it cannot."""
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a query worker did not start within {timeout:g} s")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StoreError("a query worker stopped while opening the store") from None
        if msg[0] != "ready":
            self.kill()
            raise StoreError(str(msg[1]))

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()

    def stop(self, timeout: float = 10.0) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """The worker processes: ``size`` readers for a read-only store, one worker for a writable one.

    RocksDB does not support a read-only view of a store that another process writes, so a writable
    store has a single worker that runs every operation in turn. A worker whose operation did not
    finish (time limit, client gone, crash) is killed, which frees its memory and, for a write,
    aborts its transaction; another is started in its place.
    """

    START_SECONDS = 120.0

    def __init__(self, store_dir: str | Path, size: int, writable: bool, log: Callable[[str], None]) -> None:
        self.store_dir = str(store_dir)
        self.writable = writable
        self.size = 1 if writable else size
        self.log = log
        self._idle: list[_Worker] = []
        self._cond = threading.Condition()
        self._closed = False
        self._alive = 0
        workers = [_Worker(self.store_dir, writable) for _ in range(self.size)]
        try:
            for w in workers:
                w.wait_ready(self.START_SECONDS)
        except BaseException:
            for w in workers:
                w.kill()
            raise
        self._idle = workers
        self._alive = len(workers)

    def acquire(self, deadline: float) -> _Worker | None:
        """An idle worker, waiting until ``deadline``; ``None`` if none became free."""
        with self._cond:
            while not self._idle:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed or self._alive == 0:
                    return None
                self._cond.wait(remaining)
            return self._idle.pop()

    def release(self, worker: _Worker, healthy: bool) -> None:
        """Give a worker back; one that did not finish cleanly is killed and replaced."""
        if healthy:
            with self._cond:
                if not self._closed:
                    self._idle.append(worker)
                    self._cond.notify()
                    return
            worker.stop(1)
            return
        worker.kill()
        if self.writable:
            self._replace()  # at once: the next request needs the store's only worker
        else:
            threading.Thread(target=self._replace, daemon=True, name="kg-serve-respawn").start()

    def _replace(self) -> None:
        if self._closed:
            return
        w = _Worker(self.store_dir, self.writable)
        try:
            w.wait_ready(self.START_SECONDS)
        except (StoreError, OSError) as e:
            self.log(f"kg: cannot start a worker: {e}")
            with self._cond:
                self._alive -= 1
                self._cond.notify_all()
            return
        with self._cond:
            if not self._closed:
                self._idle.append(w)
                self._cond.notify()
                return
        w.stop(1)

    def pids(self) -> list[int]:
        with self._cond:
            return [w.process.pid for w in self._idle]

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for w in idle:
            w.stop(60)  # a writable store's worker flushes before it exits


# -- the server -----------------------------------------------------------------------------------
class SparqlServer(socketserver.TCPServer):
    """A TCP server with a bounded pool of request threads.

    Accepted connections wait in a selector until their first byte arrives (idle ones are closed
    after ``IDLE_SECONDS``), then go to a queue served by ``options.threads`` threads; a full queue
    answers 503. Each connection carries one request.
    """

    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog

    def __init__(self, address: tuple[str, int], store_dir: str | Path, options: ServeOptions) -> None:
        self.options = options
        self.label = str(store_dir)
        family, sockaddr = _resolve(*address)
        self.address_family = family
        if family == socket.AF_INET6:
            sockaddr = sockaddr[:2]
        super().__init__(sockaddr, _Handler, bind_and_activate=False)
        try:
            self.server_bind()
            self.server_activate()
        except OSError:
            self.socket.close()
            raise
        host = self.server_address[0]
        self.bound_ip = ipaddress.ip_address(host.split("%")[0])
        self.port = int(self.server_address[1])
        names = {"localhost"} if (self.bound_ip.is_loopback or self.bound_ip.is_unspecified) else set()
        names.add(address[0].strip("[]").lower().rstrip("."))
        names.update(options.allowed_hosts)
        self.host_names = frozenset(names)
        self.pool: WorkerPool | None = None
        try:
            self.pool = WorkerPool(store_dir, options.workers, options.writable, self.log)
        except BaseException:
            self.socket.close()
            raise
        self._jobs: queue.Queue[tuple[socket.socket, Any] | None] = queue.Queue(maxsize=options.threads * 4)
        self._incoming: queue.SimpleQueue[tuple[socket.socket, Any]] = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._stopping = False
        self._threads = [
            threading.Thread(target=self._serve_jobs, daemon=True, name=f"kg-serve-{i}")
            for i in range(options.threads)
        ]
        self._threads.append(
            threading.Thread(target=self._wait_first_byte, daemon=True, name="kg-serve-idle")
        )
        for t in self._threads:
            t.start()

    @property
    def writable(self) -> bool:
        return self.options.writable

    @property
    def url(self) -> str:
        host = str(self.bound_ip)
        if self.bound_ip.is_unspecified:
            host = "127.0.0.1" if self.bound_ip.version == 4 else "::1"
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    # connections
    def process_request(self, request: Any, client_address: Any) -> None:
        self._incoming.put((request, client_address))
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass

    def _wait_first_byte(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self._wake_r, selectors.EVENT_READ, None)
        waiting: dict[socket.socket, tuple[Any, float]] = {}
        while not self._stopping:
            for key, _ in sel.select(timeout=0.5):
                if key.data is None:
                    try:
                        self._wake_r.recv(4096)
                    except OSError:
                        pass
                    while True:
                        try:
                            sock, addr = self._incoming.get_nowait()
                        except queue.Empty:
                            break
                        waiting[sock] = (addr, time.monotonic() + IDLE_SECONDS)
                        sel.register(sock, selectors.EVENT_READ, sock)
                    continue
                sock = key.data
                sel.unregister(sock)
                addr, _ = waiting.pop(sock)
                try:
                    self._jobs.put_nowait((sock, addr))
                except queue.Full:
                    _refuse(sock, 503, "the server is busy; try again")
                    self.shutdown_request(sock)
            now = time.monotonic()
            for sock, (_, until) in list(waiting.items()):
                if until < now:
                    sel.unregister(sock)
                    del waiting[sock]
                    self.shutdown_request(sock)
        for sock in waiting:
            self.shutdown_request(sock)
        sel.close()

    def _serve_jobs(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            sock, addr = item
            try:
                self.finish_request(sock, addr)
            except Exception as e:  # one bad connection must not end the thread
                self.handle_error(sock, addr, e)
            finally:
                self.shutdown_request(sock)

    def handle_error(self, request: Any, client_address: Any, error: BaseException | None = None) -> None:
        # No traceback: one line, and only when it says something.
        if error is None:
            error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        self.log(f"kg: request from {client_address[0]} failed: {type(error).__name__}: {error}")

    def server_close(self) -> None:
        self._stopping = True
        super().server_close()
        for _ in self._threads:
            try:
                self._jobs.put_nowait(None)
            except queue.Full:
                break
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        if self.pool is not None:
            self.pool.close()
        self._wake_r.close()
        self._wake_w.close()


def _resolve(host: str, port: int) -> tuple[socket.AddressFamily, tuple[Any, ...]]:
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, 0, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise OSError(f"cannot resolve {host} ({e.strerror})") from None
    family, _, _, _, sockaddr = infos[0]
    return family, sockaddr


def _refuse(sock: socket.socket, status: int, message: str) -> None:
    body = (message + "\n").encode()
    head = (
        f"HTTP/1.1 {status} {'Service Unavailable' if status == 503 else 'Error'}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\nRetry-After: 1\r\n\r\n"
    ).encode()
    try:
        sock.settimeout(1)
        sock.sendall(head + body)
    except OSError:
        pass


def make_server(
    store: str | Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    writable: bool = False,
    quiet: bool = True,
    options: ServeOptions | None = None,
) -> SparqlServer:
    """A server for the store directory ``store``, bound to ``host:port`` (port 0: any free port).

    Call ``serve_forever()`` on it, and ``server_close()`` at the end (it stops the workers).
    ``options`` (``writable`` and ``quiet`` are shortcuts) are checked and completed first.
    """
    if not isinstance(store, (str, Path)):
        raise TypeError("make_server serves a store directory (the workers open it themselves)")
    opts = (options or ServeOptions(writable=writable, quiet=quiet)).checked()
    return SparqlServer((host, port), store, opts)


def describe(server: SparqlServer) -> str:
    """Lines to print when the server starts."""
    o = server.options
    mode = "writable" if o.writable else "read-only"
    lines = [f"kg: serving {server.label} ({mode}) at {server.url}/"]
    lines.append(f"  query:  {server.url}/query")
    if o.writable:
        lines.append(f"  update: {server.url}/update")
        lines.append(f"  graphs: {server.url}/store?graph=IRI")
        lines.append(f"  writes need the header  Authorization: Bearer {o.token}")
        lines.append(f"  (for kg build --endpoint ...: export KG_ENDPOINT_TOKEN={o.token})")
    limits = [f"queries stop after {o.query_timeout:g} s"]
    limits.append(f"at most {o.max_results} results" if o.max_results else "results streamed")
    allowed = [n for n, on in (("SERVICE", o.allow_service), ("LOAD", o.allow_load)) if on]
    limits.append(f"{' and '.join(allowed)} allowed" if allowed else "SERVICE and LOAD refused")
    limits.append(f"CORS for {o.cors} (reads)" if o.cors else "no cross-origin access")
    lines.append("  " + "; ".join(limits))
    return "\n".join(lines)


# -- content negotiation --------------------------------------------------------------------------
def _accepts(header: str | None) -> list[str]:
    """Media types of an ``Accept`` header, best first (q-values honoured, order kept on ties)."""
    if not header:
        return []
    items: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            items.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(items)]


def _choose(accept: str | None, fmt: str | None, table: dict[str, str], default: str) -> str | None:
    if fmt:
        key = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if key in table.values():
            return key
        return table.get(fmt.lower())
    types = _accepts(accept)
    if not types:
        return default
    for t in types:
        if t in table:
            return table[t]
        if t in {"*/*", "application/*", "text/*"} or t.startswith("text/html"):
            return default
    return None


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}textarea{{width:100%;height:14em;
font-family:monospace}}code{{background:#eee}}</style></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Store: <code>{store}</code> ({mode}). Query URL: <code>{base}/query</code>{update}</p>
<form action="/query" method="get">
<textarea name="query">{example}</textarea><br>
<label>Results: <select name="format"><option value="json">JSON</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="xml">XML</option>
<option value="ttl">Turtle (CONSTRUCT)</option>
<option value="nt">N-Triples (CONSTRUCT)</option></select></label>
<button type="submit">Run</button></form>
<p>The default graph is the union of all named graphs (one per source document). Queries stop after
{timeout:g} s.</p>
</body></html>
"""

_EXAMPLE = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?doc ?number ?date WHERE {
  ?doc eli:id_local ?number .
  OPTIONAL { ?doc eli:date_document ?date }
} ORDER BY DESC(?date) LIMIT 20"""

_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"


# -- requests -------------------------------------------------------------------------------------
class _HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class _TimedOut(Exception):
    pass


class _ClientGone(Exception):
    pass


class _DeadlineReader:
    """The request stream, with a deadline for the request line and headers (slow clients)."""

    def __init__(self, raw: Any, sock: socket.socket) -> None:
        self.raw = raw
        self.sock = sock
        self.deadline: float | None = time.monotonic() + HEADER_SECONDS

    def _arm(self) -> None:
        if self.deadline is None:
            self.sock.settimeout(SOCKET_TIMEOUT)
            return
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request headers took too long")
        self.sock.settimeout(min(remaining, SOCKET_TIMEOUT))

    def readline(self, limit: int = -1) -> bytes:
        self._arm()
        return self.raw.readline(limit)

    def read(self, n: int = -1) -> bytes:
        self._arm()
        return self.raw.read(n)

    def close(self) -> None:
        self.raw.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql/2"
    default_request_version = "HTTP/1.1"  # an unreadable request line still gets a status line
    timeout = SOCKET_TIMEOUT

    def setup(self) -> None:
        super().setup()
        self.rfile = _DeadlineReader(self.rfile, self.connection)  # type: ignore[assignment]
        self._cors_ok = False
        self._started = False

    # -- plumbing ---------------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.options.quiet:
            super().log_message(format, *args)

    def _common_headers(self) -> None:
        self.send_header("Connection", "close")
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.server.options.cors:
            self.send_header("Vary", "Origin")
        if self._cors_ok:
            self.send_header("Access-Control-Allow-Origin", self.server.options.cors or "")
            self.send_header("Access-Control-Expose-Headers", "Content-Type, KG-Truncated")

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self._started = True
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed requests (bad request line, too many headers...): a plain one-line answer.
        self.close_connection = True
        try:
            self._error(code, message or self.responses.get(code, ("error",))[0])
        except OSError:
            pass

    def _body(self, limit: int) -> bytes:
        """The request body, refused with 413 as soon as it exceeds ``limit`` (never read whole)."""
        te = self.headers.get("Transfer-Encoding")
        length = self.headers.get("Content-Length")
        if te is not None:
            if length is not None:
                raise _HttpError(400, "a request cannot have both Content-Length and Transfer-Encoding")
            if te.strip().lower() != "chunked":
                raise _HttpError(501, f"Transfer-Encoding {te!r} is not supported (use chunked)")
            return self._chunked(limit)
        if length is None:
            return b""
        if not re.fullmatch(r"[0-9]{1,18}", length.strip()):
            raise _HttpError(400, f"bad Content-Length {length!r}")
        n = int(length)
        if n > limit:
            raise _HttpError(413, f"request body too large ({n} bytes; limit {limit})")
        return self._read_exactly(n)

    def _read_exactly(self, n: int) -> bytes:
        data = self.rfile.read(n)
        if len(data) != n:
            raise _HttpError(400, f"request body ended after {len(data)} of {n} bytes")
        return data

    def _chunked(self, limit: int) -> bytes:
        out = bytearray()
        while True:
            line = self.rfile.readline(1025)
            size_text = line.split(b";", 1)[0].strip()
            if not re.fullmatch(rb"[0-9A-Fa-f]{1,16}", size_text):
                raise _HttpError(400, f"bad chunk size {size_text[:40]!r}")
            size = int(size_text, 16)
            if size == 0:
                for _ in range(64):  # trailer lines, then the empty line
                    if self.rfile.readline(1025) in {b"\r\n", b"\n", b""}:
                        return bytes(out)
                raise _HttpError(400, "too many trailer lines")
            if len(out) + size > limit:
                raise _HttpError(413, f"request body too large (limit {limit} bytes)")
            out += self._read_exactly(size)
            if self.rfile.readline(3) not in {b"\r\n", b"\n"}:
                raise _HttpError(400, "bad chunk: no line end after the data")

    def _ctype(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    # -- who may ask ------------------------------------------------------------------------------
    def _host_ok(self, host: str | None, port: int | None) -> bool:
        if host is None:
            return False
        h = host.strip("[]").lower().rstrip(".")
        if port is not None and port != self.server.port:
            return False
        if h in self.server.host_names:
            return True
        try:
            ip = ipaddress.ip_address(h)
        except ValueError:
            return False  # a name that is not ours: DNS rebinding, or a proxy we were not told about
        bound = self.server.bound_ip
        return ip == bound or bound.is_unspecified or (bound.is_loopback and ip.is_loopback)

    def _check_caller(self, route: str, write: bool) -> None:
        host_header = self.headers.get("Host")
        if host_header is not None:
            parsed = urllib.parse.urlsplit("//" + host_header.strip())
            try:
                port = parsed.port
            except ValueError:
                port = -1
            if not self._host_ok(parsed.hostname, port):
                raise _HttpError(
                    403,
                    f"Host {host_header!r} is not this server's address; to reach it by another name, "
                    "start kg serve with --allow-host NAME",
                )
        origin = self.headers.get("Origin")
        if origin is not None:
            o = origin.strip().rstrip("/").lower()
            parsed = urllib.parse.urlsplit(o)
            try:
                same = parsed.scheme == "http" and self._host_ok(parsed.hostname, parsed.port or 80)
            except ValueError:
                same = False
            if same:
                return
            cors = self.server.options.cors
            if cors is not None and o == cors and not write and route in {"/query", "/sparql", "/store", "/"}:
                self._cors_ok = True
                return
            raise _HttpError(
                403,
                f"requests from the web page at {origin} are refused"
                + ("" if write or cors is None else f" (only {cors} may read, with --cors)")
                + ("; writes are accepted only from programs, not from web pages" if write else ""),
            )
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        mode = (self.headers.get("Sec-Fetch-Mode") or "").lower()
        if site in {"cross-site", "same-site"} and (mode != "navigate" or write):
            raise _HttpError(403, "requests made by another web site are refused")

    def _check_write(self) -> None:
        if not self.server.options.writable:
            raise _HttpError(
                403,
                "this endpoint is read-only. Start it with `kg serve --writable` to accept SPARQL Update "
                "and Graph Store writes.",
            )
        if self._ctype() in FORM_TYPES:
            raise _HttpError(
                403,
                f"writes with Content-Type {self._ctype()} are refused (a web form could send them); "
                "send application/sparql-update or an RDF media type",
            )
        token = self.server.options.token or ""
        auth = self.headers.get("Authorization") or ""
        given = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise _HttpError(
                401,
                "writes need the header 'Authorization: Bearer TOKEN' with the token kg serve printed "
                "at start (kg commands read it from $KG_ENDPOINT_TOKEN)",
                {"WWW-Authenticate": 'Bearer realm="kg"'},
            )

    def _check_operation(self, text: str, update: bool) -> None:
        o = self.server.options
        found = find_keywords(text, ("SERVICE", "LOAD") if update else ("SERVICE",))
        if "SERVICE" in found and not o.allow_service:
            raise _HttpError(
                403,
                "SERVICE (federated query) is refused: it makes this server send requests to other "
                "addresses. Start kg serve with --allow-service to allow it. (A prefix or name that "
                "contains 'service' counts too; rename it.)",
            )
        if "LOAD" in found and not o.allow_load:
            raise _HttpError(
                403,
                "LOAD is refused: it makes this server fetch a URL. Start kg serve with --writable "
                "--allow-load to allow it. (A prefix or name that contains 'load' counts too.)",
            )

    # -- dispatch ---------------------------------------------------------------------------------
    def _dispatch(self) -> None:
        self.rfile.deadline = None  # type: ignore[attr-defined]  # headers are in
        self.close_connection = True
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        route = url.path.rstrip("/") or "/"
        write = (route == "/update" and self.command == "POST") or (
            route == "/store" and self.command in {"PUT", "POST", "DELETE"}
        )
        try:
            self._check_caller(route, write)
            if route == "/":
                if self.command not in {"GET", "HEAD"}:
                    raise _HttpError(405, "use GET")
                self._page()
            elif route in {"/query", "/sparql"}:
                self._query(params)
            elif route == "/update":
                self._update(params)
            elif route == "/store":
                self._graph_store(params)
            else:
                raise _HttpError(404, f"no such resource {url.path}; try /query, /update, /store or /")
        except _HttpError as e:
            if not self._started:
                self._error(e.status, e.message, e.headers)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        except Exception as e:  # a bug must still give an answer, not a traceback
            self.server.log(f"kg: internal error on {self.command} {url.path}: {type(e).__name__}: {e}")
            if not self._started:
                self._error(500, f"internal error: {type(e).__name__}: {e}")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _dispatch

    def do_OPTIONS(self) -> None:
        self.rfile.deadline = None  # type: ignore[attr-defined]
        self.close_connection = True
        route = urllib.parse.urlsplit(self.path).path.rstrip("/") or "/"
        origin = (self.headers.get("Origin") or "").strip().rstrip("/").lower()
        method = (self.headers.get("Access-Control-Request-Method") or "").upper()
        cors = self.server.options.cors
        if origin and not (
            cors and origin == cors and method in {"GET", "POST"} and route in {"/query", "/sparql"}
        ):
            # A preflight from any other origin, or for a write: no CORS headers, so the browser
            # does not send the request.
            self._error(403, f"cross-origin {method or 'requests'} from {origin} are not allowed")
            return
        self._cors_ok = bool(origin)
        self.send_response(204)
        self.send_header("Allow", "GET, POST, PUT, DELETE, OPTIONS")
        if origin:
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self._common_headers()
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- routes -----------------------------------------------------------------------------------
    def _page(self) -> None:
        o = self.server.options
        page = _PAGE.format(
            store=html.escape(self.server.label),
            mode="writable" if o.writable else "read-only",
            base=html.escape(self.server.url),
            update=(", update URL: <code>/update</code>, graph store: <code>/store</code>")
            if o.writable
            else "",
            example=html.escape(_EXAMPLE),
            timeout=o.query_timeout,
        )
        self._send(
            200,
            page.encode("utf-8"),
            "text/html; charset=utf-8",
            {"Content-Security-Policy": _PAGE_CSP, "X-Frame-Options": "DENY"},
        )

    def _form_or_body(
        self, params: dict[str, list[str]], key: str, media: str
    ) -> tuple[str, dict[str, list[str]]]:
        """The operation text from ``?key=``, a form body, or a direct body of ``media``."""
        if self.command in {"GET", "HEAD"}:
            if key not in params:
                raise _HttpError(400, f"missing {key}= parameter")
            return params[key][0], params
        if self.command != "POST":
            raise _HttpError(405, "use GET or POST")
        body = self._body(MAX_QUERY_BYTES)
        ctype = self._ctype()
        if ctype == media:
            return body.decode("utf-8", "replace"), params
        if ctype == "application/x-www-form-urlencoded" or (not ctype and key not in params):
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            merged = {**params, **form}
            if key not in merged:
                raise _HttpError(400, f"missing {key}= in the form")
            return merged[key][0], merged
        if key in params:
            return params[key][0], params
        raise _HttpError(415, f"send {media} or application/x-www-form-urlencoded with {key}=")

    def _query(self, params: dict[str, list[str]]) -> None:
        sparql, params = self._form_or_body(params, "query", "application/sparql-query")
        self._check_operation(sparql, update=False)
        defaults = tuple(params.get("default-graph-uri") or [])
        named = tuple(params.get("named-graph-uri") or [])
        for g in (*defaults, *named):
            try:
                ox.NamedNode(g)
            except ValueError as e:
                raise _HttpError(400, f"bad graph IRI: {e}") from None
        fmt = (params.get("format") or [None])[0]
        accept = self.headers.get("Accept")
        graph_key = _choose(accept, fmt, _GRAPH_TYPES, "nt")
        task = Query(
            sparql,
            results=_choose(accept, fmt, _RESULT_TYPES, "json"),
            graph=graph_key if graph_key in {"nt", "ttl", "xml"} else None,
            default_graphs=defaults,
            named_graphs=named,
            max_results=self.server.options.max_results,
        )
        self._run(task)

    def _update(self, params: dict[str, list[str]]) -> None:
        if self.command != "POST":
            raise _HttpError(405, "SPARQL Update needs POST")
        self._check_write()
        if self._ctype() != "application/sparql-update":
            raise _HttpError(415, "send the update as application/sparql-update")
        text = self._body(MAX_QUERY_BYTES).decode("utf-8", "replace")
        self._check_operation(text, update=True)
        self._run(Update(text), write=True)

    def _target(self, params: dict[str, list[str]]) -> str | None:
        if "graph" in params:
            try:
                return ox.NamedNode(params["graph"][0]).value
            except ValueError as e:
                raise _HttpError(400, f"bad graph IRI: {e}") from None
        if "default" in params:
            return None
        raise _HttpError(400, "give ?graph=IRI or ?default")

    def _graph_store(self, params: dict[str, list[str]]) -> None:
        if self.command in {"GET", "HEAD"}:
            target = self._target(params)
            key = _choose(self.headers.get("Accept"), (params.get("format") or [None])[0], _GRAPH_TYPES, "nt")
            if key is None or key not in {"nt", "ttl", "xml"}:
                raise _HttpError(406, "graphs are served as application/n-triples, text/turtle, rdf+xml")
            self._run(GraphRead(target, key))
            return
        if self.command not in {"PUT", "POST", "DELETE"}:
            raise _HttpError(405, "use GET, PUT, POST or DELETE")
        self._check_write()
        target = self._target(params)
        if self.command == "DELETE":
            self._run(GraphWrite("DELETE", target), write=True)
            return
        key = _GRAPH_TYPES.get(self._ctype())
        if key is None or key in {"nq", "trig"}:
            raise _HttpError(415, "send application/n-triples, text/turtle or application/rdf+xml")
        body = self._body(MAX_DATA_BYTES)
        self._run(GraphWrite(self.command, target, key, body), write=True)

    # -- running an operation in a worker ---------------------------------------------------------
    def _run(self, task: Query | GraphRead | Update | GraphWrite, write: bool = False) -> None:
        server = self.server
        pool = server.pool
        assert pool is not None
        limit = server.options.query_timeout
        deadline = time.monotonic() + limit
        worker = pool.acquire(deadline)
        if worker is None:
            raise _HttpError(
                503,
                f"the server is busy: no worker was free for {limit:g} s; try again",
                {"Retry-After": "5"},
            )
        healthy = False
        try:
            worker.conn.send(serve_worker.encode(task))
            healthy = self._relay(worker, deadline)
        except _TimedOut:
            what = "write" if write else "query"
            server.log(f"kg: stopped a {what} after {limit:g} s (--query-timeout)")
            if not self._started:
                raise _HttpError(
                    503,
                    f"the {what} took longer than {limit:g} s and was stopped"
                    + (" (nothing was written)" if write else "")
                    + "; narrow it, or start kg serve with a larger --query-timeout",
                ) from None
        except _ClientGone:
            if not server.options.quiet:
                server.log(f"kg: the client left; stopped its {'write' if write else 'query'}")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the client stopped reading: the worker is killed below
        except (EOFError, OSError):
            if not self._started:
                raise _HttpError(500, "the worker running this request stopped unexpectedly") from None
        finally:
            pool.release(worker, healthy)

    def _next(self, worker: _Worker, deadline: float, watch: bool) -> tuple[Any, ...]:
        """The worker's next message; ``_TimedOut`` at the deadline, ``_ClientGone`` if the client
        closed its connection meanwhile (only checked while ``watch``)."""
        sources: list[Any] = [worker.conn]
        if watch:
            sources.append(self.connection)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _TimedOut
            ready = multiprocessing.connection.wait(sources, remaining)
            if worker.conn in ready:
                msg: tuple[Any, ...] = worker.conn.recv()
                return msg
            if self.connection in ready:
                try:
                    self.connection.setblocking(False)
                    peek = self.connection.recv(1, socket.MSG_PEEK)
                except BlockingIOError:
                    peek = b"?"
                except OSError:
                    peek = b""
                finally:
                    self.connection.settimeout(SOCKET_TIMEOUT)
                if not peek:
                    raise _ClientGone
                sources.remove(self.connection)  # more data from the client: stop watching

    def _relay(self, worker: _Worker, deadline: float) -> bool:
        """Forward the worker's answer to the client; True when the worker finished cleanly."""
        msg = self._next(worker, deadline, watch=True)
        kind = msg[0]
        if kind == "error":
            self._error(int(msg[1]), str(msg[2]))
            return True
        if kind == "whole":
            _, status, ctype, headers, body = msg
            self._send(int(status), body, ctype, headers)
            return True
        if kind != "start":
            raise EOFError(f"unexpected message {kind!r} from a worker")
        _, status, ctype, headers = msg
        chunked = self.request_version != "HTTP/1.0"
        self.close_connection = True
        self.send_response(int(status))
        self.send_header("Content-Type", ctype)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self._common_headers()
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self._started = True
        head_only = self.command == "HEAD"
        while True:
            msg = self._next(worker, deadline, watch=False)
            if msg[0] == "data":
                if not head_only:
                    data: bytes = msg[1]
                    self.wfile.write(b"%x\r\n%b\r\n" % (len(data), data) if chunked else data)
            elif msg[0] == "end":
                if chunked and not head_only:
                    self.wfile.write(b"0\r\n\r\n")
                return True
            elif msg[0] == "fail":
                # The answer had started: end the connection without the last chunk, so the client
                # sees an incomplete answer rather than a short one.
                self.server.log(f"kg: an answer broke off: {msg[1]}")
                return True
            else:
                raise EOFError(f"unexpected message {msg[0]!r} from a worker")
