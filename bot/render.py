"""Markdown for everything the bot posts: inline comments, the review body, the summary, the check run.

Formatting only: which findings exist and how severe they are is the engine's business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot import markers
from bot.markers import Remembered
from reviewer.findings import Finding, Severity
from reviewer.plans.model import Plan
from reviewer.plans.writer import render_migration
from reviewer.report.sql_text import sql_lines

MAX_BODY = 65_536
"""GitHub's limit on a comment, review or check-run text (characters)."""
_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}
_LEVEL = {Severity.ERROR: "failure", Severity.WARNING: "warning", Severity.INFO: "notice"}


def fence(text: str, info: str = "") -> str:
    """A fenced block that the text itself cannot close early."""
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{info}\n{text.rstrip(chr(10))}\n{ticks}"


def heading(finding: Finding) -> str:
    return f"{_ICON[finding.severity]} **{finding.severity.label}** · `{finding.rule_id}` — {finding.message}"


def finding_text(finding: Finding, *, suggestion_block: bool) -> str:
    """The full explanation of one finding: message, lock facts, extra lines, safe way, fix."""
    parts = [heading(finding)]
    if finding.impact is not None:
        parts.append(f"**Impact:** {finding.impact.describe()}")
    if finding.details:
        parts.append(fence("\n".join(finding.details)))
    if finding.sql:
        parts.append("**SQL Django runs** (rendered offline; each statement with the lock it takes):")
        parts.append(fence("\n".join(sql_lines(finding)), "sql"))
    if finding.safe_way:
        parts.append(f"**Safe way:** {finding.safe_way}")
    suggestion = finding.suggestion
    if suggestion is not None:
        if suggestion_block:
            parts.append(fence(suggestion.replacement, "suggestion"))
        else:
            lines = f"lines {suggestion.start_line} to {suggestion.end_line}"
            parts.append(f"Suggested replacement for {lines}:\n" + fence(suggestion.replacement, "python"))
        if suggestion.extra_note:
            parts.append(f"_Also:_ {suggestion.extra_note}")
    return "\n\n".join(parts)


def plan_text(plan_id: str, plan: Plan) -> str:
    """The zero-downtime plan, folded: steps with their deploy boundary and the migration files."""
    lines = [f"<details><summary>Zero-downtime plan: {plan.title}</summary>", ""]
    lines.extend(f"- _Assumes:_ {assumption}" for assumption in plan.assumptions)
    if plan.residual:
        lines.append(f"- _Still costly:_ {plan.residual}")
    if plan.later_migrations:
        lines.append(f"- _Then:_ point {', '.join(plan.later_migrations)} at the plan's last migration")
    for number, step in enumerate(plan.steps, start=1):
        lines.extend(["", f"**Step {number}: {step.title}** — {step.deploy}"])
        if step.migration is not None:
            name = f"{step.migration.app_label}/migrations/{step.migration.filename}"
            lines.extend(["", f"`{name}`", "", fence(render_migration(step.migration), "python")])
    lines.extend(
        ["", f"`migreview plan` prints this plan ({plan_id}) and `--write DIR` writes the files.", "</details>"]
    )
    return "\n".join(lines)


def comment_body(finding: Finding, *, suggestion_block: bool, plan: Plan | None = None) -> str:
    marker = markers.finding_marker(finding)
    text = finding_text(finding, suggestion_block=suggestion_block)
    if plan is not None:
        with_plan = f"{text}\n\n{plan_text(finding.plan_id, plan)}"
        text = with_plan if len(with_plan) + len(marker) + 2 <= MAX_BODY else text
    if len(text) + len(marker) + 2 > MAX_BODY:
        text = heading(finding)[: MAX_BODY - len(marker) - 10]
    return f"{text}\n\n{marker}"


def where(path: str, line: int) -> str:
    return f"`{path}` line {line}"


