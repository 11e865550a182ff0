"""classify() on hand-written statements of every form, both dialects (cases in classify_cases.py)."""

from __future__ import annotations

import pytest

from reviewer.locks.forms import StatementForm
from reviewer.sql import ClassifiedStatement
from reviewer.sql.classify import classify
from tests.sql.classify_cases import CASES, Expect

# Forms SQL text alone cannot decide; callers with the schema pick them (see ClassifiedStatement).
NEEDS_SCHEMA = {
    StatementForm.ALTER_COLUMN_TYPE_COERCIBLE: "rewriting or not depends on the old type (new_type is given)",
    StatementForm.DROP_COLUMN_FOREIGN_KEY: "whether the dropped column carries a foreign key is in the schema",
}


def _projection(result: ClassifiedStatement, expect: Expect) -> dict[str, object]:
    return {"form": result.form, "table": result.table, **{name: getattr(result, name) for name in expect.fields}}


@pytest.mark.parametrize(("sql", "expected"), list(CASES.values()), ids=list(CASES))
def test_classify(sql: str, expected: tuple[Expect, ...]) -> None:
    results = classify(sql)
    assert len(results) == len(expected), results
    for result, expect in zip(results, expected, strict=True):
        assert _projection(result, expect) == {"form": expect.form, "table": expect.table, **expect.fields}
        assert result.text == sql.strip()


def test_every_form_is_recognised_or_explained() -> None:
    produced = {expect.form for _, expected in CASES.values() for expect in expected}
    missing = set(StatementForm) - produced - set(NEEDS_SCHEMA)
    assert not missing, f"no classify case produces {sorted(form.name for form in missing)}"


@pytest.mark.parametrize(
    "sql",
    ["ALTER TABLE (", "CREATE INDEX ON", "DROP INDEX", 'ALTER TABLE "p" ADD', "ALTER TABLE p ALTER COLUMN",
     "'unterminated", '"unterminated', "$$ body", "ALTER TABLE p ADD CONSTRAINT", ")))", "\x00"],
)  # fmt: skip
def test_never_raises(sql: str) -> None:
    assert isinstance(classify(sql), list)


def test_trailing_semicolon_and_comments_are_ignored() -> None:
    [result] = classify('-- why\nALTER TABLE "p" /* note */ ADD COLUMN "a" integer NULL;')
    assert (result.form, result.table, result.column) == (StatementForm.ADD_COLUMN_NULLABLE, "p", "a")
