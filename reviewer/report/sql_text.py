"""A finding's rendered SQL as SQL text: each statement, then the lock model's verdict as comments.

Shared by every reporter that shows the SQL (text, Markdown, SARIF, annotations, the GitHub App), so
the statements read the same everywhere and can be pasted into ``psql`` as they are.
"""

from __future__ import annotations

from reviewer.findings import Finding


def sql_lines(finding: Finding) -> list[str]:
    lines: list[str] = []
    for statement in finding.sql:
        lines.append(statement.sql + ("  -- deferred: runs at the end of the migration" if statement.deferred else ""))
        lines.extend(f"--   {effect}" for effect in statement.effects)
    return lines


def sql_block(finding: Finding) -> str:
    """The SQL lines under a heading that says where they come from; empty when there is none."""
    if not finding.sql:
        return ""
    return "\n".join(["-- SQL Django runs for this operation:", *sql_lines(finding)])
