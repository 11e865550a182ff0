"""Plain-text listing of rendered SQL, one block per operation, each statement with its lock."""

from __future__ import annotations

from reviewer.findings import Impact
from reviewer.render.model import OperationSql, RenderedStatement, RenderOutcome


def format_text(outcome: RenderOutcome) -> str:
    """What ``migreview --show-sql`` prints."""
    lines: list[str] = [f"-- {note}" for note in outcome.notes]
    current = ""
    for operation in outcome.operations:
        if operation.path != current:
            current = operation.path
            lines.extend(("", f"== {operation.path}"))
        lines.extend(_operation(operation))
    return "\n".join(lines).lstrip("\n") + "\n"


def _operation(operation: OperationSql) -> list[str]:
    header = f"{operation.path}:{operation.start_line}: {operation.kind} - {operation.description}"
    lines = ["", header]
    lines.extend(f"  note: {note}" for note in operation.notes)
    if operation.type_unknown:
        lines.append("  type unknown: a field class is not a Django class; the column type is a stand-in")
    if not operation.writes_sql:
        lines.append("  (Django cannot write this operation as SQL)")
    elif not operation.available:
        lines.append("  (SQL not rendered offline)")
    elif not operation.statements:
        lines.append("  (no SQL)")
    for statement in operation.statements:
        lines.extend(_statement(statement))
    return lines


def _statement(statement: RenderedStatement) -> list[str]:
    prefix = "  [deferred] " if statement.deferred else "  "
    lines = [prefix + statement.sql]
    seen: set[str] = set()
    for classified, impact in zip(statement.classified, statement.impacts, strict=True):
        text = describe_effect(impact, classified.referenced_table) if impact is not None else "no lock-model row"
        label = f"    -> {classified.form.name.lower()}: {text}"
        if label not in seen:
            seen.add(label)
            lines.append(label)
    if not statement.classified:
        lines.append("    -> not DDL of a known form (no lock facts)")
    return lines


def describe_effect(impact: Impact, referenced_table: str | None) -> str:
    """``Impact.describe`` with "the referenced table" named, and left out when there is none."""
    parts = [impact.lock_phrase]
    if impact.rewrite:
        parts.append("rewrites the table")
    elif impact.scan:
        parts.append("scans the whole table")
    for other in impact.other_tables:
        if "the referenced table" in other:
            if referenced_table is None:
                continue
            other = other.replace("the referenced table", f'"{referenced_table}"')
        parts.append(f"also {other}")
    return f"{', '.join(parts)} [{impact.database}]"