def counts(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    infos = len(findings) - errors - warnings
    text = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return text + (f", {infos} note{'s' * (infos != 1)}" if infos else "")


def review_body(head_sha: str, outside: Sequence[Finding], inline_count: int) -> str:
    """The review's own text: a headline plus the findings that cannot sit on a line of the diff."""
    marker = markers.review_marker(head_sha)
    head = f"**migreview** reviewed the migrations changed at `{head_sha[:7]}`."
    if inline_count:
        head += f" {inline_count} finding{'s' * (inline_count != 1)} commented on the changed lines."

    def full() -> str:
        blocks = [
            f"#### {where(f.location.path, f.location.start_line)}\n\n" + finding_text(f, suggestion_block=False)
            for f in outside
        ]
        return _join(head, _outside_intro(outside), *blocks)

    def short() -> str:
        lines = [f"- {where(f.location.path, f.location.start_line)}: {heading(f)}" for f in outside]
        return _join(head, _outside_intro(outside), "\n".join(lines))

    return _fit([full, short], marker, lambda: head)


def _outside_intro(outside: Sequence[Finding]) -> str:
    if not outside:
        return ""
    return "These findings are on lines outside the diff, so they are listed here:"


def summary_body(
    head_sha: str,
    findings: Sequence[Finding],
    resolved: Sequence[Remembered],
    notes: Sequence[str],
    state: markers.SummaryState,
    files_reviewed: int,
) -> str:
    """The one summary comment per pull request, rewritten on every push."""
    marker = f"{markers.SUMMARY}\n{state.encode()}"
    title = f"## migreview: {counts(findings)}" if findings else "## migreview: no problems found"
    intro = f"Reviewed {files_reviewed} changed migration file{'s' * (files_reviewed != 1)} at `{head_sha[:7]}`."
    notes_text = "\n".join(f"> {note}" for note in notes)

    def resolved_text(limit: int | None) -> str:
        if not resolved:
            return ""
        shown = resolved if limit is None else resolved[:limit]
        lines = [f"- ✅ ~~`{r.rule_id}` in {where(r.path, r.line)}: {r.message}~~ resolved" for r in shown]
        if len(shown) < len(resolved):
            lines.append(f"- … and {len(resolved) - len(shown)} more resolved")
        return "### Resolved since the last review\n\n" + "\n".join(lines)

    def table(limit: int | None) -> str:
        if not findings:
            return ""
        shown = findings if limit is None else findings[:limit]
        rows = ["| | Rule | Where | Problem |", "|---|---|---|---|"]
        rows += [
            f"| {_ICON[f.severity]} | `{f.rule_id}` | {where(f.location.path, f.location.start_line)} | "
            f"{_cell(f.message)} |"
            for f in shown
        ]
        if len(shown) < len(findings):
            rows.append(f"| | | | … and {len(findings) - len(shown)} more (see the check run) |")
        return "\n".join(rows)

    def per_file() -> str:
        paths: dict[str, list[Finding]] = {}
        for finding in findings:
            paths.setdefault(finding.location.path, []).append(finding)
        return "\n".join(f"- `{path}`: {counts(items)}" for path, items in paths.items())

    return _fit(
        [
            lambda: _join(title, intro, notes_text, table(None), resolved_text(None)),
            lambda: _join(title, intro, notes_text, table(100), resolved_text(20)),
            lambda: _join(title, intro, "Too many findings to list here; see the check run.", per_file()),
        ],
        marker,
        lambda: _join(title, intro),
    )


def check_title(findings: Sequence[Finding], config_error: str) -> str:
    if config_error:
        return "migreview configuration is invalid"
    return counts(findings) if findings else "No problems found"


def check_summary(findings: Sequence[Finding], notes: Sequence[str], config_error: str, files: int) -> str:
    parts = [f"Reviewed {files} changed migration file{'s' * (files != 1)}: {counts(findings)}."]
    if config_error:
        parts.append(f"The repository's migreview configuration was rejected, so defaults were used: {config_error}")
    parts.extend(notes)
    return "\n\n".join(parts)[: MAX_BODY - 1]


def check_text(findings: Sequence[Finding]) -> str:
    def full() -> str:
        return "\n\n---\n\n".join(
            f"#### {where(f.location.path, f.location.start_line)}\n\n" + finding_text(f, suggestion_block=False)
            for f in findings
        )

    def short() -> str:
        return "\n".join(f"- {where(f.location.path, f.location.start_line)}: {heading(f)}" for f in findings)

    return _fit([full, short], "", lambda: f"{len(findings)} findings; see the annotations.", limit=MAX_BODY - 1)


def annotation(finding: Finding) -> dict[str, object]:
    message = finding.message
    if finding.impact is not None:
        message += f"\n\nImpact: {finding.impact.describe()}"
    if finding.safe_way:
        message += f"\n\nSafe way: {finding.safe_way}"
    data: dict[str, object] = {
        "path": finding.location.path,
        "start_line": finding.location.start_line,
        "end_line": max(finding.location.end_line, finding.location.start_line),
        "annotation_level": _LEVEL[finding.severity],
        "message": message[:60_000],
        "title": f"{finding.rule_id} ({finding.severity.label})",
    }
    raw_details = [*finding.details, *sql_lines(finding)]
    if raw_details:
        data["raw_details"] = "\n".join(raw_details)[:60_000]
    return data


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _fit(
    candidates: Sequence[Callable[[], str]],
    marker: str,
    last_resort: Callable[[], str],
    limit: int = MAX_BODY,
) -> str:
    """The first candidate that fits under GitHub's size limit with the marker appended."""
    room = limit - len(marker) - 2
    for candidate in candidates:
        text = candidate()
        if len(text) <= room:
            return _join(text, marker)
    return _join(last_resort()[:room], marker)


def gave_up(error: BaseException) -> str:
    return (
        f"The review stopped after several attempts: `{type(error).__name__}: {str(error)[:500]}`\n\n"
        "Push a new commit, or redeliver the webhook from the App's *Advanced* settings, to try again."
    )
