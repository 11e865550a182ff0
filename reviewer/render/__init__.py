"""Offline SQL rendering: the SQL Django would run for each operation, per backend, with no database.

Public surface::

    render_sql_for_paths(paths, options) -> RenderOutcome     # files -> SQL of every reported operation
    render_history(history, target, user_model, wanted) -> RenderOutcome
    format_text(outcome) -> str                                # what ``migreview --show-sql`` prints
    rendering_available() -> str | None                        # None, or why rendering cannot run

The SQL is what the *installed* Django writes (the fidelity tests pin Django 5.2); a project on
another Django version may get slightly different SQL from its own ``sqlmigrate``.

Django is imported only when rendering runs; without it, the outcome is ``available=False`` with a
note, and the rest of migreview is unaffected. See ``_fields`` for what is substituted for values
that are not literals and ``_catalog`` for how constraint names are known without introspection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reviewer.loader import load_paths
from reviewer.loader.model import ParsedMigration
from reviewer.options import ReviewOptions
from reviewer.render.format import format_text
from reviewer.render.model import OperationSql, RenderedStatement, RenderOutcome
from reviewer.target import Backend, DatabaseTarget

__all__ = [
    "OperationSql",
    "RenderOutcome",
    "RenderedStatement",
    "format_text",
    "render_history",
    "render_sql_for_paths",
    "rendering_available",
]


def rendering_available(backend: Backend = Backend.POSTGRESQL) -> str | None:
    """None when SQL can be rendered for ``backend`` here; otherwise the reason, for the user."""
    from reviewer.render._environment import RenderingUnavailable, ensure_django, ensure_driver

    if backend is Backend.SQLITE:
        return "offline SQL rendering supports PostgreSQL and MySQL/MariaDB, not SQLite"
    try:
        ensure_django()
        ensure_driver(backend.value)
    except RenderingUnavailable as error:
        return str(error)
    return None


def render_history(
    history: tuple[ParsedMigration, ...],
    target: DatabaseTarget,
    user_model: str = "auth.User",
    wanted: Callable[[ParsedMigration], bool] = lambda _: True,
) -> RenderOutcome:
    """Render an ordered history (as ``reviewer.state.order_history`` gives it); keep ``wanted`` migrations."""
    reason = rendering_available(target.backend)
    if reason is not None:
        return RenderOutcome((), target.backend.value, (reason,), available=False)
    from reviewer.render._annotate import annotate
    from reviewer.render._renderer import HistoryRenderer

    renderer = HistoryRenderer(target, user_model)
    raws = renderer.render(history, wanted)
    operations = tuple(annotate(operation, target) for raw in raws for operation in raw.operations)
    unread = [  # operations the parser could not read are absent from the SQL: say so
        f"{raw.migration.path}:{note.line}: {note.message} (no SQL rendered for it)"
        for raw in raws
        for note in raw.migration.notes
    ]
    assumed = tuple(renderer.notes)
    return RenderOutcome(operations, target.backend.value, (*assumed, *unread), assumptions=assumed)


def render_sql_for_paths(paths: Iterable[str], options: ReviewOptions | None = None) -> RenderOutcome:
    """The SQL of every operation of the migrations under ``paths``, for ``options.target``.

    The whole history is replayed (later migrations need the state of earlier ones); with
    ``options.only_paths`` set, only those files' operations are returned.
    """
    from reviewer.state import order_history

    options = options or ReviewOptions()
    loaded = load_paths(paths)
    history = order_history(loaded.migrations, options.user_model).migrations
    only = options.only_paths

    def wanted(migration: ParsedMigration) -> bool:
        return only is None or migration.path in only

    return render_history(history, options.target, options.user_model, wanted)
