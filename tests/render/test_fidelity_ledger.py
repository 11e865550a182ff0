"""Offline SQL equals real ``sqlmigrate`` output for the ledger project (names the database keeps).

``live_project/ledger`` exercises what the shop/catalog/pgshop fixtures do not: dropping ``unique``
and ``db_index`` (constraint names from the catalog), RemoveConstraint, unique_together removal
(on MariaDB with the foreign-key index it needs first), RenameModel with a many-to-many, M2M add and
remove, AlterOrderWithRespectTo, SeparateDatabaseAndState, RunSQL with parameters, and names
created before AlterModelTable or AlterField (kept by the database, followed by ``_physical``).

The captured output lives in ``fixtures/live``; ``test_captured_output_is_what_the_servers_print``
re-runs ``sqlmigrate`` on the real PostgreSQL and MariaDB (an unreachable server fails it, as in
``tests/sql``). Regenerate with ``MIGREVIEW_REGENERATE_RENDER_FIXTURES=1``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from reviewer.loader import load_paths
from reviewer.render._renderer import HistoryRenderer, RawMigration
from reviewer.render._script import sqlmigrate_text
from reviewer.state import order_history
from tests.render.helpers import ROOT, TARGETS

PROJECT = Path(__file__).resolve().parent / "live_project"
CAPTURED = Path(__file__).resolve().parent / "fixtures" / "live"
NAMES = sorted(path.stem for path in (PROJECT / "ledger" / "migrations").glob("0*.py"))


@cache
def _rendered(backend: str) -> dict[str, RawMigration]:
    history = order_history(load_paths([str(PROJECT)]).migrations).migrations
    return {raw.migration.name: raw for raw in HistoryRenderer(TARGETS[backend]).render(history)}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_offline_sql_equals_captured_sqlmigrate(backend: str, name: str) -> None:
    expected = (CAPTURED / backend / f"{name}.sql").read_text()
    assert sqlmigrate_text(_rendered(backend)[name]).strip() == expected.strip()


def test_captured_output_is_what_the_servers_print() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "tests.render.live_project.render"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert process.returncode == 0, f"sqlmigrate on the real databases failed:\n{process.stderr[-4000:]}"
    live: dict[str, dict[str, str]] = json.loads(process.stdout)
    if os.environ.get("MIGREVIEW_REGENERATE_RENDER_FIXTURES"):
        for backend, migrations in live.items():
            (CAPTURED / backend).mkdir(parents=True, exist_ok=True)
            for name, sql in migrations.items():
                (CAPTURED / backend / f"{name}.sql").write_text(sql)
    for backend, migrations in live.items():
        for name, sql in migrations.items():
            assert (CAPTURED / backend / f"{name}.sql").read_text() == sql, (backend, name)
