"""Where each finding goes in the review: on lines of the diff, or in the review body."""

from __future__ import annotations

from dataclasses import dataclass

from bot.diff_lines import DiffLines
from reviewer.findings import Finding


@dataclass(frozen=True)
class Placement:
    finding: Finding
    line: int | None
    """The RIGHT-side line the comment ends on; None puts the finding in the review body."""
    start_line: int | None = None
    """First line of a multi-line comment."""
    suggestion: bool = False
    """The comment's range is exactly the suggestion's, so a one-click suggestion block fits."""

    @property
    def inline(self) -> bool:
        return self.line is not None


def place(finding: Finding, diff: DiffLines) -> Placement:
    suggestion = finding.suggestion
    if suggestion is not None and diff.spans(suggestion.start_line, suggestion.end_line):
        return Placement(finding, suggestion.end_line, _start(suggestion.start_line, suggestion.end_line), True)
    start, end = finding.location.start_line, finding.location.end_line
    if diff.spans(start, end):
        return Placement(finding, end, _start(start, end))
    first = diff.first_in(start, end)
    if first is not None:
        return Placement(finding, first)
    return Placement(finding, None)


def _start(start: int, end: int) -> int | None:
    return start if start < end else None
