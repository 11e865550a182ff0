"""A table, column, index or constraint name longer than PostgreSQL allows.

## What it does
Flags names over 63 bytes (PostgreSQL's `NAMEDATALEN - 1`) that a migration gives to a table
(`db_table`), a column (field name or `db_column`), an index or a constraint, when the target is
PostgreSQL.

## Why is this bad?
PostgreSQL silently truncates such names. Django keeps using the full name, so later operations that
refer to it (renames, removals, `RemoveConstraint`) fail or hit a different object, and two long names
that share their first 63 bytes collide.

## Example
```python
models.UniqueConstraint(
    fields=["customer", "number"], name="billing_invoice_customer_number_unique_per_customer_and_fiscal_year"
)
```

## Use instead
Choose a name of at most 63 bytes.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.loader.model import Call
from reviewer.rules.base import OperationContext, Rule

MAX_BYTES = 63


def _names(context: OperationContext) -> Iterator[tuple[str, str]]:
    operation = context.operation
    if operation.kind == "CreateModel":
        options = operation.arg("options")
        table = options.get("db_table") if isinstance(options, dict) else None
        if isinstance(table, str):
            yield "table", table
        for key, label in (("indexes", "index"), ("constraints", "constraint")):
            declared = options.get(key) if isinstance(options, dict) else None
            for item in declared if isinstance(declared, list | tuple) else ():
                if isinstance(item, Call) and isinstance(name := item.kwargs.get("name"), str):
                    yield label, name
        fields = operation.arg("fields")
        for entry in fields if isinstance(fields, list | tuple) else ():
            if isinstance(entry, list | tuple) and len(entry) == 2 and isinstance(entry[0], str):
                column = entry[1].kwargs.get("db_column") if isinstance(entry[1], Call) else None
                yield "column", column if isinstance(column, str) else entry[0]
    elif operation.kind in ("AddField", "AlterField", "RenameField"):
        field = context.new_field()
        if field is not None:
            yield "column", field.column
        elif operation.kind == "RenameField" and (new_name := operation.text("new_name")):
            yield "column", new_name
    elif operation.kind == "AlterModelTable" and (table := operation.text("table")):
        yield "table", table
    for key, label in (("index", "index"), ("constraint", "constraint")):
        value = operation.arg(key)
        if isinstance(value, Call) and isinstance(name := value.kwargs.get("name"), str):
            yield label, name
    for fact in context.sql_facts:
        for label, name in (("index", fact.index), ("constraint", fact.constraint), ("column", fact.column)):
            if name:
                yield label, name


def check(context: OperationContext) -> Iterator[Finding]:
    if not context.target.is_postgresql:
        return
    seen: set[str] = set()
    for label, name in _names(context):
        size = len(name.encode())
        if size > MAX_BYTES and name not in seen:
            seen.add(name)
            truncated = name.encode()[:MAX_BYTES].decode(errors="ignore")
            yield context.finding(
                RULE,
                f'{label} name "{name}" is {size} bytes: PostgreSQL truncates it to "{truncated}", and Django will '
                "not find it by its full name",
                safe_way=f"use a {label} name of at most {MAX_BYTES} bytes",
            )


RULE = Rule(
    id="identifier-too-long",
    severity=Severity.WARNING,
    summary="Name longer than 63 bytes is silently truncated by PostgreSQL",
    doc=__doc__ or "",
    operation_check=check,
)
