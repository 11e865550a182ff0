"""Settings of the project whose real ``sqlmigrate`` output the offline renderer is compared with.

``render.py`` points both aliases at scratch places it creates and drops (a PostgreSQL schema via
``search_path``, a MariaDB database), named by the environment variables below.
"""

from __future__ import annotations

import os

import pymysql

from tests.support.databases import django_databases

pymysql.install_as_MySQLdb()

SECRET_KEY = "migreview-render-live-project"
USE_TZ = True
INSTALLED_APPS = ["tests.render.live_project.ledger.apps.LedgerConfig"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = django_databases()
if "MIGREVIEW_RENDER_PG_SCHEMA" in os.environ:
    DATABASES["default"]["OPTIONS"] = {"options": f"-c search_path={os.environ['MIGREVIEW_RENDER_PG_SCHEMA']}"}
if "MIGREVIEW_RENDER_MYSQL_DB" in os.environ:
    DATABASES["mysql"]["NAME"] = os.environ["MIGREVIEW_RENDER_MYSQL_DB"]
