"""One-file replacements: new source for an operation's own lines, indented as the original."""

from __future__ import annotations

import textwrap

from reviewer.findings import Suggestion
from reviewer.loader.model import Operation


def replace_operation(operation: Operation, source: str, extra_note: str = "") -> Suggestion | None:
    """A suggestion replacing the operation's lines, or None when other code shares those lines."""
    if operation.indent is None:
        return None
    body = textwrap.indent(source.rstrip().rstrip(","), " " * operation.indent) + ","
    return Suggestion(operation.start_line, operation.end_line, body, extra_note)
