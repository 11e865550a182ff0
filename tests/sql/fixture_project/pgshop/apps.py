from django.apps import AppConfig


class PgShopConfig(AppConfig):
    """PostgreSQL-only operations (django.contrib.postgres), rendered for PostgreSQL only."""

    name = "tests.sql.fixture_project.pgshop"
    label = "pgshop"
    default_auto_field = "django.db.models.BigAutoField"
