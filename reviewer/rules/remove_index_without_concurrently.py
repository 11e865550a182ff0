"""Dropping an index without CONCURRENTLY (PostgreSQL).

## What it does
Flags `RemoveIndex`, `AlterField` that turns off `db_index`, and `AlterIndexTogether` entries that drop
an index, on a table that existed before the migration, when the target is PostgreSQL.

## Why is this bad?
`DROP INDEX` takes an ACCESS EXCLUSIVE lock on the table. The drop itself is quick, but the lock request
waits behind every running query on the table and, while it waits, queues every later read and write
behind it: a slow report can turn a "brief" drop into an outage.

## Example
```python
migrations.RemoveIndex("invoice", "invoice_due_idx")
```

## Use instead
```python
from django.contrib.postgres.operations import RemoveIndexConcurrently

class Migration(migrations.Migration):
    atomic = False
    operations = [RemoveIndexConcurrently("invoice", "invoice_due_idx")]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.apply import normalize_together
from reviewer.state.field_changes import index_removed


def check(context: OperationContext) -> Iterator[Finding]:
    if not context.target.is_postgresql:
        return
    for fact in context.facts(StatementForm.DROP_INDEX):
        if not fact.concurrently:
            yield context.fact_finding(
                RULE,
                f'DROP INDEX "{fact.index or "?"}" without CONCURRENTLY takes ACCESS EXCLUSIVE on its table',
                fact,
                "DROP INDEX CONCURRENTLY in a migration with atomic = False",
            )
    operation = context.operation
    key = "name" if operation.kind == "AlterIndexTogether" else "model_name"
    model = context.model(key)
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model, key)
    described: list[str] = []
    if operation.kind == "RemoveIndex":
        described.append(f'index "{operation.text("name") or "?"}"')
    elif operation.kind == "AlterField":
        old, new = context.field(model, operation.text("name")), context.new_field()
        if new is None or not index_removed(old, new):
            return
        described.append(f'the index on column "{new.column}"')
    elif operation.kind == "AlterIndexTogether" and model is not None:
        dropped = set(model.index_together) - set(normalize_together(operation.arg("index_together")))
        described.extend(f"the index on ({', '.join(group)})" for group in sorted(dropped))
    for what in described:
        yield context.finding(
            RULE,
            f'{what} is dropped from table "{table}" without CONCURRENTLY: the ACCESS EXCLUSIVE lock waits '
            "behind running queries and blocks all reads and writes queued after it",
            table=table,
            impact=context.impact(StatementForm.DROP_INDEX),
            safe_way="use RemoveIndexConcurrently (django.contrib.postgres.operations) in a migration with "
            "atomic = False",
        )


RULE = Rule(
    id="remove-index-without-concurrently",
    severity=Severity.WARNING,
    summary="Index dropped without CONCURRENTLY takes an ACCESS EXCLUSIVE lock",
    doc=__doc__ or "",
    operation_check=check,
)
