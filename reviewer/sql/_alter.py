"""``ALTER TABLE``: one result per subcommand, PostgreSQL and MySQL spellings.

PostgreSQL merges all subcommands of one ALTER TABLE into one pass under the strongest lock, and
MySQL runs them as one algorithm, so callers see every subcommand and judge the statement by its
worst one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import pairwise
from typing import Any

from reviewer.locks.forms import StatementForm as F
from reviewer.sql._columns import read_column
from reviewer.sql._cursor import Cursor, split_top_level
from reviewer.sql._tokens import Token, render
from reviewer.sql.classified import ClassifiedStatement

Make = Callable[..., ClassifiedStatement]
"""Builds a result for this statement's table and text from the form and the remaining fields."""

_TABLE_CONSTRAINT_WORDS = frozenset({"CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE", "INDEX", "KEY"})


def classify_alter_table(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    """``cursor`` stands after ``ALTER TABLE``."""
    cursor.accept("IF", "EXISTS")
    cursor.accept("ONLY")
    table = cursor.name()
    if table is None:
        return []
    star = cursor.peek()
    if star is not None and star.text == "*":
        cursor.take()
    base = ClassifiedStatement(F.ADD_COLUMN_NULLABLE, table, text=text)

    def make(form: F, **fields: Any) -> ClassifiedStatement:
        return replace(base, form=form, **fields)

    results: list[ClassifiedStatement] = []
    for part in split_top_level(cursor.rest(), depth=0):
        results.extend(_subcommand(Cursor(part), make))
    return results


def _subcommand(cursor: Cursor, make: Make) -> Iterator[ClassifiedStatement]:
    word = cursor.accept_any("ADD", "DROP", "ALTER", "MODIFY", "CHANGE", "RENAME", "VALIDATE")
    if word == "ADD":
        yield from _add(cursor, make)
    elif word == "DROP":
        yield from _drop(cursor, make)
    elif word == "ALTER":
        yield from _alter_column(cursor, make)
    elif word in ("MODIFY", "CHANGE"):
        yield from _modify(cursor, make, renames=word == "CHANGE")
    elif word == "RENAME":
        yield from _rename(cursor, make)
    elif word == "VALIDATE" and cursor.accept("CONSTRAINT"):
        yield make(F.VALIDATE_CONSTRAINT, constraint=cursor.name())


def _add(cursor: Cursor, make: Make) -> Iterator[ClassifiedStatement]:
    if cursor.peek_upper() == "CONSTRAINT" or cursor.peek_upper() in _TABLE_CONSTRAINT_WORDS:
        yield from _add_constraint(cursor, make)
        return
    if cursor.peek_upper() in ("FULLTEXT", "SPATIAL"):  # MySQL ADD FULLTEXT INDEX
        cursor.take()
        yield from _add_constraint(cursor, make)
        return
    cursor.accept("COLUMN")
    cursor.accept("IF", "NOT", "EXISTS")
    column = cursor.name()
    if column is None:
        return
    definition = read_column(cursor.rest())
    common = {"column": column, "default": definition.default}
    if definition.references is not None:
        form = F.ADD_COLUMN_FOREIGN_KEY if definition.default is None else F.ADD_COLUMN_FOREIGN_KEY_DEFAULT
        yield make(form, referenced_table=definition.references, constraint=definition.constraint, **common)
    elif definition.volatile:
        yield make(F.ADD_COLUMN_VOLATILE_DEFAULT, **common)
    elif definition.default is not None:
        yield make(F.ADD_COLUMN_DEFAULT, **common)
    elif definition.not_null:
        yield make(F.ADD_COLUMN_NOT_NULL_NO_DEFAULT, **common)
    else:
        yield make(F.ADD_COLUMN_NULLABLE, **common)
    if definition.unique:
        yield make(F.ADD_COLUMN_UNIQUE, unique=True, **common)
    if definition.check:
        yield make(F.ADD_CHECK, **common)


def _add_constraint(cursor: Cursor, make: Make) -> Iterator[ClassifiedStatement]:
    name = cursor.name() if cursor.accept("CONSTRAINT") else None
    body = cursor.rest()
    not_valid = any(a.upper == "NOT" and b.upper == "VALID" for a, b in pairwise(body))
    kind = body[0].upper if body else ""
    first_column = _first_column(body)
    if kind == "CHECK":
        yield make(F.ADD_CHECK_NOT_VALID if not_valid else F.ADD_CHECK, constraint=name, not_valid=not_valid)
    elif kind == "FOREIGN":
        referenced = _after_word(body, "REFERENCES")
        form = F.ADD_FOREIGN_KEY_NOT_VALID if not_valid else F.ADD_FOREIGN_KEY
        yield make(form, column=first_column, referenced_table=referenced, constraint=name, not_valid=not_valid)
    elif kind in ("UNIQUE", "PRIMARY"):
        using_index = any(a.upper == "USING" and b.upper == "INDEX" for a, b in pairwise(body))
        if using_index:
            yield make(F.ADD_UNIQUE_USING_INDEX, constraint=name, index=_after_word(body, "INDEX"), unique=True)
        else:
            yield make(F.ADD_UNIQUE, column=first_column, constraint=name, unique=True)
    elif kind == "EXCLUDE":
        yield make(F.ADD_EXCLUSION, constraint=name)
    elif kind in ("INDEX", "KEY", "FULLTEXT", "SPATIAL"):  # MySQL ALTER TABLE ... ADD INDEX name (cols)
        index = body[1].value if len(body) > 1 and body[1].is_name and body[1].text != "(" else None
        yield make(F.CREATE_INDEX, column=first_column, index=index)


def _drop(cursor: Cursor, make: Make) -> Iterator[ClassifiedStatement]:
    if cursor.accept("CONSTRAINT") or cursor.accept("CHECK"):
        cursor.accept("IF", "EXISTS")
        name = cursor.name()
        form = F.DROP_FOREIGN_KEY if name is not None and _is_django_fk_name(name) else F.DROP_CONSTRAINT
        yield make(form, constraint=name)
    elif cursor.accept("FOREIGN", "KEY"):
        yield make(F.DROP_FOREIGN_KEY, constraint=cursor.name())
    elif cursor.accept_any("INDEX", "KEY"):
        yield make(F.DROP_INDEX, index=cursor.name())
    elif cursor.accept("PRIMARY", "KEY"):
        yield make(F.DROP_CONSTRAINT)
    else:
        cursor.accept("COLUMN")
        cursor.accept("IF", "EXISTS")
        column = cursor.name()
        if column is not None:
            yield make(F.DROP_COLUMN, column=column)


def _alter_column(cursor: Cursor, make: Make) -> Iterator[ClassifiedStatement]:
    cursor.accept("COLUMN")
    column = cursor.name()
    if column is None:
        return
    if cursor.accept("TYPE") or cursor.accept("SET", "DATA", "TYPE"):
        tokens = cursor.rest()
        end = next((i for i, t in enumerate(tokens) if t.depth == 0 and t.upper in ("USING", "COLLATE")), len(tokens))
        yield make(F.ALTER_COLUMN_TYPE, column=column, new_type=render(tokens[:end]))
    elif cursor.accept("SET", "NOT", "NULL"):
        yield make(F.SET_NOT_NULL, column=column)
    elif cursor.accept("DROP", "NOT", "NULL"):
        yield make(F.DROP_NOT_NULL, column=column)
    elif cursor.accept("SET", "DEFAULT"):
        yield make(F.SET_DEFAULT, column=column, default=render(cursor.rest()))
    elif cursor.accept("DROP", "DEFAULT"):
        yield make(F.SET_DEFAULT, column=column)


def _modify(cursor: Cursor, make: Make, *, renames: bool) -> Iterator[ClassifiedStatement]:
    """MySQL ``MODIFY col definition`` / ``CHANGE old new definition``."""
    cursor.accept("COLUMN")
    column = cursor.name()
    if column is None:
        return
    if renames:
        new_name = cursor.name()
        if new_name is not None and new_name != column:
            yield make(F.RENAME_COLUMN, column=column, new_name=new_name)
    definition = read_column(cursor.rest())
    yield make(
        F.ALTER_COLUMN_TYPE,
        column=column,
        new_type=definition.type,
        not_null=definition.not_null,
        default=definition.default,
    )


def _rename(cursor: Cursor, make: Make) -> Iterator[ClassifiedStatement]:
    if cursor.accept_any("TO", "AS"):
        yield make(F.RENAME_TABLE, new_name=cursor.name())
    elif cursor.accept_any("INDEX", "KEY"):
        old = cursor.name()
        cursor.accept("TO")
        yield make(F.RENAME_INDEX, index=old, new_name=cursor.name())
    elif cursor.accept("CONSTRAINT"):
        return  # catalog-only rename of a constraint; not a form of the lock model
    else:
        cursor.accept("COLUMN")
        old = cursor.name()
        if old is not None and cursor.accept("TO"):
            yield make(F.RENAME_COLUMN, column=old, new_name=cursor.name())


def _first_column(body: list[Token]) -> str | None:
    """The first name inside the first parenthesised list of a constraint or index body."""
    for i, token in enumerate(body):
        if token.text == "(":
            following = body[i + 1] if i + 1 < len(body) else None
            return following.value if following is not None and following.is_name else None
    return None


def _after_word(body: list[Token], word: str) -> str | None:
    for i, token in enumerate(body[:-1]):
        if token.upper == word and body[i + 1].is_name:
            name = body[i + 1].value
            j = i + 1
            while j + 2 < len(body) and body[j + 1].text == "." and body[j + 2].is_name:
                j += 2
                name = body[j].value
            return name
    return None


def _is_django_fk_name(name: str) -> bool:
    """Django names foreign keys ``<table>_<column>_<hash>_fk_<to_table>_<to_column>``.

    Without the schema, a constraint's kind is unknown from ``DROP CONSTRAINT name``; Django's naming
    is the best evidence SQL carries (and Django precedes such drops with ``SET CONSTRAINTS name
    IMMEDIATE``). Callers with the schema should trust it over this guess.
    """
    return "_fk_" in name or name.endswith("_fk")
