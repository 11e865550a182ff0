"""Dropping a table that the running code still uses.

## What it does
Flags `DeleteModel` of a managed, non-proxy model whose table existed before the migration.

## Why is this bad?
The old code still running during the deploy queries the table and fails. `DROP TABLE` also takes
ACCESS EXCLUSIVE on every table linked to it by a foreign key, so unrelated hot tables stall too, and the
data is gone: rolling back cannot bring it back.

## Example
```python
migrations.DeleteModel("LegacyInvoice")
```

## Use instead
Two deploys. First remove the model from the code and from Django's state only:
```python
migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel("LegacyInvoice")])
```
then drop the table in the next deploy (`RunSQL('DROP TABLE "billing_legacyinvoice"')`), after a backup
if the data may be needed.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    for fact in context.facts(StatementForm.DROP_TABLE):
        if context.state.model_by_table(fact.table) is not None:
            yield context.fact_finding(
                RULE,
                f'table "{fact.table}" is dropped while a model still uses it: the old code queries it and fails',
                fact,
                "delete the model from the state first (SeparateDatabaseAndState), drop the table in the next deploy",
            )
    if context.operation.kind != "DeleteModel":
        return
    model = context.model("name")
    if model is None or not model.has_table or not context.has_rows(model):
        return
    if model.adopted_in == context.migration.key:
        return  # declared for the state only in this migration to be dropped: no running code uses it
    referencing = sorted({other.table for other, _ in context.state.referencing_fields(model)})
    linked = f" ({', '.join(referencing)} reference it)" if referencing else ""
    yield context.finding(
        RULE,
        f'table "{model.table}" is dropped{linked}: the old code still running during the deploy queries it '
        "and fails, and its data cannot be rolled back",
        table=model.table,
        impact=context.impact(StatementForm.DROP_TABLE),
        safe_way="remove the model from the code and the state only (SeparateDatabaseAndState state_operations) "
        "in one deploy, then drop the table in the next",
    )


RULE = Rule(
    id="delete-model",
    severity=Severity.ERROR,
    summary="Table dropped while old code still uses it",
    doc=__doc__ or "",
    operation_check=check,
)
