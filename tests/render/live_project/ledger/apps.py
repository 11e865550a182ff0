from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "tests.render.live_project.ledger"
    label = "ledger"
    default_auto_field = "django.db.models.BigAutoField"
