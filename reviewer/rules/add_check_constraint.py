"""Adding a CHECK constraint to an existing table without NOT VALID.

## What it does
Flags `AddConstraint` of a `CheckConstraint` on a table that existed before the migration, and
`AddField`/`AlterField` of a `Positive*Field`, for which Django adds `CHECK (col >= 0)`.
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

POSITIVE_FIELDS = frozenset({"PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField"})
"""Django adds ``CHECK ("col" >= 0)`` for these."""


def check(context: OperationContext) -> Iterator[Finding]:
    if context.target.backend is Backend.SQLITE:
        return
    for fact in context.facts(StatementForm.ADD_CHECK):
        if not fact.not_valid:
            yield context.fact_finding(
                RULE,
                f'CHECK constraint on existing table "{fact.table}" is validated by a full scan under the lock',
                fact,
                "PostgreSQL: ADD CONSTRAINT ... NOT VALID here, VALIDATE CONSTRAINT in a later migration",
            )
    model = context.model()
    if not context.has_rows(model) or not context.touches_table(model):
        return
    label = _added_check(context)
    if label is None:
        return
    table = context.table_name(model)
    yield context.finding(
        RULE,
        f'{label} is added to existing table "{table}": every row is checked while the lock is held',
        table=table,
        impact=context.impact(StatementForm.ADD_CHECK),
        safe_way="PostgreSQL: AddConstraintNotValid in this migration and ValidateConstraint in a later one",
    )


def _added_check(context: OperationContext) -> str | None:
    operation = context.operation
    if operation.kind == "AddConstraint":
        constraint = operation.arg("constraint")
        if not isinstance(constraint, Call) or constraint.name != "CheckConstraint":
            return None
        name = constraint.kwargs.get("name")
        return f'check constraint "{name}"' if isinstance(name, str) else "a check constraint"
    if operation.kind in ("AddField", "AlterField"):
        new = context.new_field()
        old = context.field(context.model(), operation.text("name")) if operation.kind == "AlterField" else None
        if (
            new is not None
            and new.db_class_name in POSITIVE_FIELDS
            and (old is None or old.db_class_name not in POSITIVE_FIELDS)
        ):
            return f'the check ("{new.column}" >= 0) of {new.class_name}'
    return None


RULE = Rule(
    id="add-check-constraint",
    severity=Severity.ERROR,
    summary="CHECK constraint added to an existing table scans it under ACCESS EXCLUSIVE",
    doc=__doc__ or "",
    operation_check=check,
)
