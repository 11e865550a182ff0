"""Print the real ``sqlmigrate`` text of every migration of some corpus cases, as JSON.

Run as ``python -m tests.fidelity.corpus_live BACKEND USER_MODEL CASE...`` from the repository root,
in its own process: Django is configured here with the cases as ``INSTALLED_APPS`` and a real
database (``AUTH_USER_MODEL`` is global, so one process per user model).

Each case is a project of its own, as the offline renderer sees it: it runs in a scratch place of
its own (a PostgreSQL schema, a MariaDB database), since cases reuse table, index and constraint
names, with the contrib migrations it depends on applied there first. On PostgreSQL the schemas live
in a scratch database, not in the shared one: extensions are per database, and ``CreateExtension``
prints nothing when its extension already exists, so each case must start without them.

A case's migrations are walked in the order ``migrate`` applies them (squashed migrations standing
in for those they replace, as the offline renderer replays them; ``sqlmigrate``'s own loader keeps
the replaced ones and refuses a project where a replaced name is missing). Each one's text is what
``sqlmigrate`` prints (its ``collect_sql`` steps, without rebuilding the loader per migration), taken
before the migration is applied, so its introspection sees the schema the earlier ones left.

Output: ``{"sql": {app: {migration: text}}, "failed": {app: reason}}``; a case is ``failed`` when
Django cannot load it (no SQL for it), or ``sqlmigrate`` or applying one of its migrations fails (its
SQL is kept up to the migration that fails on apply, included). An unreachable server fails the run.
"""

from __future__ import annotations

import json
import pkgutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import Any

import pymysql

from tests.support.databases import connect_mysql, connect_postgres, django_databases

CORPUS = Path(__file__).resolve().parents[2] / "migrations_corpus"
ALIASES = {"postgresql": "default", "mysql": "mysql"}


def _reason(error: BaseException) -> str:
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}"


def _configure(backend: str, user_model: str, cases: list[str], database: str) -> None:
    from django.conf import settings

    contrib = ["django.contrib.contenttypes"]
    if user_model == "auth.User":  # auth's ready() needs the user model in the app registry
        contrib.append("django.contrib.auth")
    if backend == "postgresql":
        contrib.append("django.contrib.postgres")
    settings.configure(
        SECRET_KEY="migreview-corpus-live",
        USE_TZ=True,
        INSTALLED_APPS=[*contrib, *cases],
        DATABASES={"default": django_databases()[ALIASES[backend]] | {"NAME": database}},
        AUTH_USER_MODEL=user_model,
        # Auto-created many-to-many tables take their id from it; offline rendering assumes startproject's.
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        MIGRATION_MODULES={},
    )


def _unloadable(labels: list[str]) -> dict[str, str]:
    """Cases whose migrations Django cannot import (as ``MigrationLoader.load_disk`` imports them)."""
    failed = {}
    for label in labels:
        try:
            package = import_module(f"{label}.migrations")
            for _, name, is_package in pkgutil.iter_modules(package.__path__):
                if is_package or name[0] in "_~":
                    continue
                if not hasattr(import_module(f"{label}.migrations.{name}"), "Migration"):
                    raise ImportError(f"{name} has no Migration class")
        except Exception as error:
            failed[label] = f"cannot import its migrations: {_reason(error)}"
    return failed


def _loader(failed: dict[str, str]) -> Any:
    """``migrate``'s loader over the loadable cases; a case whose dependencies are missing joins ``failed``."""
    from django.conf import settings
    from django.db.migrations.exceptions import NodeNotFoundError
    from django.db.migrations.loader import MigrationLoader

    while True:
        settings.MIGRATION_MODULES = dict.fromkeys(failed)  # None: Django treats the app as unmigrated
        try:
            return MigrationLoader(None)  # nothing applied anywhere: each case starts from an empty place
        except NodeNotFoundError as error:
            label = error.origin[0] if isinstance(error.origin, tuple) else str(error.origin).split(".")[0]
            if label in failed:
                raise
            failed[label] = f"Django cannot build its migration graph: {_reason(error)}"


def _sqlmigrate(connection: Any, migration: Any, state: Any) -> str:
    """``sqlmigrate``'s text: ``MigrationLoader.collect_sql`` of the one migration, wrapped as the command does."""
    with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
        migration.apply(state, editor, collect_sql=True)
    output = "\n".join(editor.collected_sql)
    if not output:
        return ""
    if migration.atomic and connection.features.can_rollback_ddl:
        output = f"{connection.ops.start_transaction_sql()}\n{output}\n{connection.ops.end_transaction_sql()}"
    return output + "\n"


def _apply(connection: Any, migration: Any, state: Any) -> None:
    """``MigrationExecutor.apply_migration`` without recording it: nothing reads ``django_migrations`` here."""
    with connection.schema_editor(atomic=migration.atomic) as editor:
        migration.apply(state, editor)


