"""RunSQL without reverse SQL.

## What it does
Flags `RunSQL` operations that have no `reverse_sql`.

## Why is this bad?
Django refuses to unapply such a migration (`IrreversibleError`), so a bad deploy cannot be rolled back
with `migrate app previous_migration`, and neither can anything after it.

## Example
```python
migrations.RunSQL("CREATE INDEX CONCURRENTLY invoice_due_idx ON billing_invoice (due_date)")
```

## Use instead
```python
migrations.RunSQL(
    "CREATE INDEX CONCURRENTLY invoice_due_idx ON billing_invoice (due_date)",
    reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS invoice_due_idx",
)
```
Use `reverse_sql=migrations.RunSQL.noop` when going back needs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    operation = context.operation
    if operation.kind != "RunSQL" or operation.arg("reverse_sql") is not None:
        return
    yield context.finding(
        RULE,
        "RunSQL has no reverse_sql: this migration and every one after it cannot be rolled back",
        safe_way="add reverse_sql=<SQL that undoes it>, or reverse_sql=migrations.RunSQL.noop when going back "
        "needs nothing",
    )


RULE = Rule(
    id="run-sql-without-reverse",
    severity=Severity.WARNING,
    summary="RunSQL without reverse_sql cannot be rolled back",
    doc=__doc__ or "",
    operation_check=check,
)
