"""Schema changes and a data migration in one atomic migration (PostgreSQL).

## What it does
Flags an atomic migration that changes the schema of a table that existed before it and then runs a data
migration: `RunPython`, or `RunSQL` that updates, inserts or deletes rows. Reported on the data migration.
A data migration before the schema change is not flagged: the locks come after it.

## Why is this bad?
On PostgreSQL the whole migration is one transaction, and locks last until it commits: the ACCESS
EXCLUSIVE lock from an `AddField` or `AlterField` is held for as long as the data migration runs, so the
table is unreadable for the whole backfill. A failure late in the backfill also rolls back the schema
change.

## Example
```python
operations = [
    migrations.AddField("invoice", "currency", models.CharField(max_length=3, null=True)),
    migrations.RunPython(fill_currency, migrations.RunPython.noop),
]
```

## Use instead
Put the data migration in a migration of its own, after the schema change; batch its updates by primary
key. Use `atomic = False` on that migration if each batch should commit on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Operation
from reviewer.rules.base import MigrationContext, Rule
from reviewer.sql.facts import sql_texts

LOCKING_OPERATIONS = frozenset(
    {
        "AddField",
        "AlterField",
        "RemoveField",
        "RenameField",
        "AddIndex",
        "RemoveIndex",
        "RenameIndex",
        "AddConstraint",
        "RemoveConstraint",
        "AddConstraintNotValid",
        "AlterUniqueTogether",
        "AlterIndexTogether",
        "AlterOrderWithRespectTo",
        "DeleteModel",
        "RenameModel",
        "AlterModelTable",
    }
)
"""Operations that lock an existing table until the migration's transaction commits."""


DML = re.compile(r"^\s*(UPDATE|INSERT|DELETE|MERGE)\b", re.IGNORECASE)


def is_data_migration(operation: Operation) -> bool:
    """RunPython, or RunSQL that changes rows (UPDATE, INSERT, DELETE, MERGE)."""
    if operation.kind == "RunPython":
        return True
    if operation.kind != "RunSQL":
        return False
    from reviewer.sql import split_sql
    return any(
        DML.match(statement.text) for sql in sql_texts(operation.arg("sql")) for statement in split_sql(sql).statements
    )


def check(context: MigrationContext) -> Iterator[Finding]:
    if not context.migration.atomic or context.migration.atomic_unknown or not context.target.is_postgresql:
        return
    # Only locks taken before a data migration are held while it runs.
    schema = []
    for step in context.steps:
        if step.table_has_rows and step.operation.kind in LOCKING_OPERATIONS:
            schema.append(step)
        elif schema and is_data_migration(step.operation):
            break
    else:
        return
    tables = sorted({each.table for each in schema})
    yield context.finding(
        RULE,
        f"this atomic migration changes the schema of {', '.join(repr(t) for t in tables)} and runs a data migration: "
        "the schema change's locks are held until the data migration finishes",
        step,
        table=tables[0],
        safe_way="move the data migration into its own migration after the schema change, batching its updates",
    )


RULE = Rule(
    id="mixed-schema-and-data",
    severity=Severity.WARNING,
    summary="Schema change then a data migration in one atomic migration: locks held while the data changes",
    doc=__doc__ or "",
    migration_check=check,
)
