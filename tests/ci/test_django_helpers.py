"""The management command's helpers that need no Django: SQL splitting and server versions."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reviewer.contrib.django.project import split_by_operation, target_of
from reviewer.target import Backend


def test_collected_sql_is_split_per_operation() -> None:
    collected = [
        "BEGIN;",
        "--",
        "-- Add field currency to invoice",
        "--",
        'ALTER TABLE "shop_invoice" ADD COLUMN "currency" varchar(3) DEFAULT \'EUR\' NOT NULL;',
        'ALTER TABLE "shop_invoice" ALTER COLUMN "currency" DROP DEFAULT;',
        "--",
        "-- Raw Python operation",
        "--",
        "-- THIS OPERATION CANNOT BE WRITTEN AS SQL",
        "--",
        "-- Alter field note on invoice",
        "--",
        "-- (no-op)",
        "COMMIT;",
    ]
    assert split_by_operation(collected) == [
        [
            'ALTER TABLE "shop_invoice" ADD COLUMN "currency" varchar(3) DEFAULT \'EUR\' NOT NULL;',
            'ALTER TABLE "shop_invoice" ALTER COLUMN "currency" DROP DEFAULT;',
        ],
        ["-- THIS OPERATION CANNOT BE WRITTEN AS SQL"],
        ["-- (no-op)"],
    ]


@pytest.mark.parametrize(
    ("connection", "display"),
    [
        (SimpleNamespace(vendor="postgresql", pg_version=160004), "PostgreSQL 16.4"),
        (SimpleNamespace(vendor="postgresql", pg_version=90624), "PostgreSQL 9.6.24"),
        (SimpleNamespace(vendor="mysql", mysql_version=(8, 0, 36), mysql_is_mariadb=False), "MySQL 8.0.36"),
        (SimpleNamespace(vendor="mysql", mysql_version=(10, 11, 6), mysql_is_mariadb=True), "MariaDB 10.11.6"),
        (SimpleNamespace(vendor="sqlite", Database=SimpleNamespace(sqlite_version_info=(3, 45, 1))), "SQLite 3.45.1"),
    ],
)
def test_server_versions(connection: SimpleNamespace, display: str) -> None:
    assert target_of(connection).display == display


def test_unknown_vendor() -> None:
    with pytest.raises(ValueError, match="oracle"):
        target_of(SimpleNamespace(vendor="oracle"))
    assert target_of(SimpleNamespace(vendor="postgresql", pg_version=150020)).backend is Backend.POSTGRESQL
