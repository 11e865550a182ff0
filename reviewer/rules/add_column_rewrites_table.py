"""Adding a column whose value is computed per row: the table is rewritten (PostgreSQL).

## What it does
Flags, on a table that existed before the migration, columns that PostgreSQL must write into every row:
a volatile database default (`db_default=RandomUUID()`, `Random()`, or SQL `DEFAULT gen_random_uuid()`,
`clock_timestamp()`, `random()`, `nextval(...)`), a stored generated column (`GeneratedField(...,
db_persist=True)`, `GENERATED ALWAYS AS (...) STORED`), identity or serial columns, and before PostgreSQL
11 any default. Stable defaults such as `Now()` / `now()` and constants are not flagged on PostgreSQL 11+,
which keeps them in the catalog. On MySQL 8.0, an expression default (`db_default=Now()`, or SQL
`DEFAULT (...)` in a RunSQL) or an AUTO_INCREMENT column is not INSTANT and rebuilds the table (MariaDB
adds an expression default instantly).

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
from reviewer.sql.dialect import is_expression_default
from reviewer.target import Backend

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
    if context.target.is_postgresql:
        cost = "the table and its indexes are rewritten under ACCESS EXCLUSIVE"
    elif context.target.backend is Backend.MYSQL and not context.target.mariadb:
        cost = "MySQL copies the table (ALGORITHM=COPY), blocking writes"
    else:
        cost = ""
    for fact in context.facts(StatementForm.ADD_COLUMN_VOLATILE_DEFAULT) if cost else ():
        what = "an expression default" if is_expression_default(fact.default) else "a per-row value"
        message = f'column "{fact.column}" is added to existing table "{fact.table}" with {what}: {cost}'
        yield context.fact_finding(RULE, message, fact, SAFE_WAY)
    if context.operation.kind != "AddField":
        return
    model, field = context.model(), context.new_field()
    if field is None or not context.has_rows(model) or not context.touches_table(model) or field.db_call is None:
        return
    # default=None writes no DEFAULT clause: Django's effective default for a nullable column is NULL
    has_default = field.default is not None and field.default.source != "None"
    found = _rewrite_reason(context, field.db_class_name, field.db_call, has_default)
    if found is None:
        return
    reason, form = found
    table = context.table_name(model)
    yield context.finding(
        RULE,
        f'column "{field.column}" is added to existing table "{table}" with {reason}: the table is rewritten',
        table=table,
        column=field.column,
        impact=context.impact(form),
        safe_way=SAFE_WAY,
    )


def _rewrite_reason(
    context: OperationContext, class_name: str, call: Call, has_default: bool
) -> tuple[str, StatementForm] | None:
    db_default = call.kwargs.get("db_default")
    target = context.target
    if target.is_postgresql:
        if isinstance(db_default, Call) and db_default.path in VOLATILE_FUNCTIONS:
            return f"the volatile database default {db_default.source}", StatementForm.ADD_COLUMN_VOLATILE_DEFAULT
        if class_name == "GeneratedField" and call.kwargs.get("db_persist") is True:
            return "a stored generated value", StatementForm.ADD_COLUMN_VOLATILE_DEFAULT
        if class_name in AUTO_FIELDS:
            return "an identity (auto-increment) value", StatementForm.ADD_COLUMN_VOLATILE_DEFAULT
        if not target.at_least(11) and (has_default or "db_default" in call.kwargs):
            return "a default before PostgreSQL 11 (no fast defaults)", StatementForm.ADD_COLUMN_DEFAULT
    elif target.backend is Backend.MYSQL and not target.mariadb and isinstance(db_default, Call):
        return (
            f"the expression default {db_default.source} (not INSTANT on MySQL)",
            StatementForm.ADD_COLUMN_VOLATILE_DEFAULT,
        )
    return None


RULE = Rule(
    id="add-column-rewrites-table",
    severity=Severity.ERROR,
    summary="Column with a per-row value (volatile default, stored generated, identity) rewrites the table",
    doc=__doc__ or "",
    operation_check=check,
)
