"""Print the real ``sqlmigrate`` output of every fixture migration as JSON.

Run as ``python -m tests.sql.fixture_project.render`` from the repository root. It runs in its own
process so that configuring Django here cannot collide with other tests that configure Django
differently in the pytest process.

``sqlmigrate`` introspects the live schema (constraint names for RemoveField and AlterField), so
each migration is rendered with the ones before it applied: render N, then ``migrate`` to N. That
happens in a scratch PostgreSQL schema and a scratch MariaDB database, dropped at the end, so the
shared ``test`` databases are left as they were. Output: ``{"postgresql": {"shop": {"0001_initial":
"...sql..."}}, "mysql": {...}}``. A database that cannot be reached makes the process fail.
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.databases import connect_mysql, connect_postgres

ALIASES = {"postgresql": "default", "mysql": "mysql"}
APPS: dict[str, tuple[str, ...]] = {
    "shop": ("postgresql", "mysql"),
    "catalog": ("postgresql", "mysql"),
    "pgshop": ("postgresql",),
}
"""Each fixture app and the backends its migrations are rendered for (pgshop uses contrib.postgres)."""

Rendered = dict[str, dict[str, dict[str, str]]]
"""backend -> app label -> migration name -> sqlmigrate output."""


@contextmanager
def scratch_places() -> Iterator[None]:
    """Create a PostgreSQL schema and a MariaDB database for this run; drop both afterwards."""
    suffix = uuid.uuid4().hex[:10]
    schema, database = f"migreview_sql_{suffix}", f"migreview_sql_{suffix}"
    with connect_postgres(autocommit=True) as pg:
        pg.execute(f'CREATE SCHEMA "{schema}"')
    my = connect_mysql()
    try:
        with my.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{database}`")
        os.environ["MIGREVIEW_SQL_PG_SCHEMA"] = schema
        os.environ["MIGREVIEW_SQL_MYSQL_DB"] = database
        yield
    finally:
        with my.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
        my.close()
        with connect_postgres(autocommit=True) as pg:
            pg.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def render_all() -> Rendered:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sql.fixture_project.settings")
    import django
    from django.core.management import call_command
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    django.setup()
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    rendered: Rendered = {}
    for app, backends in APPS.items():
        names = sorted(name for label, name in on_disk if label == app)
        for backend in backends:
            alias = ALIASES[backend]
            for name in names:
                out = io.StringIO()
                call_command("sqlmigrate", app, name, database=alias, stdout=out, no_color=True)
                rendered.setdefault(backend, {}).setdefault(app, {})[name] = out.getvalue()
                if name != names[-1]:  # the last one may hold backend-specific raw SQL; nothing follows it
                    call_command("migrate", app, name, database=alias, verbosity=0)
            connections[alias].close()
    return rendered


def main() -> int:
    with scratch_places():
        rendered = render_all()
    json.dump(rendered, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
