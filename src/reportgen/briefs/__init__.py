"""Briefing notes (`reportgen compare`): several meetings' items, countries, key points and chart,
rendered and written in both formats; saved briefs in content/briefs/.

May import: writers, render, content, style, core (not redline: the two sit side by side)."""
