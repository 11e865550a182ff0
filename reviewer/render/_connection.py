"""A Django ``DatabaseWrapper`` that renders SQL and can never reach a server.

Everything Django would ask a server is pre-set from the target (``pg_version``,
``mysql_server_data``) or answered from the migration state (constraint names, storage engine,
sequences); every path that would open a connection raises :class:`OfflineQuery` instead, so an
operation that truly needs the database is reported as "not renderable offline" rather than
connecting. ``HOST`` points at a closed port on 127.0.0.1 as a second guard.
"""

from __future__ import annotations

import datetime
import decimal
import importlib
import uuid
from collections.abc import Callable
from typing import Any

from reviewer.render._catalog import ConstraintInfo, constraints_of
from reviewer.render._physical import PhysicalCatalog, statement_kind
from reviewer.target import DatabaseTarget

ALIAS = "migreview-offline"

_MYSQL_ESCAPES = str.maketrans(
    {"\0": "\\0", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\032": "\\Z", '"': '\\"', "'": "\\'"}
)


class OfflineQuery(Exception):
    """Django tried to query the database; offline rendering cannot answer that."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise OfflineQuery("this operation needs a live database to render its SQL")


class _OfflineCursor:
    """Stands in for ``connection.cursor()`` where Django builds a cursor only to pass it along."""

    def __enter__(self) -> _OfflineCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __getattr__(self, name: str) -> Callable[..., None]:
        return _refuse

    def close(self) -> None:
        return None


def mysql_literal(value: object) -> str:
    """The SQL literal mysqlclient/PyMySQL ``escape`` writes for ``value``, computed without a connection."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):  # both drivers' Float2Str: repr, marked as a float
        text = repr(value)
        return text if "e" in text else f"{text}e0"
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):
        return "_binary'" + value.decode("latin-1").translate(_MYSQL_ESCAPES) + "'"
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S") + (f".{value.microsecond:06d}" if value.microsecond else "")
        return f"'{text}'"
    if isinstance(value, datetime.date | datetime.time | uuid.UUID):
        return f"'{value}'"
    return "'" + str(value).translate(_MYSQL_ESCAPES) + "'"


