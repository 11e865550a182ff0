"""Adding a foreign key constraint to an existing table.

## What it does
Flags `AddField` of a `ForeignKey`/`OneToOneField` (with the default `db_constraint=True`) to a table that
existed before the migration, and `AlterField` that creates a foreign key constraint (a new relation, a
new target, or `db_constraint` turned on).

## Why is this bad?
PostgreSQL validates the new constraint by scanning the whole table while holding SHARE ROW EXCLUSIVE on
both the table and the referenced table (ACCESS EXCLUSIVE on the table when the column is added in the
same statement): writes to both tables stop. Django also builds the column's index without
CONCURRENTLY in the same transaction. MySQL adds a foreign key by copying the table (ALGORITHM=COPY),
blocking writes.

## Example
```python
migrations.AddField("invoice", "customer", models.ForeignKey("crm.Customer", models.PROTECT, null=True))
```

## Use instead
Add the column without the constraint, build the index concurrently, then add the constraint
`NOT VALID` and validate it in a later migration (no blocking lock while it scans):
```python
migrations.AddField("invoice", "customer",
                    models.ForeignKey("crm.Customer", models.PROTECT, null=True, db_constraint=False))
# later: RunSQL('ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY (...) REFERENCES ... NOT VALID')
# later still: RunSQL('ALTER TABLE ... VALIDATE CONSTRAINT ...')
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.field_changes import foreign_key_added
from reviewer.target import Backend


def check(context: OperationContext) -> Iterator[Finding]:
    operation = context.operation
    if operation.kind not in ("AddField", "AlterField") or context.target.backend is Backend.SQLITE:
        return
    model = context.model()
    if not context.has_rows(model) or not context.touches_table(model):
        return
    old = context.field(model, operation.text("name")) if operation.kind == "AlterField" else None
    new = context.new_field()
    if new is None or not foreign_key_added(old, new):
        return
    table = context.table_name(model)
    target = context.state.model_by_reference(new.related_model)
    referenced = target.table if target else new.related_model or "?"
    form = StatementForm.ADD_COLUMN_FOREIGN_KEY if operation.kind == "AddField" else StatementForm.ADD_FOREIGN_KEY
    index_note = " and its index is built without CONCURRENTLY" if new.db_index else ""
    yield context.finding(
        RULE,
        f'foreign key "{new.column}" -> "{referenced}" is added to existing table "{table}": the constraint is '
        f'validated by a full scan while writes to "{table}" and "{referenced}" are blocked{index_note}',
        table=table,
        column=new.column,
        impact=context.impact(form),
        safe_way="add the field with db_constraint=False (index via AddIndexConcurrently), then ADD CONSTRAINT "
        "... FOREIGN KEY ... NOT VALID, and VALIDATE CONSTRAINT in a later migration",
    )


RULE = Rule(
    id="add-foreign-key",
    severity=Severity.ERROR,
    summary="Foreign key added to an existing table is validated under a blocking lock",
    doc=__doc__ or "",
    operation_check=check,
)
