"""Shared set-up: the fixture project's history, rendered offline for a target."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reviewer.loader import load_paths
from reviewer.loader.model import ParsedMigration
from reviewer.render._renderer import HistoryRenderer, RawMigration
from reviewer.state import order_history
from reviewer.target import DatabaseTarget

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "sql" / "fixture_project"
FIXTURES = ROOT / "tests" / "sql" / "fixtures" / "sqlmigrate"

TARGETS = {
    "postgresql": DatabaseTarget.from_names("postgresql", "15.20"),
    "mysql": DatabaseTarget.from_names("mariadb", "10.11.19"),
}
"""The servers the fixtures were captured from (PostgreSQL 15.20, MariaDB 10.11.19)."""


@cache
def fixture_history() -> tuple[ParsedMigration, ...]:
    return order_history(load_paths([str(PROJECT)]).migrations).migrations


@cache
def rendered(backend: str) -> dict[tuple[str, str], RawMigration]:
    """Every fixture migration rendered offline for ``backend``, by (app label, migration name)."""
    raws = HistoryRenderer(TARGETS[backend]).render(fixture_history())
    return {(raw.migration.app_label, raw.migration.name): raw for raw in raws}


def captured() -> list[tuple[str, str, str]]:
    """(backend, app, migration) of every captured ``sqlmigrate`` output."""
    return sorted((path.parent.parent.name, path.parent.name, path.stem) for path in FIXTURES.glob("*/*/*.sql"))
