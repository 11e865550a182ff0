"""A database's schema and seeded rows as ``{fact: value}``, comparable across two databases."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any

from psycopg import sql

from tests.plans.case_model import Case, RowCheck
from tests.plans.scratch import connect

COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  AND c.relname <> 'django_migrations'
"""

INDEXES = """
SELECT i.tablename, i.indexdef, x.indisvalid
FROM pg_indexes i
JOIN pg_index x ON x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
WHERE i.schemaname = 'public' AND i.tablename <> 'django_migrations'
"""

CONSTRAINTS = """
SELECT c.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), co.convalidated
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = co.connamespace
WHERE n.nspname = 'public' AND c.relname <> 'django_migrations'
"""

INDEX_NAME = re.compile(r"^(CREATE (?:UNIQUE )?INDEX )(?:\"[^\"]+\"|\S+)( ON )")
INDEX_PLACEHOLDER = "?"
"""Not an identifier, so renaming a column or table never touches it."""


def normalise_indexdef(indexdef: str) -> str:
    return INDEX_NAME.sub(rf"\g<1>{INDEX_PLACEHOLDER}\g<2>", indexdef)


def _summary(values: list[Any]) -> str:
    shown = ", ".join(repr(value) for value in values[:3])
    digest = hashlib.sha256(repr(values).encode()).hexdigest()[:12]
    return f"{len(values)} rows: {shown}{', ...' if len(values) > 3 else ''} (sha {digest})"


def introspect(database: str, rows: tuple[RowCheck, ...], case: Case | None = None) -> dict[str, str]:
    """The database schema (and the seeded rows) as ``{fact: value}``, comparable across databases."""
    facts: dict[str, str] = {}
    with connect(database) as connection:
        for table, column, type_, not_null, default, identity, generated in connection.execute(COLUMNS):
            value = f"{type_} {'NOT NULL' if not_null else 'NULL'}"
            if default is not None:
                value += f" DEFAULT {default}"
            if identity:
                value += f" IDENTITY({identity})"
            if generated:
                value += f" GENERATED({generated})"
            facts[f"column:{table}.{column}"] = value
        indexes: Counter[tuple[str, str, bool]] = Counter(
            (table, normalise_indexdef(indexdef), valid) for table, indexdef, valid in connection.execute(INDEXES)
        )
        for (table, indexdef, valid), count in indexes.items():
            key = f"index:{table}:{indexdef}"
            facts[key] = " / ".join(filter(None, (facts.get(key), f"{'valid' if valid else 'INVALID'} x{count}")))
        for table, name, contype, definition, validated in connection.execute(CONSTRAINTS):
            key = f"constraint:{table}:{contype}:{definition}"
            value = f"{name} {'VALID' if validated else 'NOT VALID'}"
            facts[key] = " / ".join(filter(None, (facts.get(key), value)))
        for check in rows:
            for column in (*check.values, *check.shape):
                table, name = case.plan_name(check.table, column) if case is not None else (check.table, column)
                query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
                    sql.Identifier(name or column), sql.Identifier(table), sql.Identifier(check.order_by)
                )
                values = [str(row[0]) if row[0] is not None else None for row in connection.execute(query)]
                if column in check.values:
                    facts[f"rows:{check.table}.{column}"] = _summary(values)
                else:
                    present = [value for value in values if value is not None]
                    facts[f"rows-shape:{check.table}.{column}"] = (
                        f"{len(values)} rows, {len(present)} non-null, {len(set(present))} distinct"
                    )
    return facts
