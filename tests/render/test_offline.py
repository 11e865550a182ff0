"""Rendering never opens a connection: sockets are refused and the result is still complete."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from reviewer.render import render_history
from reviewer.render._connection import OfflineQuery, offline_connection
from tests.render.helpers import TARGETS, fixture_history


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every socket connect is recorded and refused (a real attempt would fail the render)."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise ConnectionRefusedError(f"migreview test: connect to {address} refused")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_whole_fixture_history_renders_without_any_connection(backend: str, no_network: list[object]) -> None:
    outcome = render_history(fixture_history(), TARGETS[backend])
    assert outcome.available
    assert no_network == []
    apps = ("shop", "catalog", "pgshop") if backend == "postgresql" else ("shop", "catalog")  # pgshop: contrib.postgres
    rendered = [operation for operation in outcome.operations if operation.writes_sql and operation.app_label in apps]
    assert rendered and all(operation.available for operation in rendered)


@pytest.mark.parametrize("backend", ["postgresql", "mysql"])
def test_the_connection_points_at_a_closed_local_port_and_refuses_queries(backend: str) -> None:
    connection, _ = offline_connection(TARGETS[backend])
    assert connection.settings_dict["HOST"] == "127.0.0.1"
    assert connection.settings_dict["PORT"] == "9"
    with pytest.raises(OfflineQuery):
        connection.ensure_connection()
    with pytest.raises(OfflineQuery), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert connection.connection is None


def test_server_facts_come_from_the_target() -> None:
    from reviewer.target import DatabaseTarget

    pg, _ = offline_connection(DatabaseTarget.from_names("postgresql", "12.4"))
    assert pg.pg_version == 120004
    my, _ = offline_connection(DatabaseTarget.from_names("mysql", "8.0.29"))
    assert my.mysql_version == (8, 0, 29) and not my.mysql_is_mariadb
    maria, _ = offline_connection(DatabaseTarget.from_names("mariadb", "10.6"))
    assert maria.mysql_version == (10, 6, 0) and maria.mysql_is_mariadb


def test_host_routers_do_not_hide_operations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``manage.py migreview`` a project router may refuse unknown database aliases."""
    from django.db import router

    class Refuse:
        def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
            return False

    monkeypatch.setitem(router.__dict__, "routers", [Refuse()])
    outcome = render_history(fixture_history(), TARGETS["postgresql"])
    create = next(operation for operation in outcome.operations if operation.kind == "CreateModel")
    assert create.statements[0].sql.startswith('CREATE TABLE "catalog_box"')
    assert isinstance(router.routers[0], Refuse)


def test_rendering_the_whole_corpus_imports_only_django_drivers_and_the_stdlib() -> None:
    """The whitelist in practice: no module named in a migration file is ever imported."""
    import subprocess
    import sys

    from tests.render.helpers import ROOT

    script = (
        "import os, sys\n"
        "from reviewer.render import render_sql_for_paths\n"
        "from reviewer.render._environment import ensure_django\n"
        "ensure_django()\n"
        "before = set(sys.modules)\n"
        "corpus = 'migrations_corpus'\n"
        "for case in sorted(os.listdir(corpus)):\n"
        "    if os.path.isdir(os.path.join(corpus, case)):\n"
        "        render_sql_for_paths([os.path.join(corpus, case)])\n"
        "print('\\n'.join(sorted(set(sys.modules) - before)))\n"
    )
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stderr
    allowed = {"django", "psycopg", "psycopg_binary", "pymysql", "MySQLdb", "reviewer", "sqlparse"}
    allowed |= {"typing_extensions", "cython_runtime"}  # psycopg's own dependencies
    new = [
        name for name in process.stdout.split() if name.split(".")[0] not in allowed and not name.startswith("_cython_")
    ]
    assert [name for name in new if name.split(".")[0] not in sys.stdlib_module_names] == []
