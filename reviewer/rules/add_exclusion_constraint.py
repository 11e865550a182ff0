"""Adding an exclusion constraint to an existing table (PostgreSQL).

## What it does
Flags `AddConstraint` of an `ExclusionConstraint` on a table that existed before the migration.

## Why is this bad?
The constraint's index is built while ACCESS EXCLUSIVE is held: no reads and no writes until it is done.
Unlike CHECK and FOREIGN KEY there is no NOT VALID form, and no concurrent way to attach it.

## Example
```python
migrations.AddConstraint("booking", ExclusionConstraint(name="no_overlap", expressions=[("span", "&&")]))
```

## Use instead
There is no lock-free way. Add it while the table is small, in a maintenance window, or enforce the rule
in the application and with a trigger. Set a short `lock_timeout` so the migration gives up instead of
queueing all traffic behind it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    if context.target.is_postgresql:
        for fact in context.facts(StatementForm.ADD_EXCLUSION):
            yield context.fact_finding(
                RULE,
                f'exclusion constraint on existing table "{fact.table}" builds its index under ACCESS EXCLUSIVE',
                fact,
                "add it in a maintenance window with a short lock_timeout, or enforce it another way",
            )
    operation = context.operation
    constraint = operation.arg("constraint")
    if operation.kind != "AddConstraint" or not isinstance(constraint, Call):
        return
    if constraint.name != "ExclusionConstraint" or not context.target.is_postgresql:
        return
    model = context.model()
    if not context.has_rows(model) or not context.touches_table(model):
        return
    table = context.table_name(model)
    yield context.finding(
        RULE,
        f'exclusion constraint is added to existing table "{table}": its index is built under ACCESS EXCLUSIVE '
        "and PostgreSQL has no NOT VALID or concurrent form",
        table=table,
        impact=context.impact(StatementForm.ADD_EXCLUSION),
        safe_way="add it in a maintenance window with a short lock_timeout, or enforce it another way",
    )


RULE = Rule(
    id="add-exclusion-constraint",
    severity=Severity.ERROR,
    summary="Exclusion constraint added to an existing table blocks reads and writes while it builds",
    doc=__doc__ or "",
    operation_check=check,
)
