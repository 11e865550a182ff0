"""The renderer's speed-ups (lazy re-renders, partial state clones, cache expiry) change no SQL.

The same history is rendered twice: as shipped, and with Django's own ``reload_model`` (recursive
re-render of related models) and full ``ProjectState.clone()`` per operation, as ``sqlmigrate``
runs them. The history mixes what the speed-ups treat differently: option-only changes, new fields
and new relations next to primary-key, referenced-field, table and model renames.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest

from reviewer.loader import load_paths
from reviewer.render import _renderer
from reviewer.render._renderer import HistoryRenderer, RawMigration
from reviewer.state import order_history

from .helpers import TARGETS

PROJECT = Path(__file__).resolve().parent / "speedups_project"


class _DjangoReloads:
    """Stands in for ``LazyReloads``: every re-render happens where and as Django does it."""

    @contextmanager
    def deferred(self) -> Iterator[None]:
        yield

    def shallow(self) -> Any:
        return nullcontext()

    def flush(self) -> None:
        return None


def _sql(raws: list[RawMigration]) -> list[tuple[str, int, list[str], list[str]]]:
    """Each operation's statements, sorted: Django orders the foreign keys RenameModel re-points by
    the registry's insertion order, which follows set iteration in ``_reload`` (so PYTHONHASHSEED)
    in Django itself, whichever models are re-rendered."""
    return [
        (raw.migration.name, op.index, sorted(op.sql), sorted(op.deferred)) for raw in raws for op in raw.operations
    ]


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_speed_ups_render_what_plain_django_renders(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    history = order_history(load_paths([str(PROJECT)]).migrations).migrations
    fast = HistoryRenderer(TARGETS[backend]).render(history)

    plain = HistoryRenderer(TARGETS[backend])
    del plain.state.reload_model, plain.state.reload_models  # back to ProjectState's own methods
    plain.reloads = _DjangoReloads()  # type: ignore[assignment]
    monkeypatch.setattr(_renderer, "_state_before", lambda state, operation, app_label: state.clone())
    reference = plain.render(history)

    assert all(op.available for raw in fast for op in raw.operations)
    assert _sql(fast) == _sql(reference)
