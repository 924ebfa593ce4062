"""reportgen: meeting records in YAML to UN-style rapporteur reports, chair's summaries and briefs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reportgen")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
