"""A helper app installed in every scratch project: after ``migrate`` it writes Django's migration state.

The scratch project gets this file as ``proof_state/apps.py``. When ``MIGREVIEW_PLAN_STATE_OUT`` names a
file, the ``post_migrate`` signal of that ``migrate`` run writes the state after the whole history there as
JSON facts, so no second Django process is needed. Only the migration files are read, never the database.
Two projects whose facts are equal leave Django with the same models: ``makemigrations`` would write
nothing new after either.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.apps import AppConfig

STATE_OUT_ENV = "MIGREVIEW_PLAN_STATE_OUT"
APP_NAME = "proof_state"


def stable(value: Any) -> Any:
    """A JSON value that is the same in every process (no object addresses)."""
    if isinstance(value, type) or (callable(value) and not hasattr(value, "deconstruct")):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', repr(value))}"
    if hasattr(value, "deconstruct"):
        path, args, kwargs = value.deconstruct()
        return [path, stable(list(args)), stable(kwargs)]
    if isinstance(value, list | tuple | set | frozenset):
        items = [stable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(key): stable(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def state_facts() -> dict[str, str]:
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(None, ignore_no_migrations=True).project_state()
    facts: dict[str, str] = {}
    for (app_label, model_name), model in sorted(state.models.items()):
        for name, model_field in model.fields.items():
            _, path, args, kwargs = model_field.deconstruct()
            facts[f"{app_label}.{model_name}.{name}"] = json.dumps([path, stable(args), stable(kwargs)])
        options = {key: value for key, value in model.options.items() if key not in ("indexes", "constraints")}
        facts[f"{app_label}.{model_name}:options"] = json.dumps(stable(options))
        for kind in ("indexes", "constraints"):
            for item in model.options.get(kind, ()):
                facts[f"{app_label}.{model_name}:{kind}:{item.name}"] = json.dumps(stable(item))
        facts[f"{app_label}.{model_name}:bases"] = json.dumps(stable(model.bases))
    return facts


def write_state(sender: AppConfig, **kwargs: Any) -> None:
    target = os.environ.get(STATE_OUT_ENV)
    if target and sender.name == APP_NAME:
        Path(target).write_text(json.dumps(state_facts()), encoding="utf-8")


class ProofStateConfig(AppConfig):  # type: ignore[misc]  # django has no stubs here
    name = APP_NAME
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(write_state, sender=self)
