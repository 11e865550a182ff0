"""A lightweight project state: per model its table, columns, indexes and constraints."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from reviewer.loader.model import Call, MigrationKey
from reviewer.state.fields import FieldState


def default_table(app_label: str, model_name: str) -> str:
    return f"{app_label}_{model_name.lower()}"


@dataclass
class ModelState:
    app_label: str
    name: str
    fields: dict[str, FieldState] = field(default_factory=dict)
    """By lower-cased field name, in definition order."""
    db_table: str | None = None
    """The explicit ``db_table`` option, if any."""
    managed: bool = True
    proxy: bool = False
    indexes: dict[str, Call] = field(default_factory=dict)
    """By index name."""
    constraints: dict[str, Call] = field(default_factory=dict)
    """By constraint name."""
    not_valid: dict[str, MigrationKey] = field(default_factory=dict)
    """Constraints added NOT VALID and not validated yet, with the migration that added them."""
    unique_together: tuple[tuple[str, ...], ...] = ()
    index_together: tuple[tuple[str, ...], ...] = ()
    created_in: MigrationKey | None = None
    adopted_in: MigrationKey | None = None
    """The migration whose state-only CreateModel declared this existing table (e.g. to drop it for real)."""

    @property
    def key(self) -> str:
        return f"{self.app_label}.{self.name.lower()}"

    @property
    def table(self) -> str:
        return self.db_table or default_table(self.app_label, self.name)

    @property
    def has_table(self) -> bool:
        """Proxy and unmanaged models have no table that migrations change."""
        return self.managed and not self.proxy

    def field(self, name: str) -> FieldState | None:
        return self.fields.get(name.lower())

    def field_by_column(self, column: str | None) -> FieldState | None:
        """The field stored in ``column`` (a name from SQL)."""
        return next((field for field in self.fields.values() if field.column == column), None)

    def primary_key(self) -> FieldState | None:
        return next((candidate for candidate in self.fields.values() if candidate.primary_key), None)


@dataclass
class ProjectState:
    models: dict[str, ModelState] = field(default_factory=dict)
    """By ``app_label.modelname`` (lower-cased model name)."""
    user_model: str = "auth.User"

    def model(self, app_label: str, name: str) -> ModelState | None:
        return self.models.get(f"{app_label}.{name.lower()}")

    def model_by_reference(self, reference: str | None) -> ModelState | None:
        """A model from an ``app_label.ModelName`` reference."""
        if not reference or "." not in reference:
            return None
        app_label, name = reference.split(".", 1)
        return self.model(app_label, name)

    def model_by_table(self, table: str) -> ModelState | None:
        """The model whose table is ``table`` (a name from SQL), if the state knows one."""
        for model in self.models.values():
            if model.table == table:
                return model
        return None

    def referencing_fields(self, target: ModelState) -> list[tuple[ModelState, FieldState]]:
        """Fields of other models with a foreign key to ``target`` (constraint in the database)."""
        found = []
        for model in self.models.values():
            if model is target or not model.has_table:
                continue
            for candidate in model.fields.values():
                is_foreign_key = candidate.is_relation and candidate.db_constraint
                if is_foreign_key and (candidate.related_model or "").lower() == target.key:
                    found.append((model, candidate))
        return found

    def clone(self) -> ProjectState:
        return copy.deepcopy(self)
