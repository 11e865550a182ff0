"""The values offline rendering produces: the SQL of one operation, statement by statement.

Plain dataclasses with no Django import, so reporters and callers can use them whether or not Django
is installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.findings import Impact
from reviewer.sql import ClassifiedStatement


@dataclass(frozen=True)
class RenderedStatement:
    """One SQL statement Django would run, with what the lock model says about it."""

    sql: str
    """The statement as Django's schema editor wrote it (with its trailing semicolon)."""
    classified: tuple[ClassifiedStatement, ...] = ()
    """The lock-model forms of the statement (empty for DML, ``SET`` and unknown forms)."""
    impacts: tuple[Impact | None, ...] = ()
    """``impact_of(form, target)`` per entry of ``classified`` (None where the model has no row)."""
    deferred: bool = False
    """Django deferred it to the end of the migration (indexes and FK constraints of CreateModel and
    AddField); it is listed under the operation that queued it."""


@dataclass(frozen=True)
class OperationSql:
    """The SQL of one top-level operation of a migration file."""

    path: str
    app_label: str
    migration: str
    index: int
    """0-based position in ``Migration.operations``."""
    start_line: int
    kind: str
    description: str
    """Django's own ``operation.describe()`` (the ``sqlmigrate`` header), or the kind when not built."""
    statements: tuple[RenderedStatement, ...] = ()
    available: bool = True
    """False when the SQL could not be rendered (see ``notes``); ``statements`` is then empty."""
    type_unknown: bool = False
    """A field's class is not a Django class migreview can build, so the column type is not known."""
    writes_sql: bool = True
    """False for operations Django cannot write as SQL (RunPython)."""
    notes: tuple[str, ...] = ()
    """What was substituted or could not be known (placeholders, assumed models, errors)."""


@dataclass(frozen=True)
class RenderOutcome:
    """The SQL of every reported operation, plus notes about the whole run."""

    operations: tuple[OperationSql, ...]
    backend: str
    """``postgresql`` / ``mysql`` / ``sqlite``."""
    notes: tuple[str, ...] = ()
    available: bool = True
    """False when rendering could not run at all (Django not installed, backend driver missing)."""
    assumptions: tuple[str, ...] = ()
    """The notes that say what the SQL assumes (models outside the paths, e.g. an integer ``id`` key);
    the other notes are about operations the parser could not read, which reviews report already."""

    def by_operation(self) -> dict[tuple[str, str, int], OperationSql]:
        """(app label, migration name, operation index) -> its SQL: how a replay ``Step`` finds it."""
        return {(operation.app_label, operation.migration, operation.index): operation for operation in self.operations}
