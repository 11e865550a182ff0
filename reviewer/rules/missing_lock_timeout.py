"""Hand-written SQL that takes ACCESS EXCLUSIVE without a lock_timeout (PostgreSQL).

## What it does
Reports, at info level, a `RunSQL` statement that takes ACCESS EXCLUSIVE on a table that existed before the
migration when no earlier `RunSQL` of the migration set a bounded `lock_timeout`.

## Why is this bad?
Even a brief ACCESS EXCLUSIVE lock must wait for every transaction already using the table, and while it
waits, every later query on the table queues behind it. One slow report turns a millisecond catalog change
into minutes of blocked reads and writes. `lock_timeout` makes the statement give up instead, so the
deploy can retry later.

## Example
```python
migrations.RunSQL('ALTER TABLE "billing_invoice" ADD COLUMN "note" text', migrations.RunSQL.noop)
```

## Use instead
```python
migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop),
migrations.RunSQL('ALTER TABLE "billing_invoice" ADD COLUMN "note" text', migrations.RunSQL.noop),
```
(`SET LOCAL` lasts until the migration's transaction ends; in a non-atomic migration use `SET`.)
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import impact_of
from reviewer.locks.table import AEL
from reviewer.rules.base import MigrationContext, Rule


def check(context: MigrationContext) -> Iterator[Finding]:
    if not context.target.is_postgresql or context.migration.origin != "python":
        return  # sqlmigrate output is Django's SQL, not hand-written: set lock_timeout for the connection instead
    for step in context.steps:
        if step.sets_lock_timeout:
            return
        for fact in step.sql_on_existing_tables:
            impact = impact_of(fact.form, context.target)
            if impact is not None and impact.lock == AEL:
                yield context.finding(
                    RULE,
                    f'this RunSQL takes ACCESS EXCLUSIVE on "{fact.table}" with no lock_timeout: while it waits for '
                    "running transactions, every query on the table queues behind it",
                    step,
                    safe_way="run migrations.RunSQL(\"SET LOCAL lock_timeout = '5s'\", migrations.RunSQL.noop) first, "
                    "and retry the deploy if it times out",
                )
                return


RULE = Rule(
    id="missing-lock-timeout",
    severity=Severity.INFO,
    summary="Hand-written SQL takes ACCESS EXCLUSIVE without a lock_timeout",
    doc=__doc__ or "",
    migration_check=check,
)
