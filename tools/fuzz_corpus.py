"""Run the mutation fuzz corpus in full: validate every mutant, build every distinct valid one in
both formats and every kind, and report any traceback, hang or lost text (the CI test builds only a sample).

    PYTHONPATH=src python3 tools/fuzz_corpus.py [--count 700] [--seed 7] [--meeting gfmd2014-rt3] [--project DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from click.testing import CliRunner  # noqa: E402

from reportgen.build.meeting import BuildOptions, build_meeting  # noqa: E402
from reportgen.cli import main  # noqa: E402
from reportgen.core.project import Project  # noqa: E402
from reportgen.content.validate import check_meeting, load_themes  # noqa: E402
from tests.mutants import mutants  # noqa: E402
from tests.textcheck import body_texts, docx_text, missing, pdf_text  # noqa: E402


def run(count: int, seed: int, meeting_id: str, project_dir: Path) -> int:
    source = (project_dir / "content" / meeting_id / "meeting.yaml").read_text(encoding="utf-8")
    failures = 0
    counts = {"invalid": 0, "valid": 0, "built": 0}
    with tempfile.TemporaryDirectory(prefix="reportgen-fuzz-") as tmp:
        root = Path(tmp)
        shutil.copytree(project_dir / "content" / meeting_id, root / "content" / "m")  # with the files it includes
        shutil.copy(project_dir / "content" / "themes.yaml", root / "content" / "themes.yaml")
        project = Project(root)
        themes, _ = load_themes(project)
        seen: set[str] = set()
        for number, text in enumerate(mutants(source, count, seed)):
            (root / "content" / "m" / "meeting.yaml").write_text(text, encoding="utf-8")
            result = CliRunner().invoke(main, ["--project", str(root), "validate", "m"])
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                failures += 1
                print(f"mutant {number}: validate raised {result.exception!r}")
                continue
            if result.exit_code != 0:
                counts["invalid"] += 1
                continue
            counts["valid"] += 1
            doc, _ = check_meeting(project, "m", themes)
            key = doc.model_dump_json(warnings=False)
            if key in seen:
                continue
            seen.add(key)
            try:
                paths = build_meeting(project, "m", BuildOptions(out_dir=root / "out"))
            except Exception:
                failures += 1
                print(f"mutant {number}: valid but the build failed:\n{traceback.format_exc()}")
                continue
            except SystemExit as exc:
                failures += 1
                print(f"mutant {number}: valid but the build stopped: {exc}")
                continue
            counts["built"] += 1
            for path in paths:
                if "rapporteur-report" not in path.name:
                    continue  # the other kinds print a selection of the text
                lost = missing(body_texts(doc), pdf_text(path) if path.suffix == ".pdf" else docx_text(path))
                if lost:
                    failures += 1
                    print(f"mutant {number}: {path.name} lost {dict(lost)}")
    print(f"{count} mutants (seed {seed}): {counts['invalid']} invalid, {counts['valid']} valid, "
          f"{counts['built']} distinct built in both formats; {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=700)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--meeting", default="gfmd2014-rt3")
    parser.add_argument("--project", type=Path, default=REPO, help="project folder holding content/<meeting>/")
    args = parser.parse_args()
    sys.exit(run(args.count, args.seed, args.meeting, args.project))
