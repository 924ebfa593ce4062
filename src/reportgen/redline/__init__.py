"""Redlines (`reportgen redline`): an earlier version of the project, the two renderings diffed block by
block and word by word, the list of changes, written as Word tracked changes and a marked-up PDF.

May import: writers, render, content, style, core (not briefs: the two sit side by side)."""
