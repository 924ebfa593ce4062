"""`reportgen serve`: a live preview for people editing the YAML.

A small web server on 127.0.0.1 (the standard library's, one thread per request, at most
MAX_CONNECTIONS at once) lists the meetings and their documents and shows the current one: an HTML
preview styled by the house's print stylesheets (as the PDF), or the PDF inline. watchfiles reports
saved files; the meetings they touch are rendered again at once (the preview), then their PDF and
DOCX are written (incrementally; the PDF is laid out by a second process kept warm). Each step is
announced to the open pages with server-sent events, and a page reloads when what it shows has
changed. A content error replaces the document with its problems (file:line, key path); the last
good document stays one click away.

The server trusts no web page: it answers only requests addressed to it by its own address (the
Host header; a page on another site reaching 127.0.0.1 through DNS rebinding is refused) and
event streams only to its own pages (Origin); it serves only files the build itself would read or
write (no symbolic link leading out of the template folders or output root); it decodes
percent-encoded paths, answers bad query values with 400 and bounds its open connections.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import click

from ..build.batch import Settings, plan, run_job
from ..build.meeting import BuildOptions, render_meeting
from ..core.project import Project, is_inside
from ..style.search_path import template_search_path
from .guard import HOST, SOCKET_TIMEOUT_S, BadRequest, PreviewServer, check_addressed_to_us, path_parts, query_values
from .page import page, with_fact_titles
from .state import MeetingState

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150  # how long watchfiles waits for a burst of saves to end
KEEPALIVE_S = 15.0
VIEWS = ("html", "pdf")


class Events:
    """Server-sent events: numbered, the recent ones kept, waited on by every open page. A page
    says which number it was made at, so an event published before it listened is not lost."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.serial = 0
        self.recent: deque[dict[str, Any]] = deque(maxlen=256)

    def publish(self, **event: Any) -> None:
        with self.changed:
            self.serial += 1
            self.recent.append({**event, "serial": self.serial})
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> list[dict[str, Any]]:
        """The events after number `seen` (waiting up to `timeout` for one)."""
        with self.changed:
            self.changed.wait_for(lambda: self.serial > seen, timeout=timeout)
            return [e for e in self.recent if e["serial"] > seen]


