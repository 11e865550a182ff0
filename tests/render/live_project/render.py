"""Print the real ``sqlmigrate`` output of every migration of the live project as JSON.

Run as ``python -m tests.render.live_project.render`` from the repository root, in its own process
(Django is configured here with real databases; the tests' process renders offline). As
``sqlmigrate`` introspects the live schema, migration N is printed with the ones before it applied,
in a scratch PostgreSQL schema and a scratch MariaDB database that are dropped at the end. Output:
``{"postgresql": {"0001_initial": "..."}, "mysql": {...}}``. An unreachable server fails the run.
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid

from tests.support.databases import connect_mysql, connect_postgres

ALIASES = {"postgresql": "default", "mysql": "mysql"}


def render_all() -> dict[str, dict[str, str]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.render.live_project.settings")
    import django
    from django.core.management import call_command
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    django.setup()
    names = sorted(name for label, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    rendered: dict[str, dict[str, str]] = {}
    for backend, alias in ALIASES.items():
        for name in names:
            out = io.StringIO()
            call_command("sqlmigrate", "ledger", name, database=alias, stdout=out, no_color=True)
            rendered.setdefault(backend, {})[name] = out.getvalue()
            call_command("migrate", "ledger", name, database=alias, verbosity=0)
        connections[alias].close()
    return rendered


def main() -> int:
    place = f"migreview_render_{uuid.uuid4().hex[:10]}"
    with connect_postgres(autocommit=True) as pg:
        pg.execute(f'CREATE SCHEMA "{place}"')
    my = connect_mysql()
    try:
        with my.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{place}`")
        os.environ["MIGREVIEW_RENDER_PG_SCHEMA"] = place
        os.environ["MIGREVIEW_RENDER_MYSQL_DB"] = place
        rendered = render_all()
    finally:
        with my.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{place}`")
        my.close()
        with connect_postgres(autocommit=True) as pg:
            pg.execute(f'DROP SCHEMA IF EXISTS "{place}" CASCADE')
    json.dump(rendered, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
