"""Raw rendered SQL -> the public model: statements split, classified, and judged by the lock model."""

from __future__ import annotations

from reviewer.findings import Impact
from reviewer.locks import impact_of
from reviewer.render._renderer import RawOperation
from reviewer.render.model import OperationSql, RenderedStatement
from reviewer.sql import classify, split_sql
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
    for statement in split_sql(entry).statements:
        classified = tuple(classify(statement.text))
        impacts: tuple[Impact | None, ...] = tuple(impact_of(item.form, target) for item in classified)
        result.append(RenderedStatement(f"{statement.text};", classified, impacts, deferred))
    return result
