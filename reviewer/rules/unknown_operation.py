"""An operation migreview does not model.

## What it does
Reports, at info level, operations whose class is not one of Django's (custom or third-party
operations), and parts of a migration that cannot be read without running code (computed operation lists,
non-literal arguments).

## Why is this bad?
migreview never imports or runs the code it reviews, so it cannot know what such an operation does to
the database. It is not necessarily unsafe: it is unreviewed.

## Example
```python
operations = [CreateMaterializedView("sales_summary")]
```

## Use instead
Review the SQL it runs by hand (`manage.py sqlmigrate app migration`), or express it with Django's
operations (`RunSQL` with `reverse_sql` is reviewed statement by statement). Silence a reviewed one with
`# migreview: ignore[unknown-operation] reason`.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    if context.operation.known:
        return
    yield context.finding(
        RULE,
        f"operation {context.operation.kind} is not one of Django's: migreview cannot tell what it does to the "
        "database, review its SQL by hand",
        safe_way="check `manage.py sqlmigrate` output, or use Django's operations / RunSQL with reverse_sql",
    )


RULE = Rule(
    id="unknown-operation",
    severity=Severity.INFO,
    summary="Operation not modelled by migreview; review it by hand",
    doc=__doc__ or "",
    operation_check=check,
)
