"""Source builders for the Django operations plans write."""

from __future__ import annotations

from collections.abc import Sequence


def _indented(source: str, spaces: int) -> str:
    return source.replace("\n", "\n" + " " * spaces)


def separate(database: Sequence[str], state: Sequence[str]) -> str:
    """``SeparateDatabaseAndState``: what the database does, and what Django's state records."""

    def block(items: Sequence[str]) -> str:
        if not items:
            return "[]"
        return "[\n" + "".join(f"        {_indented(item, 8)},\n" for item in items) + "    ]"

    return (
        "migrations.SeparateDatabaseAndState(\n"
        f"    database_operations={block(database)},\n"
        f"    state_operations={block(state)},\n)"
    )


def field_operation(kind: str, model_name: str, name: str, field_source: str) -> str:
    return f'migrations.{kind}(\n    model_name="{model_name}",\n    name="{name}",\n    field={field_source},\n)'
