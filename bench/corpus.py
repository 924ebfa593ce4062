"""Generate a synthetic project of many meetings of realistic size from the five seed meetings.

    python bench/corpus.py OUT [--meetings 200]
    python bench/corpus.py OUT --documents 1000     # a conference of 1,000 documents (250 meetings)

Meeting n is a copy of seed meeting n mod 5 (all its files, so its size and structure are a real
meeting's), recombined with another seed's venue and series, and given its own id and short
title. References inside a meeting (people, sessions, themes) stay those of its seed, so every
generated meeting validates. content/themes.yaml is copied as it is.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# Each meeting makes a rapporteur's report and a chair's summary, each as PDF and DOCX. (Language
# editions would multiply this; they are not in the product yet.)
DOCUMENTS_PER_MEETING = 4


def meetings_for(documents: int) -> int:
    return -(-documents // DOCUMENTS_PER_MEETING)


def _meeting_part(folder: Path) -> tuple[Path, dict]:
    """The file of a meeting folder that holds the `meeting:` facts, loaded."""
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "meeting" in data:
            return path, data
    raise SystemExit(f"{folder}: no file with meeting facts")


def generate(out: Path, count: int) -> list[str]:
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
        ids.append(meeting_id)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="project folder to write (its content/ is created)")
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--documents", type=int, help=f"as many meetings as make this many documents ({DOCUMENTS_PER_MEETING} per meeting)")
    args = parser.parse_args()
    ids = generate(args.out, meetings_for(args.documents) if args.documents else args.meetings)
    print(f"{len(ids)} meetings in {args.out / 'content'}")


if __name__ == "__main__":
    main()