def _forget(connection: Any) -> None:
    """Drop the connection after a failure. A deferred statement failing in ``SchemaEditor.__exit__``
    leaves the migration's atomic block open, which ``close()`` alone would keep."""
    connection.in_atomic_block = False
    connection.atomic_blocks.clear()
    connection.savepoint_ids.clear()
    connection.needs_rollback = False
    connection.closed_in_transaction = False
    connection.close()


def _case(loader: Any, connection: Any, label: str) -> tuple[dict[str, str], str | None]:
    """The case's ``sqlmigrate`` texts, and why it stopped early (None when every migration applied)."""
    graph = loader.graph
    keys = [key for leaf in sorted(graph.leaf_nodes(label)) for key in graph.forwards_plan(leaf)]
    sql: dict[str, str] = {}
    for key in dict.fromkeys(keys):
        migration = graph.nodes[key]
        state = loader.project_state(key, at_end=False)
        if key[0] != label:  # a contrib migration the case depends on
            _apply(connection, migration, state)
            continue
        try:
            sql[key[1]] = _sqlmigrate(connection, migration, state.clone())
        except Exception as error:
            _forget(connection)
            return sql, f"sqlmigrate {key[1]} fails: {_reason(error)}"
        try:
            _apply(connection, migration, state)
        except Exception as error:
            _forget(connection)
            return sql, f"{key[1]} fails on apply: {_reason(error)}"
    return sql, None


class Places:
    """Scratch places on the server: one database per run, one schema (PostgreSQL) or database per case."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.prefix = f"migreview_corpus_{uuid.uuid4().hex[:10]}"

    @contextmanager
    def run(self) -> Iterator[str]:
        """The run's database: created here, dropped (with every case database) on the way out."""
        if self.backend == "postgresql":
            with connect_postgres(autocommit=True) as pg:
                pg.execute(f'CREATE DATABASE "{self.prefix}"')
            try:
                yield self.prefix
            finally:
                with connect_postgres(autocommit=True) as pg:
                    pg.execute(f'DROP DATABASE IF EXISTS "{self.prefix}" WITH (FORCE)')
            return
        my = connect_mysql()
        try:
            with my.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE `{self.prefix}`")
            yield self.prefix
        finally:
            with my.cursor() as cursor:
                cursor.execute(
                    "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE %s", [f"{self.prefix}%"]
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            my.close()

    @contextmanager
    def case(self, connection: Any, index: int) -> Iterator[None]:
        """Point the Django connection at a new, empty place for one case; drop the place afterwards."""
        name = f"{self.prefix}_{index}"
        with connection.cursor() as cursor:
            if self.backend == "postgresql":
                cursor.execute(f'CREATE SCHEMA "{name}"')
            else:
                cursor.execute(f"CREATE DATABASE `{name}`")
        home = dict(connection.settings_dict)
        if self.backend == "postgresql":
            connection.settings_dict["OPTIONS"] = {"options": f"-c search_path={name}"}
        else:
            connection.settings_dict["NAME"] = name
        connection.close()
        try:
            yield
        finally:
            _forget(connection)
            connection.settings_dict.update(home)
            with connection.cursor() as cursor:
                if self.backend == "postgresql":
                    cursor.execute(f'DROP SCHEMA "{name}" CASCADE')  # with the extensions created in it
                else:
                    cursor.execute(f"DROP DATABASE `{name}`")


def run(backend: str, user_model: str, cases: list[str]) -> dict[str, Any]:
    sys.path.insert(0, str(CORPUS))
    pymysql.install_as_MySQLdb()
    places = Places(backend)
    with places.run() as database:
        _configure(backend, user_model, cases, database)
        import django
        from django.apps import apps
        from django.db import connection

        django.setup()
        folders = {config.label: config.name for config in apps.get_app_configs() if config.name in cases}
        labels = list(folders)
        failed = _unloadable(labels)
        loader = _loader(failed)
        for label in sorted(loader.unmigrated_apps & set(labels) - set(failed)):
            failed[label] = "Django sees no migrations (a migrations/ without __init__.py is skipped)"
        sql: dict[str, dict[str, str]] = {}
        try:
            for index, label in enumerate(labels):
                if label in failed:
                    continue
                with places.case(connection, index):
                    sql[label], failure = _case(loader, connection, label)
                if failure:
                    failed[label] = failure
            if backend == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")
                    left = [row[0] for row in cursor.fetchall()]
                assert not left, f"extensions outlived their case: {left}"
        finally:
            connection.close()
    return {  # by case folder, which is the app label unless an apps.py says otherwise
        "sql": {folders[label]: texts for label, texts in sql.items()},
        "failed": {folders[label]: reason for label, reason in failed.items()},
    }


def main(argv: list[str]) -> int:
    backend, user_model, *cases = argv
    json.dump(run(backend, user_model, cases), sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
