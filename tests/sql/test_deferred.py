"""attribute_deferred on the kept real sqlmigrate output (tests/sql/fixtures/sqlmigrate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.sql import attribute_deferred, split_sql

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sqlmigrate"


def _moved(relative: str) -> list[tuple[int, str]]:
    script = attribute_deferred(split_sql((FIXTURES / relative).read_text()))
    return [(s.line, s.header.text) for s in script.statements if s.deferred and s.header is not None]


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("postgresql/shop/0001_initial.sql", [(14, "Create model Product"), (15, "Create model Product")]),
        ("mysql/shop/0001_initial.sql", [(13, "Create model Product")]),
        (
            "postgresql/shop/0002_add_fields.sql",
            [(28, "Add field supplier to product"), (29, "Add field owner to product"),
             (30, "Add field barcode to product")],
        ),
        ("postgresql/pgshop/0001_initial.sql", [(14, "Create model Booking")]),
        ("mysql/shop/0002_add_fields.sql", []),  # MySQL: slug's index is the last operation's own
        ("postgresql/pgshop/0004_validate_and_more.sql", []),  # AlterField runs its SQL at once
    ],
)  # fmt: skip
def test_deferred_statements_go_back_to_their_operation(relative: str, expected: list[tuple[int, str]]) -> None:
    assert _moved(relative) == expected


def test_operation_index_follows_the_new_header() -> None:
    script = attribute_deferred(split_sql((FIXTURES / "postgresql/shop/0001_initial.sql").read_text()))
    assert [s.operation_index for s in script.statements] == [0, 1, 2, 1, 1]


def test_plain_sql_is_unchanged() -> None:
    script = split_sql("CREATE INDEX i ON t (c);")
    assert attribute_deferred(script) == script
