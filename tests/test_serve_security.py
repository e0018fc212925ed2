"""`kg serve` tried as an attacker would (issue 15): probes against a real `kg serve` process.

- request forgery through the server (SSRF): a SERVICE or LOAD aimed at a loopback listener must
  not reach it, however it is spelled, unless the user allowed it by name;
- request forgery through the browser (CSRF): a cross-origin form POST gets 403 and changes nothing,
  writes need the run's token, a foreign Host (DNS rebinding) is refused, no CORS by default;
- runaway queries: a query over its time limit is stopped, its process and memory freed, also when
  the client has gone; answers are streamed, not buffered in the server;
- malformed requests (negative Content-Length, bad chunk size, oversized chunked body, slow or idle
  clients) get an HTTP error or are closed, never a traceback.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.store import EndpointStore, OxigraphStore, StoreError

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
TIMEOUT = 30
G = "https://w3id.org/vnkg/id/graph/probe.txt"
P = "http://example.org/p"
SECRET = "internal-secret-7f3a"
LINUX = sys.platform.startswith("linux")


def _make_store(path: Path, triples: int = 3) -> Path:
    s = OxigraphStore(path)
    lines = "".join(f'<http://example.org/s{i}> <{P}> "v{i}" <{G}> .\n' for i in range(triples))
    s.replace_graphs({G: lines})
    s.close()
    return path


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_store(tmp_path_factory.mktemp("small") / "store")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 triples: a three-way cross join has 8 million rows, a four-way one 1.6 billion."""
    return _make_store(tmp_path_factory.mktemp("big") / "store", 200)


