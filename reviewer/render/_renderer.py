"""Replays the history through Django's own operations and collects each operation's SQL.

Mirrors ``Migration.apply(..., collect_sql=True)`` (what ``sqlmigrate`` runs), operation by operation,
so each statement is attributed to the operation that produced it; SQL Django defers to the end of
the migration (indexes and foreign keys of CreateModel/AddField) is attributed to the operation that
queued it. One schema editor per migration, as in ``sqlmigrate``, so deferred SQL is ordered the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from reviewer.loader.model import Operation, ParsedMigration
from reviewer.render._connection import offline_connection
from reviewer.render._environment import ensure_django, ensure_driver
from reviewer.render._expiry import keep_forward_caches
from reviewer.render._operations import BuiltOperation, build_operation
from reviewer.render._stubs import referenced_stubs
from reviewer.render._values import ValueBuilder, import_aliases
from reviewer.target import DatabaseTarget


@dataclass
class RawOperation:
    """One operation's output before annotation: Django's collected strings, in order."""

    migration: ParsedMigration
    index: int
    parsed: Operation
    description: str
    sql: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    available: bool = True
    type_unknown: bool = False
    writes_sql: bool = True


@dataclass
class RawMigration:
    migration: ParsedMigration
    operations: list[RawOperation]
    transactional: bool
    """``sqlmigrate`` wraps it in BEGIN/COMMIT (atomic migration on a backend with transactional DDL)."""
    deferred: list[str] = field(default_factory=list)
    """Deferred SQL in the order Django runs it at the end of the migration."""


class HistoryRenderer:
    """Renders a whole ordered history; the Django state carries over from one migration to the next."""

    def __init__(self, target: DatabaseTarget, user_model: str = "auth.User") -> None:
        ensure_django()
        ensure_driver(target.backend.value)
        from django.db.migrations.state import ProjectState

        self.target = target
        self.user_model = user_model
        self.connection, self.catalog = offline_connection(target)
        self.state: Any = ProjectState()
        self.reloads = LazyReloads(self.state)
        self.notes: list[str] = []

    def render(
        self, history: tuple[ParsedMigration, ...], wanted: Callable[[ParsedMigration], bool] = lambda _: True
    ) -> list[RawMigration]:
        for model_state, note in referenced_stubs(history, self.user_model):
            self.state.add_model(model_state)
            self.notes.append(note)
        rendered = []
        with _without_routers():
            for migration in history:
                if wanted(migration):
                    rendered.append(self._migration(migration))
                else:
                    self._advance(migration)
        return rendered

    def _advance(self, migration: ParsedMigration) -> None:
        """Apply a migration to the state only: no SQL is wanted from it.

        Until the first wanted migration the state has no rendered models, so this is plain
        bookkeeping on model states; that is what keeps "one changed migration on top of a long
        history" fast.
        """
        values = ValueBuilder(import_aliases(migration.imports))
        for parsed in migration.operations:
            operation = build_operation(parsed, values, self.user_model).operation
            if operation is None or not operation.reduces_to_sql:
                continue
            try:
                operation.state_forwards(migration.app_label, self.state)
            except Exception:  # as in _operation: the state keeps what the operation managed to apply
                continue

    def _migration(self, migration: ParsedMigration) -> RawMigration:
        values = ValueBuilder(import_aliases(migration.imports))
        operations: list[RawOperation] = []
        queued: dict[int, RawOperation] = {}
        with self.connection.schema_editor(collect_sql=True, atomic=False) as editor:
            self.catalog.editor = editor
            for index, parsed in enumerate(migration.operations):
                built = build_operation(parsed, values, self.user_model)
                operations.append(self._operation(migration, index, parsed, built, editor, queued))
            deferred = self._flush_deferred(editor, queued)
        transactional = migration.atomic and bool(self.connection.features.can_rollback_ddl)
        return RawMigration(migration, operations, transactional, deferred)

    def _operation(
        self,
        migration: ParsedMigration,
        index: int,
        parsed: Operation,
        built: BuiltOperation,
        editor: Any,
        queued: dict[int, RawOperation],
    ) -> RawOperation:
        operation = built.operation
        description = parsed.kind if operation is None else str(operation.describe())
        raw = RawOperation(migration, index, parsed, description, notes=list(built.notes))
        raw.type_unknown = built.type_unknown
        if operation is None:
            raw.available = False
            return raw
        if not operation.reduces_to_sql:
            raw.writes_sql = False  # as sqlmigrate: no state change either (RunPython has none)
            return raw
        if _writes_nothing(operation):
            try:
                with self.reloads.deferred():
                    operation.state_forwards(migration.app_label, self.state)
            except Exception as error:  # e.g. options of a model the reviewed paths never create
                raw.available = False
                raw.notes.append(f"not rendered: {_reason(error)}")
            return raw  # its database_forwards writes nothing: no class needs re-rendering yet
        self.reloads.flush()
        before = _state_before(self.state, operation, migration.app_label)
        start = len(editor.collected_sql)
        known = {id(statement) for statement in editor.deferred_sql}
        try:
            with self.reloads.shallow() if _keeps_columns(operation) else nullcontext():
                operation.state_forwards(migration.app_label, self.state)
            self.catalog.from_state = before
            operation.database_forwards(migration.app_label, editor, before, self.state)
        except Exception as error:  # one operation Django cannot render must not stop the rest
            raw.available = False
            if parsed.path.startswith("django.contrib.postgres.") and self.target.backend.value != "postgresql":
                raw.notes.append("not rendered: a PostgreSQL-only operation (Django fails on this backend)")
            else:
                raw.notes.append(f"not rendered: {_reason(error)}")
        finally:
            self.catalog.from_state = None
        raw.sql = list(editor.collected_sql[start:])
        for statement in editor.deferred_sql:
            if id(statement) not in known:
                queued[id(statement)] = raw
        return raw

    def _flush_deferred(self, editor: Any, queued: dict[int, RawOperation]) -> list[str]:
        """Run the deferred SQL as the editor's ``__exit__`` would, keeping each statement's owner."""
        start_all = len(editor.collected_sql)
        for statement in list(editor.deferred_sql):
            start = len(editor.collected_sql)
            editor.execute(statement)
            owner = queued.get(id(statement))
            text = editor.collected_sql[start:]
            if owner is not None:
                owner.deferred.extend(text)
        editor.deferred_sql = []
        return list(editor.collected_sql[start_all:])


@contextmanager
def _without_routers() -> Iterator[None]:
    """Render every operation whatever the host project's DATABASE_ROUTERS say about databases.

    Under ``manage.py migreview`` the project's routers are loaded; asked about the offline alias
    they may answer "do not migrate here" and Django would skip the operation. The SQL wanted is the
    one the operation runs where it does run, so routers are set aside while rendering.
    """
    from django.db import router

    saved = router.__dict__.get("routers")
    router.__dict__["routers"] = []
    try:
        yield
    finally:
        if saved is None:
            router.__dict__.pop("routers", None)
        else:
            router.__dict__["routers"] = saved


class LazyReloads:
    """Re-render a changed model with its direct relations only, and not at all after state-only changes.

    Django re-renders every transitively related model after a relational change (``delay=False``)
    so that long-lived code sees fresh classes; with a chain of foreign keys that is every model, per
    operation, and dominates the run time. Here a change re-renders the model and its neighbours
    (Django's ``delay=True``): the schema editor reads only those (tables, columns, key types).
    Operations that write no SQL (``AlterModelOptions``) run :meth:`deferred`: their re-renders wait
    until the next operation that writes SQL, so a run of them costs one render. Inside an operation
    that writes SQL, re-renders happen where Django does them (RenameModel depends on that order).

    Operations that leave the model's table and existing fields as they were (:func:`_keeps_columns`)
    run :meth:`shallow`: only the model itself is re-rendered. A neighbour whose relation still points
    at the previous class reads from it the same table, key and columns, which is all a schema editor
    reads through a relation; what changed (options, indexes, constraints, a new field) is read only
    from the model itself, which is fresh. Neither do they compute the previous class's relations
    first (Django does, in ``_find_reload_model``): their ``database_forwards`` never read them.
    The fidelity tests and the corpus comparison run with this in place.
    """

    def __init__(self, state: Any) -> None:
        self.state = state
        self.pending: dict[tuple[str, str], None] = {}
        self.deferring = False
        self.alone = False
        self.hooked: Any = None
        self._reload_models = state.reload_models
        state.reload_model = self._reload
        state.reload_models = self._reload_many

    def _reload(self, app_label: str, model_name: str, delay: bool = False) -> None:
        self._reload_many([(app_label, model_name)])

    def _reload_many(self, models: Any, delay: bool = True) -> None:
        apps = self.state.__dict__.get("apps")
        if apps is None:  # as Django: nothing to re-render before the first render
            return
        if apps is not self.hooked:
            keep_forward_caches(apps)
            self.hooked = apps
        if self.deferring:
            self.pending.update(dict.fromkeys(models))
        elif self.alone:
            self._render_alone(models)
        else:
            self._reload_models(models, delay=True)

    def _render_alone(self, models: Any) -> None:
        """Django's ``_reload`` on exactly these models (deleted ones are skipped), no neighbours.

        A model with subclasses (multi-table or proxy children, whose classes are built on the
        current one) is re-rendered as Django does, with its relatives.
        """
        registered = [self.state.apps.all_models[label].get(name) for label, name in models]
        if any(model is not None and model.__subclasses__() for model in registered):
            self._reload_models([key for key in models if key in self.state.models], delay=True)
            return
        self.state.is_delayed = True  # as reload_models(delay=True) would mark it
        self.state._reload(set(models))

    @contextmanager
    def shallow(self) -> Iterator[None]:
        self.alone = True
        try:
            yield
        finally:
            self.alone = False

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False

    def flush(self) -> None:
        """Re-render what deferred changes left stale, shallowly: they changed options only."""
        if self.pending:
            models = list(self.pending)
            self.pending.clear()
            self._render_alone(models)


def _keeps_columns(operation: Any) -> bool:
    """Django operations that keep the model's table and existing fields (exact classes, not subclasses)."""
    from django.db import migrations

    return type(operation) in (
        migrations.CreateModel,
        migrations.AddField,
        migrations.AddIndex,
        migrations.RemoveIndex,
        migrations.RenameIndex,
        migrations.AddConstraint,
        migrations.RemoveConstraint,
        migrations.AlterUniqueTogether,
        migrations.AlterIndexTogether,
        migrations.AlterModelTableComment,
    )


def _reason(error: Exception) -> str:
    """Why Django could not render an operation, in the reader's terms where the error is a known one."""
    key = error.args[0] if isinstance(error, KeyError) and error.args else None
    if isinstance(key, tuple) and len(key) == 2 and all(isinstance(part, str) for part in key):
        return f"model {key[0]}.{key[1]} is not in the state (an operation that creates it was not read)"
    if isinstance(error, AttributeError) and "'str' object has no attribute '_meta'" in str(error):
        return "a related model is not in the state (an operation that creates it was not read)"
    return f"{type(error).__name__}: {error}"


def _writes_nothing(operation: Any) -> bool:
    """Django operations whose ``database_forwards`` is empty (exactly these classes, not subclasses)."""
    from django.db import migrations

    return type(operation) in (migrations.AlterModelOptions, migrations.AlterModelManagers)


def _focus(operation: Any, app_label: str) -> tuple[str, str] | None:
    """The one model state an operation changes and reads back from ``from_state.models``; None if
    it may touch several (renames, nested operations, RunSQL with state operations)."""
    from django.db import migrations
    from django.db.migrations.operations.models import ModelOperation

    if isinstance(operation, migrations.RenameModel | migrations.SeparateDatabaseAndState | migrations.RunSQL):
        return None
    model_name = getattr(operation, "model_name_lower", None)
    if isinstance(model_name, str):
        return (app_label, model_name)
    if isinstance(operation, ModelOperation):
        return (app_label, operation.name_lower)
    return None


def _state_before(state: Any, operation: Any, app_label: str) -> Any:
    """``state.clone()`` that copies only the model state the operation will change.

    Django's clone copies every model state (every field deconstructed and rebuilt) on every
    operation, which grows with the project. An operation changes its own model state in place and
    replaces or re-points others' fields without reading them back from ``from_state.models``
    (``database_forwards`` reads other models through ``from_state.apps``, whose classes were
    rendered before and are cloned as Django does). Operations that may change several model states
    get Django's full clone.
    """
    from django.db.migrations.state import ProjectState

    key = _focus(operation, app_label)
    if key is None:
        return state.clone()
    models = dict(state.models)
    if key in models:
        models[key] = models[key].clone()
    before = ProjectState(models=models, real_apps=state.real_apps)
    if "apps" in state.__dict__:
        before.apps = _clone_apps(state.apps)
    before.is_delayed = state.is_delayed
    return before


def _clone_apps(apps: Any) -> Any:
    """``StateApps.clone()`` without its ``copy.deepcopy`` of the registry: the registry holds only
    classes, which deepcopy returns as they are, so copying the two dict levels is the same result
    at a fraction of the cost."""
    from collections import defaultdict

    from django.db.migrations.state import AppConfigStub, StateApps

    clone = StateApps([], {})
    clone.all_models = defaultdict(dict, {label: dict(models) for label, models in apps.all_models.items()})
    for app_label in apps.app_configs:
        app_config = AppConfigStub(app_label)
        app_config.apps = clone
        app_config.import_models()
        clone.app_configs[app_label] = app_config
    clone.real_models = apps.real_models
    return clone
