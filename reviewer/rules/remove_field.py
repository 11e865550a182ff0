"""Dropping a column that the running code still selects.

## What it does
Flags `RemoveField` of a field that is still in Django's state (so the old code's model has it) on a table
that existed before the migration. A drop in `SeparateDatabaseAndState.database_operations` (or RunSQL)
after the field already left the state in an earlier deploy is the safe second step and is not flagged.

## Why is this bad?
Django's ORM names every column of a model in its SELECTs and INSERTs. While the old code is still
running during the deploy, each query on the table fails with "column does not exist". A many-to-many
field's table is dropped the same way. A foreign key column also takes ACCESS EXCLUSIVE on the
referenced table when its constraint is dropped.

## Example
```python
migrations.RemoveField("invoice", "legacy_code")
```

## Use instead
Two deploys. First remove the field from the model and from Django's state only (make it nullable first
if the new code will not write it):
```python
migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField("invoice", "legacy_code")])
```
then, in the next deploy, drop the column:
```python
migrations.RunSQL('ALTER TABLE "billing_invoice" DROP COLUMN "legacy_code"', migrations.RunSQL.noop)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    for fact in context.facts(StatementForm.DROP_COLUMN, StatementForm.DROP_COLUMN_FOREIGN_KEY):
        model = context.state.model_by_table(fact.table)
        if model is not None and model.field_by_column(fact.column) is not None:
            yield context.fact_finding(
                RULE,
                f'column "{fact.column}" is dropped from "{fact.table}" while the model still has it: the old code '
                "selects it and fails",
                fact,
                "remove the field from the state first (SeparateDatabaseAndState), drop the column in the next deploy",
            )
    if context.operation.kind != "RemoveField":
        return
    model = context.model()
    if model is None or not model.has_table or not context.has_rows(model):
        return
    field = context.field(model, context.operation.text("name"))
    if field is None or field.added_in == context.migration.key:
        return  # added in this very migration: no running code knows it yet
    table = model.table
    if field.many_to_many:
        what = f'the many-to-many table of field "{field.name}" on "{table}" is dropped'
        form = StatementForm.DROP_TABLE
    else:
        what = f'column "{field.column}" is dropped from table "{table}"'
        form = (
            StatementForm.DROP_COLUMN_FOREIGN_KEY
            if field.is_relation and field.db_constraint
            else StatementForm.DROP_COLUMN
        )
    yield context.finding(
        RULE,
        f"{what}: the old code still running during the deploy selects it and fails",
        table=table,
        column=field.column if field.has_column else "",
        impact=context.impact(form),
        safe_way="remove the field from the code and the state only (SeparateDatabaseAndState state_operations) "
        "in one deploy, then drop the column in the next",
    )


RULE = Rule(
    id="remove-field",
    severity=Severity.ERROR,
    summary="Column dropped while old code still selects it",
    doc=__doc__ or "",
    operation_check=check,
)