class Preview:
    """Renders and builds meetings on demand and on change; one piece of work at a time."""

    def __init__(self, project: Project, settings: Settings, current: str | None = None) -> None:
        self.project = project
        self.settings = settings
        self.current = current
        self.events = Events()
        self.states: dict[str, MeetingState] = {}
        self.work = threading.RLock()  # rendering: one meeting at a time
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="files")  # PDF and DOCX
        self._pending: set[str] = set()
        self._pending_lock = threading.Lock()
        self._alongside: Any = None
        self._closing = False

    # ------------------------------------------------------------------ work

    def kinds(self) -> list[str]:
        from ..build.incremental import report_kinds

        return report_kinds(template_search_path(self.project))

    def state(self, meeting_id: str) -> MeetingState:
        """The meeting's state, rendering and building it first if it was never shown."""
        with self.work:
            if meeting_id not in self.states:
                self.refresh(meeting_id)
            return self.states[meeting_id]

    def refresh(self, meeting_id: str, *, files: bool = True) -> MeetingState:
        """Render the meeting again (announced as 'html'), then have its files written in the
        background ('files'): the next edit need not wait for the PDF."""
        with self.work:
            state = self.states.setdefault(meeting_id, MeetingState())
            started = time.perf_counter()
            try:
                options = BuildOptions(formats=self.settings.formats, kinds=self.settings.kinds, language=self.settings.language,
                                       draft=self.settings.draft, allow_untranslated=self.settings.allow_untranslated)
                rendered, ctx = render_meeting(self.project, meeting_id, options)
            except click.ClickException as exc:
                state.problems = exc.format_message().splitlines()
                state.rendered_at = time.time()
                self.events.publish(meeting=meeting_id, stage="error")
                log.info("%s: %s", meeting_id, state.problems[-1])
                return state
            state.html = {item.kind: item.html for item in rendered}
            state.prepared = (rendered, ctx)
            state.problems = None
            state.rendered_at, state.render_seconds = time.time(), time.perf_counter() - started
            self.events.publish(meeting=meeting_id, stage="html")
        if files:
            self.queue_files(meeting_id)
        return state

    def queue_files(self, meeting_id: str) -> None:
        """Write the meeting's files on the writer thread, once however often it is asked."""
        with self._pending_lock:
            if meeting_id in self._pending:
                return
            self._pending.add(meeting_id)
        self._writer.submit(self._write_files, meeting_id)

    def _write_files(self, meeting_id: str) -> None:
        with self._pending_lock:
            self._pending.discard(meeting_id)
        state = self.states[meeting_id]
        started = time.perf_counter()
        try:
            job = plan(self.project, self.settings, [meeting_id], [])[0]
            outcome = run_job(self.project, self.settings, job, self.alongside(), state.prepared) if job.stale else None
            state.files_error = outcome.error if outcome else None
        except Exception as exc:  # keep the writer thread alive; show what went wrong
            if self._closing:
                return
            log.exception("writing %s", meeting_id)
            state.files_error = f"{type(exc).__name__}: {exc}"
        state.files_at, state.files_seconds = time.time(), time.perf_counter() - started
        self.events.publish(meeting=meeting_id, stage="files")

    def alongside(self) -> Any:
        """A process kept warm that lays out the PDF while this one writes the DOCX."""
        if self._alongside is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from ..writers.output import warm_up

            # forkserver, not fork: this process has threads (server, watcher) by now.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["reportgen.build.meeting", "reportgen.writers.pdf"])
            self._alongside = ProcessPoolExecutor(max_workers=1, mp_context=context)
            self._alongside.submit(warm_up)
        return self._alongside

    def close(self) -> None:
        self._closing = True
        self._writer.shutdown(wait=False, cancel_futures=True)
        if self._alongside is not None:
            self._alongside.shutdown(cancel_futures=True)

    # ------------------------------------------------------------------ watching

    def affected(self, changed: Iterable[Path]) -> list[str]:
        """Meetings to refresh for these changed files, the one on screen first: a meeting's own
        files touch that meeting; themes and templates every meeting shown so far."""
        content = self.project.content_dir.resolve()
        touched: set[str] = set()
        for path in changed:
            path = path.resolve()
            if path.is_relative_to(content):
                parts = path.relative_to(content).parts
                if len(parts) > 1 and parts[0] in self.project.meeting_ids():
                    touched.add(parts[0])
                    continue
                if parts and parts[0] == "briefs":
                    continue
            touched.update(self.states)  # themes, templates, labels, stylesheet
        return sorted(touched & (set(self.states) | {self.current} - {None}), key=lambda m: (m != self.current, m))

    def watch(self, stop: threading.Event) -> None:
        import watchfiles

        folders = [self.project.content_dir, *template_search_path(self.project)]
        for changes in watchfiles.watch(*[f for f in folders if f.is_dir()], debounce=DEBOUNCE_MS, step=50, stop_event=stop):
            for meeting_id in self.affected(Path(p) for _, p in changes):
                self.refresh(meeting_id)


