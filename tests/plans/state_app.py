"""Print Django's migration state after the whole history as JSON facts (run by the plan-proof harness).

Run with the scratch project on PYTHONPATH and DJANGO_SETTINGS_MODULE set; it reads the migration files
only, never the database. Two projects whose facts are equal leave Django with the same models, so
``makemigrations`` would write nothing new after either.
"""

from __future__ import annotations

import json
from typing import Any

import django


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


def main() -> None:
    django.setup()
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
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
