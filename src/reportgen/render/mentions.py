"""How people, role holders and documents read where a template names them: a role holder with
the capacity it acts in, a speaker's line in a programme, a document cited by id.

Jinja filters and context functions; words come from the label catalogue passed in, so a
language or a project changes them in templates/labels/<lang>.yaml, never here."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..content import schema
from ..content.model import Meeting
from ..content.model_checks import DOC_REF
from ..style.grammar import contract

log = logging.getLogger(__name__)

# English words used when a template calls a filter without the label catalogue.
_DEFAULT_WORDS = {"on_behalf_of": "on behalf of", "read_by": "read out by", "contractions": {},
                  "capacities": {"outgoing": "outgoing", "incoming": "incoming", "ex officio": "ex officio", "acting": "acting"}}
# Leading words an unnamed office may carry that do not change what it names ('the Chair').
_ARTICLES = re.compile(r"^(the|a|an|el|la|los|las|le|les|l')\s+", re.IGNORECASE)


def _word(labels: Any, key: str) -> Any:
    return labels.get(key, _DEFAULT_WORDS[key]) if labels is not None else _DEFAULT_WORDS[key]


def holder_name(holder: schema.RoleHolder, labels: Any = None, *, article: bool = False, full: bool = False) -> str:
    """A role holder as printed: person's name (or post, for an official known only by post),
    organisation's name (with its article in running text), or the country; an office as written,
    followed by the country or organisation it belongs to in brackets; then the capacity. `full`
    gives a named person with honorific and post ('The Honourable A. B., Minister for …')."""
    target = holder.ref
    if isinstance(target, schema.Person):
        name: str | None = target.display_name
        if full and target.name:
            name = ", ".join(x for x in (f"{target.honorific or ''} {target.name}".strip(), target.post) if x)
    elif isinstance(target, schema.Organisation):
        name = target.name_in_text if article else target.name
    else:
        name = target
    if holder.office:
        name = f"{holder.office} ({name})" if name else holder.office
    text = f"{name} {holder.note}" if holder.note else str(name)
    if holder.capacity:
        text += f" ({_word(labels, 'capacities')[holder.capacity]})"
    return text


def informative(holders: Iterable[schema.RoleHolder], *role_words: str) -> list[schema.RoleHolder]:
    """The holders that say more than the role's own name: an unnamed `office: the Chair` under the
    heading 'Chair' would print 'Chair: the Chair', so it is left out."""
    words = {w.casefold() for w in role_words}
    return [h for h in holders if not (h.office and h.ref is None and not h.note and not h.capacity
                                       and _ARTICLES.sub("", h.office).casefold() in words)]


def speaker_line(ref: schema.SpeakerRef, labels: Any = None, meeting: Meeting | None = None, *, short: bool = True) -> str:
    """A speaker or moderator in a programme: 'Ms Ana Moreau, Director, IOM', whom they spoke for,
    who read their statement out, and what they presented.

    The person's `affiliation` is printed as given; without one, the post and the organisation
    (its acronym if it has one) are. The honorific comes first when the person has one."""
    person: schema.Person = ref.ref
    name = (person.short_name or person.display_name) if short else person.display_name
    if person.honorific and person.name:
        name = f"{person.honorific} {name}"
    affiliation = ref.affiliation or person.affiliation
    if affiliation:
        parts = [name, affiliation]
    else:
        org = person.ref if isinstance(person.ref, schema.Organisation) else None
        post = person.post if person.name else None  # an unnamed official's post is already the name
        parts = [name, *(x for x in (post, (org.acronym or org.name) if org else None) if x)]
    text = ", ".join(parts)
    if ref.on_behalf_of:
        # 'au nom de' + 'le Comité' contracts to 'au nom du Comité' (the catalogue's contractions).
        text += contract(f", {_word(labels, 'on_behalf_of')} ", holder_name(ref.on_behalf_of, labels, article=True),
                         _word(labels, "contractions"))
    if ref.read_by and meeting is not None:
        text += f", {_word(labels, 'read_by')} {meeting.people[ref.read_by].display_name}"
    if ref.presented and meeting is not None:
        text += ": " + "; ".join(meeting.document_reference(d, title=True) for d in ref.presented)
    return text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]^~])")


def cite_documents(text: str, references: Mapping[str, str]) -> str:
    """Text with every [doc:id] replaced by the document's reference (validation checked the ids),
    escaped so that Markdown prints it as written."""
    if "[doc:" not in text:
        return text
    return DOC_REF.sub(lambda m: _MARKDOWN_SPECIAL.sub(r"\\\1", references.get(m.group(1), m.group(0))), text)


def cite_documents_plain(text: str, references: Mapping[str, str]) -> str:
    """Text printed as it is (not Markdown) with every [doc:id] replaced by the document's reference."""
    if "[doc:" not in text:
        return text
    return DOC_REF.sub(lambda m: references.get(m.group(1), m.group(0)), text)
