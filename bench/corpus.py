"""Generate a synthetic project of many meetings of realistic size from the five seed meetings.

    python bench/corpus.py OUT [--meetings 200]
    python bench/corpus.py OUT --documents 1000     # a conference of 1,000 documents (125 meetings in two languages)
    python bench/corpus.py OUT --languages es,fr    # each meeting also in Spanish and French (default: es)

Meeting n is a copy of seed meeting n mod 5 (all its files, so its size and structure are a real
meeting's), recombined with another seed's venue and series, and given its own id and short
title. References inside a meeting (people, sessions, themes) stay those of its seed, so every
generated meeting validates. content/themes.yaml is copied as it is.

Each meeting also has a complete language edition in every language of `languages`
(content/<id>/translations/<lang>.yaml, as `reportgen translate import` writes it): the seed's
own translation where it has one for that text (gfmd2014-rt3 in Spanish and French), else the
original text standing in for one, so that every edition builds, with pages as long as real ones.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
# Each meeting makes a rapporteur's report and a chair's summary, each as PDF and DOCX, in its own
# language and in each edition's.
KINDS_AND_FORMATS = 4
LANGUAGES = ("es",)  # the editions besides the original (English)


def documents_per_meeting(languages: Sequence[str] = LANGUAGES) -> int:
    return KINDS_AND_FORMATS * (1 + len(languages))



def meetings_for(documents: int, languages: Sequence[str] = LANGUAGES) -> int:
    return -(-documents // documents_per_meeting(languages))


def _meeting_part(folder: Path) -> tuple[Path, dict]:
    """The file of a meeting folder that holds the `meeting:` facts, loaded."""
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "meeting" in data:
            return path, data
    raise SystemExit(f"{folder}: no file with meeting facts")


def write_editions(out: Path, ids: Sequence[str], languages: Sequence[str]) -> None:
    """A complete translation file per meeting and language: the seed's translation of a text
    where it has one with the same fingerprint, else the original text standing in."""
    from reportgen.content.language_files import load_language_file, translation_path, write_language_file
    from reportgen.content.model import load_meetings
    from reportgen.content.translations import fingerprint, text_fields
    from reportgen.core.project import Project

    project, seeds = Project(out), Project(REPO)
    meetings = load_meetings(project, ids)
    for language in languages:
        real = {seed: load_language_file(seeds, seed, language).entries for seed in seeds.meeting_ids()}
        for meeting_id in ids:
            known = real[meeting_id.rsplit("-", 1)[0]]
            entries = []
            for field in text_fields(meetings[meeting_id].doc):
                source = fingerprint(field.source)
                entry = known.get(field.key)
                text = entry.text if entry is not None and entry.source == source else field.source
                entries.append((field.key, source, text, field.source))
            write_language_file(translation_path(project, meeting_id, language), language, entries,
                                title=f"{language} edition of {meeting_id} (synthetic: bench/corpus.py)")


def generate(out: Path, count: int, languages: Sequence[str] = LANGUAGES) -> list[str]:
    content = REPO / "content"
    seeds = sorted(p.parent.name for p in content.glob("*/meeting.yaml"))
    facts = {s: _meeting_part(content / s)[1]["meeting"] for s in seeds}
    (out / "content").mkdir(parents=True, exist_ok=True)
    shutil.copy2(content / "themes.yaml", out / "content" / "themes.yaml")
    ids = []
    for n in range(count):
        seed, other = seeds[n % len(seeds)], seeds[(n * 3 + 1) % len(seeds)]
        meeting_id = f"{seed}-{n:03d}"
        target = out / "content" / meeting_id
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(content / seed, target)
        path, data = _meeting_part(target)
        data["meeting"]["venue"] = facts[other]["venue"]
        data["meeting"]["short_title"] = f"{facts[seed]['short_title']} (synthetic {n:03d})"
        if "series" in facts[other]:
            data["meeting"]["series"] = facts[other]["series"]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        shutil.rmtree(target / "translations", ignore_errors=True)  # the seed's: written again below for this meeting
        ids.append(meeting_id)
    if languages:
        write_editions(out, ids, languages)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="project folder to write (its content/ is created)")
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help="editions besides the original, comma-separated (default: %(default)s; '' for none)")
    parser.add_argument("--documents", type=int, help="as many meetings as make this many documents "
                                                      f"({KINDS_AND_FORMATS} per meeting and language)")
    args = parser.parse_args()
    languages = [code for code in args.languages.split(",") if code]
    ids = generate(args.out, meetings_for(args.documents, languages) if args.documents else args.meetings, languages)
    print(f"{len(ids)} meetings in {args.out / 'content'}, each in {1 + len(languages)} languages "
          f"({len(ids) * documents_per_meeting(languages)} documents)")


if __name__ == "__main__":
    main()
