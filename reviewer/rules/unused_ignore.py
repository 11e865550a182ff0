"""A suppression comment that suppresses nothing.

## What it does
Reports a `# migreview: ignore[RULE]` comment that matches no finding on its operation (the operation's
first line or the line above it), including a rule id that does not exist.

## Why is this bad?
A stale ignore hides the next real problem on that line, and a misspelt rule id silences nothing while
looking like it does.

## Example
```python
# migreview: ignore[rename-column] column is unused
migrations.AddField("invoice", "note", models.TextField(null=True)),
```

## Use instead
Delete the comment, or correct the rule id (`migreview rules` lists them).
"""

from __future__ import annotations

from reviewer.findings import Severity
from reviewer.rules.base import Rule

RULE = Rule(
    id="unused-ignore",
    severity=Severity.WARNING,
    summary="Suppression comment that matches no finding",
    doc=__doc__ or "",
)
