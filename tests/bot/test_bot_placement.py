"""Where a finding is placed: over its lines when they are in one hunk, else its first line in the diff,
else the review body."""

from __future__ import annotations

from bot.diff_lines import DiffLines
from bot.placement import place
from reviewer.findings import Finding, Location, Severity, Suggestion

DIFF = DiffLines((frozenset(range(1, 8)), frozenset(range(20, 26))))


def finding(start: int, end: int, suggestion: Suggestion | None = None) -> Finding:
    return Finding("rule", Severity.WARNING, "m", Location("a/migrations/0002_x.py", start, end), suggestion=suggestion)


def test_a_span_inside_one_hunk_gets_a_multi_line_comment() -> None:
    placement = place(finding(2, 5), DIFF)
    assert (placement.start_line, placement.line, placement.suggestion) == (2, 5, False)


def test_a_one_line_span_has_no_start_line() -> None:
    placement = place(finding(21, 21), DIFF)
    assert (placement.start_line, placement.line) == (None, 21)


def test_a_span_across_hunks_is_commented_on_its_first_line_in_the_diff() -> None:
    placement = place(finding(10, 22), DIFF)
    assert (placement.start_line, placement.line) == (None, 20)


def test_a_span_outside_the_diff_goes_to_the_body() -> None:
    assert not place(finding(10, 12), DIFF).inline


def test_a_suggestion_is_offered_only_when_its_whole_range_is_in_one_hunk() -> None:
    inside = place(finding(2, 5, Suggestion(3, 4, "x")), DIFF)
    assert (inside.start_line, inside.line, inside.suggestion) == (3, 4, True)
    across = place(finding(2, 5, Suggestion(6, 9, "x")), DIFF)
    assert (across.start_line, across.line, across.suggestion) == (2, 5, False)
