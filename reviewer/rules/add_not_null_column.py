"""Adding a NOT NULL column to an existing table without a database default.

## What it does
Flags `AddField` of a non-nullable field (`null=False`, no `db_default`) to a table that existed before
the migration. A Python `default` does not help: Django fills existing rows with it and then drops the
database default again.

## Why is this bad?
During a deploy the old application code keeps running while the migration is applied. Its INSERTs do
not know the new column, and without a database default they fail with a NOT NULL violation until every
old process is gone. Without any default the migration itself fails on a table that has rows. Before
PostgreSQL 11 adding a column with a default also rewrote the whole table under ACCESS EXCLUSIVE.

## Example
```python
migrations.AddField("invoice", "currency", models.CharField(max_length=3, default="EUR"))
```

## Use instead
Give the column a database default (Django 5.0+), which old code's INSERTs pick up:
```python
migrations.AddField("invoice", "currency", models.CharField(max_length=3, db_default="EUR"))
```
On older Django: add the column nullable, backfill it in batches, then make it NOT NULL in a later
deploy (`migreview plan` writes these migrations).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.fields import FieldState

COMPUTED_FIELDS = frozenset({"GeneratedField"})
"""Fields whose value the database computes: old code's INSERTs never name them."""


def check(context: OperationContext) -> Iterator[Finding]:
    for fact in context.facts(StatementForm.ADD_COLUMN_NOT_NULL_NO_DEFAULT):
        yield context.fact_finding(
            RULE,
            f'NOT NULL column "{fact.column}" is added to existing table "{fact.table}" without a default: it fails '
            "if the table has rows, and INSERTs from the old code fail",
            fact,
            "add a DEFAULT (kept in the catalog on PostgreSQL 11+), or add it nullable, backfill, then SET NOT NULL",
        )
    if context.operation.kind == "AlterOrderWithRespectTo":
        yield from _order_column(context)
        return
    if context.operation.kind != "AddField":
        return
    model = context.model()
    new_field = context.new_field()
    if not context.has_rows(model) or not context.touches_table(model) or new_field is None:
        return
    if new_field.null or new_field.db_default is not None or not new_field.has_column or new_field.primary_key:
        return
    if new_field.db_class_name in COMPUTED_FIELDS:
        return
    table = context.table_name(model)
    column = new_field.column
    if new_field.default is not None:
        form = StatementForm.ADD_COLUMN_DEFAULT
        message = (
            f'NOT NULL column "{column}" is added to existing table "{table}" with only a Python default '
            f"({new_field.default.source}): Django drops the database default after filling the rows, so "
            "INSERTs from the old code still running during the deploy fail with a NOT NULL violation"
        )
    elif (filler := _effective_default(new_field)) is not None:
        form = StatementForm.ADD_COLUMN_DEFAULT
        message = (
            f'NOT NULL column "{column}" is added to existing table "{table}" without a database default: Django '
            f"fills existing rows with {filler} and drops the default, so INSERTs from the old code still running "
            "during the deploy fail with a NOT NULL violation"
        )
    else:
        form = StatementForm.ADD_COLUMN_NOT_NULL_NO_DEFAULT
        message = (
            f'NOT NULL column "{column}" is added to existing table "{table}" without any default: the '
            "migration fails if the table has rows, and INSERTs from the old code fail"
        )
    default = new_field.default.source if new_field.default and not new_field.default.is_callable else "..."
    yield context.finding(
        RULE,
        message,
        table=table,
        column=column,
        impact=context.impact(form),
        safe_way=(
            f"give it a database default (Django 5.0+): db_default={default}; or add it nullable, backfill "
            "in batches, and set NOT NULL in a later deploy"
        ),
    )


EMPTY_STRING_FIELDS = frozenset(
    {"CharField", "TextField", "EmailField", "SlugField", "URLField", "FileField", "ImageField", "FilePathField"}
)


def _effective_default(field: FieldState) -> str | None:
    """What Django's ``effective_default`` writes into existing rows when the field has no default."""
    if field.kwarg("blank") is True and field.db_class_name in EMPTY_STRING_FIELDS:
        return "''"
    if field.kwarg("auto_now") is True or field.kwarg("auto_now_add") is True:
        return "the current time"
    return None


def _order_column(context: OperationContext) -> Iterator[Finding]:
    """Django adds ``_order integer NOT NULL`` (Python default 0) when order_with_respect_to is set."""
    model = context.model("name")
    if model is None or not context.has_rows(model) or not model.has_table or model.field("_order") is not None:
        return
    if not context.operation.text("order_with_respect_to"):
        return
    yield context.finding(
        RULE,
        f'AlterOrderWithRespectTo adds NOT NULL column "_order" to existing table "{model.table}" with only a Python '
        "default (0): INSERTs from the old code still running during the deploy fail with a NOT NULL violation",
        table=model.table,
        column="_order",
        impact=context.impact(StatementForm.ADD_COLUMN_DEFAULT),
        safe_way='add "_order" first with db_default=0 (SeparateDatabaseAndState), then set order_with_respect_to',
    )


RULE = Rule(
    id="add-not-null-column",
    severity=Severity.ERROR,
    summary="NOT NULL column added to an existing table without a database default",
    doc=__doc__ or "",
    operation_check=check,
)
