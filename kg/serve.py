"""Serve the embedded store as a SPARQL 1.1 Protocol endpoint (standard library HTTP server).

Routes:

- ``GET|POST /query``: ``query=`` (URL or form) or a body of ``application/sparql-query``; answers in
  SPARQL JSON (default), CSV, TSV or XML for SELECT/ASK, N-Triples (default), Turtle or RDF/XML for
  CONSTRUCT/DESCRIBE, chosen by ``Accept`` or ``format=``. The default graph is the union of the
  named graphs unless ``default-graph-uri`` is given.
- ``POST /update``: SPARQL Update; ``403`` unless the server is writable.
- ``GET|PUT|POST|DELETE /store?graph=IRI`` (or ``?default``): the Graph Store Protocol; reading is
  always allowed, writing only when writable.
- ``GET /``: a small page with a query form.

Read-only by default: the store is opened with ``pyoxigraph.Store.read_only`` so the server cannot
change it. Every answer carries ``Access-Control-Allow-Origin: *`` so browser clients (YASGUI) work.
"""

from __future__ import annotations

import html
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.store.base import StoreError

__all__ = ["SparqlServer", "describe", "make_server", "open_ox_store"]

MAX_QUERY_BYTES = 4 * 1024 * 1024
MAX_DATA_BYTES = 512 * 1024 * 1024

_RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
_RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
}
_GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
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


