"""Schema changes and a data migration in one atomic migration (PostgreSQL).

## What it does
Flags an atomic migration that both changes the schema of a table that existed before it and runs
`RunPython`. Reported on the `RunPython` operation.

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

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.rules.base import MigrationContext, Rule

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


def check(context: MigrationContext) -> Iterator[Finding]:
    if not context.migration.atomic or not context.target.is_postgresql:
        return
    schema = [step for step in context.steps if step.table_has_rows and step.operation.kind in LOCKING_OPERATIONS]
    data = [step for step in context.steps if step.operation.kind == "RunPython"]
    if not schema or not data:
        return
    tables = sorted({step.table for step in schema})
    yield context.finding(
        RULE,
        f"this atomic migration changes the schema of {', '.join(repr(t) for t in tables)} and runs RunPython: "
        "the schema change's locks are held until the data migration finishes",
        data[0],
        safe_way="move the RunPython into its own migration after the schema change, batching its updates",
    )


RULE = Rule(
    id="mixed-schema-and-data",
    severity=Severity.WARNING,
    summary="Schema change and RunPython in one atomic migration hold locks during the data migration",
    doc=__doc__ or "",
    migration_check=check,
)
