#!/usr/bin/env python3
"""Rewrite the field reference in docs/content.md from the schema's field docstrings.

Run after adding or changing a schema field: python3 scripts/content_reference.py"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from reportgen.content.schema_docs import field_reference, splice  # noqa: E402

target = REPO / "docs" / "content.md"
target.write_text(splice(target.read_text(encoding="utf-8"), field_reference()), encoding="utf-8")
print(f"wrote the field reference into {target.relative_to(REPO)}")
