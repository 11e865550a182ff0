"""A Markdown summary for a pull request's body or ``$GITHUB_STEP_SUMMARY``: counts, then a table per file
with what each finding does to the database (lock facts) and the safe way."""

from __future__ import annotations

import os
from itertools import groupby

from reviewer.baseline import relative_path
from reviewer.findings import Finding, Severity
from reviewer.options import FailOn
from reviewer.report.sql_text import sql_block
from reviewer.result import ReviewResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cell(text: str) -> str:
    """Text safe inside a table cell: no line breaks, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|") or " "


def _row(finding: Finding) -> str:
    lock = finding.impact.describe() if finding.impact is not None else ""
    return (
        f"| {finding.location.start_line} | {finding.severity.label} | `{finding.rule_id}` | {cell(finding.message)} "
        f"| {cell(lock)} | {cell(finding.safe_way)} |"
    )


def _details(finding: Finding) -> list[str]:
    """Extra lines and the operation's SQL, folded under the table, one block per finding."""
    body = [*finding.details, *([sql_block(finding)] if finding.sql else [])]
    fence = "````" if any("```" in line for line in body) else "```"
    return [
        "",
        f"<details><summary>Line {finding.location.start_line}: <code>{finding.rule_id}</code> details</summary>",
        "",
        fence,
        *body,
        fence,
        "",
        "</details>",
    ]


def render_markdown(result: ReviewResult, fail_on: FailOn, root: str | None = None) -> str:
    base = root or os.getcwd()
    counts = (
        f"{_plural(result.count(Severity.ERROR), 'error')}, {_plural(result.count(Severity.WARNING), 'warning')}, "
        f"{result.count(Severity.INFO)} info"
    )
    verdict = f"fails `--fail-on {fail_on.value}`" if result.fails(fail_on) else "passes"
    lines = [
        f"## migreview: {counts}",
        "",
        f"{_plural(len(result.files_reviewed), 'file')} reviewed ({_plural(result.migrations_replayed, 'migration')} "
        f"replayed, {_plural(result.operations_reviewed, 'operation')} reviewed) for {result.target.display}: "
        f"the review {verdict}.",
    ]
    if not result.findings:
        lines += ["", "No findings."]
    for path, group in groupby(result.findings, key=lambda finding: finding.location.path):
        findings = list(group)
        lines += [
            "",
            f"### `{relative_path(path, base)}`",
            "",
            "| Line | Severity | Rule | Finding | Lock | Safe way |",
            "| ---: | --- | --- | --- | --- | --- |",
        ]
        lines.extend(_row(finding) for finding in findings)
        lines.extend(line for finding in findings if finding.details or finding.sql for line in _details(finding))
    if result.notes:
        lines += ["", "Notes:", "", *(f"- {cell(note)}" for note in result.notes)]
    return "\n".join(lines) + "\n"
