"""RunSQL operations (with their reverse) for the PostgreSQL statements Django has no operation for."""

from __future__ import annotations


def quoted(name: str) -> str:
    return '\\"' + name + '\\"'


def run_sql(forward: str, reverse: str | None) -> str:
    """A RunSQL operation; ``reverse`` None means going back needs nothing (``RunSQL.noop``)."""
    reverse_source = f'"{reverse}"' if reverse is not None else "migrations.RunSQL.noop"
    return f'migrations.RunSQL(\n    sql="{forward}",\n    reverse_sql={reverse_source},\n)'


def columns_sql(columns: list[str], opclass: str | None = None) -> str:
    suffix = f" {opclass}" if opclass else ""
    return ", ".join(quoted(column) + suffix for column in columns)


def create_index_concurrently(
    name: str, table: str, columns: list[str], unique: bool = False, opclass: str | None = None
) -> str:
    kind = "UNIQUE INDEX" if unique else "INDEX"
    return run_sql(
        f"CREATE {kind} CONCURRENTLY IF NOT EXISTS {quoted(name)} ON {quoted(table)} ({columns_sql(columns, opclass)})",
        f"DROP INDEX CONCURRENTLY IF EXISTS {quoted(name)}",
    )


def drop_index_concurrently(name: str, table: str, columns: list[str], opclass: str | None = None) -> str:
    return run_sql(
        f"DROP INDEX CONCURRENTLY IF EXISTS {quoted(name)}",
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {quoted(name)} ON {quoted(table)} ({columns_sql(columns, opclass)})",
    )


def add_unique_using_index(table: str, name: str) -> str:
    return run_sql(
        f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} UNIQUE USING INDEX {quoted(name)}",
        f"ALTER TABLE {quoted(table)} DROP CONSTRAINT {quoted(name)}",
    )


def add_foreign_key_not_valid(name: str, table: str, column: str, to_table: str, to_column: str) -> str:
    return run_sql(
        f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} FOREIGN KEY ({quoted(column)}) "
        f"REFERENCES {quoted(to_table)} ({quoted(to_column)}) DEFERRABLE INITIALLY DEFERRED NOT VALID",
        f"ALTER TABLE {quoted(table)} DROP CONSTRAINT IF EXISTS {quoted(name)}",
    )


def drop_constraint(table: str, name: str) -> str:
    return run_sql(
        f"ALTER TABLE {quoted(table)} DROP CONSTRAINT IF EXISTS {quoted(name)}",
        None,
    )


def validate_constraint(table: str, name: str) -> str:
    return run_sql(f"ALTER TABLE {quoted(table)} VALIDATE CONSTRAINT {quoted(name)}", None)


def drop_column(table: str, column: str) -> str:
    return run_sql(f"ALTER TABLE {quoted(table)} DROP COLUMN IF EXISTS {quoted(column)}", None)


def drop_table(table: str) -> str:
    return run_sql(f"DROP TABLE IF EXISTS {quoted(table)} CASCADE", None)
