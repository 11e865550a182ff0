"""Building an index CONCURRENTLY on PostgreSQL 14.0 to 14.3.

## What it does
Flags `AddIndexConcurrently` (and `CREATE INDEX CONCURRENTLY` / `REINDEX ... CONCURRENTLY` in SQL) when the
target is PostgreSQL 14.0, 14.1, 14.2 or 14.3.

## Why is this bad?
A bug in those releases can silently corrupt indexes built or rebuilt CONCURRENTLY while rows are being
updated: queries then miss rows. It was fixed in 14.4, which also tells you to rebuild affected indexes.

## Example
```python
AddIndexConcurrently("invoice", models.Index(fields=["due_date"], name="invoice_due_idx"))  # on PostgreSQL 14.2
```

## Use instead
Upgrade to PostgreSQL 14.4 or later first (a minor-version upgrade), or build the index without
CONCURRENTLY in a maintenance window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.sql.facts import sql_texts, without_comments

REINDEX_CONCURRENTLY = re.compile(r"\bREINDEX\b[^;]*\bCONCURRENTLY\b", re.IGNORECASE)


def check(context: OperationContext) -> Iterator[Finding]:
    target = context.target
    if not target.is_postgresql or not ((14,) <= target.version < (14, 4)):
        return
    operation = context.operation
    concurrent_sql = any(fact.concurrently for fact in context.sql_facts if fact.form is StatementForm.CREATE_INDEX)
    concurrent_sql = concurrent_sql or any(
        REINDEX_CONCURRENTLY.search(without_comments(sql)) for sql in sql_texts(operation.arg("sql"))
    )
    if operation.kind != "AddIndexConcurrently" and not concurrent_sql:
        return
    yield context.finding(
        RULE,
        f"an index is built CONCURRENTLY on {target.display}: releases 14.0 to 14.3 can silently corrupt such indexes",
        impact=context.impact(StatementForm.CREATE_INDEX_CONCURRENTLY),
        safe_way="upgrade to PostgreSQL 14.4+ first (and REINDEX indexes built concurrently before that)",
    )


RULE = Rule(
    id="concurrent-index-corruption-risk",
    severity=Severity.WARNING,
    summary="CREATE INDEX CONCURRENTLY on PostgreSQL 14.0-14.3 can corrupt the index",
    doc=__doc__ or "",
    operation_check=check,
)
