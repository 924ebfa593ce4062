"""The page `reportgen serve` shows: the meetings and their documents, and the current one."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from ..core.project import output_path
from .state import MeetingState

STYLE = """
body{margin:0;font:14px/1.4 system-ui,sans-serif;display:flex;height:100vh}
nav{width:16rem;overflow:auto;background:#f4f4f4;border-right:1px solid #ccc;padding:.5rem 1rem}
nav h2{font-size:1rem;margin:.8rem 0 .2rem} nav ul{list-style:none;padding:0;margin:0 0 .5rem}
nav a.current{font-weight:bold} main{flex:1;display:flex;flex-direction:column}
#status{padding:.3rem 1rem;border-bottom:1px solid #ccc;color:#444}
iframe{flex:1;border:0;width:100%} #problems{padding:1rem 2rem;overflow:auto}
#problems pre{background:#fff3f3;border-left:4px solid #c00;padding:.8rem;white-space:pre-wrap}
"""

# Reload when the meeting on screen changes: the preview as soon as it is rendered again, the
# PDF once it is written; an error (or its fix) at once.
SCRIPT = """
const shown = document.body.dataset;
const events = new EventSource('/events?since=' + shown.serial);
events.addEventListener('update', (message) => {
  const event = JSON.parse(message.data);
  if (event.meeting !== shown.meeting) return;
  const wanted = shown.view === 'pdf' ? ['files', 'error'] : ['html', 'error'];
  if (wanted.includes(event.stage) || shown.state === 'error') location.reload();
});
"""


FACTS = re.compile(r'data-facts="([^"]*)"')
# Generated sentences in the preview: a faint underline, the facts they come from on hover.
FACTS_STYLE = "<style>[data-facts]:hover{background:#fff4c2;outline:1px dotted #b08800}</style>"


def with_fact_titles(document: str) -> str:
    """The preview HTML with a title (hover text) on every generated sentence naming its facts."""
    def title(match: re.Match[str]) -> str:
        facts = match.group(1)
        return f'{match.group(0)} title="From {facts.replace(" ", ", ")}"' if facts else match.group(0)

    return FACTS.sub(title, document).replace("</head>", FACTS_STYLE + "</head>", 1)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _clock(when: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(when)) if when else "–"


def _navigation(root: Path, formats: Sequence[str], meetings: list[str], kinds: list[str], current: str | None,
                kind: str) -> str:
    out = ["<nav><h1>reportgen</h1>"]
    for meeting_id in meetings:
        out.append(f"<h2>{esc(meeting_id)}</h2><ul>")
        for k in kinds:
            css = ' class="current"' if (meeting_id, k) == (current, kind) else ""
            links = [f'<a{css} href="/m/{quote(meeting_id)}/{quote(k)}">{esc(k)}</a>']
            for fmt in formats:
                name = f"{meeting_id}-{k}.{fmt}"
                if (root / meeting_id / name).is_file():
                    view = f"/m/{quote(meeting_id)}/{quote(k)}?view=pdf" if fmt == "pdf" else f"/out/{quote(meeting_id)}/{quote(name)}"
                    links.append(f'<a href="{view}">{fmt.upper()}</a>')
            out.append(f"<li>{' · '.join(links)}</li>")
        out.append("</ul>")
    out.append("</nav>")
    return "".join(out)


def _document(meeting_id: str, kind: str, state: MeetingState, view: str, last_good: bool, language: str | None) -> tuple[str, str]:
    """The main area, and the state it shows ('error' or 'document')."""
    base = f"/m/{quote(meeting_id)}/{quote(kind)}"
    if state.problems is not None and not last_good:
        link = (f'<p><a id="last-good" href="{base}?last-good=1&amp;view={esc(view)}">Show the last good document</a></p>'
                if kind in state.html else "<p>There is no good version of this document yet.</p>")
        problems = "\n".join(esc(line) for line in state.problems)
        return (f'<div id="problems"><h2>This document cannot be built: fix the content and save</h2>'
                f'<pre id="problem-list">{problems}</pre>{link}</div>'), "error"
    if kind not in state.html:
        return '<div id="problems"><p>Nothing to show for this document.</p></div>', "error"
    stamp = int(state.files_at if view == "pdf" else state.rendered_at)
    if view == "pdf":
        src = f"/out/{quote(meeting_id)}/{quote(output_path(Path(), meeting_id, kind, 'pdf', language).name)}?v={stamp}"
    else:
        src = f"/preview/{quote(meeting_id)}/{quote(kind)}?v={stamp}"
    older = (f'<p id="status">Showing the last good version. <a href="{base}">See the current problems</a></p>'
             if last_good and state.problems else "")
    return f'{older}<iframe id="document" title="document" src="{src}"></iframe>', "document"


def page(root: Path, formats: Sequence[str], meetings: list[str], kinds: list[str], meeting_id: str | None, kind: str,
         state: MeetingState | None, *, view: str, last_good: bool, serial: int, language: str | None = None) -> str:
    """The whole page for one meeting and kind."""
    if meeting_id is None or state is None:
        main, shown, status = "<div id='problems'><p>No meetings in content/.</p></div>", "empty", ""
    else:
        main, shown = _document(meeting_id, kind, state, view, last_good, language)
        base = f"/m/{quote(meeting_id)}/{quote(kind)}"
        switch = (f'<a href="{base}">HTML preview</a>' if view == "pdf" else f'<a href="{base}?view=pdf">PDF</a>')
        files = f"files written {_clock(state.files_at)} ({state.files_seconds:.1f} s)" if state.files_at else "files being written"
        if state.files_error:
            files = f"files not written: {esc(state.files_error.splitlines()[0])}"
        if state.problems is not None:
            files = "files kept as last built"
        status = (f'<div id="status"><b>{esc(meeting_id)}</b> · {esc(kind)} · {switch} · '
                  f"rendered {_clock(state.rendered_at)} ({state.render_seconds:.2f} s) · {files}</div>")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>reportgen preview'
            f'{" – " + esc(meeting_id) if meeting_id else ""}</title><style>{STYLE}</style></head>'
            f'<body data-meeting="{esc(meeting_id or "")}" data-view="{esc(view)}" data-state="{shown}" data-serial="{serial}">'
            f"{_navigation(root, formats, meetings, kinds, meeting_id, kind)}<main>{status}{main}</main>"
            f"<script>{SCRIPT}</script></body></html>")
