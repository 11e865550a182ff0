"""Part of a migration that cannot be read without running it.

## What it does
Reports, at info level, parts of a migration file that migreview cannot evaluate statically: an
`operations` or `dependencies` list built by code, an argument that is not a literal, an `atomic` flag
computed at import time.

## Why is this bad?
migreview never runs the code it reviews. What it cannot read, it cannot review, and the history replay
may miss a table or column as a result.

## Example
```python
operations = [migrations.AddField("invoice", name, field) for name, field in NEW_FIELDS]
```

## Use instead
Write the operations out literally, as `makemigrations` does.
"""

from __future__ import annotations

from reviewer.findings import Severity
from reviewer.rules.base import Rule

RULE = Rule(
    id="unreadable-code",
    severity=Severity.INFO,
    summary="Part of the migration cannot be read statically",
    doc=__doc__ or "",
)
