"""Source builders for the Django operations plans write."""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.plans.source import to_source
from reviewer.state.project import ModelState


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


def create_model_operation(model: ModelState) -> str | None:
    """``CreateModel`` of a model as the state knows it, or None when a field's definition is unknown."""
    fields = []
    for field in model.fields.values():
        if field.call is None:
            return None
        fields.append(f'("{field.name}", {to_source(field.call)})')
    options: list[str] = []
    if model.db_table:
        options.append(f'"db_table": "{model.db_table}"')
    if model.indexes:
        options.append('"indexes": [' + ", ".join(to_source(index) for index in model.indexes.values()) + "]")
    if model.constraints:
        constraints = ", ".join(to_source(constraint) for constraint in model.constraints.values())
        options.append(f'"constraints": [{constraints}]')
    if model.unique_together:
        options.append(f'"unique_together": {to_source(tuple(model.unique_together))}')
    body = ",\n".join(f"        {field}" for field in fields)
    option_text = f"    options={{{', '.join(options)}}},\n" if options else ""
    return f'migrations.CreateModel(\n    name="{model.name}",\n    fields=[\n{body},\n    ],\n{option_text})'


def field_operation(kind: str, model_name: str, name: str, field_source: str) -> str:
    return f'migrations.{kind}(\n    model_name="{model_name}",\n    name="{name}",\n    field={field_source},\n)'
