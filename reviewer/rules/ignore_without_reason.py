"""A suppression comment without a reason.

## What it does
Reports a `# migreview: ignore[RULE]` comment that gives no reason after the bracket. The finding is
still suppressed.

## Why is this bad?
Ignores get copied from migration to migration. Without a reason nobody can tell later whether the risk
was judged (a tiny table, a maintenance window) or just silenced.

## Example
```python
# migreview: ignore[add-index-without-concurrently]
```

## Use instead
```python
# migreview: ignore[add-index-without-concurrently] table has 40 rows, lookup table
```
"""

from __future__ import annotations

from reviewer.findings import Severity
from reviewer.rules.base import Rule

RULE = Rule(
    id="ignore-without-reason",
    severity=Severity.WARNING,
    summary="Suppression comment without a reason",
    doc=__doc__ or "",
)
