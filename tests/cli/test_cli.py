"""The migreview command as a user runs it: a real subprocess, exit codes, text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine.builder import initial, migration


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    files = [
        initial(),
        migration("0002_currency", 'migrations.AddField("invoice", "currency", models.CharField(max_length=3, default="EUR")),'),
        migration("0003_memo", 'migrations.RunPython(fill, migrations.RunPython.noop),', depends_on="0002_currency"),
    ]
    for path, text in files:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (tmp_path / "shop" / "migrations" / "__init__.py").write_text("")
    return tmp_path


def test_text_output_groups_by_file_and_exits_1_on_error(project: Path) -> None:
    completed = run(str(project))
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    subject = str(project / "shop" / "migrations" / "0002_currency.py")
    assert lines[0] == subject
    assert lines[1].startswith(f"  {subject}:9: error   add-not-null-column  ")
    assert "impact: ACCESS EXCLUSIVE lock" in completed.stdout
    assert "\033[" not in completed.stdout  # no colour when not a terminal
    assert lines[-1] == (
        "1 error, 0 warnings, 0 info in 3 files (3 migrations replayed, 4 operations reviewed) for PostgreSQL 16"
    )


def test_fail_on_threshold_and_exit_codes(project: Path) -> None:
    assert run(str(project), "--fail-on", "never").returncode == 0
    assert run(str(project), "--disable", "add-not-null-column").returncode == 0
    assert run(str(project), "--disable", "add-not-null-column", "--fail-on", "warning").returncode == 0
    assert run(str(project), "--db", "oracle").returncode == 2
    assert run(str(project), "--db-version", "x.y").returncode == 2
    assert run(str(project), "--disable", "nope").returncode == 2
    assert run(str(project / "missing")).returncode == 2
    empty = project / "empty"
    empty.mkdir()
    completed = run(str(empty))
    assert completed.returncode == 2 and "no migration files found" in completed.stderr


def test_json_output_has_the_documented_shape(project: Path) -> None:
    completed = run(str(project), "--format", "json", "--db", "postgresql", "--db-version", "10")
    document = json.loads(completed.stdout)
    assert document["schema_version"] == 1
    assert document["target"] == {"database": "postgresql", "version": "10", "display": "PostgreSQL 10"}
    assert document["summary"]["error"] == 2 and document["summary"]["failed"] is True
    # PostgreSQL 10 has no fast defaults: the rewrite is a finding of its own
    rewrite, finding = document["findings"]
    assert rewrite["rule_id"] == "add-column-rewrites-table"
    assert finding["rule_id"] == "add-not-null-column"
    assert finding["path"].endswith("0002_currency.py") and finding["start_line"] == 9
    assert finding["impact"]["rewrite"] is True  # PostgreSQL 10 rewrites on ADD COLUMN ... DEFAULT
    assert set(finding) == {
        "rule_id", "severity", "message", "path", "start_line", "end_line", "app_label", "migration", "operation",
        "operation_index", "table", "column", "safe_way", "impact", "details", "suggestion", "plan_id", "sql",
    }
    assert finding["sql"] == []  # rendered only with --with-sql
    assert document["plans"][finding["plan_id"]]["rule_id"] == "add-not-null-column"


def test_a_syntax_error_in_one_file_does_not_stop_the_others(project: Path) -> None:
    broken = project / "shop" / "migrations" / "0004_broken.py"
    broken.write_text("from django.db import migrations\n\nclass Migration(migrations.Migration)\n    operations = []\n")
    completed = run(str(project), "--format", "json")
    findings = json.loads(completed.stdout)["findings"]
    assert {(f["rule_id"], Path(f["path"]).name, f["start_line"]) for f in findings} == {
        ("add-not-null-column", "0002_currency.py", 9),
        ("syntax-error", "0004_broken.py", 3),
    }


def test_rules_and_explain() -> None:
    listing = run("rules")
    assert listing.returncode == 0 and "add-not-null-column" in listing.stdout
    explained = run("explain", "rename-column")
    assert explained.returncode == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in explained.stdout
    assert run("explain", "nope").returncode == 2


def test_with_sql_shows_the_statements_django_runs_with_their_locks(project: Path) -> None:
    """--with-sql renders the finding's operation offline: the SQL under the finding, each statement with
    the lock-model verdict for the chosen database and version."""
    text = run(str(project), "--with-sql", "--db-version", "10").stdout
    add_column = """ALTER TABLE "shop_invoice" ADD COLUMN "currency" varchar(3) DEFAULT 'EUR' NOT NULL;"""
    lines = text.splitlines()
    at = lines.index(f"        {add_column}")
    assert lines[at - 1] == "      sql:"
    assert lines[at + 1] == (
        "        --   add_column_default: ACCESS EXCLUSIVE lock (blocks reads and writes), rewrites the table "
        "[PostgreSQL 10 (before 11)]"
    )
    assert """ALTER TABLE "shop_invoice" ALTER COLUMN "currency" DROP DEFAULT;""" in text
    # Two findings on the operation (the rewrite and the NOT NULL): its SQL is printed under the first only.
    assert text.count(add_column) == 1 and text.count("add-column-rewrites-table") == 1
    assert text.count("add-not-null-column") == 1
    # The RunPython finding has no SQL of its own: nothing is attached to it.
    document = json.loads(run(str(project), "--with-sql", "--format", "json").stdout)
    by_rule = {finding["rule_id"]: finding for finding in document["findings"]}
    assert by_rule["add-not-null-column"]["sql"][0]["sql"] == add_column
    assert by_rule["add-not-null-column"]["sql"][0]["effects"] == [
        "add_column_default: ACCESS EXCLUSIVE lock (blocks reads and writes) [PostgreSQL 16 (11+)]"
    ]
    assert all(not finding["sql"] for rule, finding in by_rule.items() if rule.startswith("run-python"))
    # MySQL: the same operation, as MySQL's schema editor writes it.
    mysql = json.loads(run(str(project), "--with-sql", "--format", "json", "--db", "mysql").stdout)
    [statement, *_] = next(f for f in mysql["findings"] if f["rule_id"] == "add-not-null-column")["sql"]
    assert statement["sql"].startswith("ALTER TABLE `shop_invoice` ADD COLUMN `currency` varchar(3) DEFAULT 'EUR'")


def test_with_sql_from_the_config_file(project: Path) -> None:
    (project / ".migreview.toml").write_text("with_sql = true\n")
    assert "      sql:" in run(str(project), cwd=project).stdout
    (project / ".migreview.toml").write_text('with_sql = "yes"\n')
    completed = run(str(project), cwd=project)
    assert completed.returncode == 2 and "with_sql must be true or false" in completed.stderr
