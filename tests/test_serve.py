"""`kg serve`: the embedded store as a SPARQL 1.1 Protocol endpoint, read-only unless --writable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve import ServeOptions, SparqlServer, describe, make_server
from kg.store import EndpointStore, OxigraphStore, StoreError, literal

G1 = "https://w3id.org/vnkg/id/graph/a.txt"
G2 = "https://w3id.org/vnkg/id/graph/b.txt"
P = "http://example.org/p"
DATA = (
    f'<http://example.org/a> <{P}> "Tỉnh ủy Cần Thơ" <{G1}> .\n'
    f'<http://example.org/b> <{P}> "x \\" y" <{G2}> .\n'
    f"<http://example.org/b> <{P}> <http://example.org/a> <{G2}> .\n"
)
TIMEOUT = 10
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def _make_store(path: Path) -> Path:
    s = OxigraphStore(path)
    s.replace_graphs({G1: DATA.splitlines(keepends=True)[0], G2: "".join(DATA.splitlines(keepends=True)[1:])})
    s.close()
    return path


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[object]:
    started: list[tuple[SparqlServer, threading.Thread]] = []

    def start(writable: bool = False) -> SparqlServer:
        store_dir = tmp_path / f"store-{len(started)}"
        _make_store(store_dir)
        server = make_server(store_dir, "127.0.0.1", 0, options=ServeOptions(writable=writable, workers=1))
        t = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        t.start()
        started.append((server, t))
        return server

    yield start
    for server, t in started:
        server.shutdown()
        server.server_close()
        t.join(TIMEOUT)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def _post(
    url: str, body: bytes, ctype: str, headers: dict[str, str] | None = None, method: str = "POST"
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(
        url, data=body, headers={"Content-Type": ctype, **(headers or {})}, method=method
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def _delete(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers, method="DELETE")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


SELECT = f"SELECT ?s ?o WHERE {{ ?s <{P}> ?o }} ORDER BY ?s ?o"


def test_get_query_json_union_default_graph_no_cors(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    status, headers, body = _get(f"{server.url}/query?query={urllib.parse.quote(SELECT)}")
    assert status == 200
    assert headers["content-type"].startswith("application/sparql-results+json")
    assert "access-control-allow-origin" not in headers
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["s", "o"]
    values = [(b["s"]["value"], b["o"]["value"]) for b in doc["results"]["bindings"]]
    assert values == [
        ("http://example.org/a", "Tỉnh ủy Cần Thơ"),
        ("http://example.org/b", "http://example.org/a"),
        ("http://example.org/b", 'x " y'),
    ]


@pytest.mark.parametrize(
    ("accept", "ctype", "first_line"),
    [
        ("text/csv", "text/csv", "s,o"),
        ("text/tab-separated-values", "text/tab-separated-values", "?s\t?o"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
    ],
)
def test_post_direct_query_formats(server_factory, accept: str, ctype: str, first_line: str) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    status, headers, body = _post(
        f"{server.url}/query", SELECT.encode(), "application/sparql-query", {"Accept": accept}
    )
    assert status == 200
    assert headers["content-type"].startswith(ctype)
    assert body.decode().startswith(first_line)


def test_post_form_and_format_parameter(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    form = urllib.parse.urlencode({"query": SELECT, "format": "csv"}).encode()
    status, headers, body = _post(f"{server.url}/query", form, "application/x-www-form-urlencoded")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.decode().splitlines()[1] == "http://example.org/a,Tỉnh ủy Cần Thơ"


def test_construct_ntriples_and_turtle(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    q = urllib.parse.quote(f"CONSTRUCT {{ ?s <{P}> ?o }} WHERE {{ ?s <{P}> ?o FILTER(isLiteral(?o)) }}")
    status, headers, body = _get(f"{server.url}/query?query={q}")
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    assert sorted(body.decode().splitlines()) == [
        f'<http://example.org/a> <{P}> "Tỉnh ủy Cần Thơ" .',
        f'<http://example.org/b> <{P}> "x \\" y" .',
    ]
    status, headers, body = _get(f"{server.url}/query?query={q}", {"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert "Tỉnh ủy Cần Thơ" in body.decode()


def test_ask_and_errors(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    status, _, body = _get(f"{server.url}/query?query={urllib.parse.quote('ASK { ?s ?p ?o }')}")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = _get(f"{server.url}/query?query={urllib.parse.quote('SELECT WHERE {')}")
    assert status == 400 and b"syntax" in body.lower()
    status, _, _ = _get(f"{server.url}/query")
    assert status == 400
    status, _, _ = _get(f"{server.url}/nowhere")
    assert status == 404


def test_read_only_refuses_update_and_graph_writes(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    status, _, body = _post(f"{server.url}/update", b"DROP ALL", "application/sparql-update")
    assert status == 403
    assert b"read-only" in body and b"--writable" in body
    status, _, body = _post(
        f"{server.url}/store?graph={urllib.parse.quote(G1)}", b"", "application/n-triples", method="PUT"
    )
    assert status == 403
    status, _, _ = _post(
        f"{server.url}/store?graph={urllib.parse.quote(G1)}", b"", "text/plain", method="DELETE"
    )
    assert status == 403
    # Reading a graph is allowed, and nothing was changed.
    status, _, body = _get(f"{server.url}/store?graph={urllib.parse.quote(G1)}")
    assert status == 200 and "Tỉnh ủy Cần Thơ" in body.decode()
    assert EndpointStore(f"{server.url}/query").count() == 3


def test_options_without_cors_and_html_page(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    status, headers, _ = _post(f"{server.url}/query", b"", "text/plain", method="OPTIONS")
    assert status == 204
    assert "access-control-allow-origin" not in headers
    assert "POST" in headers["allow"]
    status, headers, body = _get(f"{server.url}/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert '<form action="/query"' in page and "read-only" in page


def test_endpoint_store_reads_with_bound_parameters(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    store = EndpointStore(f"{server.url}/query", timeout=TIMEOUT)
    res = store.query(f"SELECT ?s WHERE {{ ?s <{P}> ?o }}", {"o": literal("Tỉnh ủy Cần Thơ")})
    assert res.column("s") == ["http://example.org/a"]
    # An injection attempt is one literal that matches nothing.
    res = store.query(f"SELECT ?s WHERE {{ ?s <{P}> ?o }}", {"o": literal('" } ; DROP ALL ; #')})
    assert res.rows == []
    with pytest.raises(StoreError, match="403"):
        store.remove_graphs([G1])


@pytest.mark.parametrize("use_gsp", [True, False])
def test_writable_update_and_graph_store(server_factory, use_gsp: bool) -> None:  # type: ignore[no-untyped-def]
    server = server_factory(writable=True)
    token = server.options.token
    assert token and len(token) >= 32
    auth = {"Authorization": f"Bearer {token}"}
    store = EndpointStore(
        f"{server.url}/query",
        gsp_url=f"{server.url}/store" if use_gsp else None,
        timeout=TIMEOUT,
        token=token,
    )
    new = f'<http://example.org/c> <{P}> "mới" <{G1}> .\n'
    store.replace_graphs({G1: new})
    rows = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{G1}> {{ ?s <{P}> ?o }} }}").rows
    assert [(s.value, o.value) for s, o in rows] == [("http://example.org/c", "mới")]
    store.remove_graphs([G2])
    assert store.count() == 1
    status, _, _ = _get(f"{server.url}/store?graph={urllib.parse.quote(G2)}")
    assert status == 404
    status, _, _ = _post(
        f"{server.url}/store?graph={urllib.parse.quote(G2)}",
        b"<http://example.org/d> <http://example.org/p> 1 .",
        "text/turtle",
        auth,
        method="PUT",
    )
    assert status == 201
    assert store.count() == 2
    status, _, _ = _delete(f"{server.url}/store?graph={urllib.parse.quote(G2)}", auth)
    assert status == 204
    assert store.count() == 1
    # Without the token, or with another one, nothing is written.
    status, headers, body = _delete(f"{server.url}/store?graph={urllib.parse.quote(G1)}", {})
    assert status == 401 and headers["www-authenticate"].startswith("Bearer") and b"token" in body
    status, _, _ = _delete(
        f"{server.url}/store?graph={urllib.parse.quote(G1)}", {"Authorization": "Bearer x"}
    )
    assert status == 401
    assert store.count() == 1
    with pytest.raises(StoreError, match="KG_ENDPOINT_TOKEN"):
        EndpointStore(f"{server.url}/query", timeout=TIMEOUT).remove_graphs([G1])


def test_kg_serve_command(tmp_path: Path) -> None:
    _make_store(tmp_path / "store")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*KG, "serve", "--store", str(tmp_path / "store"), "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        assert m, line
        status, _, body = _get(
            f"{m.group(1)}/query?query={urllib.parse.quote('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')}"
        )
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"
    finally:
        proc.terminate()
        proc.wait(TIMEOUT)


def test_kg_serve_without_store_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*KG, "serve", "--store", str(tmp_path / "none"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2
    assert "no store there yet" in proc.stderr


def test_describe_names_the_token_and_the_limits(tmp_path: Path) -> None:
    _make_store(tmp_path / "store")
    options = ServeOptions(writable=True, workers=1, query_timeout=5, max_results=100)
    server = make_server(tmp_path / "store", "127.0.0.1", 0, options=options)
    try:
        text = describe(server)
    finally:
        server.server_close()
    token = server.options.token
    assert token is not None
    assert f"Authorization: Bearer {token}" in text and f"KG_ENDPOINT_TOKEN={token}" in text
    assert "stop after 5 s" in text and "at most 100 results" in text and "SERVICE and LOAD refused" in text
    # Each run has its own token.
    again = make_server(tmp_path / "store", "127.0.0.1", 0, options=options)
    again.server_close()
    assert again.options.token != token


def test_make_server_takes_a_directory() -> None:
    with pytest.raises(TypeError, match="directory"):
        make_server(ox.Store(), "127.0.0.1", 0)  # type: ignore[arg-type]


# -- where the store is: options > environment > kg.toml (kg.config) -----------------------------
@pytest.mark.parametrize(
    ("args", "env", "file", "expected"),
    [
        ({}, {}, None, (None, None, "default")),
        ({}, {}, '[store]\npath = "data/st"\n', ("data/st", None, "file")),
        ({}, {"KG_STORE": "env-st"}, '[store]\npath = "data/st"\n', ("env-st", None, "env")),
        ({"store_dir": "opt"}, {"KG_ENDPOINT": "http://e/query"}, None, ("opt", None, "option")),
        (
            {},
            {"KG_ENDPOINT": "http://e/query"},
            '[store]\npath = "data/st"\n',
            (None, "http://e/query", "env"),
        ),
        ({"endpoint": "http://o/query"}, {"KG_STORE": "env-st"}, None, (None, "http://o/query", "option")),
    ],
)
def test_config_precedence(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: dict[str, str],
    env: dict[str, str],
    file: str | None,
    expected: tuple[str | None, str | None, str],
) -> None:
    from kg.config import resolve

    monkeypatch.chdir(tmp_path)
    for k in ("KG_STORE", "KG_ENDPOINT", "KG_UPDATE_ENDPOINT", "KG_GSP_ENDPOINT", "KG_CONFIG"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    if file is not None:
        (tmp_path / "kg.toml").write_text(file, encoding="utf-8")
    cfg = resolve(**args)
    assert (cfg.path, cfg.endpoint, cfg.source) == expected


def test_config_file_endpoint_urls_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.config import ConfigError, resolve
    from kg.store import open_store

    monkeypatch.chdir(tmp_path)
    for k in ("KG_STORE", "KG_ENDPOINT", "KG_UPDATE_ENDPOINT", "KG_GSP_ENDPOINT"):
        monkeypatch.delenv(k, raising=False)
    conf = tmp_path / "elsewhere.toml"
    conf.write_text(
        '[store]\nendpoint = "http://h/query"\nupdate_endpoint = "http://h/up"\ngsp_endpoint = "http://h/store"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KG_CONFIG", str(conf))
    store = open_store()
    assert isinstance(store, EndpointStore)
    assert (store.query_url, store.update_url, store.gsp_url) == (
        "http://h/query",
        "http://h/up",
        "http://h/store",
    )
    # Another endpoint on the command line does not inherit the file's update/GSP URLs.
    other = resolve(endpoint="http://x/query")
    assert (other.endpoint, other.update_endpoint, other.gsp_endpoint) == ("http://x/query", None, None)
    conf.write_text("[store]\nendpont = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key store\.endpont"):
        resolve()
    conf.write_text("[store\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        resolve()


def test_endpoint_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.store import open_store

    monkeypatch.setenv("KG_ENDPOINT_TOKEN", "tok-123")
    store = open_store(endpoint="http://127.0.0.1:7878/query")
    assert isinstance(store, EndpointStore) and store.token == "tok-123"
    monkeypatch.delenv("KG_ENDPOINT_TOKEN")
    store = open_store(endpoint="http://127.0.0.1:7878/query")
    assert isinstance(store, EndpointStore) and store.token is None


def test_kg_serve_on_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    _make_store(tmp_path / "store")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [*KG, "serve", "--store", str(tmp_path / "store"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr and "Traceback" not in proc.stderr
