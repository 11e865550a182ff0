"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

GitHub shows them on the pull request's changed lines and in the run's summary. Values are escaped as its
documentation for workflow commands says: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

import os

from reviewer.baseline import relative_path
from reviewer.findings import Finding, Severity
from reviewer.report.sql_text import sql_block
from reviewer.result import ReviewResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, root: str) -> str:
    location = finding.location
    start = max(1, location.start_line)
    properties = {
        "file": relative_path(location.path, root),
        "line": str(start),
        "endLine": str(max(start, location.end_line)),
        "title": f"migreview {finding.rule_id}",
    }
    lines = [finding.message]
    if finding.impact is not None:
        lines.append(f"Impact: {finding.impact.describe()}")
    if finding.safe_way:
        lines.append(f"Safe way: {finding.safe_way}")
    if finding.sql:
        lines.append(sql_block(finding))
    rendered = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(chr(10).join(lines))}"


def render_github(result: ReviewResult, root: str | None = None) -> str:
    """One workflow command per finding, paths relative to ``root`` (default: the working directory, which is
    the repository's root in a GitHub Actions step), then a plain summary line for the log."""
    base = root or os.getcwd()
    lines = [annotation(finding, base) for finding in result.findings]
    lines.extend(f"::notice title=migreview::{escape_data(note)}" for note in result.notes)
    lines.append(
        f"migreview: {result.count(Severity.ERROR)} error(s), {result.count(Severity.WARNING)} warning(s), "
        f"{result.count(Severity.INFO)} info in {len(result.files_reviewed)} file(s) for {result.target.display}"
    )
    return "\n".join(lines) + "\n"
