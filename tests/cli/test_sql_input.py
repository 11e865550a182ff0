"""`migreview --sql`: sqlmigrate output reviewed statement by statement, with or without its migration file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import run

ROOT = Path(__file__).resolve().parent.parent / "sql"
SQL = ROOT / "fixtures" / "sqlmigrate" / "postgresql" / "shop" / "0003_alter_fields.sql"
MIGRATION = ROOT / "fixture_project" / "shop" / "migrations" / "0003_alter_fields.py"


def findings(*args: str) -> list[tuple[str, str, int, str]]:
    completed = run(*args, "--format", "json")
    assert completed.returncode in (0, 1), completed.stderr
    return [
        (f["rule_id"], Path(f["path"]).name, f["start_line"], f["severity"])
        for f in json.loads(completed.stdout)["findings"]
    ]


def test_sql_alone_points_at_sql_lines_and_stays_conservative_on_types() -> None:
    assert findings("--sql", str(SQL)) == [
        ("alter-column-type", "0003_alter_fields.sql", 5, "warning"),
        ("alter-column-type", "0003_alter_fields.sql", 9, "warning"),
        ("set-not-null", "0003_alter_fields.sql", 13, "error"),
        ("rename-column", "0003_alter_fields.sql", 17, "error"),
    ]


def test_with_the_migration_findings_point_at_its_operations_and_know_the_old_types() -> None:
    result = findings("--sql", str(SQL), "--migration", str(MIGRATION), str(MIGRATION.parent))
    # varchar(50) -> varchar(100) grows: no rewrite, not reported; integer -> bigint rewrites.
    assert result == [
        ("alter-column-type", "0003_alter_fields.py", 9, "error"),
        ("set-not-null", "0003_alter_fields.py", 10, "error"),
        ("rename-column", "0003_alter_fields.py", 11, "error"),
    ]


def test_sql_from_stdin_and_bad_input() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "reviewer.cli", "--sql", "-", "--format", "json"],
        input='CREATE INDEX "i" ON "shop_product" ("name");\nCREATE INDEX CONCURRENTLY "j" ON "t" ("c");\n',
        capture_output=True, text=True, timeout=60,
    )
    rules = [(f["rule_id"], f["start_line"]) for f in json.loads(completed.stdout)["findings"]]
    assert rules == [("add-index-without-concurrently", 1)]
    assert run("--sql", "missing.sql").returncode == 2
    assert run("--sql", str(SQL), "--migration", str(SQL)).returncode == 2
