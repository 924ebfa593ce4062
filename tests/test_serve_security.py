"""`reportgen serve` trusts no web page (issue 16): its own address only (Host, Origin), only files
the build would accept, decoded paths, bounded event streams, 400 on bad query values; and a
property test over the URL space: never a 500, never a byte of a file outside what the build reads.

The server runs in this process, on a copy of one meeting whose project print.css is a symbolic
link to a file outside the project (the build refuses it, so no document is written and the
preview shows that problem) and whose output folder holds one real file and links leading out.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.build.batch import Settings
from reportgen.core.project import Project
from reportgen.serve.guard import MAX_STREAMS
from reportgen.serve.server import make_server

from .conftest import REPO

SECRET = b"SECRET-OUTSIDE-THE-PROJECT"
REAL = b"PK-a-real-output-file"


class Server:
    def __init__(self, port: int, root: Path) -> None:
        self.port = port
        self.root = root
        self.host = f"127.0.0.1:{port}"

    def get(self, path: str, host: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """One raw GET: the path sent as given (as UTF-8 bytes), Host as given (None sends none)."""
        lines = [f"GET {path} HTTP/1.1", *([f"Host: {host}"] if host is not None else []),
                 *(f"{k}: {v}" for k, v in (headers or {}).items()), "Connection: close"]
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
            response = http.client.HTTPResponse(sock, method="GET")
            response.begin()
            head = {k.lower(): v for k, v in response.getheaders()}
            body = b"" if head.get("content-type", "").startswith("text/event-stream") else response.read()
            response.close()
            return response.status, head, body


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("serve-security")
    (base / "secret.css").write_bytes(SECRET)
    (base / "secret.pdf").write_bytes(SECRET)
    root = base / "project"
    shutil.copytree(REPO / "content" / "gfmd2010", root / "content" / "gfmd2010")
    shutil.copy(REPO / "content" / "themes.yaml", root / "content" / "themes.yaml")
    (root / "templates").mkdir()
    (root / "templates" / "print.css").symlink_to(base / "secret.css")
    out = root / "output" / "gfmd2010"
    out.mkdir(parents=True)
    (out / "gfmd2010-chair-summary.docx").write_bytes(REAL)
    (out / "gfmd2010-secret.pdf").symlink_to(base / "secret.pdf")
    (out / "gfmd2010-folder.pdf").symlink_to(base, target_is_directory=True)
    httpd, preview = make_server(Project(root), "gfmd2010", Settings(formats=("docx",)), 0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield Server(httpd.server_address[1], root)
    finally:
        httpd.stopping = True
        httpd.shutdown()
        httpd.server_close()
        preview.close()


def test_own_address_is_served(server: Server) -> None:
    for host in (server.host, f"localhost:{server.port}"):
        status, head, body = server.get("/m/gfmd2010", host)
        assert status == 200 and head["content-type"] == "text/html; charset=utf-8" and b"gfmd2010" in body


@pytest.mark.parametrize("host", [None, "", "evil.example", f"evil.example:{{port}}", "127.0.0.1", "127.0.0.1:1", "[::1]:{port}"])
def test_another_host_is_refused(server: Server, host: str | None) -> None:
    status, _, body = server.get("/m/gfmd2010", host if host is None else host.format(port=server.port))
    assert status == 403 and b"this preview answers only requests to its own address" in body
    assert b"gfmd2010" not in body


def test_event_stream_from_another_site_is_refused(server: Server) -> None:
    status, _, body = server.get("/events", server.host, {"Origin": "http://evil.example"})
    assert status == 403 and b"this preview answers only its own pages" in body
    status, _, _ = server.get("/m/gfmd2010", server.host, {"Origin": "http://evil.example"})
    assert status == 403


@pytest.mark.parametrize(("path", "reason"), [("/events?since=%C2%B2", b"since must be an event number"),
                                              ("/events?since=-1", b"since must be an event number"),
                                              ("/events?since=" + "9" * 5000, b"since must be an event number"),
                                              ("/m/gfmd2010?view=source", b"view must be one of html, pdf"),
                                              ("/m/gfmd2010?view=%FF", b"bad query"),
                                              ("/m/%FF", b"the path is not UTF-8 text")])
def test_bad_query_values_are_400(server: Server, path: str, reason: bytes) -> None:
    status, _, body = server.get(path, server.host)
    assert status == 400 and reason in body


def test_symlinked_print_css_is_refused_as_the_build_refuses_it(server: Server) -> None:
    for path in ("/style/gfmd2010/0.css", "/style.css"):  # the preview links only the stylesheets the build accepted
        status, _, body = server.get(path, server.host)
        assert status == 404 and SECRET not in body
    status, _, body = server.get("/m/gfmd2010", server.host)
    assert status == 200 and b"leads outside" in body and SECRET not in body  # the preview shows the build's refusal


def test_output_files_only_as_the_build_wrote_them(server: Server) -> None:
    assert server.get("/out/gfmd2010/gfmd2010-chair-summary.docx", server.host)[2] == REAL
    for name in ("gfmd2010-secret.pdf", "gfmd2010-folder.pdf", "gfmd2010-%2E%2E%2Fsecret.pdf", "gfmd2010-..%2F..%2F..%2Fsecret.pdf"):
        status, _, body = server.get(f"/out/gfmd2010/{name}", server.host)
        assert status == 404 and SECRET not in body, name


def test_paths_are_percent_decoded(server: Server) -> None:
    status, _, body = server.get("/m/gfmd%32010/chair%2Dsummary", server.host)
    assert status == 200 and b'data-meeting="gfmd2010"' in body and b'class="current" href="/m/gfmd2010/chair-summary"' in body
    assert server.get("/out/gfmd2010/gfmd2010%2Dchair-summary.docx", server.host)[2] == REAL


def test_event_streams_are_bounded(server: Server) -> None:
    held = []
    try:
        for _ in range(MAX_STREAMS):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
            sock.sendall(f"GET /events HTTP/1.1\r\nHost: {server.host}\r\n\r\n".encode())
            assert sock.recv(64).startswith(b"HTTP/1.0 200")
            held.append(sock)
        status, head, _ = server.get("/events", server.host)
        assert status == 503 and head["retry-after"] == "5"
        assert server.get("/m/gfmd2010", server.host)[0] == 200  # pages are still answered
    finally:
        for sock in held:
            sock.close()


SEGMENTS = st.sampled_from(["m", "out", "preview", "events", "style.css", "style", "0.css", "1.css", "gfmd2010", "chair-summary", "rapporteur-report",
                            "gfmd2010-chair-summary.docx", "gfmd2010-secret.pdf", "gfmd2010-folder.pdf", "..", ".", "%2e%2e",
                            "%2F", "%00", "%FF", "%C3%A9", "é", "secret.css", "..%2Fsecret.css", "%252e", "", "~", "\\..\\"])
QUERY = st.lists(st.tuples(st.sampled_from(["since", "view", "last-good", "v", "x"]),
                           st.one_of(st.sampled_from(["", "0", "1", "²", "-1", "pdf", "html", "%FF", "%00", "9" * 30]),
                                     st.text(alphabet=st.characters(codec="ascii", exclude_characters="&#= \r\n"), max_size=8))),
                 max_size=4)
HOSTS = st.one_of(st.none(), st.just("ours"), st.sampled_from(["evil.example", "localhost", "127.0.0.1:80", "LOCALHOST:{port}"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segments=st.lists(SEGMENTS, max_size=5), query=QUERY, host=HOSTS, trailing=st.booleans())
def test_url_space_never_500_never_outside(server: Server, segments: list[str], query: list[tuple[str, str]], host: str | None,
                                           trailing: bool) -> None:
    path = "/" + "/".join(segments) + ("/" if trailing else "")
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query)
    status, head, body = server.get(path, server.host if host == "ours" else (host.format(port=server.port) if host else None))
    assert status < 500 or status == 503, (path, status)
    assert SECRET not in body, path
    if status == 200 and not head.get("content-type", "").startswith(("text/html", "text/event-stream")):
        assert body == REAL, (path, head)
