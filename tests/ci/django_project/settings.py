"""A minimal Django project for ``manage.py migreview`` on the real PostgreSQL (MIGREVIEW_TEST_PG_*)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "migreview-tests"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "shop", "reviewer.contrib.django"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("MIGREVIEW_TEST_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("MIGREVIEW_TEST_PG_PORT", "5432"),
        "NAME": os.environ.get("MIGREVIEW_TEST_PG_DB", "test"),
        "USER": os.environ.get("MIGREVIEW_TEST_PG_USER", "postgres"),
        "PASSWORD": os.environ.get("MIGREVIEW_TEST_PG_PASSWORD", ""),
        "OPTIONS": {"connect_timeout": 5},
    }
}
