"""The build stage: which documents of which meetings are out of date, rendering and writing them
(one meeting, or all meetings and saved briefs in worker processes), and the stamps that make rebuilds
incremental.

May import: briefs, redline, writers, render, content, style, core."""
