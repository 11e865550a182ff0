"""Changing a column's type in a way that rewrites the table.

## What it does
Flags `AlterField` whose new column type differs from the old one in a way the database cannot do in
its catalog alone. Safe changes are not flagged: on PostgreSQL varchar growth, varchar to text, text to
unbounded varchar, numeric precision growth at the same scale, dropping a numeric's precision; on MySQL
varchar growth within the same length-byte size (up to 63 or from 64 characters in utf8mb4).
When a third-party field hides the type, the finding is a warning that says so.

## Why is this bad?
PostgreSQL rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock: no reads and no
writes for the whole rewrite, and twice the disk. MySQL copies the table (ALGORITHM=COPY), blocking
writes. Old code may also write values the new type rejects.

## Example
```python
migrations.AlterField("invoice", "number", models.BigIntegerField())  # was IntegerField
```

## Use instead
Expand and contract: add a new column of the new type, write to both, backfill in batches, switch reads,
then drop the old column in a later deploy (`migreview plan` writes the steps).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.column_types import TypeChange, classify_change, column_type, parse_sql_type
from reviewer.state.fields import FieldState
from reviewer.target import Backend

TYPE_ARGUMENTS = ("max_length", "max_digits", "decimal_places", "base_field", "size")


def check(context: OperationContext) -> Iterator[Finding]:
    if context.target.backend is Backend.SQLITE:
        return
    yield from _sql_type_changes(context)
    if context.operation.kind != "AlterField":
        return
    model = context.model()
    old, new = context.field(model, context.operation.text("name")), context.new_field()
    if old is None or new is None or not old.has_column or not new.has_column:
        return
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model)
    old_type, new_type = column_type(old, context.state), column_type(new, context.state)
    if old_type is None or new_type is None:
        if not _declaration_changed(old.call, new.call):
            return
        yield context.finding(
            RULE,
            f'column "{old.column}" of table "{table}" changes from {old.class_name} to {new.class_name}, '
            "whose database type migreview cannot know: if the type changes, the table is rewritten",
            table=table,
            column=old.column,
            severity=Severity.WARNING,
            impact=context.impact(StatementForm.ALTER_COLUMN_TYPE),
            safe_way="check the SQL with `manage.py sqlmigrate`; if the type changes, add a new column, "
            "backfill, switch reads, and drop the old one later",
        )
        return
    if classify_change(old_type, new_type, context.target) is not TypeChange.REWRITE:
        yield from _collation_change(context, old, new, table)
        return
    yield context.finding(
        RULE,
        f'column "{old.column}" of table "{table}" changes type from {old_type} to {new_type}: the table is '
        "rewritten while the lock is held",
        table=table,
        column=old.column,
        impact=context.impact(StatementForm.ALTER_COLUMN_TYPE),
        safe_way="add a new column of the new type, dual-write, backfill in batches, switch reads, and drop "
        "the old column in a later deploy",
    )


def _collation_change(context: OperationContext, old: FieldState, new: FieldState, table: str) -> Iterator[Finding]:
    """A new collation keeps the column's data but rebuilds every index on it under the lock (PostgreSQL)."""
    if not context.target.is_postgresql or old.kwarg("db_collation") == new.kwarg("db_collation"):
        return
    if not (old.db_index or old.unique or new.db_index or new.unique):
        return
    yield context.finding(
        RULE,
        f'column "{old.column}" of table "{table}" changes collation: its indexes are rebuilt while ACCESS EXCLUSIVE '
        "is held",
        table=table,
        column=old.column,
        impact=context.impact(StatementForm.ALTER_COLUMN_TYPE),
        safe_way="add a new column with the collation, backfill, build its indexes CONCURRENTLY, switch, and drop "
        "the old column later",
    )


def _sql_type_changes(context: OperationContext) -> Iterator[Finding]:
    """ALTER COLUMN ... TYPE in SQL: judged against the column's type in the replayed state when known."""
    for fact in context.facts(StatementForm.ALTER_COLUMN_TYPE):
        new_type = parse_sql_type(fact.new_type or "")
        model = context.state.model_by_table(fact.table)
        field = model.field_by_column(fact.column) if model else None
        old_type = column_type(field, context.state) if field is not None else None
        if new_type is not None and old_type is not None:
            if classify_change(old_type, new_type, context.target) is not TypeChange.REWRITE:
                continue
            message = (
                f'column "{fact.column}" of "{fact.table}" changes type from {old_type} to {new_type}: the table is '
                "rewritten"
            )
            severity = None
        else:
            message = (
                f'column "{fact.column}" of "{fact.table}" changes type to {fact.new_type}; its old type is unknown: '
                "the table is rewritten unless this only grows a varchar, turns varchar into text, or raises a "
                "numeric precision"
            )
            severity = Severity.WARNING
        yield context.fact_finding(
            RULE,
            message,
            fact,
            "add a new column of the new type, dual-write, backfill in batches, switch reads, drop the old one later",
            severity=severity,
        )


def _declaration_changed(old: Call | None, new: Call | None) -> bool:
    if old is None or new is None:
        return True
    if old.path != new.path:
        return True
    return any(old.kwargs.get(key) != new.kwargs.get(key) for key in TYPE_ARGUMENTS)


RULE = Rule(
    id="alter-column-type",
    severity=Severity.ERROR,
    summary="Column type change that rewrites the table",
    doc=__doc__ or "",
    operation_check=check,
)
