"""Renaming a table that running code still uses.

## What it does
Flags `RenameModel` when the table name changes (a model with an explicit `db_table` keeps its table),
`AlterModelTable` that changes the table name, and `RenameField` of a many-to-many field whose join table
Django created (`<table>_<field>` is renamed with it).

## Why is this bad?
The old application code still running during the deploy queries the old table name and fails until the
last old process is gone. Foreign keys, sequences and many-to-many tables named after the model are
renamed too.

## Example
```python
migrations.RenameModel("Invoice", "Bill")
```

## Use instead
Rename the model in Python only and pin the table: `class Meta: db_table = "billing_invoice"`, applied
with `SeparateDatabaseAndState(state_operations=[RenameModel(...)])`. If the table itself must change,
create the new table, dual-write, backfill, switch reads, then drop the old one in a later deploy.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.project import default_table


def renamed_tables(context: OperationContext) -> tuple[str, str] | None:
    """(old table, new table) when the operation renames a table that holds rows."""
    operation = context.operation
    app_label = context.migration.app_label
    key = {
        "RenameModel": "old_name",
        "RenameField": "model_name",
        "AlterModelTable": "name",
        "AlterField": "model_name",
    }.get(operation.kind)
    model = context.model(key) if key else None
    if model is None or not model.has_table or not context.has_rows(model):
        return None
    if operation.kind == "RenameModel":
        return model.table, model.db_table or default_table(app_label, operation.text("new_name") or "?")
    if operation.kind == "AlterModelTable":
        table = operation.arg("table")
        return model.table, table if isinstance(table, str) else default_table(app_label, model.name)
    if operation.kind == "AlterField":
        old, new = context.field(model, operation.text("name")), context.new_field()
        if old is None or new is None or not (old.many_to_many and new.many_to_many) or old.through or new.through:
            return None
        old_table, new_table = old.kwarg("db_table"), new.kwarg("db_table")
        default = f"{model.table}_{old.name}"
        before = old_table if isinstance(old_table, str) else default
        after = new_table if isinstance(new_table, str) else default
        return (before, after) if before != after else None
    field = context.field(model, operation.text("old_name"))
    new_name = operation.text("new_name")
    if field is None or not field.many_to_many or field.through or not new_name:
        return None
    return f"{model.table}_{field.name}", f"{model.table}_{new_name}"


def check(context: OperationContext) -> Iterator[Finding]:
    for fact in context.facts(StatementForm.RENAME_TABLE):
        yield context.fact_finding(
            RULE,
            f'table "{fact.table}" is renamed to "{fact.new_name}": the old code still running during the deploy '
            "queries the old name and fails",
            fact,
            "keep the table name (Meta.db_table); or create the new table, dual-write, backfill, switch, drop later",
        )
    tables = renamed_tables(context)
    if tables is None:
        return
    old_table, new_table = tables
    if old_table == new_table:
        return
    yield context.finding(
        RULE,
        f'table "{old_table}" is renamed to "{new_table}": the old code still running during the deploy '
        "queries the old name and fails",
        table=old_table,
        impact=context.impact(StatementForm.RENAME_TABLE),
        safe_way=f'keep the table: set Meta.db_table = "{old_table}" and rename the model in the state only '
        "(SeparateDatabaseAndState); or create the new table, dual-write, backfill, switch reads, drop later",
    )


RULE = Rule(
    id="rename-table",
    severity=Severity.ERROR,
    summary="Table renamed while old code still uses the old name",
    doc=__doc__ or "",
    operation_check=check,
)
