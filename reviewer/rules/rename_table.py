"""Renaming a table that running code still uses.

## What it does
Flags `RenameModel` when the table name changes (a model with an explicit `db_table` keeps its table),
and `AlterModelTable` that changes the table name.

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


def check(context: OperationContext) -> Iterator[Finding]:
    operation = context.operation
    app_label = context.migration.app_label
    if operation.kind == "RenameModel":
        model = context.model("old_name")
        new_name = operation.text("new_name") or "?"
        if model is None or not model.has_table or not context.has_rows(model):
            return
        old_table = model.table
        new_table = model.db_table or default_table(app_label, new_name)
    elif operation.kind == "AlterModelTable":
        model = context.model("name")
        if model is None or not model.has_table or not context.has_rows(model):
            return
        old_table = model.table
        table = operation.arg("table")
        new_table = table if isinstance(table, str) else default_table(app_label, model.name)
    else:
        return
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
