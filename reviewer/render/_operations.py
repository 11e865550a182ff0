"""Parsed operations -> Django operation objects (whitelisted classes, literal arguments only).

RunPython becomes ``RunPython(RunPython.noop)``: Django cannot write it as SQL anyway, and its
state effect is nothing. A RunSQL whose SQL is not a literal, and any operation class outside the
whitelist, is not built: its SQL is reported unavailable and the Django state does not change
(later operations on the models it touched may then be unavailable too, each with its reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.loader.model import Call, Expr, Operation, Value
from reviewer.render._fields import build_field
from reviewer.render._values import Unresolved, ValueBuilder, resolve_path

_SKIPPED_ARGUMENTS = frozenset(
    {"code", "reverse_code", "hints", "reverse_sql", "managers", "database_operations", "state_operations"}
)


@dataclass
class BuiltOperation:
    operation: Any | None
    """The Django operation, or None when it could not be built (``notes`` says why)."""
    notes: list[str] = field(default_factory=list)
    type_unknown: bool = False


def build_operation(parsed: Operation, values: ValueBuilder, user_model: str) -> BuiltOperation:
    try:
        return _build(parsed, values, user_model)
    except Unresolved as error:
        return BuiltOperation(None, [f"not rendered: {error}"])
    except Exception as error:  # a Django constructor refusing odd arguments must not stop rendering
        return BuiltOperation(None, [f"not rendered: {type(error).__name__}: {error}"])


def _build(parsed: Operation, values: ValueBuilder, user_model: str) -> BuiltOperation:
    from django.db import migrations
    from django.db.migrations.operations.base import Operation as DjangoOperation

    cls = resolve_path(parsed.path)
    if not (isinstance(cls, type) and issubclass(cls, DjangoOperation)):
        raise Unresolved(f"{parsed.path} is not a Django operation")
    if issubclass(cls, migrations.RunPython):
        return BuiltOperation(migrations.RunPython(migrations.RunPython.noop))
    built = BuiltOperation(None)
    if issubclass(cls, migrations.SeparateDatabaseAndState):
        built.operation = cls(
            database_operations=_nested(parsed.database_operations, values, user_model, built),
            state_operations=_nested(parsed.state_operations, values, user_model, built),
        )
        return built
    kwargs: dict[str, Any] = {}
    for name, raw in parsed.arguments.items():
        if name in _SKIPPED_ARGUMENTS:
            continue
        field_name = parsed.text("name") or "field"
        kwargs[name] = _argument(name, raw, values, user_model, built, field_name)
    if issubclass(cls, migrations.AlterModelManagers):
        kwargs["managers"] = []  # managers never reach SQL; they may be classes of the project
    if issubclass(cls, migrations.RunSQL):
        if not _literal_sql(kwargs.get("sql")):
            raise Unresolved("the SQL of this RunSQL is not a literal")
        kwargs["state_operations"] = _nested(parsed.state_operations, values, user_model, built)
    built.operation = cls(**kwargs)
    if _is_create_extension(built.operation):
        _render_extension_offline(built.operation, built)
    return built


def _is_create_extension(operation: Any) -> bool:
    try:
        from django.contrib.postgres.operations import CreateExtension
    except ImportError:  # contrib.postgres needs psycopg; without it there is no extension operation
        return False
    return isinstance(operation, CreateExtension)


def _render_extension_offline(operation: Any, built: BuiltOperation) -> None:
    """CreateExtension asks the server whether the extension exists, then registers type handlers
    on the connection (no SQL). Offline it is rendered as on a database without the extension:
    Django's own ``CREATE EXTENSION IF NOT EXISTS`` statement."""
    from django.db import router

    def database_forwards(app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        connection = schema_editor.connection
        if connection.vendor == "postgresql" and router.allow_migrate(connection.alias, app_label):
            schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {schema_editor.quote_name(operation.name)}")

    operation.database_forwards = database_forwards
    built.notes.append(f"rendered as if extension {operation.name} is not installed yet")


def _literal_sql(sql: object) -> bool:
    if isinstance(sql, str):
        return True
    return isinstance(sql, list | tuple) and all(isinstance(item, str | tuple | list) for item in sql)


def _nested(
    operations: tuple[Operation, ...], values: ValueBuilder, user_model: str, into: BuiltOperation
) -> list[Any]:
    result = []
    for nested in operations:
        built = build_operation(nested, values, user_model)
        into.notes.extend(f"{nested.kind}: {note}" for note in built.notes)
        into.type_unknown = into.type_unknown or built.type_unknown
        if built.operation is not None:
            result.append(built.operation)
    return result


def _argument(
    name: str, raw: Value, values: ValueBuilder, user_model: str, into: BuiltOperation, field_name: str = "field"
) -> Any:
    if name == "field":
        built = build_field(field_name, raw, values, user_model)
        into.notes.extend(built.notes)
        into.type_unknown = into.type_unknown or built.type_unknown
        return built.field
    if name == "fields" and isinstance(raw, list | tuple):
        fields = []
        for entry in raw:
            if not (isinstance(entry, tuple | list) and len(entry) == 2 and isinstance(entry[0], str)):
                raise Unresolved("a CreateModel field entry is not (name, field)")
            built = build_field(entry[0], entry[1], values, user_model)
            into.notes.extend(built.notes)
            into.type_unknown = into.type_unknown or built.type_unknown
            fields.append((entry[0], built.field))
        return fields
    if name == "bases" and isinstance(raw, list | tuple):
        return _bases(raw, values, into)
    if name == "options" and isinstance(raw, dict):
        options = {}
        for key, value in raw.items():
            try:
                options[key] = values.build(value)
            except Unresolved as error:
                into.notes.append(f"option {key} left out: {error}")
        return options
    return values.build(raw)


def _bases(raw: list[Value] | tuple[Value, ...], values: ValueBuilder, into: BuiltOperation) -> tuple[Any, ...]:
    """Model bases: "app.model" strings and Django classes are kept; project mixins add no columns here."""
    from django.db import models

    bases: list[Any] = []
    for base in raw:
        if isinstance(base, str):
            bases.append(base)
            continue
        try:
            bases.append(values.build(base))
        except Unresolved:
            into.notes.append(f"base {_text(base)} left out (not a Django class; fields are listed explicitly)")
    return tuple(bases) or (models.Model,)


def _text(value: Value) -> str:
    return value.source if isinstance(value, Call | Expr) else repr(value)
