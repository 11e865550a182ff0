"""Stand-ins for models that operations reference but the reviewed paths never create.

Django's state refuses to render a model whose foreign key points at an unknown model (a lazy
reference). A project usually reviews its own apps only, so ``auth.User`` or a third-party model is
often outside the paths: such a model is assumed to have an integer ``id`` primary key (``AutoField``,
what ``auth``, ``contenttypes`` and most older apps use) and the assumption is noted, since a
``BigAutoField`` target would make the foreign-key column ``bigint``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reviewer.loader.model import Call, Expr, Operation, ParsedMigration, Value


def _targets(value: Value, app_label: str, user_model: str) -> Iterator[str]:
    if isinstance(value, Call):
        to = value.kwargs.get("to", value.args[0] if value.args else None)
        if isinstance(to, Expr) and "AUTH_USER_MODEL" in to.source:
            yield user_model.lower()
        elif isinstance(to, str):
            yield (to if "." in to else f"{app_label}.{to}").lower()
        through = value.kwargs.get("through")
        if isinstance(through, str):
            yield (through if "." in through else f"{app_label}.{through}").lower()
        for nested in (*value.args, *value.kwargs.values()):
            if isinstance(nested, Call):
                yield from _targets(nested, app_label, user_model)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _targets(item, app_label, user_model)


def _walk(operations: tuple[Operation, ...]) -> Iterator[Operation]:
    for operation in operations:
        yield operation
        yield from _walk(operation.database_operations)
        yield from _walk(operation.state_operations)


def referenced_stubs(history: tuple[ParsedMigration, ...], user_model: str) -> list[tuple[Any, str]]:
    """ModelStates to add to the initial state, each with the note that explains the assumption."""
    from django.db import models
    from django.db.migrations.state import ModelState

    created: set[str] = set()
    referenced: dict[str, str] = {}
    for migration in history:
        for operation in _walk(migration.operations):
            name = operation.arguments.get("name")
            if operation.kind == "CreateModel" and isinstance(name, str):
                created.add(f"{migration.app_label}.{name}".lower())
            new_name = operation.arguments.get("new_name")
            if operation.kind == "RenameModel" and isinstance(new_name, str):
                created.add(f"{migration.app_label}.{new_name}".lower())
            for value in operation.arguments.values():
                for target in _targets(value, migration.app_label, user_model):
                    referenced.setdefault(target, migration.path)
    stubs = []
    for target in sorted(set(referenced) - created):
        if target.count(".") != 1:
            continue
        app_label, model_name = target.split(".")
        state = ModelState(app_label, model_name, [("id", models.AutoField(primary_key=True))])
        stubs.append((state, f"{target} is not created in the reviewed paths; assumed an integer id primary key"))
    return stubs