class Catalog:
    """Answers introspection from the state before the operation being rendered."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.from_state: Any = None
        self.editor: Any = None
        self.physical = PhysicalCatalog(backend)

    def get_constraints(self, cursor: object, table_name: str) -> dict[str, ConstraintInfo]:
        """State-derived names, replaced by the recorded ones where the replay created them.

        What a deferred statement of this migration will create does not exist yet when Django asks
        (``sqlmigrate`` and ``migrate`` alike), so it is not derived from the state.
        """
        pending = [statement for statement in getattr(self.editor, "deferred_sql", []) if hasattr(statement, "parts")]
        derived = {
            name: info
            for name, info in self._derived(table_name).items()
            if not any(_creates(statement, table_name, info) for statement in pending)
        }
        return self.physical.merged(table_name, derived)

    def freeze(self, table_name: str) -> None:
        """Keep the table's current names as they are, before a table or column rename.

        PostgreSQL and MySQL keep constraint and index names when a table or column is renamed;
        names derived after the rename would use the new name, so they are recorded now.
        """
        recorded = self.physical.tables.get(table_name, {})
        pending = [statement for statement in getattr(self.editor, "deferred_sql", []) if hasattr(statement, "parts")]
        self.physical.tables[table_name] = {
            name: dict(info)
            for name, info in self.get_constraints(None, table_name).items()
            if name in recorded or not _pending(pending, table_name, info["columns"])
        }

    def _derived(self, table_name: str) -> dict[str, ConstraintInfo]:
        if self.from_state is None or self.editor is None:
            return {}
        for model in self.from_state.apps.get_models(include_auto_created=True):
            if model._meta.db_table == table_name:
                key = (model._meta.app_label, model._meta.model_name)
                model_state = self.from_state.models.get(key)
                together = model_state.options.get("index_together", ()) if model_state is not None else ()
                return constraints_of(model, self.editor, self.backend, tuple(tuple(item) for item in together))
        return {}

    def get_sequences(self, cursor: object, table_name: str, table_fields: object = ()) -> list[dict[str, str]]:
        """Serial columns own a sequence named ``<table>_<column>_seq`` (PostgreSQL's default name)."""
        if self.from_state is None:
            return []
        for model in self.from_state.apps.get_models():
            if model._meta.db_table == table_name and model._meta.pk is not None:
                column = model._meta.pk.column
                return [{"name": f"{table_name}_{column}_seq", "table": table_name, "column": column}]
        return []


def _pending(deferred: list[Any], table: str, columns: list[str]) -> bool:
    """A deferred statement (not run yet) creates something on these columns: Django renames it
    itself if the table or column is renamed first, and it is recorded when it runs."""
    return any(statement.references_column(table, column) for statement in deferred for column in columns)


def _creates(statement: Any, table: str, info: ConstraintInfo) -> bool:
    """The deferred ``statement`` creates this object: same table, columns and kind. Matched without its
    name, since naming a deferred index fixes the name before a later rename could change it."""
    parts = statement.parts
    columns_part = parts.get("columns", parts.get("column"))
    if getattr(parts.get("table"), "table", None) != table or getattr(columns_part, "columns", None) != info["columns"]:
        return False
    kind = statement_kind(str(getattr(statement, "template", "")))
    if info["foreign_key"]:
        return kind == "fk"
    if info["unique"] or info["primary_key"] or info["check"]:
        return kind == "unique" and bool(info["unique"]) and not info["primary_key"]
    return kind == "index"


def _settings_dict(engine: str) -> dict[str, Any]:
    return {
        "ENGINE": f"django.db.backends.{engine}",
        "NAME": "migreview_offline",
        "USER": "",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "9",
        "OPTIONS": {},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
    }


def _mysql_server_data(target: DatabaseTarget) -> dict[str, Any]:
    version = ".".join(str(part) for part in (*target.version, 0, 0)[:3])
    return {
        "version": f"{version}-MariaDB" if target.mariadb else version,
        "sql_mode": "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION",
        "default_storage_engine": "InnoDB",
        "sql_auto_is_null": False,
        "lower_case_table_names": False,
        "has_zoneinfo_database": True,
    }


def _offline_compose_sql(quote: Callable[[object], str]) -> Callable[[str, Any], str]:
    """psycopg's client-side ``mogrify`` without a connection: quote each parameter, then substitute."""

    def compose_sql(sql: str, params: Any) -> str:
        if params is None:
            return sql
        if isinstance(params, dict):
            return sql % {key: quote(value) for key, value in params.items()}
        return sql % tuple(quote(value) for value in params)

    return compose_sql


def _postgres_quote(value: object) -> str:
    from psycopg import sql

    return sql.quote(value)


_EDITOR_CLASSES: dict[str, type] = {}


def _editor_class(engine: str, base: type) -> type:
    """The backend's schema editor, recording the names it creates (see ``_physical``) and, on MySQL,
    quoting values without a connection."""
    if engine in _EDITOR_CLASSES:
        return _EDITOR_CLASSES[engine]

    def physical(editor: Any) -> PhysicalCatalog:
        catalog: Catalog = editor.connection.migreview_catalog
        return catalog.physical

    def execute(self: Any, sql: Any, params: Any = ()) -> Any:
        result = base.execute(self, sql, params)  # type: ignore[attr-defined]
        physical(self).record(sql)
        return result

    def alter_db_table(self: Any, model: Any, old_db_table: str, new_db_table: str) -> None:
        if old_db_table != new_db_table:
            self.connection.migreview_catalog.freeze(old_db_table)
        base.alter_db_table(self, model, old_db_table, new_db_table)  # type: ignore[attr-defined]
        if old_db_table != new_db_table:
            physical(self).rename_table(old_db_table, new_db_table)

    def rename_field_sql(self: Any, table: str, old_field: Any, new_field: Any, new_type: str) -> Any:
        self.connection.migreview_catalog.freeze(table)
        physical(self).rename_column(table, old_field.column, new_field.column)
        return base._rename_field_sql(self, table, old_field, new_field, new_type)  # type: ignore[attr-defined]

    def remove_field(self: Any, model: Any, field: Any) -> None:
        base.remove_field(self, model, field)  # type: ignore[attr-defined]
        if field.column:
            physical(self).drop_column(model._meta.db_table, field.column)

    def delete_model(self: Any, model: Any) -> None:
        base.delete_model(self, model)  # type: ignore[attr-defined]
        physical(self).drop_table(model._meta.db_table)

    namespace: dict[str, Any] = {
        "__module__": __name__,
        "execute": execute,
        "alter_db_table": alter_db_table,
        "_rename_field_sql": rename_field_sql,
        "remove_field": remove_field,
        "delete_model": delete_model,
    }
    if engine == "mysql":
        namespace["quote_value"] = lambda self, value: mysql_literal(value)
    _EDITOR_CLASSES[engine] = type(f"Offline{base.__name__}", (base,), namespace)
    return _EDITOR_CLASSES[engine]


def offline_connection(target: DatabaseTarget) -> tuple[Any, Catalog]:
    """A DatabaseWrapper for ``target`` that renders SQL without ever connecting, and its catalog."""
    engine = {"postgresql": "postgresql", "mysql": "mysql", "sqlite": "sqlite3"}[target.backend.value]
    module = importlib.import_module(f"django.db.backends.{engine}.base")
    wrapper = module.DatabaseWrapper(_settings_dict(engine), alias=ALIAS)
    catalog = Catalog("mysql" if engine == "mysql" else target.backend.value)
    wrapper.ensure_connection = _refuse
    wrapper.connect = _refuse
    wrapper.cursor = _OfflineCursor
    wrapper._cursor = _refuse
    introspection = wrapper.introspection
    introspection.get_constraints = catalog.get_constraints
    introspection.get_sequences = catalog.get_sequences
    introspection.get_storage_engine = lambda cursor, table_name: "InnoDB"
    if engine == "postgresql":
        major, minor = (*target.version, 0)[:2]
        wrapper.__dict__["pg_version"] = major * 10000 + minor
        wrapper.ops.compose_sql = _offline_compose_sql(_postgres_quote)
    elif engine == "mysql":
        wrapper.__dict__["mysql_server_data"] = _mysql_server_data(target)
    wrapper.SchemaEditorClass = _editor_class(engine, wrapper.SchemaEditorClass)
    wrapper.migreview_catalog = catalog
    from django.db import connections

    # Operations look their connection up by alias (``model._meta.can_migrate``); registering it
    # in this thread's handler is what makes the alias resolve. It is never used to connect.
    connections[ALIAS] = wrapper
    return wrapper, catalog
