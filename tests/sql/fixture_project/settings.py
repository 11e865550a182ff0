"""Django settings of the fixture project whose ``sqlmigrate`` output the SQL tests classify.

``default`` is the real PostgreSQL test database and ``mysql`` the real MariaDB/MySQL server
(``tests/support/databases.py`` reads both from the environment). ``render.py`` applies the
migrations one by one, because ``sqlmigrate`` introspects the current schema for constraint names,
so it points both aliases at scratch places it creates and drops: a PostgreSQL schema (through
``search_path``) named by ``MIGREVIEW_SQL_PG_SCHEMA`` and a MariaDB database named by
``MIGREVIEW_SQL_MYSQL_DB``.
"""

from __future__ import annotations

import os

import pymysql

from tests.support.databases import django_databases

# Django's MySQL backend imports MySQLdb; PyMySQL stands in for it (no C client library needed).
pymysql.install_as_MySQLdb()

SECRET_KEY = "migreview-fixture-project"
USE_TZ = True
INSTALLED_APPS = [
    "tests.sql.fixture_project.shop.apps.ShopConfig",
    "tests.sql.fixture_project.pgshop.apps.PgShopConfig",
    "tests.sql.fixture_project.catalog.apps.CatalogConfig",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = django_databases()
if "MIGREVIEW_SQL_PG_SCHEMA" in os.environ:
    DATABASES["default"]["OPTIONS"] = {"options": f"-c search_path={os.environ['MIGREVIEW_SQL_PG_SCHEMA']}"}
if "MIGREVIEW_SQL_MYSQL_DB" in os.environ:
    DATABASES["mysql"]["NAME"] = os.environ["MIGREVIEW_SQL_MYSQL_DB"]
