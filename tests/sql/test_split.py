"""split_sql: statements, 1-based lines, headers -> operation order, BEGIN/COMMIT handling."""

from __future__ import annotations

from reviewer.sql import split_sql

POSTGRES_OUTPUT = """BEGIN;
--
-- Add field stock to product
--
ALTER TABLE "shop_product" ADD COLUMN "stock" integer DEFAULT 0 NOT NULL;
ALTER TABLE "shop_product" ALTER COLUMN "stock" DROP DEFAULT;
--
-- Raw Python operation
--
-- THIS OPERATION CANNOT BE WRITTEN AS SQL
--
-- Add field supplier to product
--
ALTER TABLE "p" ADD COLUMN "s_id" bigint NULL CONSTRAINT "fk" REFERENCES "c"("id"); SET CONSTRAINTS "fk" IMMEDIATE;
--
-- Raw SQL operation
--
CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
COMMIT;
"""


def test_statements_lines_and_headers() -> None:
    script = split_sql(POSTGRES_OUTPUT)
    assert script.in_transaction
    assert [(h.line, h.text, h.operation_index) for h in script.headers] == [
        (3, "Add field stock to product", 0),
        (8, "Raw Python operation", 1),
        (12, "Add field supplier to product", 2),
        (16, "Raw SQL operation", 3),
    ]
    got = [(s.line, s.operation_index, s.text.split(" (")[0][:40]) for s in script.statements]
    assert got == [
        (5, 0, 'ALTER TABLE "shop_product" ADD COLUMN "s'),
        (6, 0, 'ALTER TABLE "shop_product" ALTER COLUMN '),
        (14, 2, 'ALTER TABLE "p" ADD COLUMN "s_id" bigint'),
        (14, 2, 'SET CONSTRAINTS "fk" IMMEDIATE'),
        (18, 3, "CREATE FUNCTION f() RETURNS int AS $$ SE"),
    ]
    assert script.statements[-1].text.endswith("LANGUAGE sql")
    assert not any(s.text.endswith(";") for s in script.statements)


def test_plain_sql_without_headers() -> None:
    script = split_sql("\n\nALTER TABLE a ADD COLUMN b int;\n  -- note\n  DROP TABLE c\n")
    assert not script.in_transaction
    assert [(s.line, s.header, s.text) for s in script.statements] == [
        (3, None, "ALTER TABLE a ADD COLUMN b int"),
        (5, None, "DROP TABLE c"),
    ]


def test_empty_and_comment_only() -> None:
    assert split_sql("").statements == ()
    assert split_sql("-- nothing\n/* at all */\n").statements == ()


def test_header_needs_its_rules() -> None:
    """A lone ``-- comment`` in RunSQL is not an operation header."""
    script = split_sql("--\n-- Raw SQL operation\n--\n-- set it first\nSET lock_timeout = '1s';\n")
    assert [h.text for h in script.headers] == ["Raw SQL operation"]
    assert script.statements[0].line == 5
