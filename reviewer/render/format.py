"""Plain-text listing of rendered SQL, one block per operation, each statement with its lock."""

from __future__ import annotations

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
        text = impact.describe_statement(classified.referenced_table) if impact is not None else "no lock-model row"
        label = f"    -> {classified.form.name.lower()}: {text}"
        if label not in seen:
            seen.add(label)
            lines.append(label)
    if not statement.classified:
        lines.append("    -> not DDL of a known form (no lock facts)")
    return lines
