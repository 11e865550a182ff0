"""Validating a NOT VALID constraint in the same transaction that added it (PostgreSQL).

## What it does
Flags `ValidateConstraint` in an atomic migration that also added the constraint with
`AddConstraintNotValid`, and `VALIDATE CONSTRAINT` in a RunSQL that also adds that constraint `NOT VALID`.

## Why is this bad?
Adding a constraint NOT VALID takes ACCESS EXCLUSIVE only briefly, and VALIDATE then scans the table under
SHARE UPDATE EXCLUSIVE, which lets reads and writes continue. But locks last until the transaction ends:
in one atomic migration the ACCESS EXCLUSIVE lock of the add is still held during the whole validation
scan, so the split buys nothing.

## Example
```python
operations = [
    AddConstraintNotValid("invoice", models.CheckConstraint(condition=models.Q(total__gte=0), name="total_gte_0")),
    ValidateConstraint("invoice", "total_gte_0"),
]
```

## Use instead
Validate in a later migration (each migration is its own transaction), or set `atomic = False`:
```python
# 0043_invoice_total_check.py
operations = [AddConstraintNotValid("invoice", models.CheckConstraint(...))]
# 0044_validate_invoice_total_check.py
operations = [ValidateConstraint("invoice", "total_gte_0")]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    yield from _in_sql(context)
    operation = context.operation
    if operation.kind != "ValidateConstraint" or not context.migration.atomic or not context.target.is_postgresql:
        return
    model = context.model()
    name = operation.text("name")
    if model is None or name is None or model.not_valid.get(name) != context.migration.key:
        return
    yield context.finding(
        RULE,
        f'constraint "{name}" on "{model.table}" is validated in the same transaction that added it NOT VALID: '
        "the ACCESS EXCLUSIVE lock of the add is held through the whole validation scan",
        table=model.table,
        impact=context.impact(StatementForm.ADD_CHECK),
        safe_way="move ValidateConstraint into a later migration (or make this migration atomic = False)",
    )


def _in_sql(context: OperationContext) -> Iterator[Finding]:
    """``ADD CONSTRAINT ... NOT VALID`` and ``VALIDATE CONSTRAINT`` of it in one RunSQL of an atomic migration."""
    if not context.migration.atomic or not context.target.is_postgresql:
        return
    added = {
        fact.constraint
        for fact in context.sql_facts
        if fact.not_valid and fact.constraint and fact.form is not StatementForm.VALIDATE_CONSTRAINT
    }
    for fact in context.sql_facts:
        if fact.form is StatementForm.VALIDATE_CONSTRAINT and fact.constraint in added:
            yield context.fact_finding(
                RULE,
                f'constraint "{fact.constraint}" is validated in the same transaction that added it NOT VALID: the '
                "add's lock is held through the whole validation scan",
                fact,
                "run VALIDATE CONSTRAINT in a later migration",
            )


RULE = Rule(
    id="validate-in-same-transaction",
    severity=Severity.ERROR,
    summary="NOT VALID constraint validated in the same transaction keeps the add's lock during the scan",
    doc=__doc__ or "",
    operation_check=check,
)
