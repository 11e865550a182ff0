"""SQL statement -> lock-model forms, for PostgreSQL and MySQL DDL as Django writes it.

This is how RunSQL bodies and ``sqlmigrate`` output are judged with the same lock model as
operations: every DDL statement becomes one :class:`ClassifiedStatement` per thing it does. What
SQL alone cannot tell is left to callers that know the schema and said so on the result: whether a
type change rewrites (``new_type``), whether a dropped column carried a foreign key, whether a MySQL
MODIFY changed the type or only nullability. Statements that are not DDL of a known form (DML,
``SET``, functions, anything unparseable) give an empty list; this function never raises.
"""

from __future__ import annotations

from reviewer.locks.forms import StatementForm as F
from reviewer.sql._alter import classify_alter_table
from reviewer.sql._cursor import Cursor, split_top_level
from reviewer.sql._tokens import Token, tokenize
from reviewer.sql.classified import ClassifiedStatement

__all__ = ["ClassifiedStatement", "classify"]


def classify(statement: str) -> list[ClassifiedStatement]:
    """The lock-model forms of one SQL statement (``[]`` for anything else; never raises)."""
    try:
        return _classify(statement)
    except Exception:  # a classifier bug must not stop a review; unknown means "no facts"
        return []


def _classify(statement: str) -> list[ClassifiedStatement]:
    text = statement.strip()
    cursor = Cursor(tokenize(text))
    if cursor.accept("ALTER", "TABLE"):
        return classify_alter_table(cursor, text)
    if cursor.accept("ALTER", "INDEX"):
        return _alter_index(cursor, text)
    if cursor.accept("CREATE"):
        return _create(cursor, text)
    if cursor.accept("DROP", "TABLE"):
        return _drop_table(cursor, text)
    if cursor.accept("DROP", "INDEX"):
        return _drop_index(cursor, text)
    if cursor.accept("RENAME", "TABLE"):
        return _rename_tables(cursor, text)
    return []


def _create(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    cursor.accept("OR", "REPLACE")
    cursor.accept_any("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL")
    cursor.accept_any("TEMP", "TEMPORARY")
    if cursor.accept("TABLE"):
        return _create_table(cursor, text)
    unique = cursor.accept_any("UNIQUE", "FULLTEXT", "SPATIAL") == "UNIQUE"
    if cursor.accept("INDEX"):
        return _create_index(cursor, text, unique=unique)
    return []


def _create_table(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    cursor.accept("IF", "NOT", "EXISTS")
    table = cursor.name()
    if table is None:
        return []
    referenced: list[str] = []
    for part in split_top_level(cursor.skip_group(), depth=1):
        for i, token in enumerate(part[:-1]):
            if token.upper == "REFERENCES" and part[i + 1].is_name:
                other = _qualified_last(part, i + 1)
                if other not in referenced:
                    referenced.append(other)
    if not referenced:
        return [ClassifiedStatement(F.CREATE_TABLE, table, text=text)]
    return [ClassifiedStatement(F.CREATE_TABLE, table, referenced_table=other, text=text) for other in referenced]


def _create_index(cursor: Cursor, text: str, *, unique: bool) -> list[ClassifiedStatement]:
    concurrently = cursor.accept("CONCURRENTLY")
    cursor.accept("IF", "NOT", "EXISTS")
    name = None if cursor.at("ON") else cursor.name()
    if not cursor.accept("ON"):
        return []
    cursor.accept("ONLY")
    table = cursor.name()
    if table is None:
        return []
    if cursor.accept("USING"):
        cursor.take()
    columns = cursor.skip_group()
    column = columns[0].value if columns and columns[0].is_name and columns[0].text != "(" else None
    form = F.CREATE_INDEX_CONCURRENTLY if concurrently else F.CREATE_INDEX
    return [
        ClassifiedStatement(form, table, column=column, concurrently=concurrently, unique=unique, index=name, text=text)
    ]


def _drop_table(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    cursor.accept("IF", "EXISTS")
    tables = [Cursor(part).name() for part in split_top_level(cursor.rest(), depth=0)]
    return [ClassifiedStatement(F.DROP_TABLE, table, text=text) for table in tables if table]


def _drop_index(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    concurrently = cursor.accept("CONCURRENTLY")
    cursor.accept("IF", "EXISTS")
    form = F.DROP_INDEX_CONCURRENTLY if concurrently else F.DROP_INDEX
    results: list[ClassifiedStatement] = []
    for part in split_top_level(cursor.rest(), depth=0):
        inner = Cursor(part)
        index = inner.name()
        table = inner.name() if inner.accept("ON") else None  # MySQL: DROP INDEX name ON table
        if index:
            results.append(ClassifiedStatement(form, table or "", index=index, concurrently=concurrently, text=text))
    return results


def _alter_index(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    cursor.accept("IF", "EXISTS")
    index = cursor.name()
    if index is None or not cursor.accept("RENAME", "TO"):
        return []
    return [ClassifiedStatement(F.RENAME_INDEX, "", index=index, new_name=cursor.name(), text=text)]


def _rename_tables(cursor: Cursor, text: str) -> list[ClassifiedStatement]:
    """MySQL ``RENAME TABLE a TO b [, c TO d]``."""
    results: list[ClassifiedStatement] = []
    for part in split_top_level(cursor.rest(), depth=0):
        inner = Cursor(part)
        old = inner.name()
        if old and inner.accept("TO"):
            results.append(ClassifiedStatement(F.RENAME_TABLE, old, new_name=inner.name(), text=text))
    return results


def _qualified_last(tokens: list[Token], start: int) -> str:
    name = tokens[start].value
    while start + 2 < len(tokens) and tokens[start + 1].text == "." and tokens[start + 2].is_name:
        start += 2
        name = tokens[start].value
    return name
