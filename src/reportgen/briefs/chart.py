"""The overview chart of a brief: themes × meetings as a dot matrix, with participation beside it.

Drawn with matplotlib (object API, Agg canvas, no pyplot state): SVG for the PDF (vector, text
kept as text so it stays searchable) and PNG for Word, which python-docx cannot give an SVG.
Fonts, hash salt and metadata are fixed so that unchanged content gives identical files.
Both images go into the HTML as data: URIs (the <img> of the HTML contract), so nothing is
written outside the output folder.
"""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..content import schema

log = logging.getLogger(__name__)

PARTICIPANTS = ("participants",)
"""Units counted as participants for the participation bars."""

# Later families give the glyphs the first ones lack (Arabic, Chinese labels of a brief in those languages).
FONT = ["Liberation Sans", "Arial", "DejaVu Sans", "Amiri", "Noto Sans CJK SC"]  # those installed, in this order
WIDTH_CM = 16.0
PNG_DPI = 200
DOT = "#1f4e79"
BAR = "#7f7f7f"


@dataclass(frozen=True)
class Chart:
    """The chart in both forms, as data: URIs."""

    svg: str
    png: str
    alt: str


def participants(facts: schema.Meeting) -> schema.Figure | None:
    """The meeting's headcount: its first participation figure counted in participants."""
    return next((f for f in facts.participation if f.unit.strip().casefold() in PARTICIPANTS), None)


def _uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def overview_chart(meetings: Sequence[str], themes: Sequence[str], counts: Sequence[Sequence[int]],
                   participants: Sequence[int | None], alt: str, participants_label: str = "Participants",
                   no_figure: str = "no figure") -> Chart:
    """Dot matrix (rows: themes, columns: meetings in order of date, dot area and number: count)
    and, under it, a bar per meeting of its participants when at least one meeting has a figure."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    families = [f for f in FONT if f in installed] or ["sans-serif"]  # a missing family would be warned about on every chart
    rc = {"font.family": families, "font.size": 7.5, "svg.fonttype": "none",
          "svg.hashsalt": "reportgen", "axes.linewidth": 0.5, "xtick.major.width": 0.5, "ytick.major.width": 0.5}
    with matplotlib.rc_context(rc):
        with_bars = any(p is not None for p in participants)
        rows = len(themes) + (3.2 if with_bars else 0)
        fig = Figure(figsize=(WIDTH_CM / 2.54, 0.65 + 0.14 * rows), layout="constrained")
        if with_bars:  # participation under the matrix, one bar per meeting column
            grid = fig.add_gridspec(2, 1, height_ratios=[len(themes), 3.2])
            ax = fig.add_subplot(grid[0, 0])
            bars = fig.add_subplot(grid[1, 0], sharex=ax)
        else:
            ax = fig.add_subplot(1, 1, 1)
            bars = None
        _matrix(ax, meetings, themes, counts, labelled=bars is None)
        if bars is not None:
            _participation(bars, meetings, participants, no_figure, participants_label)
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    log.debug("chart: %d themes x %d meetings", len(themes), len(meetings))
    return Chart(_uri("image/svg+xml", svg.getvalue()), _uri("image/png", png.getvalue()), alt)


def _matrix(ax, meetings: Sequence[str], themes: Sequence[str], counts: Sequence[Sequence[int]], labelled: bool) -> None:  # type: ignore[no-untyped-def]
    peak = max((n for row in counts for n in row), default=0) or 1
    for y, row in enumerate(counts):
        for x, n in enumerate(row):
            if n:
                ax.scatter([x], [y], s=18 + 260 * n / peak, color=DOT, alpha=0.85, linewidths=0)
                big = n / peak > 0.25  # the number inside a large dot, beside a small one
                ax.annotate(str(n), (x, y), xytext=(0, 0) if big else (7, 0), textcoords="offset points",
                            ha="center" if big else "left", va="center", color="white" if big else "black", fontsize=6.5)
    ax.set_xticks(range(len(meetings)), labels=list(meetings))
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(themes)), labels=list(themes))
    ax.set_xlim(-0.6, len(meetings) - 0.4)
    ax.set_ylim(len(themes) - 0.5, -0.5)
    ax.grid(True, color="#d9d9d9", linewidth=0.4)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    for side in ("bottom", "right"):
        ax.spines[side].set_visible(False)


def _participation(ax, meetings: Sequence[str], participants: Sequence[int | None], no_figure: str, label: str) -> None:  # type: ignore[no-untyped-def]
    xs = list(range(len(meetings)))
    values = [p or 0 for p in participants]
    ax.bar(xs, values, color=BAR, width=0.45)
    top = max(values) or 1
    for x, p in zip(xs, participants):
        ax.annotate(no_figure if p is None else str(p), (x, p or 0), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=6.5, color="#595959" if p is None else "black")
    ax.set_ylim(0, top * 1.3)
    ax.set_yticks([])
    ax.set_ylabel(label, rotation=0, ha="right", va="center")
    ax.tick_params(length=0, labelbottom=False)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
