"""A concurrent index operation inside an atomic migration.

## What it does
Flags `AddIndexConcurrently`, `RemoveIndexConcurrently` and `RunSQL` with `CONCURRENTLY` in a migration
that does not set `atomic = False`.

## Why is this bad?
PostgreSQL refuses `CREATE INDEX CONCURRENTLY` and `DROP INDEX CONCURRENTLY` inside a transaction block,
and Django wraps atomic migrations in one: the migration fails at deploy time (Django raises
`NotSupportedError` for the contrib operations before running them).

## Example
```python
class Migration(migrations.Migration):
    operations = [AddIndexConcurrently("invoice", models.Index(fields=["due_date"], name="due_idx"))]
```

## Use instead
```python
class Migration(migrations.Migration):
    atomic = False
    operations = [AddIndexConcurrently("invoice", models.Index(fields=["due_date"], name="due_idx"))]
```
Keep such a migration to the concurrent operations alone: without a transaction a failure half-way
leaves the earlier operations applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.rules.base import OperationContext, Rule
from reviewer.sql.facts import sql_texts, without_comments

CONCURRENT_OPERATIONS = ("AddIndexConcurrently", "RemoveIndexConcurrently")
CONCURRENTLY = re.compile(r"\b(CREATE|DROP|REINDEX)\b[^;]*\bCONCURRENTLY\b", re.IGNORECASE | re.DOTALL)


def check(context: OperationContext) -> Iterator[Finding]:
    operation = context.operation
    if not context.migration.atomic or context.migration.atomic_unknown or not context.target.is_postgresql:
        return
    if operation.kind in CONCURRENT_OPERATIONS:
        what = operation.kind
    elif operation.kind == "RunSQL" and any(
        CONCURRENTLY.search(without_comments(sql)) for sql in sql_texts(operation.arg("sql"))
    ):
        what = "RunSQL with CONCURRENTLY"
    else:
        return
    yield context.finding(
        RULE,
        f"{what} cannot run inside a transaction, but migration {context.migration.name} is atomic: it fails "
        "at deploy time",
        safe_way="set atomic = False on the Migration class and keep the concurrent operations in a "
        "migration of their own",
    )


RULE = Rule(
    id="concurrent-in-atomic-migration",
    severity=Severity.ERROR,
    summary="Concurrent index operation in an atomic migration fails at deploy time",
    doc=__doc__ or "",
    operation_check=check,
)
