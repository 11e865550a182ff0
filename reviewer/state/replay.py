"""Stage 2: replay the ordered history; each operation is seen with the state just before it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.loader.model import Operation, ParsedMigration
from reviewer.state.apply import StateApplier
from reviewer.state.project import ProjectState


@dataclass(frozen=True)
class Step:
    """One operation that runs against the database, with the state before it."""

    migration: ParsedMigration
    operation: Operation
    index: tuple[int, ...]
    state: ProjectState
    """The state before the operation. Valid only until the iteration resumes."""


@dataclass(frozen=True)
class MigrationStart:
    """Marks the start of a migration in the replay (state before its first operation)."""

    migration: ParsedMigration
    state: ProjectState


@dataclass(frozen=True)
class MigrationEnd:
    migration: ParsedMigration
    state: ProjectState


ReplayEvent = MigrationStart | Step | MigrationEnd


def replay(history: tuple[ParsedMigration, ...], user_model: str = "auth.User") -> Iterator[ReplayEvent]:
    """Yield every database operation before applying it, so consumers see the state before each one.

    Operations in ``SeparateDatabaseAndState.state_operations`` are applied without being yielded:
    they touch no database. ``database_operations`` are yielded against a scratch copy of the state,
    as Django runs them.
    """
    state = ProjectState(user_model=user_model)
    applier = StateApplier(state)
    for migration in history:
        yield MigrationStart(migration, state)
        for position, operation in enumerate(migration.operations):
            yield from _replay_operation(migration, operation, (position,), state, applier)
        yield MigrationEnd(migration, state)


def _replay_operation(
    migration: ParsedMigration,
    operation: Operation,
    index: tuple[int, ...],
    state: ProjectState,
    applier: StateApplier,
) -> Iterator[Step]:
    yield Step(migration, operation, index, state)
    if operation.kind == "SeparateDatabaseAndState" and operation.database_operations:
        scratch = state.clone()
        scratch_applier = StateApplier(scratch)
        for position, nested in enumerate(operation.database_operations):
            yield from _replay_operation(migration, nested, (*index, position), scratch, scratch_applier)
    applier.apply(operation, migration.key, migration.imports)
