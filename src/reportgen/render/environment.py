"""Render a report kind's Jinja template to semantic HTML (the contract in contract.py)."""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from lxml import etree
from markupsafe import Markup, escape

from ..content import schema
from .contract import check_html
from .editorial import editorial_rules
from ..core.errors import TemplateProblem, UsageProblem, did_you_mean
from ..style.houses import DEFAULT_HOUSE, House, Options
from ..style.labels import Labels
from .markup import inline, paragraphs, plain
from .mentions import cite_documents, cite_documents_plain, holder_name, informative, speaker_line
from ..style.grammar import contract
from ..content.model import Meeting, theme_labels
from .sentences import gist
from .markers import list_marker
from .summary import lead_in, summary_document
from ..content.participants import participant_groups
from ..content.traverse import walk
from ..core.project import is_inside
from ..style.country_names import CountryNames
from ..style.phrases import Phrases
from ..style.search_path import default_templates_dir
from .assembly import Assembler
from ..core.sandbox import security_message, template_environment

log = logging.getLogger(__name__)

TEMPLATE_SUFFIX = ".html.j2"


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Reads templates only from inside its folder: a symbolic link leading elsewhere is an error."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None and not is_inside(Path(filename), self.folder):
            raise TemplateProblem(f"{filename}: leads outside {self.folder} (through a symbolic link); "
                                  "templates are read only from the template folders")
        return source, filename, uptodate


