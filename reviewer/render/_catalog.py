"""What ``introspection.get_constraints`` would answer, computed from the migration state.

Django's schema editor asks the live database for constraint and index names when it must drop or
alter one (RemoveField of a foreign key, AlterField dropping ``unique`` or ``db_index``,
AlterUniqueTogether, RenameModel re-pointing foreign keys). Offline, the answer is computed from the
model as it was just before the operation (``from_state``), with Django's own naming
(``_create_index_name``), in the shape the backend's introspection returns.

Names Django created by statement during the replay, and every name that existed before a table
or column rename, are recorded by ``_physical`` and take precedence. What remains derived is what
the replay cannot see being named: constraints written inline in a column definition (PostgreSQL's
``<table>_<column>_key`` for ``unique=True``, ``<table>_<column>_check``; MySQL's ``<column>``) and
anything created outside the reviewed history (a RunSQL body, a database edited by hand).
"""

from __future__ import annotations

from typing import Any

ConstraintInfo = dict[str, Any]


def entry(
    columns: list[str],
    *,
    primary_key: bool = False,
    unique: bool = False,
    foreign_key: tuple[str, str] | None = None,
    check: bool = False,
    index: bool = False,
    type_: str | None = None,
) -> ConstraintInfo:
    return {
        "columns": columns,
        "primary_key": primary_key,
        "unique": unique,
        "foreign_key": foreign_key,
        "check": check,
        "index": index,
        "type": type_,
        "orders": [],
        "definition": None,
        "options": None,
    }


def _postgres_inline_name(table: str, column: str, suffix: str) -> str:
    """PostgreSQL's name for an unnamed inline constraint (ChooseConstraintName), within 63 bytes."""
    name = f"{table}_{column}_{suffix}"
    if len(name) <= 63:
        return name
    room = 63 - len(suffix) - 2
    table_part, column_part = table, column
    while len(table_part) + len(column_part) > room:
        if len(table_part) > len(column_part):
            table_part = table_part[:-1]
        else:
            column_part = column_part[:-1]
    return f"{table_part}_{column_part}_{suffix}"


def constraints_of(
    model: Any, editor: Any, backend: str, index_together: tuple[tuple[str, ...], ...] = ()
) -> dict[str, ConstraintInfo]:
    """Constraints and indexes of ``model``'s table as the backend's introspection would list them.

    ``index_together`` comes from the model state: Django 5.1+ models no longer carry it, but
    migrations written before still create and rename those ``<table>_<columns>_<hash>_idx`` indexes.
    """
    meta = model._meta
    table: str = meta.db_table
    mysql = backend == "mysql"
    connection = editor.connection
    found: dict[str, ConstraintInfo] = {}
    if meta.pk is not None:
        name = "PRIMARY" if mysql else f"{table}_pkey"
        found[name] = entry([meta.pk.column], primary_key=True, unique=True, index=mysql, type_="idx")
    for field in meta.local_concrete_fields:
        column: str = field.column
        remote = field.remote_field
        if remote is not None and getattr(field, "db_constraint", False):
            # A multi-table inheritance parent link is the primary key and a foreign key at once.
            target = field.target_field
            to_table, to_column = target.model._meta.db_table, target.column
            name = editor._create_index_name(table, [column], suffix=f"_fk_{to_table}_{to_column}")
            found[name] = entry([column], foreign_key=(to_table, to_column), index=mysql)
        if field.primary_key:
            continue
        if field.unique:
            name = column if mysql else _postgres_inline_name(table, column, "key")
            found[name] = entry([column], unique=True, index=mysql, type_="idx" if mysql else None)
        elif editor._field_should_be_indexed(model, field):
            found[editor._create_index_name(table, [column], suffix="")] = entry([column], index=True, type_="idx")
        if not mysql and (field.db_index or field.unique):
            db_type = field.db_type(connection) or ""
            if db_type.startswith(("varchar", "text")) and getattr(field, "db_collation", None) is None:
                name = editor._create_index_name(table, [column], suffix="_like")
                found[name] = entry([column], index=True, type_="idx")
        if field.db_parameters(connection).get("check") and not mysql:
            found[_postgres_inline_name(table, column, "check")] = entry([column], check=True)
    for fields in meta.unique_together:
        columns = [meta.get_field(name).column for name in fields]
        found[editor._create_index_name(table, columns, suffix="_uniq")] = entry(columns, unique=True, index=mysql)
    for fields in index_together:
        columns = [meta.get_field(name).column for name in fields]
        found[editor._create_index_name(table, columns, suffix="_idx")] = entry(columns, index=True, type_="idx")
    for index in meta.indexes:
        columns = [meta.get_field(name.lstrip("-")).column for name in index.fields]
        found[index.name] = entry(columns, index=True, type_=index.suffix)
    for constraint in meta.constraints:
        fields = getattr(constraint, "fields", ()) or ()
        columns = [meta.get_field(name).column for name in fields]
        kind = type(constraint).__name__
        found[constraint.name] = entry(
            columns, unique=kind == "UniqueConstraint", check=kind == "CheckConstraint", index=mysql
        )
    return found
