"""``manage.py migreview`` inside a real Django project on the real PostgreSQL (never skipped).

Each run is a subprocess so that the test project's settings never leak into other tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from tests.support.databases import CONNECT_TIMEOUT_SECONDS, postgres_settings

PROJECT = Path(__file__).parent / "django_project"
ROOT = Path(__file__).resolve().parents[2]

CALL_COMMAND = """
import io, json, sys
import django
django.setup()
from django.core.management import CommandError, call_command
out = io.StringIO()
code = 0
try:
    call_command("migreview", *sys.argv[1:], stdout=out)
except CommandError as error:
    code, message = error.returncode, str(error)
else:
    message = ""
print(json.dumps({"code": code, "message": message, "output": out.getvalue()}))
"""


def environment() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": f"{PROJECT}{os.pathsep}{ROOT}"}


def call_command(*args: str) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-c", CALL_COMMAND, *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=environment(),
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    outcome: dict[str, Any] = json.loads(completed.stdout)
    return outcome


def server_version() -> str:
    server = postgres_settings()
    with psycopg.connect(
        host=server.host,
        port=server.port,
        dbname=server.database,
        user=server.user,
        password=server.password,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
    ) as connection:
        number = int(connection.execute("SHOW server_version_num").fetchone()[0])  # type: ignore[index]
    return f"{number // 10000}.{number % 100}"


def test_reviews_the_project_apps_for_the_configured_database() -> None:
    outcome = call_command("--format", "json")
    assert outcome["code"] == 1 and "findings reached --fail-on error" in outcome["message"]
    report = json.loads(outcome["output"])
    assert report["target"]["display"] == f"PostgreSQL {server_version()}"
    # django.contrib's migrations are replayed for history but only the project's own app is reported.
    assert report["summary"]["files_reviewed"] == 3 and report["summary"]["migrations_replayed"] > 3
    [finding] = report["findings"]
    assert finding["rule_id"] == "add-not-null-column"
    assert finding["path"] == "shop/migrations/0002_invoice_currency.py"
    # The real sqlmigrate SQL of the configured database is attached to the operation's finding, each
    # statement with what the lock model says of it on this server.
    add, drop_default = finding["sql"]
    assert add["sql"] == """ALTER TABLE "shop_invoice" ADD COLUMN "currency" varchar(3) DEFAULT 'EUR' NOT NULL;"""
    assert add["effects"] == [
        f"add_column_default: ACCESS EXCLUSIVE lock (blocks reads and writes) [PostgreSQL {server_version()} (11+)]"
    ]
    assert drop_default["sql"] == """ALTER TABLE "shop_invoice" ALTER COLUMN "currency" DROP DEFAULT;"""
    assert not add["deferred"] and not drop_default["deferred"]


def test_app_and_migration_arguments_and_fail_on() -> None:
    safe = call_command("shop", "0003")
    assert safe["code"] == 0, safe
    assert "0 errors, 0 warnings, 0 info in 1 file" in safe["output"]
    unsafe = call_command("shop", "0002_invoice_currency", "--no-sql")
    assert unsafe["code"] == 1 and "add-not-null-column" in unsafe["output"] and "sql:" not in unsafe["output"]
    assert call_command("shop", "--fail-on", "never")["code"] == 0
    markdown = call_command("shop", "--format", "markdown")["output"]
    assert "<details><summary>Line 8: <code>add-not-null-column</code> details</summary>" in markdown
    assert (
        """\n```\n-- SQL Django runs for this operation:\n"""
        """ALTER TABLE "shop_invoice" ADD COLUMN "currency" varchar(3) DEFAULT 'EUR' NOT NULL;\n"""
        in markdown
    )
    assert call_command("nope")["message"] == "App 'nope' does not have migrations"
    assert call_command("shop", "0009")["message"] == "There is no migration for 'shop' with the prefix '0009'"


def test_manage_py_exit_status_and_sarif() -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", "migreview", "--format", "sarif"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=environment(),
        timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    results = json.loads(completed.stdout)["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == ["add-not-null-column"]
    assert "CommandError: migreview: findings reached --fail-on error" in completed.stderr


def test_an_unreachable_database_is_a_clear_command_error() -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", "migreview"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**environment(), "MIGREVIEW_TEST_PG_HOST": "127.0.0.1", "MIGREVIEW_TEST_PG_PORT": "1"},
        timeout=120,
    )
    assert completed.returncode == 1
    assert "CommandError: cannot tell the version of database 'default'" in completed.stderr
    assert "Traceback" not in completed.stderr