def open_ox_store(path: str | Path, writable: bool) -> ox.Store:
    """Open the embedded store for serving: read-only unless ``writable`` (then created if absent)."""
    p = Path(path)
    try:
        if writable:
            p.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(p))
        if not p.exists():
            raise StoreError(f"store {p}: no store there yet (run `kg build` first)")
        return ox.Store.read_only(str(p))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreError(
                f"store {p}: in use by another kg process (a build or a server); "
                "serve it read-only (without --writable) or stop the other process"
            ) from None
        raise StoreError(f"store {p}: cannot open ({e})") from None


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
<p>The default graph is the union of all named graphs (one per source document).</p>
</body></html>
"""

_EXAMPLE = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?doc ?number ?date WHERE {
  ?doc eli:id_local ?number .
  OPTIONAL { ?doc eli:date_document ?date }
} ORDER BY DESC(?date) LIMIT 20"""


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], store: ox.Store, *, writable: bool, label: str, quiet: bool = True
    ) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.writable = writable
        self.label = label
        self.quiet = quiet
        self.write_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(
    store: str | Path | ox.Store,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    writable: bool = False,
    quiet: bool = True,
) -> SparqlServer:
    """A server bound to ``host:port`` (port 0: any free port); call ``serve_forever()`` on it."""
    if isinstance(store, ox.Store):
        ox_store, label = store, "in-memory store"
    else:
        ox_store, label = open_ox_store(store, writable), str(store)
    return SparqlServer((host, port), ox_store, writable=writable, label=label, quiet=quiet)


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql/1"

    # -- plumbing ---------------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Content-Type")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _body(self, limit: int) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                return self._chunked(limit)
            return b""
        try:
            n = int(length)
        except ValueError:
            raise _HttpError(400, "bad Content-Length") from None
        if n > limit:
            raise _HttpError(413, f"request body too large ({n} bytes; limit {limit})")
        return self.rfile.read(n)

    def _chunked(self, limit: int) -> bytes:
        out = bytearray()
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return bytes(out)
            out += self.rfile.read(size)
            self.rfile.readline()
            if len(out) > limit:
                raise _HttpError(413, f"request body too large (limit {limit} bytes)")

    def _ctype(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def _dispatch(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        route = url.path.rstrip("/") or "/"
        try:
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
            self._error(e.status, e.message)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _dispatch

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- routes -----------------------------------------------------------------------------------
    def _page(self) -> None:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        page = _PAGE.format(
            store=html.escape(self.server.label),
            mode="writable" if self.server.writable else "read-only",
            base=html.escape(f"http://{host}"),
            update=(", update URL: <code>/update</code>, graph store: <code>/store</code>")
            if self.server.writable
            else "",
            example=html.escape(_EXAMPLE),
        )
        self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")

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
        kwargs: dict[str, Any] = {}
        defaults = params.get("default-graph-uri") or []
        named = params.get("named-graph-uri") or []
        try:
            if defaults:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in defaults]
            else:
                kwargs["use_default_graph_as_union"] = True
            if named:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in named]
        except ValueError as e:
            raise _HttpError(400, f"bad graph IRI: {e}") from None
        fmt = (params.get("format") or [None])[0]
        try:
            result = self.server.store.query(sparql, **kwargs)
            if isinstance(result, ox.QueryTriples):
                key = _choose(self.headers.get("Accept"), fmt, _GRAPH_TYPES, "nt")
                if key is None or key not in {"nt", "ttl", "xml"}:
                    raise _HttpError(
                        406,
                        "CONSTRUCT/DESCRIBE answers: application/n-triples, text/turtle, application/rdf+xml",
                    )
                rdf_format = _GRAPH_FORMATS[key]
                body = result.serialize(format=rdf_format)
                ctype = rdf_format.media_type
            else:
                key = _choose(self.headers.get("Accept"), fmt, _RESULT_TYPES, "json")
                if key is None:
                    raise _HttpError(
                        406,
                        "SELECT/ASK answers: application/sparql-results+json, text/csv, "
                        "text/tab-separated-values, application/sparql-results+xml",
                    )
                res_format = _RESULT_FORMATS[key]
                body = result.serialize(format=res_format)
                ctype = res_format.media_type
        except SyntaxError as e:
            raise _HttpError(400, f"SPARQL syntax error: {e}") from None
        except (ValueError, OSError) as e:
            raise _HttpError(500, f"query failed: {e}") from None
        if "charset" not in ctype:
            ctype += "; charset=utf-8"
        self._send(200, body or b"", ctype)

    def _require_writable(self, what: str) -> None:
        if not self.server.writable:
            raise _HttpError(
                403,
                f"{what} is disabled: this endpoint is read-only. Start it with `kg serve --writable` "
                "to accept SPARQL Update and Graph Store writes.",
            )

    def _update(self, params: dict[str, list[str]]) -> None:
        if self.command not in {"POST"}:
            raise _HttpError(405, "SPARQL Update needs POST")
        self._require_writable("SPARQL Update")
        text, _ = self._form_or_body(params, "update", "application/sparql-update")
        try:
            with self.server.write_lock:
                self.server.store.update(text)
        except SyntaxError as e:
            raise _HttpError(400, f"SPARQL Update syntax error: {e}") from None
        except (ValueError, OSError) as e:
            raise _HttpError(500, f"update failed: {e}") from None
        self._send(204, b"", "text/plain")

    def _target(self, params: dict[str, list[str]]) -> ox.NamedNode | ox.DefaultGraph:
        if "graph" in params:
            try:
                return ox.NamedNode(params["graph"][0])
            except ValueError as e:
                raise _HttpError(400, f"bad graph IRI: {e}") from None
        if "default" in params:
            return ox.DefaultGraph()
        raise _HttpError(400, "give ?graph=IRI or ?default")

    def _graph_store(self, params: dict[str, list[str]]) -> None:
        target = self._target(params)
        store = self.server.store
        exists = isinstance(target, ox.DefaultGraph) or store.contains_named_graph(target)
        if self.command in {"GET", "HEAD"}:
            if not exists:
                raise _HttpError(404, f"no graph {target}")
            key = _choose(self.headers.get("Accept"), (params.get("format") or [None])[0], _GRAPH_TYPES, "nt")
            if key is None or key not in {"nt", "ttl", "xml"}:
                raise _HttpError(406, "graphs are served as application/n-triples, text/turtle, rdf+xml")
            rdf_format = _GRAPH_FORMATS[key]
            triples = (q.triple for q in store.quads_for_pattern(None, None, None, target))
            body = ox.serialize(triples, format=rdf_format) or b""
            self._send(200, body, rdf_format.media_type + "; charset=utf-8")
            return
        if self.command not in {"PUT", "POST", "DELETE"}:
            raise _HttpError(405, "use GET, PUT, POST or DELETE")
        self._require_writable("Graph Store writing")
        where = "DEFAULT" if isinstance(target, ox.DefaultGraph) else f"GRAPH {target}"
        if self.command == "DELETE":
            if not exists:
                raise _HttpError(404, f"no graph {target}")
            with self.server.write_lock:
                store.update(f"DROP {where}")
            self._send(204, b"", "text/plain")
            return
        key = _GRAPH_TYPES.get(self._ctype())
        if key is None or key in {"nq", "trig"}:
            raise _HttpError(415, "send application/n-triples, text/turtle or application/rdf+xml")
        body = self._body(MAX_DATA_BYTES)
        try:
            triples = list(ox.parse(body, format=_GRAPH_FORMATS[key]))
        except SyntaxError as e:
            raise _HttpError(400, f"cannot parse the {key} body: {e}") from None
        # One SPARQL Update = one transaction: the graph is replaced completely or not at all.
        data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        into = f"{{ {data} }}" if isinstance(target, ox.DefaultGraph) else f"{{ {where} {{ {data} }} }}"
        drop = f"DROP SILENT {where} ;\n" if self.command == "PUT" else ""
        with self.server.write_lock:
            store.update(f"{drop}INSERT DATA {into}")
        self._send(204 if exists else 201, b"", "text/plain")


def describe(server: SparqlServer) -> str:
    """Lines to print when the server starts."""
    mode = "writable" if server.writable else "read-only"
    lines = [f"kg: serving {server.label} ({mode}) at {server.url}/"]
    lines.append(f"  query:  {server.url}/query")
    if server.writable:
        lines.append(f"  update: {server.url}/update")
        lines.append(f"  graphs: {server.url}/store?graph=IRI")
    return "\n".join(lines)
