"""migreview failed on an operation.

## What it does
Reports an operation on which a rule or the history replay raised an unexpected error. The rest of the
migration and of the project is still reviewed.

## Why is this bad?
That operation was not reviewed. It is a bug in migreview, not in the migration.

## Example
Any operation that exposes a bug.

## Use instead
Report it with the migration file attached (or a minimal copy of it); until then review that operation by
hand.
"""

from __future__ import annotations

from reviewer.findings import Severity
from reviewer.rules.base import Rule

RULE = Rule(
    id="internal-error",
    severity=Severity.WARNING,
    summary="migreview failed on this operation (a bug in migreview); review it by hand",
    doc=__doc__ or "",
)