# --------------------------------------------------------------------------- HTTP


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made by serve()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        log.debug("%s " + format, self.address_string(), *args)

    timeout = SOCKET_TIMEOUT_S

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            check_addressed_to_us(self.headers, self.path, self.server.server_address[1])
            url = urlsplit(self.path)
            query = query_values(url.query)
            parts = path_parts(url.path)
        except BadRequest as exc:
            self.send_error(exc.status, str(exc))
            return
        meetings = self.preview.project.meeting_ids()
        try:
            if not parts:
                first = self.preview.current or (meetings[0] if meetings else "")
                self.redirect(f"/m/{quote(first)}" if first else "/m/")
            elif parts[0] == "m":
                self.meeting_page(parts[1:], query, meetings)
            elif parts[0] == "preview" and len(parts) == 3 and parts[1] in meetings:
                self.preview_document(parts[1], parts[2])
            elif parts[0] == "style" and len(parts) == 3 and parts[1] in meetings:
                self.stylesheet(parts[1], parts[2])
            elif parts[0] == "out" and len(parts) == 3 and parts[1] in meetings:
                self.output_file(parts[1], parts[2])
            elif parts == ["events"]:
                self.event_stream(query)
            else:
                self.send_error(HTTPStatus.NOT_FOUND)
        except BadRequest as exc:
            self.send_error(exc.status, str(exc))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass

    # ------------------------------------------------------------------ pages

    def meeting_page(self, parts: list[str], query: dict[str, str], meetings: list[str]) -> None:
        kinds = self.preview.kinds()
        meeting_id = parts[0] if parts else (meetings[0] if meetings else None)
        if meeting_id is not None and meeting_id not in meetings:
            self.send_error(HTTPStatus.NOT_FOUND, "no such meeting")  # never echoed: it could hold any character
            return
        kind = parts[1] if len(parts) > 1 and parts[1] in kinds else (kinds[0] if kinds else "")
        state = None
        serial = self.preview.events.serial  # before the state is read: a later change reloads the page
        if meeting_id is not None:
            self.preview.current = meeting_id
            state = self.preview.state(meeting_id)
        view = query.get("view", "html")
        if view not in VIEWS:
            raise BadRequest(HTTPStatus.BAD_REQUEST, f"view must be one of {', '.join(VIEWS)}")
        body = page(self.preview.settings.root(self.preview.project), self.preview.settings.formats, meetings, kinds, meeting_id, kind, state, view=view,
                    last_good="last-good" in query, serial=serial, language=self.preview.settings.language)
        self.send_bytes(body.encode("utf-8"), "text/html; charset=utf-8")

    def preview_document(self, meeting_id: str, kind: str) -> None:
        state = self.preview.state(meeting_id)
        document = state.html.get(kind)
        if document is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no good render of this document yet")
            return
        # The house's print stylesheets, as the PDF applies them (the shared base, then each house
        # of its chain, then the CSS of its house.yaml measures), plus a sheet of paper around the text.
        sheets = state.prepared[1].stylesheets if state.prepared else []
        links = "".join(f'<link rel="stylesheet" href="/style/{quote(meeting_id)}/{i}.css?v={int(state.rendered_at)}">'
                        for i in range(len(sheets)))
        measures = state.prepared[1].measures.css(state.prepared[1].direction) if state.prepared else ""
        head = (links + f"<style>{measures}</style><style>html{{background:#e8e8e8}}"
                "body{background:#fff;max-width:170mm;margin:12px auto;padding:20mm;box-shadow:0 0 6px #999}</style>")
        document = with_fact_titles(document.replace("</head>", head + "</head>", 1))
        self.send_bytes(document.encode("utf-8"), "text/html; charset=utf-8")

    def stylesheet(self, meeting_id: str, name: str) -> None:
        """The n-th print stylesheet of the meeting's house (only those the PDF writer uses)."""
        state = self.preview.state(meeting_id)
        sheets = state.prepared[1].stylesheets if state.prepared else []
        index = name.removesuffix(".css")
        if not (name.endswith(".css") and index.isdigit() and int(index) < len(sheets)):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_file(sheets[int(index)], "text/css; charset=utf-8")

    def output_file(self, meeting_id: str, name: str) -> None:
        """A file the build wrote: never a symbolic link, never outside the output root."""
        root = self.preview.settings.root(self.preview.project)
        path = root / meeting_id / name
        if (not name.startswith(meeting_id + "-") or path.suffix not in (".pdf", ".docx") or path.is_symlink()
                or not path.is_file() or not is_inside(path, root)):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        kind = "application/pdf" if path.suffix == ".pdf" else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        disposition = "inline" if path.suffix == ".pdf" else "attachment"
        self.send_file(path, kind, {"Content-Disposition": f'{disposition}; filename="{name}"'})

    def event_stream(self, query: dict[str, str]) -> None:
        since = query.get("since")
        if since is not None and not (since.isascii() and since.isdigit() and len(since) <= 18):
            raise BadRequest(HTTPStatus.BAD_REQUEST, "since must be an event number")
        seen = int(since) if since is not None else self.preview.events.serial
        if not self.server.streams.acquire(blocking=False):  # type: ignore[attr-defined]
            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE, "too many open previews")
            self.send_header("Retry-After", "5")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            self._stream(seen)
        finally:
            self.server.streams.release()  # type: ignore[attr-defined]

    def _stream(self, seen: int) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        while not getattr(self.server, "stopping", False):
            events = self.preview.events.wait(seen, KEEPALIVE_S)
            if not events:
                self.wfile.write(b": keep-alive\n\n")
            for event in events:
                seen = event["serial"]
                self.wfile.write(f"event: update\ndata: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()

    # ------------------------------------------------------------------ plumbing

    def redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_bytes(self, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_file(self, path: Path, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_bytes(path.read_bytes(), content_type, headers)


def make_server(project: Project, meeting_id: str | None, settings: Settings, port: int) -> tuple[PreviewServer, Preview]:
    """The server (listening on 127.0.0.1:port) and the preview it answers for."""
    preview = Preview(project, settings, meeting_id)
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    return PreviewServer((HOST, port), handler), preview


def serve(project: Project, meeting_id: str | None, settings: Settings, port: int, on_ready: Any = None) -> None:
    """Serve the preview until interrupted; `on_ready(url)` is called once it listens."""
    server, preview = make_server(project, meeting_id, settings, port)
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), name="watch", daemon=True)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # stop as on Ctrl+C: the DOCX process too
    try:
        if meeting_id is not None:  # the preview first; its files are written while the server answers
            preview.refresh(meeting_id)
        watcher.start()
        url = f"http://{HOST}:{server.server_address[1]}/"
        if on_ready is not None:
            on_ready(url)
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.stopping = True
        server.server_close()
        preview.close()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
