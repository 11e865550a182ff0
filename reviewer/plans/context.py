"""What a recipe is given: the finding, the operation with the state before it, and naming helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.findings import Finding
from reviewer.loader.model import Call, Operation
from reviewer.rules.base import OperationContext
from reviewer.state.fields import FieldState
from reviewer.state.project import ModelState

ASSUME_DJANGO = "Django 5.1+ (CheckConstraint(condition=...), db_default); on Django < 5.1 write check= instead"


def operation_source(operation: Operation) -> str:
    """The operation's source with its later lines dedented to its first line's column."""
    lines = operation.source.split("\n")
    prefix = " " * operation.column
    return "\n".join([lines[0], *(line[len(prefix) :] if line.startswith(prefix) else line for line in lines[1:])])


def referenced_functions(sources: tuple[str, ...], functions: dict[str, str]) -> tuple[str, ...]:
    """The module-level functions of the original file that ``sources`` (or those functions) name."""
    text = "\n".join(sources)
    wanted: list[str] = []
    changed = True
    while changed:
        changed = False
        for name, source in functions.items():
            if name not in wanted and re.search(rf"\b{re.escape(name)}\b", text):
                wanted.append(name)
                text += "\n" + source
                changed = True
    return tuple(functions[name] for name in functions if name in wanted)


def migration_number(name: str) -> int | None:
    match = re.match(r"(\d+)_", name)
    return int(match.group(1)) if match else None


def slug(*parts: str) -> str:
    text = "_".join(part for part in parts if part)
    return re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()[:60]


@dataclass(frozen=True)
class PlanInput:
    finding: Finding
    context: OperationContext
    dependents: tuple[str, ...]
    """Names of migrations that depend on the reviewed one."""

    @property
    def operation(self) -> Operation:
        return self.context.operation

    @property
    def app_label(self) -> str:
        return self.context.migration.app_label

    @property
    def model(self) -> ModelState | None:
        key = "model_name" if "model_name" in self.operation.arguments else "name"
        return self.context.model(key)

    @property
    def model_name(self) -> str:
        """The model name as the operation spells it (lower-case in makemigrations output)."""
        return self.operation.text("model_name") or self.operation.text("name") or "?"

    @property
    def class_name(self) -> str:
        return self.model.name if self.model else self.model_name.capitalize()

    def old_field(self, key: str = "name") -> FieldState | None:
        return self.context.field(self.model, self.operation.text(key))

    def new_field(self) -> FieldState | None:
        return self.context.new_field()

    def field_call(self) -> Call | None:
        value = self.operation.arg("field")
        return value if isinstance(value, Call) else None

    def name(self, offset: int, *words: str) -> str:
        """A migration name numbered after the reviewed one: ``0043_add_invoice_currency_nullable``."""
        number = migration_number(self.context.migration.name)
        prefix = f"{number + offset:04d}" if number is not None else f"{self.context.migration.name}_{offset}"
        return f"{prefix}_{slug(*words)}"

    def first_dependencies(self) -> tuple[str, ...]:
        migration = self.context.migration
        if migration.dependency_sources:
            return migration.dependency_sources
        return tuple(f'("{d.app_label}", "{d.name}")' for d in migration.dependencies)

    def after(self, name: str) -> tuple[str, ...]:
        return (f'("{self.app_label}", "{name}")',)

    def field_imports(self) -> tuple[str, ...]:
        """Imports of the file that defined the field the operation changes (its source is reused)."""
        names = [self.operation.text(key) for key in ("name", "old_name")]
        fields = [self.context.field(self.model, name) for name in names if name]
        return tuple(line for field in fields if field is not None for line in field.imports)

    def suppression_comments(self) -> tuple[str, ...]:
        """``# migreview: ignore[...]`` comments on or above the flagged operation, to carry into the plan."""
        line = self.operation.start_line
        comments = self.context.migration.comments
        return tuple(comments[n] for n in (line - 1, line) if n in comments and "migreview:" in comments[n])
