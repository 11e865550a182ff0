from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """Field changes whose SQL differs most between backends; rendered for PostgreSQL and MariaDB."""

    name = "tests.sql.fixture_project.catalog"
    label = "catalog"
    default_auto_field = "django.db.models.BigAutoField"
