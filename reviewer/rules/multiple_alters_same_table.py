"""Several hand-written ALTER TABLE statements on one table in one migration.

## What it does
Reports, at info level, a migration whose `RunSQL` statements alter the same existing table more than once.

## Why is this bad?
Each `ALTER TABLE` queues for its own lock and may scan or rewrite the table on its own; in an atomic
migration the first lock is then held through all the others. One `ALTER TABLE` with several subcommands
takes the lock once and merges the scans and rewrites into a single pass.

## Example
```python
migrations.RunSQL('ALTER TABLE "billing_invoice" ALTER COLUMN "total" TYPE numeric(14, 2)'),
migrations.RunSQL('ALTER TABLE "billing_invoice" ALTER COLUMN "tax" TYPE numeric(14, 2)'),
```

## Use instead
```python
migrations.RunSQL(
    'ALTER TABLE "billing_invoice" ALTER COLUMN "total" TYPE numeric(14, 2), '
    'ALTER COLUMN "tax" TYPE numeric(14, 2)',
    reverse_sql=...,
)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import MigrationContext, Rule


def check(context: MigrationContext) -> Iterator[Finding]:
    if context.migration.origin != "python":
        return  # sqlmigrate output: Django writes one ALTER per operation, only hand-written SQL can merge them
    statements_by_table: dict[str, set[str]] = {}
    for step in context.steps:
        for fact in step.sql_on_existing_tables:
            if (
                not fact.text.lstrip().upper().startswith("ALTER TABLE")
                or fact.form is StatementForm.VALIDATE_CONSTRAINT
            ):
                continue  # VALIDATE belongs in its own transaction, never merged into the ALTER that adds
            seen = statements_by_table.setdefault(fact.table, set())
            seen.add(fact.text)
            if len(seen) == 2:
                yield context.finding(
                    RULE,
                    f'"{fact.table}" is altered by more than one ALTER TABLE in this migration: each waits for its own '
                    "lock and may scan or rewrite the table again",
                    step,
                    safe_way="combine them into one ALTER TABLE with several subcommands",
                )


RULE = Rule(
    id="multiple-alters-same-table",
    severity=Severity.INFO,
    summary="Several ALTER TABLE statements on one table: combine them into one",
    doc=__doc__ or "",
    migration_check=check,
)
