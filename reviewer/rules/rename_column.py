"""Renaming a column that running code still uses.

## What it does
Flags `RenameField` when the database column is renamed (not when the field keeps its column through an
explicit `db_column`), and `AlterField` that changes the column name (`db_column`).

## Why is this bad?
The rename is instant, but the old application code still running during the deploy selects and writes
the old column name, and every such query fails until the last old process is gone. Rolling back the code
alone does not help either.

## Example
```python
migrations.RenameField("invoice", "amount", "total")
```

## Use instead
Keep the column and rename only the Python attribute, which touches no database:
```python
total = models.DecimalField(..., db_column="amount")
```
or expand and contract: add the new column, write to both, backfill, switch reads, drop the old column in
a later deploy (`migreview plan` writes the steps).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    for fact in context.facts(StatementForm.RENAME_COLUMN):
        yield context.fact_finding(
            RULE,
            f'column "{fact.column}" of table "{fact.table}" is renamed to "{fact.new_name}": the old code still '
            "running during the deploy uses the old name and fails",
            fact,
            "add the new column, dual-write, backfill, switch reads, and drop the old column in a later deploy",
        )
    yield from _join_table_columns(context)
    operation = context.operation
    model = context.model()
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model)
    if operation.kind == "RenameField":
        old_name, new_name = operation.text("old_name"), operation.text("new_name")
        old = context.field(model, old_name)
        if not old_name or not new_name or (old is None and model is not None):
            return
        if old is None:  # the model's app was not given: judge by the names
            old_column, new_column = old_name, new_name
        elif not old.has_column or old.added_in == context.migration.key:
            return  # added in this very migration: no running code knows it yet
        else:
            old_column, new_column = old.column, old.renamed(new_name).column
        if old_column == new_column:
            return
        yield _finding(context, table, old_column, new_column, f"db_column={old_column!r}")
    elif operation.kind == "AlterField":
        old = context.field(model, operation.text("name"))
        new = context.new_field()
        if old is None or new is None or not old.has_column or not new.has_column or old.column == new.column:
            return
        yield _finding(context, table, old.column, new.column, f"keep db_column={old.column!r}")


def _join_table_columns(context: OperationContext) -> Iterator[Finding]:
    """RenameModel renames the ``<model>_id`` columns of the many-to-many join tables Django created."""
    if context.operation.kind != "RenameModel":
        return
    model, new_name = context.model("old_name"), context.operation.text("new_name")
    if model is None or not new_name or not context.has_rows(model):
        return
    old_column, new_column = f"{model.name.lower()}_id", f"{new_name.lower()}_id"
    for owner in context.state.models.values():
        for field in owner.fields.values():
            points_here = (field.related_model or "").lower() == model.key
            if field.many_to_many and not field.through and (owner is model or points_here):
                join_table = f"{owner.table}_{field.name}"
                column = old_column if owner is model else f"{model.name.lower()}_id"
                if owner is model and points_here:
                    column = f"from_{old_column}"
                yield _finding(context, join_table, column, column.replace(old_column, new_column), "")


def _finding(context: OperationContext, table: str, old: str, new: str, keep: str) -> Finding:
    return context.finding(
        RULE,
        f'column "{old}" of table "{table}" is renamed to "{new}": the old code still running during the '
        "deploy reads and writes the old name and fails",
        table=table,
        column=old,
        impact=context.impact(StatementForm.RENAME_COLUMN),
        safe_way=f"rename only the attribute and {keep} on the field; or add a new column, dual-write, "
        "backfill, switch reads, and drop the old column in a later deploy",
    )


RULE = Rule(
    id="rename-column",
    severity=Severity.ERROR,
    summary="Column renamed while old code still uses the old name",
    doc=__doc__ or "",
    operation_check=check,
)
