"""Creating an index on an existing table without CONCURRENTLY (PostgreSQL).

## What it does
Flags `AddIndex`, `AddField`/`AlterField` that turn on `db_index=True`, and `AlterIndexTogether` entries
that create an index on a table that existed before the migration, when the target is PostgreSQL.
Indexes built for a new foreign key are reported by `add-foreign-key`, unique ones by
`add-unique-constraint`.

## Why is this bad?
`CREATE INDEX` takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until the whole
index is built, which on a large table means minutes of failed writes. MySQL builds secondary indexes
online (ALGORITHM=INPLACE), so it is not flagged there.

## Example
```python
migrations.AddIndex("invoice", models.Index(fields=["due_date"], name="invoice_due_idx"))
```

## Use instead
Build it concurrently in a non-atomic migration:
```python
from django.contrib.postgres.operations import AddIndexConcurrently

class Migration(migrations.Migration):
    atomic = False
    operations = [
        AddIndexConcurrently("invoice", models.Index(fields=["due_date"], name="invoice_due_idx")),
    ]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.apply import normalize_together
from reviewer.state.column_types import column_type, pattern_opclass
from reviewer.state.field_changes import foreign_key_added, index_added
from reviewer.state.fields import FieldState


def check(context: OperationContext) -> Iterator[Finding]:
    if not context.target.is_postgresql:
        return
    for fact in context.facts(StatementForm.CREATE_INDEX):
        if not fact.concurrently and not fact.unique:
            yield context.fact_finding(
                RULE,
                f'CREATE INDEX on existing table "{fact.table}" without CONCURRENTLY: writes are blocked until the '
                "build finishes",
                fact,
                "CREATE INDEX CONCURRENTLY in a migration with atomic = False",
            )
    operation = context.operation
    model = context.model("name" if operation.kind == "AlterIndexTogether" else "model_name")
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model, "name" if operation.kind == "AlterIndexTogether" else "model_name")
    described: list[str] = []
    if operation.kind == "AddIndex":
        index = operation.arg("index")
        name = index.kwargs.get("name") if isinstance(index, Call) else None
        described.append(f'index "{name}"' if isinstance(name, str) else "an index")
    elif operation.kind in ("AddField", "AlterField"):
        old = context.field(model, operation.text("name")) if operation.kind == "AlterField" else None
        new = context.new_field()
        if new is None or foreign_key_added(old, new):
            return
        if index_added(old, new):
            described.append(f'an index on column "{new.column}"')
        elif old is not None and _like_index_rebuilt(context, old, new):
            described.append(f'the pattern-ops ("_like") index on column "{new.column}", rebuilt for the new type,')
    elif operation.kind == "AlterIndexTogether" and model is not None:
        new_groups = set(normalize_together(operation.arg("index_together"))) - set(model.index_together)
        described.extend(f"an index on ({', '.join(group)})" for group in sorted(new_groups))
    for what in described:
        yield context.finding(
            RULE,
            f'{what} is built on existing table "{table}" without CONCURRENTLY: writes to the table are '
            "blocked until the build finishes",
            table=table,
            impact=context.impact(StatementForm.CREATE_INDEX),
            safe_way="use AddIndexConcurrently (django.contrib.postgres.operations) in a migration with atomic = False",
        )


def _like_index_rebuilt(context: OperationContext, old: FieldState, new: FieldState) -> bool:
    """Django rebuilds the varchar_pattern_ops / text_pattern_ops index when an indexed column moves between
    varchar and text (seen in sqlmigrate on PostgreSQL)."""
    if not (old.db_index or old.unique) or not (new.db_index or new.unique):
        return False
    before = pattern_opclass(column_type(old, context.state))
    after = pattern_opclass(column_type(new, context.state))
    return before is not None and after is not None and before != after


RULE = Rule(
    id="add-index-without-concurrently",
    severity=Severity.ERROR,
    summary="Index built on an existing table without CONCURRENTLY blocks writes",
    doc=__doc__ or "",
    operation_check=check,
)
