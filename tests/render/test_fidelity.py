"""Offline SQL equals the real ``sqlmigrate`` output captured from PostgreSQL 15 and MariaDB 10.11.

The captured files (``tests/sql/fixtures/sqlmigrate``) are checked against the live servers by
``tests/sql/test_sqlmigrate.py``; here the whole text is compared, headers, BEGIN/COMMIT and deferred
SQL included, so every statement of every operation must match byte for byte.
"""

from __future__ import annotations

import pytest

from reviewer.render._script import sqlmigrate_text
from tests.render.helpers import FIXTURES, captured, rendered


@pytest.mark.parametrize(("backend", "app", "name"), captured())
def test_offline_sql_equals_captured_sqlmigrate(backend: str, app: str, name: str) -> None:
    raw = rendered(backend)[(app, name)]
    expected = (FIXTURES / backend / app / f"{name}.sql").read_text()
    assert sqlmigrate_text(raw).strip() == expected.strip()


@pytest.mark.parametrize(("backend", "app", "name"), captured())
def test_no_operation_of_the_fixtures_needed_a_substitution(backend: str, app: str, name: str) -> None:
    raw = rendered(backend)[(app, name)]
    assert [(op.parsed.kind, op.notes) for op in raw.operations if op.notes or not op.available] == []


def test_every_operation_kind_of_the_fixture_project_is_compared() -> None:
    """The kinds compared above; a new kind in the fixture project shows up here."""
    kinds = {
        operation.parsed.kind
        for backend in ("postgresql", "mysql")
        for (app, name), raw in rendered(backend).items()
        if (FIXTURES / backend / app / f"{name}.sql").exists()
        for operation in raw.operations
    }
    assert kinds == {
        "AddConstraint", "AddConstraintNotValid", "AddField", "AddIndex", "AddIndexConcurrently",
        "AlterField", "AlterModelTable", "AlterUniqueTogether", "CreateModel", "DeleteModel", "RemoveField",
        "RemoveIndex", "RemoveIndexConcurrently", "RenameField", "RenameIndex", "RenameModel", "RunPython",
        "RunSQL", "ValidateConstraint",
    }  # fmt: skip
