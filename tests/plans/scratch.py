"""Scratch Django projects and scratch PostgreSQL databases, and Django's own ``migrate`` between them."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from tests.plans.case_model import Case, ProofError
from tests.plans.state_app import APP_NAME, STATE_OUT_ENV
from tests.support.databases import CONNECT_TIMEOUT_SECONDS, DatabaseUnavailableError, postgres_settings

STATE_APP = Path(__file__).parent / "state_app.py"
SUBPROCESS_TIMEOUT_SECONDS = 120
STATE_FILE = "django_state.json"
SETTINGS_MODULE = "proof_settings"
DATABASE_ENV = "MIGREVIEW_PLAN_DB"

# One settings module for every scratch project; the database name comes from the environment so
# the same project can be migrated into any scratch database.
SETTINGS_TEMPLATE = '''\
"""Settings of a migreview plan-proof scratch project (generated)."""

import os

SECRET_KEY = "migreview-plan-proof"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = {installed_apps!r}
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get({database_env!r}, "postgres"),
        "HOST": {host!r},
        "PORT": {port!r},
        "USER": {user!r},
        "PASSWORD": {password!r},
    }}
}}
'''


def write_project(root: Path, case: Case, files: Mapping[str, str]) -> Path:
    settings = postgres_settings()
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{SETTINGS_MODULE}.py").write_text(
        SETTINGS_TEMPLATE.format(
            installed_apps=[*case.installed_apps, f"{APP_NAME}.apps.ProofStateConfig"],
            database_env=DATABASE_ENV,
            host=settings.host,
            port=str(settings.port),
            user=settings.user,
            password=settings.password,
        ),
        encoding="utf-8",
    )
    helper = root / APP_NAME
    helper.mkdir(exist_ok=True)
    (helper / "__init__.py").write_text("", encoding="utf-8")
    (helper / "models.py").write_text("", encoding="utf-8")  # post_migrate is sent to apps with models only
    (helper / "apps.py").write_text(STATE_APP.read_text(encoding="utf-8"), encoding="utf-8")
    package = root / case.app_label
    (package / "migrations").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "migrations" / "__init__.py").write_text("", encoding="utf-8")
    for path, source in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    return root


def _admin_connection() -> psycopg.Connection[Any]:
    settings = postgres_settings()
    try:
        return psycopg.connect(
            host=settings.host,
            port=settings.port,
            dbname="postgres",
            user=settings.user,
            password=settings.password or None,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            application_name="migreview-plan-proof",
        )
    except psycopg.OperationalError as error:
        raise DatabaseUnavailableError(
            f"PostgreSQL at {settings.user}@{settings.host}:{settings.port} is unreachable ({error}); the plan "
            "proofs need it: set MIGREVIEW_TEST_PG_HOST/_PORT/_USER"
        ) from error


def connect(database: str) -> psycopg.Connection[Any]:
    settings = postgres_settings()
    return psycopg.connect(
        host=settings.host,
        port=settings.port,
        dbname=database,
        user=settings.user,
        password=settings.password or None,
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
    )


def create_database(template: str | None = None) -> str:
    """A new scratch database; a copy of ``template`` when given (a server-side file copy)."""
    name = f"migreview_plan_{uuid.uuid4().hex}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(template))
    with _admin_connection() as admin:
        admin.execute(create)
    return name


def drop_database(name: str) -> None:
    with _admin_connection() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def scratch_database(template: str | None = None) -> Iterator[str]:
    """A new database, dropped afterwards."""
    name = create_database(template)
    try:
        yield name
    finally:
        drop_database(name)


def _project_env(project: Path, database: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(project), DATABASE_ENV: database, "PYTHONDONTWRITEBYTECODE": "1"}


def _tail(text: str, lines: int = 12) -> str:
    """The end of a tool's output: where Python puts the exception."""
    kept = text.rstrip().splitlines()[-lines:]
    return "\n".join(kept)


def migrate(project: Path, database: str, *target: str, state: bool = False) -> dict[str, str]:
    """Django's own ``migrate`` command, in a subprocess, against one scratch database; with ``state``,
    also Django's migration state after the whole history (see ``state_app``), as facts."""
    # The scratch apps have no models, so the system checks have nothing to check.
    command = [
        sys.executable,
        "-m",
        "django",
        "migrate",
        *target,
        "--noinput",
        "--skip-checks",
        f"--settings={SETTINGS_MODULE}",
    ]
    state_file = project / STATE_FILE
    state_file.unlink(missing_ok=True)
    env = _project_env(project, database)
    if state:
        env[STATE_OUT_ENV] = str(state_file)
    result = subprocess.run(
        command,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise ProofError(
            f"`migrate {' '.join(target)}` failed in {project.name} (exit {result.returncode}):\n"
            f"{_tail(result.stdout)}\n{_tail(result.stderr)}"
        )
    if not state:
        return {}
    if not state_file.exists():
        raise ProofError(f"`migrate` in {project.name} wrote no Django state (post_migrate was not sent)")
    facts: dict[str, str] = json.loads(state_file.read_text(encoding="utf-8"))
    return facts


def seed(database: str, statements: tuple[str, ...]) -> None:
    with connect(database) as connection:
        for statement in statements:
            connection.execute(statement.encode())


def seed_key(case: Case) -> str:
    """Equal for cases whose history up to the seed point, apps and rows are equal."""
    history = {path: text for path, text in case.migration_files().items() if Path(path).stem <= case.seed_after}
    material = [case.app_label, list(case.installed_apps), case.seed_after, list(case.seed), sorted(history.items())]
    return hashlib.sha256(json.dumps(material).encode()).hexdigest()


class SeededDatabases:
    """Databases migrated up to a case's seed point with its rows inserted: the templates that both
    variants copy, so they start from the very same rows. Cases with the same ``seed_key`` (most start
    from the same shop app and rows) share one, which saves a ``migrate`` per case."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}
        self._databases: dict[str, str] = {}

    def __enter__(self) -> SeededDatabases:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for name in self._databases.values():
            drop_database(name)

    def get(self, project: Path, case: Case) -> str:
        key = seed_key(case)
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            if key not in self._databases:
                name = create_database()
                try:
                    migrate(project, name, case.app_label, case.seed_after)
                    seed(name, case.seed)
                except BaseException:
                    drop_database(name)
                    raise
                self._databases[key] = name
            return self._databases[key]
