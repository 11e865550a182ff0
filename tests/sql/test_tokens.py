"""The tokenizer and render(): quoting, comments, operators and spacing round-trip."""

from __future__ import annotations

import pytest

from reviewer.sql._tokens import Kind, render, tokenize


@pytest.mark.parametrize(
    ("sql", "rendered"),
    [
        ("varchar ( 100 )", "varchar(100)"),
        ("numeric(12,2)", "numeric(12, 2)"),
        ("-1", "-1"),
        ("x = -1", "x = -1"),
        ("(0 - 1)", "(0 - 1)"),
        ("CHECK ((x >= 0))", "CHECK ((x >= 0))"),
        ("'a,b'", "'a,b'"),
        ("'it''s'::text", "'it''s'::text"),
        ("now ( )", "now()"),
        ("a /* c */ b -- d", "a b"),
        ('"Weird ""name"""', '"Weird ""name"""'),
    ],
)
def test_render(sql: str, rendered: str) -> None:
    assert render(tokenize(sql)) == rendered


def test_identifiers_are_unquoted_and_depth_is_tracked() -> None:
    tokens = tokenize('ALTER TABLE "a""b" ADD (`c` int)')
    assert [(t.kind, t.value, t.depth) for t in tokens if t.kind is Kind.QUOTED] == [
        (Kind.QUOTED, 'a"b', 0),
        (Kind.QUOTED, "c", 1),
    ]
    assert tokens[0].upper == "ALTER" and tokens[2].upper == ""  # quoted names never match keywords


def test_dollar_quoted_body_is_one_token() -> None:
    tokens = tokenize("AS $fn$ ALTER TABLE x DROP y; $fn$ LANGUAGE sql")
    assert [t.kind for t in tokens] == [Kind.WORD, Kind.STRING, Kind.WORD, Kind.WORD]
