"""Making an existing column NOT NULL.

## What it does
Flags `AlterField` that turns `null=True` into `null=False` on a table that existed before the migration.
Not flagged on PostgreSQL 12+ when the model already has a validated `CheckConstraint` (not one still NOT VALID) of
`<field>__isnull=False`, which lets PostgreSQL skip the scan.

## Why is this bad?
PostgreSQL's `ALTER COLUMN ... SET NOT NULL` scans the whole table under an ACCESS EXCLUSIVE lock: no
reads and no writes until the scan ends. With a `default`, Django first runs an `UPDATE` of every NULL
row in the same transaction. Old code that still writes NULL fails once the constraint is in. MySQL
rebuilds the table (ALGORITHM=INPLACE, writes allowed) and fails if NULLs remain.

## Example
```python
migrations.AlterField("invoice", "currency", models.CharField(max_length=3))  # was null=True
```

## Use instead
PostgreSQL 12+: add `CHECK (currency IS NOT NULL) NOT VALID` (`AddConstraintNotValid`), validate it in a
later migration (`ValidateConstraint`, no blocking lock), then `SET NOT NULL` (no scan) and drop the
check. Backfill NULL rows in batches first (`migreview plan` writes the steps).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call, Value
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.field_changes import null_removed
from reviewer.state.project import ModelState
from reviewer.target import Backend


def _is_not_null_condition(condition: Value, field_name: str) -> bool:
    """``Q(field__isnull=False)`` in either spelling (keyword, or the ``("field__isnull", False)`` tuple)."""
    if not isinstance(condition, Call) or condition.name != "Q":
        return False
    lookup = f"{field_name}__isnull"
    if condition.kwargs.get(lookup) is False:
        return True
    return any(isinstance(arg, tuple) and arg == (lookup, False) for arg in condition.args)


def has_not_null_check(model: ModelState | None, field_name: str) -> bool:
    """A validated check constraint ``<field>__isnull=False`` exists, so PostgreSQL 12+ skips the scan."""
    if model is None:
        return False
    return any(
        constraint.name == "CheckConstraint"
        and name not in model.not_valid
        and _is_not_null_condition(constraint.kwargs.get("condition", constraint.kwargs.get("check")), field_name)
        for name, constraint in model.constraints.items()
    )


def check(context: OperationContext) -> Iterator[Finding]:
    if context.target.is_postgresql:
        for fact in context.facts(StatementForm.SET_NOT_NULL):
            model = context.state.model_by_table(fact.table)
            field = model.field_by_column(fact.column) if model else None
            if context.target.at_least(12) and field is not None and has_not_null_check(model, field.name):
                continue
            yield context.fact_finding(
                RULE,
                f'SET NOT NULL on "{fact.table}"."{fact.column}" checks the whole table under ACCESS EXCLUSIVE',
                fact,
                "PostgreSQL 12+: add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET "
                "NOT NULL and drop the check",
            )
    if context.operation.kind != "AlterField" or context.target.backend is Backend.SQLITE:
        return
    model = context.model()
    old, new = context.field(model, context.operation.text("name")), context.new_field()
    if new is None or not null_removed(old, new) or not context.has_rows(model) or not context.touches_table(model):
        return
    if context.target.is_postgresql and context.target.at_least(12) and has_not_null_check(model, new.name):
        return
    table = context.table_name(model)
    backfill = " after an UPDATE of every NULL row to the default," if new.default is not None else ""
    yield context.finding(
        RULE,
        f'column "{new.column}" of existing table "{table}" becomes NOT NULL:{backfill} the whole table is '
        "checked while the lock is held, and old code that writes NULL starts failing",
        table=table,
        column=new.column,
        severity=Severity.ERROR if context.target.is_postgresql else Severity.WARNING,
        impact=context.impact(StatementForm.SET_NOT_NULL),
        safe_way="PostgreSQL 12+: backfill NULLs in batches, add CHECK (col IS NOT NULL) NOT VALID, "
        "VALIDATE it in a later migration, then SET NOT NULL and drop the check",
    )


RULE = Rule(
    id="set-not-null",
    severity=Severity.ERROR,
    summary="Existing column made NOT NULL: full-table check under ACCESS EXCLUSIVE",
    doc=__doc__ or "",
    operation_check=check,
)
