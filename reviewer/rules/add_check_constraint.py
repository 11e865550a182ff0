"""Adding a CHECK constraint to an existing table without NOT VALID.

## What it does
Flags `AddConstraint` of a `CheckConstraint` on a table that existed before the migration.
`AddConstraintNotValid` (django.contrib.postgres) is not flagged.

## Why is this bad?
PostgreSQL checks every row while holding ACCESS EXCLUSIVE: no reads and no writes until the scan ends.
MySQL validates every row by copying the table (ALGORITHM=COPY) and has no NOT VALID form.

## Example
```python
migrations.AddConstraint("invoice", models.CheckConstraint(condition=models.Q(total__gte=0), name="total_gte_0"))
```

## Use instead
```python
from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint

# migration 1
AddConstraintNotValid("invoice", models.CheckConstraint(condition=models.Q(total__gte=0), name="total_gte_0"))
# migration 2 (a later one: VALIDATE takes only SHARE UPDATE EXCLUSIVE)
ValidateConstraint("invoice", "total_gte_0")
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.target import Backend


def check(context: OperationContext) -> Iterator[Finding]:
    operation = context.operation
    constraint = operation.arg("constraint")
    if operation.kind != "AddConstraint" or not isinstance(constraint, Call) or constraint.name != "CheckConstraint":
        return
    if context.target.backend is Backend.SQLITE:
        return
    model = context.model()
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model)
    name = constraint.kwargs.get("name")
    label = f'check constraint "{name}"' if isinstance(name, str) else "a check constraint"
    yield context.finding(
        RULE,
        f'{label} is added to existing table "{table}": every row is checked while the lock is held',
        table=table,
        impact=context.impact(StatementForm.ADD_CHECK),
        safe_way="PostgreSQL: AddConstraintNotValid in this migration and ValidateConstraint in a later one",
    )


RULE = Rule(
    id="add-check-constraint",
    severity=Severity.ERROR,
    summary="CHECK constraint added to an existing table scans it under ACCESS EXCLUSIVE",
    doc=__doc__ or "",
    operation_check=check,
)
