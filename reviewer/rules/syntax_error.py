"""A migration file that cannot be read.

## What it does
Reports a migration file that is not valid Python, or has no `Migration` class, at the line of the
error. The other files are still reviewed.

## Why is this bad?
Django cannot load the project's migrations at all: `migrate` fails on every machine that runs it.

## Example
```python
class Migration(migrations.Migration)
    operations = []
```

## Use instead
Fix the file so that `python -m py_compile path/to/migration.py` succeeds.
"""

from __future__ import annotations

from reviewer.findings import Severity
from reviewer.rules.base import Rule

RULE = Rule(
    id="syntax-error",
    severity=Severity.ERROR,
    summary="Migration file cannot be parsed",
    doc=__doc__ or "",
)
