"""A callable default on a field added to an existing table.

## What it does
Flags `AddField` whose `default` is a callable (`uuid.uuid4`, `timezone.now`, a function) on a table that
existed before the migration, unless a `db_default` is given.

## Why is this bad?
Django calls the callable once and writes that single value into every existing row. All rows get the same
"unique" UUID or the same timestamp; with `unique=True` the migration fails with a duplicate key. It is
rarely what the author meant.

## Example
```python
migrations.AddField("invoice", "public_id", models.UUIDField(default=uuid.uuid4, unique=True))
```

## Use instead
Add the field nullable without `unique`, fill existing rows in batches with a RunPython that calls the
function per row, then add the unique constraint and NOT NULL in later migrations. For timestamps, a
database default such as `db_default=Now()` (Django 5.0+) gives each new row its own value.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.rules.base import OperationContext, Rule

EMPTY_CONTAINERS = frozenset({"dict", "list", "set", "tuple", "frozenset", "str", "int", "float", "bool"})
"""Builtins that give an equal empty value per row: sharing one value is what was meant."""


def check(context: OperationContext) -> Iterator[Finding]:
    if context.operation.kind != "AddField":
        return
    model = context.model()
    new = context.new_field()
    if new is None or new.default is None or not new.default.is_callable or new.db_default is not None:
        return
    if new.default.source in EMPTY_CONTAINERS:
        return
    if not context.has_rows(model) or not context.touches_table(model) or not new.has_column:
        return
    table = context.table_name(model)
    consequence = (
        "with unique=True the migration fails on a duplicate key"
        if new.unique
        else "every existing row gets the same value"
    )
    yield context.finding(
        RULE,
        f'column "{new.column}" is added to existing table "{table}" with callable default '
        f"{new.default.source}: Django calls it once for all existing rows, so {consequence}",
        table=table,
        column=new.column,
        severity=Severity.ERROR if new.unique else Severity.WARNING,
        safe_way="add it nullable (without unique), backfill per row in batches with RunPython, then add the "
        "unique constraint and NOT NULL in later migrations",
    )


RULE = Rule(
    id="callable-default",
    severity=Severity.WARNING,
    summary="Callable default gives every existing row the same value",
    doc=__doc__ or "",
    operation_check=check,
)
