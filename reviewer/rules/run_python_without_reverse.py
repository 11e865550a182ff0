"""RunPython without reverse code.

## What it does
Flags `RunPython` operations that have no `reverse_code`.

## Why is this bad?
Django refuses to unapply such a migration (`IrreversibleError`), so a bad deploy cannot be rolled back
with `migrate app previous_migration`, and neither can anything after it.

## Example
```python
migrations.RunPython(fill_currency)
```

## Use instead
Write the reverse, or say explicitly that going back needs nothing:
```python
migrations.RunPython(fill_currency, reverse_code=migrations.RunPython.noop)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.rules.base import OperationContext, Rule


def check(context: OperationContext) -> Iterator[Finding]:
    operation = context.operation
    if operation.kind != "RunPython" or operation.arg("reverse_code") is not None:
        return
    code = operation.arg("code")
    name = getattr(code, "source", "the function")
    yield context.finding(
        RULE,
        f"RunPython({name}) has no reverse_code: this migration and every one after it cannot be rolled back",
        safe_way="add reverse_code=<function that undoes it>, or reverse_code=migrations.RunPython.noop when "
        "going back needs no data change",
    )


RULE = Rule(
    id="run-python-without-reverse",
    severity=Severity.WARNING,
    summary="RunPython without reverse_code cannot be rolled back",
    doc=__doc__ or "",
    operation_check=check,
)
