"""Django's own names for indexes and constraints (``BaseDatabaseSchemaEditor._create_index_name``), so that
plans create exactly what Django would have, and later Django operations find it."""

from __future__ import annotations

from hashlib import md5

POSTGRESQL_MAX_NAME = 63


def names_digest(*parts: str, length: int) -> str:
    digest = md5(usedforsecurity=False)
    for part in parts:
        digest.update(part.encode())
    return digest.hexdigest()[:length]


def index_name(table: str, columns: list[str], suffix: str = "", max_length: int = POSTGRESQL_MAX_NAME) -> str:
    hash_suffix = f"{names_digest(table, *columns, length=8)}{suffix}"
    name = f"{table}_{'_'.join(columns)}_{hash_suffix}"
    if len(name) <= max_length:
        return name
    if len(hash_suffix) > max_length / 3:
        hash_suffix = hash_suffix[: max_length // 3]
    other_length = (max_length - len(hash_suffix)) // 2 - 1
    name = f"{table[:other_length]}_{'_'.join(columns)[:other_length]}_{hash_suffix}"
    if name[0] == "_" or name[0].isdigit():
        name = f"D{name[:-1]}"
    return name


def postgresql_key_name(table: str, column: str, label: str = "key") -> str:
    """The name PostgreSQL chooses for an inline constraint (``makeObjectName``): ``<table>_<column>_key``,
    the longer part shortened first until it fits in 63 bytes."""
    room = POSTGRESQL_MAX_NAME - len(label) - 2
    first, second = len(table), len(column)
    while first + second > room:
        if first > second:
            first -= 1
        else:
            second -= 1
    return f"{table[:first]}_{column[:second]}_{label}"


def foreign_key_name(table: str, column: str, to_table: str, to_column: str) -> str:
    return index_name(table, [column], f"_fk_{to_table}_{to_column}")


def unique_name(table: str, columns: list[str]) -> str:
    return index_name(table, columns, "_uniq")
