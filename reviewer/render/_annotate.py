"""Raw rendered SQL -> the public model: statements split, classified, and judged by the lock model."""

from __future__ import annotations

from reviewer.findings import Impact
from reviewer.locks import impact_of
from reviewer.render._renderer import RawOperation
from reviewer.render.model import OperationSql, RenderedStatement
from reviewer.sql.classify import classify
from reviewer.sql.dialect import on_target
from reviewer.sql.split import split_sql
from reviewer.target import DatabaseTarget


def annotate(raw: RawOperation, target: DatabaseTarget) -> OperationSql:
    statements = [
        *(_statements(entry, target, deferred=False) for entry in raw.sql),
        *(_statements(entry, target, deferred=True) for entry in raw.deferred),
    ]
    return OperationSql(
        path=raw.migration.path,
        app_label=raw.migration.app_label,
        migration=raw.migration.name,
        index=raw.index,
        start_line=raw.parsed.start_line,
        kind=raw.parsed.kind,
        description=raw.description,
        statements=tuple(statement for group in statements for statement in group),
        available=raw.available,
        type_unknown=raw.type_unknown,
        writes_sql=raw.writes_sql,
        notes=tuple(raw.notes),
    )


def _statements(entry: str, target: DatabaseTarget, *, deferred: bool) -> list[RenderedStatement]:
    """One Django ``execute`` can hold two statements (``ADD COLUMN ...; SET CONSTRAINTS ...``)."""
    result = []
    for text in split_statements(entry):
        classified = tuple(on_target(item, target) for item in classify(text))
        impacts: tuple[Impact | None, ...] = tuple(impact_of(item.form, target) for item in classified)
        result.append(RenderedStatement(f"{text};", classified, impacts, deferred))
    return result


def split_statements(entry: str) -> list[str]:
    """Statements of one string Django executed, without their semicolons.

    Django's own output needs only quote-aware splitting on ``;`` (no procedural bodies); strings
    that are not that simple (RunSQL bodies with comments or dollar quotes) go through
    :func:`reviewer.sql.split_sql`, which is exact but much slower.
    """
    if "--" in entry or "/*" in entry or "$" in entry or "\\" in entry:
        return [statement.text for statement in split_sql(entry).statements]
    statements: list[str] = []
    start, quote = 0, ""
    for position, char in enumerate(entry):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == ";":
            statements.append(entry[start:position].strip())
            start = position + 1
    statements.append(entry[start:].strip())
    return [statement for statement in statements if statement]


def statements_of_entry(entry: str, target: DatabaseTarget) -> list[RenderedStatement]:
    """The statements of one SQL string Django executes, split, classified and judged (not deferred)."""
    return _statements(entry, target, deferred=False)
