"""Real ``sqlmigrate`` output from PostgreSQL and MariaDB, split and classified.

The fixture project (``tests/sql/fixture_project``) is rendered in a subprocess against the real
servers (see its ``render.py``). The output is also kept under ``tests/sql/fixtures/sqlmigrate/``
so offline tests (and the offline-rendering fidelity test) can use it; this test fails when the
live output drifts from those files. Regenerate them with ``MIGREVIEW_REGENERATE_SQL_FIXTURES=1``.
An unreachable database fails the test, never skips it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.locks.forms import StatementForm
from reviewer.sql import lock_timeout_setting, set_constraints_immediate, split_sql
from reviewer.sql.classify import classify
from tests.sql.sqlmigrate_expected import EXPECTED

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sqlmigrate"
RENDER_TIMEOUT_SECONDS = 300

Rendered = dict[str, dict[str, dict[str, str]]]


@pytest.fixture(scope="module")
def rendered() -> Rendered:
    process = subprocess.run(
        [sys.executable, "-m", "tests.sql.fixture_project.render"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RENDER_TIMEOUT_SECONDS,
        check=False,
    )
    if process.returncode != 0:
        pytest.fail(f"sqlmigrate on the real databases failed:\n{process.stderr[-4000:]}")
    output: Rendered = json.loads(process.stdout)
    if os.environ.get("MIGREVIEW_REGENERATE_SQL_FIXTURES"):
        for backend, apps in output.items():
            for app, migrations in apps.items():
                (FIXTURES / backend / app).mkdir(parents=True, exist_ok=True)
                for name, sql in migrations.items():
                    (FIXTURES / backend / app / f"{name}.sql").write_text(sql)
    return output


def _params() -> list[tuple[str, str, str]]:
    return [
        (backend, app, name)
        for backend, apps in EXPECTED.items()
        for app, migrations in apps.items()
        for name in migrations
    ]


def test_every_rendered_migration_has_expectations(rendered: Rendered) -> None:
    rendered_keys = {(b, a, m) for b, apps in rendered.items() for a, ms in apps.items() for m in ms}
    assert rendered_keys == set(_params())


@pytest.mark.parametrize(("backend", "app", "migration"), _params())
def test_live_output_matches_fixture_file(rendered: Rendered, backend: str, app: str, migration: str) -> None:
    path = FIXTURES / backend / app / f"{migration}.sql"
    assert path.exists(), f"{path} missing; run with MIGREVIEW_REGENERATE_SQL_FIXTURES=1"
    assert rendered[backend][app][migration] == path.read_text()


@pytest.mark.parametrize(("backend", "app", "migration"), _params())
def test_forms_per_operation(rendered: Rendered, backend: str, app: str, migration: str) -> None:
    sql = rendered[backend][app][migration]
    script = split_sql(sql)
    actual = [
        (header.text, [r.form for s in script.statements if s.header == header for r in classify(s.text)])
        for header in script.headers
    ]
    assert actual == EXPECTED[backend][app][migration]
    # PostgreSQL wraps an atomic migration in BEGIN/COMMIT; MariaDB DDL is not transactional.
    assert script.in_transaction == sql.startswith("BEGIN;")
    assert script.in_transaction == (backend == "postgresql" and (app, migration) != ("pgshop", "0002_concurrent"))


def test_postgresql_details(rendered: Rendered) -> None:
    """The facts rules need beyond the form: referenced tables, new types, defaults, session settings."""
    added = split_sql(rendered["postgresql"]["shop"]["0002_add_fields"])
    facts = {(r.form, r.column): r for s in added.statements for r in classify(s.text)}
    supplier = facts[(StatementForm.ADD_COLUMN_FOREIGN_KEY, "supplier_id")]
    assert (supplier.table, supplier.referenced_table) == ("shop_product", "shop_customer")
    assert facts[(StatementForm.ADD_COLUMN_DEFAULT, "stock")].default == "0"
    immediate = [set_constraints_immediate(s.text) for s in added.statements]
    assert ("shop_product_supplier_id_57bed2a9_fk_shop_customer_id",) in immediate

    altered = split_sql(rendered["postgresql"]["shop"]["0003_alter_fields"])
    types = {r.column: r.new_type for s in altered.statements for r in classify(s.text) if r.new_type}
    assert types == {"name": "varchar(100)", "stock": "bigint"}

    raw = split_sql(rendered["postgresql"]["shop"]["0005_delete_and_raw"]).statements
    settings = [lock_timeout_setting(s.text) for s in raw]
    assert [(t.value, t.milliseconds) for t in settings if t] == [("5s", 5000)]


def test_mysql_modify_carries_nullability(rendered: Rendered) -> None:
    altered = split_sql(rendered["mysql"]["shop"]["0003_alter_fields"])
    facts = [(r.column, r.new_type, r.not_null) for s in altered.statements for r in classify(s.text)
             if r.form is StatementForm.ALTER_COLUMN_TYPE]  # fmt: skip
    assert facts == [("name", "varchar(100)", True), ("stock", "bigint", True), ("quantity", "integer", True)]
