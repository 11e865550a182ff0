"""How each Django operation changes the project state (``state_forwards``, statically)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reviewer.loader.model import Call, MigrationKey, Operation, Value
from reviewer.locks.forms import StatementForm
from reviewer.sql.facts import facts_of_script, sql_texts
from reviewer.state.fields import FieldState, field_state, unknown_field
from reviewer.state.project import ModelState, ProjectState


def normalize_together(value: Value) -> tuple[tuple[str, ...], ...]:
    """Django's ``normalize_together``: ``("a", "b")`` -> ``(("a", "b"),)``; unreadable -> ``()``."""
    if not isinstance(value, list | tuple) or not value:
        return ()
    if all(isinstance(item, str) for item in value):
        return (tuple(str(item) for item in value),)
    groups = []
    for group in value:
        if isinstance(group, list | tuple) and all(isinstance(item, str) for item in group):
            groups.append(tuple(str(item) for item in group))
    return tuple(groups)


def named(value: Value) -> str | None:
    if isinstance(value, Call):
        name = value.kwargs.get("name")
        return name if isinstance(name, str) else None
    return None


class StateApplier:
    """Applies operations to a :class:`ProjectState` in place."""

    def __init__(self, state: ProjectState) -> None:
        self.state = state
        self.imports: tuple[str, ...] = ()
        self._handlers: dict[str, Callable[[Operation, MigrationKey], None]] = {
            "CreateModel": self._create_model,
            "DeleteModel": self._delete_model,
            "RenameModel": self._rename_model,
            "AlterModelTable": self._alter_model_table,
            "AlterModelOptions": self._alter_model_options,
            "AlterUniqueTogether": self._alter_together,
            "AlterOrderWithRespectTo": self._alter_order,
            "AlterIndexTogether": self._alter_together,
            "AddField": self._add_field,
            "AlterField": self._alter_field,
            "RemoveField": self._remove_field,
            "RenameField": self._rename_field,
            "AddIndex": self._add_index,
            "AddIndexConcurrently": self._add_index,
            "RemoveIndex": self._remove_index,
            "RemoveIndexConcurrently": self._remove_index,
            "RenameIndex": self._rename_index,
            "AddConstraint": self._add_constraint,
            "AddConstraintNotValid": self._add_constraint,
            "AlterConstraint": self._add_constraint,
            "RemoveConstraint": self._remove_constraint,
            "ValidateConstraint": self._validate_constraint,
        }

    def apply(self, operation: Operation, migration: MigrationKey, imports: tuple[str, ...] = ()) -> None:
        """Apply ``operation``; ``imports`` are its file's import lines, kept with the fields it defines."""
        self.imports = imports
        if operation.kind in ("SeparateDatabaseAndState", "RunSQL", "RunPython"):
            created = _tables_created(operation)
            for nested in operation.state_operations:
                self.apply(nested, migration, imports)
                model = self._model(nested, migration, "name") if nested.kind == "CreateModel" else None
                if model is not None and model.table.lower() not in created and nested.text("name") not in created:
                    model.created_in = None  # a state-only CreateModel adopts a table that exists (and holds rows)
                    model.adopted_in = migration
            return
        handler = self._handlers.get(operation.kind)
        if handler is not None:
            handler(operation, migration)

    def _model(self, operation: Operation, migration: MigrationKey, key: str = "model_name") -> ModelState | None:
        name = operation.text(key)
        return self.state.model(migration.app_label, name) if name else None

    def field_from(
        self, name: str, value: Value, model: ModelState, added_in: MigrationKey | None = None
    ) -> FieldState:
        if isinstance(value, Call):
            return field_state(name, value, model.app_label, model.name, self.state.user_model, self.imports, added_in)
        source = getattr(value, "source", repr(value))
        return unknown_field(name, str(source))

    def _create_model(self, operation: Operation, migration: MigrationKey) -> None:
        name = operation.text("name")
        if not name:
            return
        model = ModelState(migration.app_label, name, created_in=migration)
        fields = operation.arg("fields")
        if isinstance(fields, list | tuple):
            for entry in fields:
                if isinstance(entry, list | tuple) and len(entry) == 2 and isinstance(entry[0], str):
                    model.fields[entry[0].lower()] = self.field_from(entry[0], entry[1], model)
        options = operation.arg("options")
        if isinstance(options, dict):
            self._set_options(model, options)
            for index in _as_list(options.get("indexes")):
                if (index_name := named(index)) and isinstance(index, Call):
                    model.indexes[index_name] = index
            for constraint in _as_list(options.get("constraints")):
                if (constraint_name := named(constraint)) and isinstance(constraint, Call):
                    model.constraints[constraint_name] = constraint
            model.unique_together = normalize_together(options.get("unique_together"))
            model.index_together = normalize_together(options.get("index_together"))
        self.state.models[model.key] = model

    @staticmethod
    def _set_options(model: ModelState, options: dict[object, Value]) -> None:
        db_table = options.get("db_table")
        if isinstance(db_table, str):
            model.db_table = db_table
        managed = options.get("managed")
        if isinstance(managed, bool):
            model.managed = managed
        proxy = options.get("proxy")
        if isinstance(proxy, bool):
            model.proxy = proxy

    def _delete_model(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration, "name")
        if model is not None:
            del self.state.models[model.key]

    def _rename_model(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration, "old_name")
        new_name = operation.text("new_name")
        if model is None or not new_name:
            return
        old_reference = model.key
        del self.state.models[model.key]
        model.name = new_name
        self.state.models[model.key] = model
        new_reference = f"{model.app_label}.{new_name}"
        for other in self.state.models.values():
            for field_name, candidate in list(other.fields.items()):
                if (candidate.related_model or "").lower() == old_reference:
                    other.fields[field_name] = replace(candidate, related_model=new_reference)

    def _alter_model_table(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration, "name")
        if model is not None:
            table = operation.arg("table")
            model.db_table = table if isinstance(table, str) else None

    def _alter_model_options(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration, "name")
        options = operation.arg("options")
        if model is not None and isinstance(options, dict):
            managed = options.get("managed")
            model.managed = managed if isinstance(managed, bool) else True

    def _alter_together(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration, "name")
        if model is None:
            return
        if operation.kind == "AlterUniqueTogether":
            model.unique_together = normalize_together(operation.arg("unique_together"))
        else:
            model.index_together = normalize_together(operation.arg("index_together"))

    def _alter_order(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration, "name")
        if model is None:
            return
        if operation.text("order_with_respect_to"):
            model.fields["_order"] = FieldState("_order", "django.db.models.IntegerField", "_order")
        else:
            model.fields.pop("_order", None)

    def _add_field(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        name = operation.text("name")
        if model is None or not name:
            return
        previous = model.fields.get(name.lower())
        added_in = previous.added_in if previous is not None else migration if operation.kind == "AddField" else None
        new_field = self.field_from(name, operation.arg("field"), model, added_in)
        if operation.arg("preserve_default") is False:
            new_field = replace(new_field, default=None)
        model.fields[name.lower()] = new_field

    def _alter_field(self, operation: Operation, migration: MigrationKey) -> None:
        self._add_field(operation, migration)

    def _remove_field(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        name = operation.text("name")
        if model is not None and name:
            model.fields.pop(name.lower(), None)

    def _rename_field(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        old_name, new_name = operation.text("old_name"), operation.text("new_name")
        if model is None or not old_name or not new_name:
            return
        old = model.fields.pop(old_name.lower(), None)
        if old is not None:
            model.fields[new_name.lower()] = old.renamed(new_name)

    def _add_index(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        index = operation.arg("index")
        if model is not None and isinstance(index, Call) and (name := named(index)):
            model.indexes[name] = index

    def _remove_index(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        name = operation.text("name")
        if model is not None and name:
            model.indexes.pop(name, None)

    def _rename_index(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        new_name, old_name = operation.text("new_name"), operation.text("old_name")
        if model is None or not new_name:
            return
        if old_name and old_name in model.indexes:
            index = model.indexes.pop(old_name)
            model.indexes[new_name] = replace(index, kwargs={**index.kwargs, "name": new_name})
        old_fields = normalize_together([operation.arg("old_fields")])
        if old_fields:
            model.index_together = tuple(group for group in model.index_together if group not in old_fields)

    def _add_constraint(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        constraint = operation.arg("constraint")
        if model is not None and isinstance(constraint, Call) and (name := named(constraint)):
            model.constraints[name] = constraint
            if operation.kind == "AddConstraintNotValid":
                model.not_valid[name] = migration

    def _validate_constraint(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        name = operation.text("name")
        if model is not None and name:
            model.not_valid.pop(name, None)

    def _remove_constraint(self, operation: Operation, migration: MigrationKey) -> None:
        model = self._model(operation, migration)
        name = operation.text("name")
        if model is not None and name:
            model.constraints.pop(name, None)
            model.not_valid.pop(name, None)


def _tables_created(operation: Operation) -> set[str]:
    """Tables (and model names) that an operation's database side creates: CreateModel or CREATE TABLE."""
    created: set[str] = set()
    for nested in (operation, *operation.database_operations):
        if nested.kind == "CreateModel" and (name := nested.text("name")):
            created.add(name)
        if nested.kind == "RunSQL":
            created.update(
                fact.table.lower()
                for sql in sql_texts(nested.arg("sql"))
                for fact in facts_of_script(sql)
                if fact.form is StatementForm.CREATE_TABLE
            )
    return created


def _as_list(value: Value) -> list[Value]:
    return list(value) if isinstance(value, list | tuple) else []
