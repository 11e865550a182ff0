"""The text report: findings grouped by file with ``file:line``, colour only when asked (a terminal)."""

from __future__ import annotations

from itertools import groupby

from reviewer.findings import Finding, Severity, SqlStatement
from reviewer.plans.catalog import PLANNED_RULES
from reviewer.report.sql_text import sql_lines
from reviewer.result import ReviewResult

COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def _paint(text: str, code: str, colour: bool) -> str:
    return f"{code}{text}{RESET}" if colour else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_finding(finding: Finding, colour: bool, show_sql: bool = True) -> list[str]:
    severity = _paint(f"{finding.severity.label:<7}", COLOURS[finding.severity], colour)
    where = f"{finding.location.path}:{finding.location.start_line}"
    lines = [f"  {where}: {severity} {_paint(finding.rule_id, BOLD, colour)}  {finding.message}"]
    indent = "      "
    if finding.impact is not None:
        lines.append(f"{indent}{_paint('impact:', DIM, colour)} {finding.impact.describe()}")
    lines.extend(f"{indent}{detail}" for detail in finding.details)
    if finding.sql and show_sql:
        lines.append(f"{indent}{_paint('sql:', DIM, colour)}")
        lines.extend(f"{indent}  {line}" for line in sql_lines(finding))
    if finding.safe_way:
        lines.append(f"{indent}{_paint('safe way:', DIM, colour)} {finding.safe_way}")
    if not finding.plan_id and finding.rule_id in PLANNED_RULES:
        lines.append(
            f"{indent}{_paint('plan:', DIM, colour)} `migreview plan` writes the migrations that do this safely"
        )
    if finding.plan_id:
        lines.append(
            f"{indent}{_paint('plan:', DIM, colour)} {finding.plan_id} (`migreview plan` prints the migrations)"
        )
    return lines


def render_text(result: ReviewResult, colour: bool = False) -> str:
    lines: list[str] = []
    for path, findings in groupby(result.findings, key=lambda finding: finding.location.path):
        lines.append(_paint(path, BOLD, colour))
        shown: tuple[int, tuple[SqlStatement, ...]] | None = None
        for finding in findings:
            # Two findings on one operation carry the same SQL: print it under the first only.
            sql = (finding.location.start_line, finding.sql)
            lines.extend(render_finding(finding, colour, show_sql=sql != shown))
            shown = sql
        lines.append("")
    lines.extend(f"note: {note}" for note in result.notes)
    counts = (
        f"{_plural(result.count(Severity.ERROR), 'error')}, {_plural(result.count(Severity.WARNING), 'warning')}, "
        f"{result.count(Severity.INFO)} info"
    )
    lines.append(
        f"{counts} in {_plural(len(result.files_reviewed), 'file')} "
        f"({_plural(result.migrations_replayed, 'migration')} replayed, "
        f"{_plural(result.operations_reviewed, 'operation')} reviewed) for {result.target.display}"
    )
    return "\n".join(lines) + "\n"
