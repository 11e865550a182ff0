"""The SQL facts of a RunSQL operation: its ``sql`` argument, split into statements and classified."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer.sql.classified import ClassifiedStatement


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


DO_BLOCK = re.compile(r"^\s*DO\s+(?:LANGUAGE\s+\w+\s+)?(\$\w*\$)(?P<body>.*)\1", re.IGNORECASE | re.DOTALL)
PLPGSQL_NOISE = re.compile(
    r"^\s*(BEGIN|END\s+IF|END\s+LOOP|END|IF\b.*?\bTHEN|ELSE|ELSIF\b.*?\bTHEN|LOOP)\b\s*", re.I | re.S
)
COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


def without_comments(sql: str) -> str:
    return COMMENTS.sub(" ", sql)


def facts_of_script(sql: str) -> list[ClassifiedStatement]:
    """Facts of every statement; the statements inside a PL/pgSQL ``DO $$ ... $$`` block count too."""
    from reviewer.sql.classify import classify  # the classifier loads on first use
    from reviewer.sql.split import split_sql

    facts: list[ClassifiedStatement] = []
    for statement in split_sql(sql).statements:
        block = DO_BLOCK.match(statement.text)
        if block is None:
            facts.extend(classify(statement.text))
            continue
        for inner in split_sql(block.group("body")).statements:
            text = inner.text
            while (noise := PLPGSQL_NOISE.match(text)) is not None and noise.end() > 0:
                text = text[noise.end() :]
            facts.extend(classify(text))
    return facts
