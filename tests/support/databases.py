"""Connections to the real databases the tests run against.

The lock model and the SQL classifier are only as good as their agreement with a real server, so
the tests that use these helpers must fail, never skip, when the server is missing: a skipped
verification looks exactly like a passing one in a CI summary.

Settings come from the environment with this machine's defaults:

* PostgreSQL: ``MIGREVIEW_TEST_PG_HOST`` (127.0.0.1), ``MIGREVIEW_TEST_PG_PORT`` (5432),
  ``MIGREVIEW_TEST_PG_DB`` (test), ``MIGREVIEW_TEST_PG_USER`` (postgres), ``MIGREVIEW_TEST_PG_PASSWORD``
  (empty; the local server uses trust auth).
* MariaDB/MySQL: ``MIGREVIEW_TEST_MYSQL_HOST`` (127.0.0.1), ``MIGREVIEW_TEST_MYSQL_PORT`` (3306),
  ``MIGREVIEW_TEST_MYSQL_DB`` (test), ``MIGREVIEW_TEST_MYSQL_USER`` (root),
  ``MIGREVIEW_TEST_MYSQL_PASSWORD`` (empty).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import psycopg
import pymysql

CONNECT_TIMEOUT_SECONDS = 5


class DatabaseUnavailableError(RuntimeError):
    """Raised (never skipped) when a test database cannot be reached."""


@dataclass(frozen=True)
class ServerSettings:
    """Where one test server lives."""

    host: str
    port: int
    database: str
    user: str
    password: str

    @property
    def display(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def _env(prefix: str, name: str, default: str) -> str:
    return os.environ.get(f"MIGREVIEW_TEST_{prefix}_{name}", default)


def postgres_settings() -> ServerSettings:
    """The PostgreSQL test server, from ``MIGREVIEW_TEST_PG_*`` or the defaults."""
    return ServerSettings(
        host=_env("PG", "HOST", "127.0.0.1"),
        port=int(_env("PG", "PORT", "5432")),
        database=_env("PG", "DB", "test"),
        user=_env("PG", "USER", "postgres"),
        password=_env("PG", "PASSWORD", ""),
    )


def mysql_settings() -> ServerSettings:
    """The MariaDB/MySQL test server, from ``MIGREVIEW_TEST_MYSQL_*`` or the defaults."""
    return ServerSettings(
        host=_env("MYSQL", "HOST", "127.0.0.1"),
        port=int(_env("MYSQL", "PORT", "3306")),
        database=_env("MYSQL", "DB", "test"),
        user=_env("MYSQL", "USER", "root"),
        password=_env("MYSQL", "PASSWORD", ""),
    )


def connect_postgres(*, autocommit: bool = False, application_name: str = "migreview-tests") -> psycopg.Connection[Any]:
    """A new psycopg connection; raises :class:`DatabaseUnavailableError` with the settings used."""
    settings = postgres_settings()
    try:
        return psycopg.connect(
            host=settings.host,
            port=settings.port,
            dbname=settings.database,
            user=settings.user,
            password=settings.password or None,
            autocommit=autocommit,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            application_name=application_name,
        )
    except psycopg.OperationalError as error:
        raise DatabaseUnavailableError(
            f"PostgreSQL test server {settings.display} is unreachable ({error}); "
            "set MIGREVIEW_TEST_PG_HOST/_PORT/_DB/_USER to point at a running server"
        ) from error


def connect_mysql() -> pymysql.connections.Connection[Any]:
    """A new pymysql connection; raises :class:`DatabaseUnavailableError` with the settings used."""
    settings = mysql_settings()
    try:
        return pymysql.connect(
            host=settings.host,
            port=settings.port,
            database=settings.database,
            user=settings.user,
            password=settings.password,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        )
    except pymysql.err.OperationalError as error:
        raise DatabaseUnavailableError(
            f"MariaDB/MySQL test server {settings.display} is unreachable ({error}); "
            "set MIGREVIEW_TEST_MYSQL_HOST/_PORT/_DB/_USER/_PASSWORD to point at a running server"
        ) from error


def postgres_version(connection: psycopg.Connection[Any]) -> tuple[int, int]:
    """``(15, 20)`` for 15.20: major and minor from ``server_version_num``."""
    number = connection.info.server_version
    return number // 10000, number % 10000


def django_databases() -> dict[str, dict[str, Any]]:
    """``DATABASES`` for a Django settings module: ``default`` is PostgreSQL, ``mysql`` is MariaDB/MySQL."""
    pg = postgres_settings()
    my = mysql_settings()
    return {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": pg.host,
            "PORT": str(pg.port),
            "NAME": pg.database,
            "USER": pg.user,
            "PASSWORD": pg.password,
        },
        "mysql": {
            "ENGINE": "django.db.backends.mysql",
            "HOST": my.host,
            "PORT": str(my.port),
            "NAME": my.database,
            "USER": my.user,
            "PASSWORD": my.password,
        },
    }
