"""What the preview server accepts: requests to its own address from its own pages, decoded paths,
query values it understands, and a bounded number of connections and event streams.

A web page on another site can make the browser send requests to 127.0.0.1 (DNS rebinding gives
that site's name to this address): the Host header names the site, so a request whose Host is not
this server's address is refused, and an event stream (or any request carrying an Origin) only
answers this server's own pages.
"""

from __future__ import annotations

import logging
import threading
from email.message import Message
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_CONNECTIONS = 64  # threads answering at once; more connections wait in the listen queue
MAX_STREAMS = 16  # open event streams (one per preview tab); more are told to retry later
SOCKET_TIMEOUT_S = 60.0  # a connection that sends nothing, or reads nothing, is dropped


class BadRequest(Exception):
    """A request the server will not answer: (status, reason)."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def check_addressed_to_us(headers: Message, path: str, port: int) -> None:
    """Refuse a request whose Host is not this server's address or, for the event stream and any
    request that carries one, whose Origin is another site."""
    ours = {f"{HOST}:{port}", f"localhost:{port}"}
    if (headers.get("Host") or "").strip().lower() not in ours:
        raise BadRequest(HTTPStatus.FORBIDDEN, "this preview answers only requests to its own address")
    origin = headers.get("Origin")
    if (origin is not None or path.split("?")[0] == "/events") and origin not in {None, *(f"http://{h}" for h in ours)}:
        raise BadRequest(HTTPStatus.FORBIDDEN, "this preview answers only its own pages")


def path_parts(path: str) -> list[str]:
    """The path's segments, percent-decoded (the page links quote meeting ids and names)."""
    try:
        parts = [unquote(p, errors="strict") for p in path.split("/") if p]
    except UnicodeDecodeError:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the path is not UTF-8 text") from None
    if any(p in {".", ".."} or "/" in p or "\\" in p or "\0" in p for p in parts):
        raise BadRequest(HTTPStatus.NOT_FOUND, "no such page")
    return parts


def query_values(text: str) -> dict[str, str]:
    try:
        return {k: v[-1] for k, v in parse_qs(text, max_num_fields=16, errors="strict").items()}
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "bad query") from None


class PreviewServer(ThreadingHTTPServer):
    """http.server's threading server with its threads bounded: a page (or anything else on the
    machine) opening connections without end makes later ones wait, not the process run out."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], handler: Any) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        self.stopping = False

    def process_request(self, request: Any, client_address: Any) -> None:
        self.slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()
