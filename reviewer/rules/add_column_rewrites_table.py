"""Adding a column whose value is computed per row: the table is rewritten (PostgreSQL).

## What it does
Flags, on a table that existed before the migration, columns that PostgreSQL must write into every row:
a volatile database default (`db_default=RandomUUID()`, `Random()`, or SQL `DEFAULT gen_random_uuid()`,
`clock_timestamp()`, `random()`, `nextval(...)`), a stored generated column (`GeneratedField(...,
db_persist=True)`, `GENERATED ALWAYS AS (...) STORED`), and identity or serial columns. Stable defaults
such as `Now()` / `now()` and constants are not flagged: PostgreSQL 11+ keeps them in the catalog.

## Why is this bad?
The whole table and all its indexes are rewritten while ACCESS EXCLUSIVE is held: no reads and no writes
for the duration, and twice the disk space. MySQL copies the table for an expression default.

## Example
```python
migrations.AddField("invoice", "token", models.UUIDField(db_default=RandomUUID()))
```

## Use instead
Add the column nullable without the default, set the default for new rows only
(`ALTER COLUMN ... SET DEFAULT gen_random_uuid()` does not touch existing rows), backfill existing rows
in batches, then add NOT NULL with the CHECK NOT VALID recipe. For a generated column, compute the value
in the application or a trigger, or use a virtual generated column (PostgreSQL 18+, MySQL).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule

VOLATILE_FUNCTIONS = frozenset(
    {
        "django.contrib.postgres.functions.RandomUUID",
        "django.db.models.functions.Random",
        "django.db.models.functions.math.Random",
    }
)
AUTO_FIELDS = frozenset({"AutoField", "BigAutoField", "SmallAutoField"})
SAFE_WAY = (
    "add the column nullable without the default, SET DEFAULT for new rows only, backfill in batches, then "
    "enforce NOT NULL with CHECK NOT VALID + VALIDATE"
)


def check(context: OperationContext) -> Iterator[Finding]:
    if not context.target.is_postgresql:
        return
    for fact in context.facts(StatementForm.ADD_COLUMN_VOLATILE_DEFAULT):
        yield context.fact_finding(
            RULE,
            f'column "{fact.column}" is added to existing table "{fact.table}" with a per-row value: the table and '
            "its indexes are rewritten under ACCESS EXCLUSIVE",
            fact,
            SAFE_WAY,
        )
    if context.operation.kind != "AddField":
        return
    model, field = context.model(), context.new_field()
    if field is None or not context.has_rows(model) or not context.touches_table(model) or field.call is None:
        return
    reason = _per_row_reason(field.class_name, field.call)
    if reason is None:
        return
    table = context.table_name(model)
    yield context.finding(
        RULE,
        f'column "{field.column}" is added to existing table "{table}" with {reason}: the table and its indexes '
        "are rewritten under ACCESS EXCLUSIVE",
        table=table,
        column=field.column,
        impact=context.impact(StatementForm.ADD_COLUMN_VOLATILE_DEFAULT),
        safe_way=SAFE_WAY,
    )


def _per_row_reason(class_name: str, call: Call) -> str | None:
    db_default = call.kwargs.get("db_default")
    if isinstance(db_default, Call) and db_default.path in VOLATILE_FUNCTIONS:
        return f"the volatile database default {db_default.source}"
    if class_name == "GeneratedField" and call.kwargs.get("db_persist") is True:
        return "a stored generated value"
    if class_name in AUTO_FIELDS:
        return "an identity (auto-increment) value"
    return None


RULE = Rule(
    id="add-column-rewrites-table",
    severity=Severity.ERROR,
    summary="Column with a per-row value (volatile default, stored generated, identity) rewrites the table",
    doc=__doc__ or "",
    operation_check=check,
)