# -- a real `kg serve` ----------------------------------------------------------------------------
@dataclass
class Served:
    proc: subprocess.Popen[str]
    url: str
    token: str | None
    stderr: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
    ) -> tuple[int, dict[str, str], bytes]:
        req = urllib.request.Request(self.url + path, data=body, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()

    def query(self, sparql: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", "/query?query=" + urllib.parse.quote(sparql), headers=headers)

    def count(self) -> int:
        status, _, body = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    def workers(self) -> set[int]:
        return _children(self.proc.pid)


def _children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


def _status(pid: int, key: str) -> int:
    """A /proc/PID/status field in kB (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


@pytest.fixture
def serve() -> Iterator[object]:
    started: list[Served] = []

    def start(store: Path, *flags: str) -> Served:
        proc = subprocess.Popen(
            [*KG, "serve", "--store", str(store), "--port", "0", *flags],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert proc.stderr is not None
        lines: list[str] = []
        while True:
            line = proc.stderr.readline()
            if not line:
                pytest.fail("kg serve stopped: " + "".join(lines))
            lines.append(line)
            if "queries stop after" in line:
                break
        first = next(x for x in lines if "serving" in x)
        m = re.search(r" at (http://\S+?)/?$", first.strip())
        assert m, first
        tok = next((re.search(r"Bearer (\S+)", x) for x in lines if "Bearer" in x), None)
        served = Served(proc, m.group(1), tok.group(1) if tok else None, lines)

        def drain() -> None:
            assert proc.stderr is not None
            for x in proc.stderr:
                served.stderr.append(x)

        threading.Thread(target=drain, daemon=True).start()
        started.append(served)
        return served

    yield start
    for s in started:
        s.proc.send_signal(signal.SIGINT)
        try:
            s.proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            s.proc.kill()
            s.proc.wait(TIMEOUT)
        assert not any("Traceback" in x for x in s.stderr), "".join(s.stderr)


# -- a loopback listener: the internal service an attacker wants to reach ----------------------------
class Listener:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.hits.append(conn.recv(65536))
                    body = SECRET.encode()
                    conn.sendall(
                        b"HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%b"
                        % (len(body), body)
                    )
                except OSError:
                    pass

    def url(self, path: str = "secret") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        self._stop = True
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


def _service_queries(target: str) -> list[str]:
    """Ways to write a federated query (all must be refused)."""
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SeRvIcE # a comment\n <{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX : <{target}#> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ {{ SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }}"
        " } } } }",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER(?c<?b&&'x>') SERVICE <{target}> {{ ?s ?p ?o }} FILTER('y') }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{target}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ ?a ?b "v1"SERVICE<{target}>{{ ?s ?p ?o }} }}',
    ]


def _probe_service(server: Served, target: str) -> list[int]:
    statuses = []
    for q in _service_queries(target):
        for how in ("get", "post", "form"):
            if how == "get":
                status, headers, body = server.query(q)
            elif how == "post":
                status, headers, body = server.request(
                    "POST", "/query", q.encode(), {"Content-Type": "application/sparql-query"}
                )
            else:
                form = urllib.parse.urlencode({"query": q}).encode()
                status, headers, body = server.request(
                    "POST", "/query", form, {"Content-Type": "application/x-www-form-urlencoded"}
                )
            assert SECRET.encode() not in body
            assert "access-control-allow-origin" not in headers
            statuses.append(status)
    return statuses


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_ssrf_service_never_reaches_a_loopback_listener(serve, small_store: Path, listener: Listener) -> None:  # type: ignore[no-untyped-def]
    server = serve(small_store)
    statuses = _probe_service(server, listener.url())
    assert set(statuses) == {403}, statuses
    time.sleep(0.3)
    assert listener.hits == []
    status, _, body = server.query(f"SELECT * WHERE {{ SERVICE <{listener.url()}> {{ ?s ?p ?o }} }}")
    assert b"--allow-service" in body
    # The word inside a string literal, a comment or an IRI is not a SERVICE call.
    for harmless in [
        f"SELECT ?s WHERE {{ ?s <{P}> ?o FILTER(?o != 'SERVICE <{listener.url()}> {{}}') }}",
        f"SELECT ?s WHERE {{ ?s <{P}> ?o }} # SERVICE <{listener.url()}> {{}}",
        "SELECT ?s WHERE { ?s <http://example.org/serviceType> ?o }",
        "SELECT ?service WHERE { ?service ?p ?o }",
    ]:
        status, _, body = server.query(harmless)
        assert status == 200, (harmless, body)
    assert listener.hits == []


def test_allow_service_is_what_lets_the_request_out(serve, small_store: Path, listener: Listener) -> None:  # type: ignore[no-untyped-def]
    # The control: the same probe does see the request once the user allows federation by name.
    server = serve(small_store, "--allow-service")
    status, _, _ = server.query(f"SELECT * WHERE {{ SERVICE <{listener.url()}> {{ ?s ?p ?o }} }}")
    assert status == 500
    assert listener.hits and listener.hits[0].startswith(b"POST /secret")


def test_load_is_refused_unless_allowed(serve, small_store: Path, tmp_path: Path, listener: Listener) -> None:  # type: ignore[no-untyped-def]
    store = _make_store(tmp_path / "w")
    server = serve(store, "--writable")
    assert server.token
    auth = {"Authorization": f"Bearer {server.token}", "Content-Type": "application/sparql-update"}
    before = server.count()
    for update in [
        f"LOAD <{listener.url()}>",
        f"load silent <{listener.url()}> into graph <http://example.org/g>",
        f"INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }}"
        f" WHERE {{ SERVICE <{listener.url()}> {{ ?s ?p ?o }} }}",
    ]:
        status, _, body = server.request("POST", "/update", update.encode(), auth)
        assert status == 403, body
    time.sleep(0.3)
    assert listener.hits == []
    assert server.count() == before
    # --allow-load needs --writable, and with both the fetch happens (the control).
    proc = subprocess.run(
        [*KG, "serve", "--store", str(small_store), "--allow-load"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "--allow-load needs --writable" in proc.stderr
    allowed = serve(_make_store(tmp_path / "w2"), "--writable", "--allow-load")
    auth["Authorization"] = f"Bearer {allowed.token}"
    status, _, _ = allowed.request("POST", "/update", f"LOAD SILENT <{listener.url('data')}>".encode(), auth)
    assert status == 204
    assert any(h.startswith(b"GET /data") for h in listener.hits)


def test_csrf_cross_origin_form_posts_change_nothing(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(_make_store(tmp_path / "w"), "--writable")
    token = server.token
    assert token
    before = server.count()
    insert = "INSERT DATA { GRAPH <http://example.org/evil> { <http://e/a> <http://e/b> <http://e/c> } }"
    evil = {"Origin": "http://evil.example"}
    attempts = [
        # A plain HTML form on another site: no preflight, urlencoded, text/plain or multipart.
        (
            "POST",
            "/update",
            urllib.parse.urlencode({"update": insert}).encode(),
            "application/x-www-form-urlencoded",
            evil,
        ),
        ("POST", "/update", insert.encode(), "text/plain", evil),
        (
            "POST",
            "/update",
            b"--b\r\n\r\n" + insert.encode() + b"\r\n--b--",
            "multipart/form-data; boundary=b",
            evil,
        ),
        (
            "POST",
            "/store?graph=http%3A%2F%2Fexample.org%2Fevil",
            b"<http://e/a> <http://e/b> <http://e/c> .",
            "text/plain",
            evil,
        ),
        # Even with the token, a foreign origin or a form content type is refused.
        (
            "POST",
            "/update",
            insert.encode(),
            "application/sparql-update",
            {**evil, "Authorization": f"Bearer {token}"},
        ),
        ("POST", "/update", insert.encode(), "text/plain", {"Authorization": f"Bearer {token}"}),
        (
            "PUT",
            "/store?graph=http%3A%2F%2Fexample.org%2Fevil",
            b"<http://e/a> <http://e/b> <http://e/c> .",
            "application/n-triples",
            {**evil, "Authorization": f"Bearer {token}"},
        ),
        # A page of another site on this machine (same-site for the browser) is a foreign origin too.
        (
            "POST",
            "/update",
            insert.encode(),
            "application/sparql-update",
            {"Origin": "http://localhost:8000", "Authorization": f"Bearer {token}"},
        ),
        (
            "POST",
            "/update",
            insert.encode(),
            "application/sparql-update",
            {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Authorization": f"Bearer {token}"},
        ),
    ]
    for method, path, body, ctype, headers in attempts:
        status, resp_headers, text = server.request(method, path, body, {"Content-Type": ctype, **headers})
        assert status == 403, (method, path, ctype, headers, text)
        assert "access-control-allow-origin" not in resp_headers
    # Without the token: 401, naming the header; with a wrong one too.
    for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token}):
        status, headers, text = server.request(
            "POST", "/update", insert.encode(), {"Content-Type": "application/sparql-update", **auth}
        )
        assert status == 401 and b"Authorization: Bearer" in text
    # The preflight that would let a page PUT or DELETE gets no CORS answer.
    status, headers, _ = server.request(
        "OPTIONS", "/store", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "PUT"}
    )
    assert status == 403 and "access-control-allow-origin" not in headers
    assert server.count() == before
    # The control: the same update from a program with the token is written.
    status, _, _ = server.request(
        "POST",
        "/update",
        insert.encode(),
        {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {token}"},
    )
    assert status == 204 and server.count() == before + 1
    # kg's own client reads the token from $KG_ENDPOINT_TOKEN.
    store = EndpointStore(f"{server.url}/query", gsp_url=f"{server.url}/store", token=token)
    store.replace_graphs(
        {"http://example.org/g2": "<http://e/a> <http://e/b> <http://e/d> <http://example.org/g2> .\n"}
    )
    assert server.count() == before + 2


def test_reads_from_other_origins_and_dns_rebinding_are_refused(serve, small_store: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(small_store)
    q = "ASK { ?s ?p ?o }"
    status, headers, _ = server.query(q)
    assert status == 200 and "access-control-allow-origin" not in headers
    status, _, body = server.query(q, {"Origin": "http://evil.example"})
    assert status == 403
    # DNS rebinding: the page's name now points at 127.0.0.1, so the browser sends its own Host.
    status, _, body = server.query(q, {"Host": f"evil.example:{server.port}"})
    assert status == 403 and b"--allow-host" in body
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        assert server.query(q, {"Host": host})[0] == 200
    # Same origin (the page at / posting its form) is fine; a cross-site subresource is not.
    assert server.query(q, {"Origin": f"http://localhost:{server.port}"})[0] == 200
    assert server.query(q, {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"})[0] == 403
    assert server.query(q, {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})[0] == 200


def test_cors_allows_one_origin_to_read_and_none_to_write(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = "http://app.example:3000"
    server = serve(_make_store(tmp_path / "w"), "--writable", "--cors", app + "/")
    status, headers, _ = server.query("ASK { ?s ?p ?o }", {"Origin": app})
    assert status == 200 and headers["access-control-allow-origin"] == app and headers["vary"] == "Origin"
    status, headers, _ = server.request(
        "OPTIONS", "/query", headers={"Origin": app, "Access-Control-Request-Method": "POST"}
    )
    assert status == 204 and headers["access-control-allow-origin"] == app
    assert "Authorization" not in headers["access-control-allow-headers"]
    status, headers, _ = server.request(
        "OPTIONS", "/store", headers={"Origin": app, "Access-Control-Request-Method": "PUT"}
    )
    assert status == 403 and "access-control-allow-origin" not in headers
    status, _, _ = server.request(
        "POST",
        "/update",
        b"CLEAR ALL",
        {
            "Origin": app,
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {server.token}",
        },
    )
    assert status == 403
    assert server.query("ASK { ?s ?p ?o }", {"Origin": "http://other.example"})[0] == 403
    bad = subprocess.run(
        [*KG, "serve", "--store", str(tmp_path / "w"), "--cors", "*"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "one origin" in bad.stderr


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_query_timeout_stops_the_query_and_frees_its_memory(serve, big_store: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(big_store, "--query-timeout", "2", "--workers", "1")
    (worker,) = server.workers()
    before = _status(worker, "VmRSS") + _status(server.proc.pid, "VmRSS")
    t0 = time.monotonic()
    status, _, body = server.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i")
    elapsed = time.monotonic() - t0
    assert status == 503 and b"longer than 2 s" in body and b"--query-timeout" in body
    assert elapsed < 15
    assert not Path(f"/proc/{worker}").exists()  # the process that ran it is gone, with its memory
    # A new worker answers the next query; the server's memory is back where it was.
    assert server.count() == 200
    (fresh,) = server.workers()
    after = _status(fresh, "VmRSS") + _status(server.proc.pid, "VmRSS")
    assert after < before + 50_000, (before, after)
    # The same for a query that only computes (no memory growth), and for a path query.
    for q in (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a (<{P}>|!<http://example.org/q>)* ?b . ?c ?d ?e . ?f ?g ?h }}",
    ):
        t0 = time.monotonic()
        assert server.query(q)[0] == 503
        assert time.monotonic() - t0 < 15


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_a_query_whose_client_left_is_stopped(serve, big_store: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(big_store, "--workers", "1")  # the default time limit, 60 s
    (worker,) = server.workers()
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        urllib.request.urlopen(f"{server.url}/query?query={urllib.parse.quote(q)}", timeout=1)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{worker}").exists()
    assert server.count() == 200


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_large_answers_are_streamed_not_buffered(serve, big_store: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(big_store)
    peak_before = _status(server.proc.pid, "VmHWM")
    q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 300000"
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
    conn.request("GET", "/query?format=csv&query=" + urllib.parse.quote(q))
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Transfer-Encoding") == "chunked"
    size = rows = 0
    while chunk := resp.read(1 << 20):
        size += len(chunk)
        rows += chunk.count(b"\n")
    conn.close()
    assert rows == 300001 and size > 40_000_000
    grown = _status(server.proc.pid, "VmHWM") - peak_before
    assert grown < 30_000, f"the server's peak memory grew by {grown} kB for a {size} byte answer"


def test_max_results_caps_with_a_signal(serve, big_store: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(big_store, "--max-results", "5")
    status, headers, body = server.query(f"SELECT ?s WHERE {{ ?s <{P}> ?o }}")
    assert status == 200 and headers["kg-truncated"] == "max-results=5"
    assert len(json.loads(body)["results"]["bindings"]) == 5
    status, headers, body = server.request(
        "GET", "/query?format=nt&query=" + urllib.parse.quote(f"CONSTRUCT WHERE {{ ?s <{P}> ?o }}")
    )
    assert status == 200 and headers["kg-truncated"] == "max-results=5" and len(body.splitlines()) == 5
    status, headers, _ = server.query(f"SELECT ?s WHERE {{ ?s <{P}> 'v1' }}")
    assert status == 200 and "kg-truncated" not in headers
    with pytest.raises(StoreError, match="cut the answer short"):
        EndpointStore(f"{server.url}/query").query(f"SELECT ?s WHERE {{ ?s <{P}> ?o }}")


# -- malformed requests ---------------------------------------------------------------------------
def _raw(port: int, data: bytes, read_timeout: float = TIMEOUT) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as s:
        s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            out += chunk
    return out


def test_malformed_bodies_get_an_http_error(serve, small_store: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve(small_store)
    head = b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    cases = {
        b"Content-Length: -5\r\n\r\nASK {}": b"400",
        b"Content-Length: abc\r\n\r\nASK {}": b"400",
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\nASK {}\r\n0\r\n\r\n": b"400",
        b"Transfer-Encoding: chunked\r\n\r\n-6\r\nASK {}\r\n0\r\n\r\n": b"400",
        b"Transfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n": b"400",
        b"Transfer-Encoding: gzip\r\n\r\n": b"501",
        b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n": b"200",
    }
    for rest, status in cases.items():
        reply = _raw(server.port, head + rest)
        assert reply.startswith(b"HTTP/1.1 " + status), (rest, reply[:200])
    assert _raw(server.port, b"GARBAGE\r\n\r\n").startswith(b"HTTP/1.1 400")


@pytest.mark.parametrize("chunks", [1, 200])
def test_oversized_chunked_body_is_refused_while_reading(serve, small_store: Path, chunks: int) -> None:  # type: ignore[no-untyped-def]
    """200 MB sent as one chunk or as 200 chunks of 1 MB: refused (413) after a few MB."""
    server = serve(small_store)
    total = 200 * (1 << 20)
    piece = b"#" * (1 << 20)
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as s:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n")
        s.sendall(b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            if chunks == 1:
                s.sendall(b"%x\r\n" % total)
            while sent < total:
                s.sendall(b"%x\r\n%b\r\n" % (len(piece), piece) if chunks > 1 else piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = b""
        try:
            while part := s.recv(65536):
                reply += part
        except (ConnectionResetError, TimeoutError):
            pass
    assert sent < 40 * (1 << 20), f"the server read {sent} bytes before refusing"
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]


def test_ipv6_loopback(serve, small_store: Path) -> None:  # type: ignore[no-untyped-def]
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    server = serve(small_store, "--host", "::1")
    assert server.url.startswith("http://[::1]:")
    assert server.count() == 3
    assert server.query("ASK {}", {"Host": f"localhost:{server.port}"})[0] == 200
