"""The SQL facts of a RunSQL operation: its ``sql`` argument, split into statements and classified."""

from __future__ import annotations

from reviewer.sql.classified import ClassifiedStatement
from reviewer.sql.classify import classify
from reviewer.sql.split import split_sql


def sql_texts(value: object) -> list[str]:
    """The SQL strings of a RunSQL ``sql`` argument: a string, a list, or ``(sql, params)`` pairs."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        texts: list[str] = []
        for item in value:
            if isinstance(item, str):
                texts.append(item)
            elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
                texts.append(item[0])
        return texts
    return []


def facts_of_script(sql: str) -> list[ClassifiedStatement]:
    return [fact for statement in split_sql(sql).statements for fact in classify(statement.text)]
