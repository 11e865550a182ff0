"""Lazy, minimal Django set-up for offline rendering.

migreview's core never imports Django; only this package does, and only when asked to render. When
the host process already configured Django (the ``manage.py migreview`` command), its settings are
used as they are; otherwise a minimal configuration with no installed apps and no databases is made,
which is enough for fields, model states and schema editors. Nothing here opens a connection.
"""

from __future__ import annotations

import importlib
import importlib.util


class RenderingUnavailable(Exception):
    """Rendering cannot run in this environment (the message says why, for the user)."""


def ensure_django() -> None:
    """Import and configure Django once; raise RenderingUnavailable when it is not installed."""
    if importlib.util.find_spec("django") is None:
        raise RenderingUnavailable("SQL rendering needs Django installed (pip install django)")
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=[],
            DATABASES={},
            USE_TZ=True,
            DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        )
    from django.apps import apps

    if not apps.ready:
        django.setup()


def ensure_driver(backend: str) -> None:
    """Make the backend module importable; Django's backends import their driver at import time.

    The MySQL backend imports ``MySQLdb`` (mysqlclient). When only PyMySQL is installed it stands in,
    as its ``install_as_MySQLdb`` is designed to; nothing is ever sent through it offline.
    """
    if backend == "postgresql":
        if importlib.util.find_spec("psycopg") is None and importlib.util.find_spec("psycopg2") is None:
            raise RenderingUnavailable("PostgreSQL SQL rendering needs psycopg (pip install 'psycopg[binary]')")
    elif backend == "mysql" and importlib.util.find_spec("MySQLdb") is None:
        if importlib.util.find_spec("pymysql") is None:
            raise RenderingUnavailable("MySQL SQL rendering needs mysqlclient or PyMySQL installed")
        pymysql = importlib.import_module("pymysql")
        pymysql.install_as_MySQLdb()
