"""The sandbox every template reportgen renders runs in: templates are data, not code.

Houses and project templates are shared between organisations, and `redline --from` renders the
templates of an old revision: none of them may run Python. Jinja's SandboxedEnvironment refuses
attributes that reach Python's internals (anything starting with `_`, function globals, frames,
`str.format` tricks); on top of that a template may not touch a file path, a module or a class,
and sees only the globals it needs (`range`, `dict`, `namespace`), not `cycler`, `joiner` or
`lipsum`. Templates may still build their own lists and dicts (`{% set _ = parts.append(x) %}`).
"""

from __future__ import annotations

import logging
import types
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

log = logging.getLogger(__name__)

# What a template may call besides the filters and the context it is given.
TEMPLATE_GLOBALS: dict[str, Any] = {"range": range, "dict": dict, "namespace": Namespace}
# Objects a template must not look into: each leads to files, code or the interpreter.
_CLOSED_TYPES = (PurePath, types.ModuleType, type, types.FrameType, types.CodeType, types.TracebackType)


class TemplateSandbox(SandboxedEnvironment):
    """A sandboxed Jinja environment with reportgen's narrower set of globals."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()
        self.globals.update(TEMPLATE_GLOBALS)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, jinja2.Undefined):  # `cycler.x` where cycler is not defined: say that, not "unsafe"
            obj._fail_with_undefined_error()
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, _CLOSED_TYPES) or isinstance(value, _CLOSED_TYPES):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))


def template_environment(loaders: Sequence[jinja2.BaseLoader], **options: Any) -> TemplateSandbox:
    """A sandbox reading templates through these loaders, first one first (StrictUndefined)."""
    return TemplateSandbox(loader=jinja2.ChoiceLoader(list(loaders)), undefined=jinja2.StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, **options)


def security_message(exc: jinja2.exceptions.SecurityError) -> str:
    """What a template that tried to leave the sandbox is told."""
    return f"not allowed in a template: {str(exc).rstrip('.')} (templates run in a sandbox: see docs/templates.md)"
