"""Adding a unique constraint or unique index to an existing table (PostgreSQL).

## What it does
Flags `unique=True` turned on by `AddField`/`AlterField` (including `OneToOneField`), new
`unique_together` entries, and `AddConstraint` of a `UniqueConstraint`, on a table that existed before
the migration, when the target is PostgreSQL.

## Why is this bad?
`ALTER TABLE ... ADD CONSTRAINT ... UNIQUE` builds the unique index while holding an ACCESS EXCLUSIVE
lock: no reads and no writes on the table until the index is built. A conditional or expression
`UniqueConstraint` becomes `CREATE UNIQUE INDEX`, which blocks writes (SHARE lock) for the build.

## Example
```python
migrations.AddConstraint("invoice", models.UniqueConstraint(fields=["number"], name="invoice_number_uniq"))
```

## Use instead
Build the unique index concurrently, then attach it as the constraint (a brief lock), keeping Django's
state in step with `SeparateDatabaseAndState`:
```python
# migration 1 (atomic = False)
migrations.RunSQL(
    'CREATE UNIQUE INDEX CONCURRENTLY "invoice_number_uniq" ON "billing_invoice" ("number")',
    reverse_sql='DROP INDEX CONCURRENTLY IF EXISTS "invoice_number_uniq"',
)
# migration 2
migrations.SeparateDatabaseAndState(
    database_operations=[migrations.RunSQL(
        'ALTER TABLE "billing_invoice" ADD CONSTRAINT "invoice_number_uniq" UNIQUE USING INDEX "invoice_number_uniq"',
        reverse_sql='ALTER TABLE "billing_invoice" DROP CONSTRAINT "invoice_number_uniq"',
    )],
    state_operations=[migrations.AddConstraint("invoice", models.UniqueConstraint(...))],
)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.apply import normalize_together
from reviewer.state.field_changes import unique_added

UNIQUE_INDEX_ARGUMENTS = ("condition", "expressions", "include", "opclasses")


def check(context: OperationContext) -> Iterator[Finding]:
    if not context.target.is_postgresql:
        return
    for fact in context.facts(StatementForm.CREATE_INDEX, StatementForm.ADD_UNIQUE, StatementForm.ADD_COLUMN_UNIQUE):
        if fact.unique and not fact.concurrently:
            yield context.fact_finding(
                RULE,
                f'a unique index is built on existing table "{fact.table}" under a blocking lock',
                fact,
                "CREATE UNIQUE INDEX CONCURRENTLY (atomic = False), then ADD CONSTRAINT ... UNIQUE USING INDEX",
            )
    operation = context.operation
    key = "name" if operation.kind == "AlterUniqueTogether" else "model_name"
    model = context.model(key)
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model, key)
    found: list[tuple[str, StatementForm]] = []
    if operation.kind in ("AddField", "AlterField"):
        old = context.field(model, operation.text("name")) if operation.kind == "AlterField" else None
        new = context.new_field()
        if new is not None and unique_added(old, new):
            form = StatementForm.ADD_COLUMN_UNIQUE if operation.kind == "AddField" else StatementForm.ADD_UNIQUE
            found.append((f'a unique constraint on column "{new.column}"', form))
    elif operation.kind == "AlterUniqueTogether" and model is not None:
        added = set(normalize_together(operation.arg("unique_together"))) - set(model.unique_together)
        found.extend(
            (f"a unique constraint on ({', '.join(group)})", StatementForm.ADD_UNIQUE) for group in sorted(added)
        )
    elif operation.kind == "AddConstraint":
        constraint = operation.arg("constraint")
        if isinstance(constraint, Call) and constraint.name == "UniqueConstraint":
            name = constraint.kwargs.get("name")
            is_index = constraint.args or any(key in constraint.kwargs for key in UNIQUE_INDEX_ARGUMENTS)
            form = StatementForm.CREATE_INDEX if is_index else StatementForm.ADD_UNIQUE
            found.append((f'unique constraint "{name}"' if isinstance(name, str) else "a unique constraint", form))
    for what, form in found:
        blocked = "writes" if form is StatementForm.CREATE_INDEX else "reads and writes"
        yield context.finding(
            RULE,
            f'{what} is added to existing table "{table}": its unique index is built while {blocked} are blocked',
            table=table,
            impact=context.impact(form),
            safe_way="CREATE UNIQUE INDEX CONCURRENTLY in a non-atomic migration, then ADD CONSTRAINT ... "
            "UNIQUE USING INDEX, with SeparateDatabaseAndState keeping Django's state",
        )


RULE = Rule(
    id="add-unique-constraint",
    severity=Severity.ERROR,
    summary="Unique constraint added to an existing table builds its index under a blocking lock",
    doc=__doc__ or "",
    operation_check=check,
)
