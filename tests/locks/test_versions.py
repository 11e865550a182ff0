"""``--db`` and ``--db-version`` change verdicts through the lock model's version thresholds."""

from __future__ import annotations

import pytest

from reviewer.locks import StatementForm as F
from reviewer.locks import impact_of
from reviewer.target import DatabaseTarget


def impact(form: F, database: str, version: str) -> tuple[str, bool, str]:
    found = impact_of(form, DatabaseTarget.from_names(database, version))
    assert found is not None
    return found.lock, found.rewrite, found.database


def test_constant_default_rewrites_before_postgresql_11_only() -> None:
    assert impact(F.ADD_COLUMN_DEFAULT, "postgresql", "10")[1:] == (True, "PostgreSQL 10 (before 11)")
    assert impact(F.ADD_COLUMN_DEFAULT, "postgresql", "11")[1:] == (False, "PostgreSQL 11 (11+)")


def test_mysql_instant_add_column_needs_8_0_12() -> None:
    assert impact(F.ADD_COLUMN_NULLABLE, "mysql", "8.0.11")[1] is True
    assert impact(F.ADD_COLUMN_NULLABLE, "mysql", "8.0.12") == (
        "exclusive metadata lock (brief)", False, "MySQL 8.0.12 (8.0.12+)"
    )


@pytest.mark.parametrize(
    ("version", "rewrite", "database"),
    [
        # MariaDB numbers are not MySQL's: 10.2 has no instant ADD COLUMN although 10.2 > 8.0.12.
        ("10.2", True, "MariaDB 10.2 (as MySQL before 8.0.12)"),
        ("10.3.2", False, "MariaDB 10.3.2 (as MySQL 8.0.12+)"),
        ("10.11", False, "MariaDB 10.11 (as MySQL 8.0.12+)"),
    ],
)
def test_mariadb_versions_are_matched_by_what_its_innodb_can_do(version: str, rewrite: bool, database: str) -> None:
    assert impact(F.ADD_COLUMN_NULLABLE, "mariadb", version)[1:] == (rewrite, database)
