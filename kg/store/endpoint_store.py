"""Any SPARQL 1.1 endpoint (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso) over HTTP.

Queries use the SPARQL 1.1 Protocol; graph replacement uses the Graph Store Protocol (``PUT``, an
atomic replace) when a GSP URL is known, else a SPARQL Update ``DROP SILENT GRAPH`` + ``INSERT DATA``
in one request. The server must expose the union of named graphs as its default graph (Oxigraph:
``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``; GraphDB and
Virtuoso do so by default). Before the first query is answered, a probe checks it: a triple of some
named graph must be in the default graph; a server without the union would answer every query with
zero rows, so it is refused with a message saying what to change (while it holds no named graph the
probe is repeated at the next query).

A bearer token (``token``, from ``$KG_ENDPOINT_TOKEN`` through :func:`kg.store.open_store`) is sent as
``Authorization: Bearer ...`` with every request: ``kg serve --writable`` prints one per run and
accepts writes only with it. An answer that the server cut short (``kg serve --max-results``, header
``KG-Truncated``) is an error, never a silently shorter result.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping

from kg.store.base import GraphInfo, QueryResult, StoreError, Term, term_to_sparql
from kg.store.binding import bind
from kg.store.provenance import SOURCE_GRAPHS_QUERY, graph_infos

__all__ = ["EndpointStore"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
TRUNCATED_HEADER = "KG-Truncated"


def _term(b: dict[str, str] | None) -> Term | None:
    if b is None:
        return None
    kind = b.get("type")
    if kind == "uri":
        return Term("iri", b["value"])
    if kind == "bnode":
        return Term("bnode", b["value"])
    dt = b.get("datatype")
    if dt == _XSD_STRING:
        dt = None
    return Term("literal", b["value"], dt, b.get("xml:lang"))


def _nt(t: Term) -> str:
    if t.kind == "bnode":
        return f"_:{t.value}"
    return term_to_sparql(t)


class EndpointStore:
    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        timeout: float = 60.0,
        token: str | None = None,
    ) -> None:
        if not re.match(r"https?://", query_url):
            raise StoreError(f"endpoint {query_url!r}: not an http(s) URL")
        self.name = f"sparql:{query_url}"
        self.query_url = query_url
        if update_url is None and query_url.endswith("/query"):
            update_url = query_url[: -len("query")] + "update"
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.timeout = timeout
        self.token = token or None
        self._union_checked = False

    # -- HTTP -----------------------------------------------------------------------------------
    def _request(self, url: str, data: bytes | None, headers: dict[str, str], method: str = "POST") -> bytes:
        if self.token:
            headers = {**headers, "Authorization": f"Bearer {self.token}"}
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                cut = resp.headers.get(TRUNCATED_HEADER)
                if cut:
                    raise StoreError(
                        f"endpoint {url}: the server cut the answer short ({cut}); "
                        "ask for fewer rows, or serve without --max-results"
                    )
                return resp.read()
        except urllib.error.HTTPError as e:
            body = e.read()[:500].decode("utf-8", "replace")
            hint = ""
            if e.code == 401:
                hint = " (set KG_ENDPOINT_TOKEN to the token `kg serve --writable` printed)"
            raise StoreError(f"endpoint {url}: HTTP {e.code} {e.reason}: {body.strip()}{hint}") from None
        except urllib.error.URLError as e:
            raise StoreError(f"endpoint {url}: cannot connect ({e.reason})") from None
        except TimeoutError:
            raise StoreError(f"endpoint {url}: timed out after {self.timeout:g} s") from None

    def _update(self, sparql_update: str) -> None:
        if not self.update_url:
            raise StoreError(f"endpoint {self.query_url}: no update URL (give --update-endpoint)")
        self._request(
            self.update_url,
            sparql_update.encode("utf-8"),
            {"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    # -- Store interface ------------------------------------------------------------------------
    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        for g, nquads in graphs.items():
            suffix = f" <{g}> .\n"
            triples = "".join(
                (line[: -len(suffix)] + " .\n") if line.endswith(suffix) else line
                for line in nquads.splitlines(keepends=True)
            )
            if self.gsp_url:
                url = f"{self.gsp_url}?graph={urllib.parse.quote(g, safe='')}"
                self._request(url, triples.encode("utf-8"), {"Content-Type": "application/n-triples"}, "PUT")
            else:
                self._update(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{triples}}} }}")

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        gs = list(graphs)
        if gs:
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in gs))

    def source_graphs(self) -> dict[str, GraphInfo]:
        return graph_infos(self.query(SOURCE_GRAPHS_QUERY))

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        try:
            q = bind(sparql, bindings)
        except ValueError as e:
            raise StoreError(str(e)) from None
        if not self._union_checked:
            self._check_union_default_graph()
        return self._select(q)

    def _check_union_default_graph(self) -> None:
        """Refuse a server whose default graph is not the union of its named graphs (see the module)."""
        probe = self._select(
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o)) } } LIMIT 1"
        )
        if not probe.rows or any(t is None for t in probe.rows[0]):
            return  # no named graph yet: nothing to compare, ask again next time
        g, s, p, o = probe.rows[0]
        assert g is not None and s is not None and p is not None and o is not None
        ask = self._select(f"ASK {{ {_nt(s)} {_nt(p)} {_nt(o)} }}")
        if ask.rows and ask.rows[0][0] is not None and ask.rows[0][0].value == "true":
            self._union_checked = True
            return
        raise StoreError(
            f"endpoint {self.query_url}: its default graph is not the union of its named graphs (a triple "
            f"of graph <{g.value}> is not in it), so every query would answer 0 rows. Serve the union as "
            "the default graph: `oxigraph serve --union-default-graph`; Fuseki: tdb2:unionDefaultGraph "
            "true; GraphDB and Virtuoso do it by default"
        )

    def _select(self, q: str) -> QueryResult:
        raw = self._request(
            self.query_url,
            q.encode("utf-8"),
            {
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
        )
        text = raw.decode("utf-8")
        if text.lstrip().startswith("{"):
            doc = json.loads(text)
            if "boolean" in doc:
                return QueryResult(["ask"], [(Term("literal", "true" if doc["boolean"] else "false"),)])
            variables = doc["head"].get("vars", [])
            rows = [tuple(_term(b.get(v)) for v in variables) for b in doc["results"]["bindings"]]
            return QueryResult(variables, rows)
        from kg.store.ntriples import parse_ntriples_line

        triples = [parse_ntriples_line(line) for line in text.splitlines() if line.strip()]
        return QueryResult(["subject", "predicate", "object"], [t for t in triples if t])

    def dump(self, fmt: str) -> Iterator[bytes]:
        if fmt == "nq":
            res = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            for s, p, o, g in res.rows:
                if s and p and o and g:
                    yield f"{_nt(s)} {_nt(p)} {_nt(o)} {_nt(g)} .\n".encode()
            return
        if fmt in {"nt", "ttl"}:
            res = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
            for s, p, o in res.rows:
                if s and p and o:
                    yield f"{_nt(s)} {_nt(p)} {_nt(o)} .\n".encode()
            return
        raise StoreError(f"export format {fmt!r} is not available from an endpoint (use nq or nt)")

    def count(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        v = res.rows[0][0] if res.rows else None
        return int(v.value) if v is not None else 0

    def close(self) -> None:
        pass
