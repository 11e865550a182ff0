"""Reading one column definition: ``"price" integer DEFAULT 0 NOT NULL CONSTRAINT ... REFERENCES ...``.

Used by ADD COLUMN (both dialects) and MySQL MODIFY/CHANGE, which restate a whole column.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.sql._tokens import Token, render
from reviewer.sql.volatility import is_volatile_default

# Words that end the type and start a column constraint or option (PostgreSQL and MySQL).
_CONSTRAINT_WORDS = frozenset(
    {
        "NULL", "NOT", "DEFAULT", "CONSTRAINT", "REFERENCES", "UNIQUE", "PRIMARY", "CHECK", "GENERATED",
        "COLLATE", "AUTO_INCREMENT", "COMMENT", "ON", "FIRST", "AFTER", "USING", "KEY", "STORAGE",
        "COMPRESSION", "INVISIBLE", "VISIBLE", "CHARACTER", "CHARSET",
    }
)  # fmt: skip


_GENERATED_WORDS = frozenset({"ALWAYS", "BY", "DEFAULT", "AS", "IDENTITY", "STORED", "VIRTUAL"})


@dataclass(frozen=True)
class ColumnDefinition:
    type: str
    default: str | None
    not_null: bool | None
    unique: bool
    references: str | None
    constraint: str | None
    volatile: bool
    """Each existing row needs its own value (volatile default, serial, identity, stored generated)."""
    check: bool = False
    """An inline ``CHECK (...)``: existing rows are checked (Django writes one for PositiveIntegerField)."""


def read_column(tokens: list[Token]) -> ColumnDefinition:
    """``tokens`` start after the column name and end at the end of the definition."""
    base = tokens[0].depth if tokens else 0
    index = 0
    while index < len(tokens) and not (tokens[index].depth == base and tokens[index].upper in _CONSTRAINT_WORDS):
        index += 1
    type_text = render(tokens[:index])
    default: str | None = None
    not_null: bool | None = None
    unique = False
    references: str | None = None
    constraint: str | None = None
    check = False
    while index < len(tokens):
        token = tokens[index]
        word = token.upper if token.depth == base else ""
        if word == "DEFAULT":
            end = index + 1
            # A default runs to the next constraint word at the definition's own depth.
            while end < len(tokens) and not (
                tokens[end].depth == base and tokens[end].upper in _CONSTRAINT_WORDS and end > index + 1
            ):
                end += 1
            expression = render(tokens[index + 1 : end])
            default = None if expression.upper() == "NULL" else expression
            index = end
            continue
        if word == "GENERATED":
            # GENERATED {ALWAYS | BY DEFAULT} AS {IDENTITY [(...)] | (expr) STORED}: its DEFAULT is
            # not a default clause.
            index += 1
            while index < len(tokens) and _in_generated_clause(tokens[index], base):
                index += 1
            continue
        if word == "NOT" and index + 1 < len(tokens) and tokens[index + 1].upper == "NULL":
            not_null = True
            index += 2
            continue
        if word == "CHECK":
            check = True
        elif word == "NULL":
            not_null = False
        elif word == "UNIQUE" or (word == "PRIMARY" and index + 1 < len(tokens) and tokens[index + 1].upper == "KEY"):
            unique = True
        elif word == "CONSTRAINT" and index + 1 < len(tokens) and tokens[index + 1].is_name:
            constraint = tokens[index + 1].value
            index += 2
            continue
        elif word == "REFERENCES" and index + 1 < len(tokens) and tokens[index + 1].is_name:
            index += 1
            references = tokens[index].value
            while index + 2 < len(tokens) and tokens[index + 1].text == "." and tokens[index + 2].is_name:
                index += 2
                references = tokens[index].value
        index += 1
    full = render(tokens)
    volatile = is_volatile_default(type_text) or is_volatile_default(full)
    return ColumnDefinition(type_text, default, not_null, unique, references, constraint, volatile, check)


def _in_generated_clause(token: Token, base: int) -> bool:
    return token.depth > base or token.text in ("(", ")") or token.upper in _GENERATED_WORDS