class Renderer:
    """A Jinja environment over the template search path (project templates first)."""

    def __init__(self, search_path: Sequence[Path]) -> None:
        self.search_path = list(search_path)
        self.env = template_environment([_ConfinedLoader(d) for d in self.search_path], autoescape=True,
                                        finalize=_cite_documents_everywhere)
        self.env.filters.update(
            paras=paragraphs,
            plain=plain,
            holder=_holder,
            mention=mention,
            gist=gist,
            lead_in=lead_in,
            marker=list_marker,
            informative=informative,
        )

    def kinds(self) -> list[str]:
        """Report kinds: every top-level template named <kind>.html.j2 (base templates start with _)."""
        names = self.env.list_templates(filter_func=lambda n: n.endswith(TEMPLATE_SUFFIX) and "/" not in n)
        return sorted({n.removesuffix(TEMPLATE_SUFFIX) for n in names if not n.startswith("_")})

    def render(self, kind: str, context: dict[str, Any]) -> str:
        """Report kind `kind` rendered and checked against the HTML contract."""
        name = kind + TEMPLATE_SUFFIX
        try:
            self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise UsageProblem(f"unknown report kind '{kind}'{did_you_mean(kind, self.kinds())} (available: {', '.join(self.kinds())})") from None
        except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
            pass  # reported by render_template
        html, where = self.render_template(name, context)
        labels = context.get("labels")
        try:
            if isinstance(labels, Labels):
                html = editorial_rules(html, labels)
            check_html(html, where)
        except etree.ParserError:  # nothing but white space and comments
            raise TemplateProblem(f"{where}: renders no HTML at all (an empty template?)") from None
        return html

    def render_template(self, name: str, context: dict[str, Any]) -> tuple[str, str]:
        """Template `name` rendered in the sandbox, and the file it was read from; every failure
        of the template (syntax, undefined names, leaving the sandbox, errors while rendering) is
        one TemplateProblem naming the file and line."""
        try:
            template = self.env.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateProblem(f"template '{exc.name}' not found in {', '.join(map(str, self.search_path))}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from None
        except UnicodeDecodeError as exc:
            raise TemplateProblem(f"{self._find(name)}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        try:
            html = template.render(context)
        except jinja2.TemplateSyntaxError as exc:  # in a template it includes, imports or extends
            raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from None
        except UnicodeDecodeError as exc:
            raise TemplateProblem(f"{_template_location(exc, template)}: a template it uses is not UTF-8 text ({exc.reason})") from None
        except TemplateProblem:
            raise
        except SecurityError as exc:
            raise TemplateProblem(f"{_template_location(exc, template)}: {security_message(exc)}") from None
        except RecursionError:
            raise TemplateProblem(f"{template.filename or name}: templates include, extend or call themselves without end") from None
        except Exception as exc:  # templates are user code: any failure is theirs, reported by location
            raise TemplateProblem(f"{_template_location(exc, template)}: {type(exc).__name__}: {exc}") from None
        return html, template.filename or name

    def _find(self, name: str) -> str:
        """The file the loader reads for template `name` (project templates first)."""
        return next((str(d / name) for d in self.search_path if (d / name).is_file()), name)


def _template_location(exc: Exception, template: jinja2.Template) -> str:
    """file:line of the innermost template frame in the traceback, for render-time errors."""
    tb = exc.__traceback__
    where = template.filename or template.name or "template"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


# --------------------------------------------------------------------------- context helpers


@jinja2.pass_context
def _holder(context: Any, holder: schema.RoleHolder, article: bool = False, full: bool = False, after: str = "") -> str:
    """`holder | holder`: a role holder in the words of the document's labels; `holder(true)` in
    running text; `holder(full=true)` a person with honorific and post; `holder(true, after=labels.on_behalf_of)`
    the words before it too, contracted as the labels say ('au nom du Comité', not 'au nom de le Comité')."""
    labels = context.get("labels")
    name = holder_name(holder, labels, article=article, full=full)
    if not after:
        return name
    rules = labels.get("contractions") if labels is not None else None
    return contract(f"{after} ", name, rules or {})


@jinja2.pass_context
def mention(context: Any, ref: schema.SpeakerRef, short: bool = True, *_: Any) -> str:
    """`ref | mention`: a speaker's line in a programme (mentions.speaker_line) in the document's words."""
    return speaker_line(ref, context.get("labels"), context.get("m"), short=short)


@jinja2.pass_context
def _cite_documents_everywhere(context: Any, value: Any) -> Any:
    """Every value a template prints: a [doc:id] in a field printed as it is, not through `md` (a
    chair's note, a participation note), prints the document's reference as `md` does."""
    if not isinstance(value, str) or "[doc:" not in value:
        return value
    references = getattr(context.get("md"), "documents", None)
    if not references:
        return value
    if isinstance(value, Markup):
        return Markup(cite_documents_plain(value, {ident: str(escape(ref)) for ident, ref in references.items()}))
    return cite_documents_plain(value, references)


class Footnotes:
    """Renders text fields, resolving [^id] against the meeting's footnotes. Each note is printed
    once per document, where it is first cited, so a text the template repeats cannot print
    a note twice and shift the numbers of every later one."""

    def __init__(self, notes: dict[str, str], documents: dict[str, str] | None = None,
                 quotes: Sequence[str] | None = None) -> None:
        self.notes = notes
        self.documents = documents or {}
        self.quotes = quotes  # the language's quotation marks (label catalogue key `quotes`)
        self.printed: set[str] = set()

    @classmethod
    def for_meeting(cls, meeting: Meeting, quotes: Sequence[str] | None = None) -> Footnotes:
        """A meeting's footnotes, with its documents as [doc:id] cites them, in the language's quotes."""
        return cls(meeting.doc.footnotes, meeting.document_references(), quotes)

    def __call__(self, text: str) -> Markup:
        return inline(cite_documents(text, self.documents), {"footnotes": self.notes, "printed": self.printed}, self.quotes)


def image_uri(path: Path) -> str:
    """An image file as a data: URI: the HTML carries the picture, no writer reads a file for it."""
    kind = "jpeg" if path.suffix.lower() in {".jpg", ".jpeg"} else "png"
    return f"data:image/{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def generator_for(meeting: Meeting, labels: Labels, search_path: Sequence[Path] | None) -> Any:
    """The template function `generated(block, section_id, level)`: the pieces of a generated block,
    written in the labels' language (the phrase catalogue is loaded only for meetings that use one)."""
    uses = any(isinstance(node, schema.Generate) for _, node in walk([*meeting.doc.body, *meeting.doc.annexes]))
    if not uses:
        return _no_generated
    path = list(search_path) if search_path else [default_templates_dir()]
    assembler = Assembler(meeting, Phrases.load(labels, path), CountryNames.load(path))
    return assembler.block


def _no_generated(*_: Any) -> list[Any]:
    return []


def context_for(meeting: Meeting, labels: Labels, kind: str, *, draft: bool = False, today: dt.date | None = None,
                house: House | None = None, root: Path | None = None, search_path: Sequence[Path] | None = None) -> dict[str, Any]:
    """Everything a report template may use (`root`: the project folder, for the logo's path;
    `search_path`: the template folders, where generated chapters find their phrases)."""
    house = house or House(DEFAULT_HOUSE, DEFAULT_HOUSE, "", Options())
    logo = meeting.document.logo
    place = meeting.place(labels["and"])
    when = labels.date_range(meeting.facts.start, meeting.facts.end)
    summary_doc = summary_document(meeting, labels["chair_summary"], f"{place}, {when}" if place else when)
    return {
        "generated": generator_for(meeting, labels, search_path),
        "house": house,
        "logo_uri": image_uri(root / logo) if logo and root is not None else "",
        "opt": house.options_for(meeting.document),
        "m": meeting,
        "doc": meeting.document,
        "facts": meeting.facts,
        "labels": labels,
        "kind": kind,
        "draft": draft,
        "md": Footnotes.for_meeting(meeting, labels.get("quotes")),
        "date": labels.date,
        "date_range": labels.date_range,
        "time_range": labels.time_range,
        "weekday_date": labels.weekday_date,
        "language_name": labels.language_name,
        "participant_groups": participant_groups,
        "today": today or dt.date.today(),
        "keywords": theme_labels(meeting),
        # A chair's summary's own identity (render/summary.py).
        "summary_doc": summary_doc,
    }
