"""The bot's one call into the engine: comments carry the operation's SQL unless the repository says no."""

from __future__ import annotations

from bot.engine import review_snapshot
from bot.sources import ConfigFile, Snapshot
from tests.bot.migration_files import ADD_SKU, INITIAL

SKU = "shop/migrations/0002_add_sku.py"
FILES = {"shop/migrations/0001_initial.py": INITIAL, SKU: ADD_SKU}


def test_findings_carry_the_rendered_sql_by_default() -> None:
    outcome = review_snapshot(Snapshot(FILES, None, ()), [SKU])
    [finding] = outcome.result.findings
    assert [statement.sql for statement in finding.sql] == [
        'ALTER TABLE "shop_product" ADD COLUMN "sku" varchar(10) NOT NULL;'
    ]


def test_the_repository_config_can_turn_the_sql_off_and_keeps_its_other_settings() -> None:
    config = ConfigFile(".migreview.toml", 'with_sql = false\ndatabase = "mysql"\n')
    outcome = review_snapshot(Snapshot(FILES, config, ()), [SKU])
    [finding] = outcome.result.findings
    assert finding.sql == () and outcome.config_error == ""
    assert outcome.result.target.display.startswith("MySQL")


def test_a_rejected_config_keeps_the_bot_defaults() -> None:
    outcome = review_snapshot(Snapshot(FILES, ConfigFile(".migreview.toml", "with_sql = 1\n"), ()), [SKU])
    assert "with_sql must be true or false" in outcome.config_error
    assert outcome.result.findings[0].sql
