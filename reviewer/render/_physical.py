"""Names the database really has, recorded from the statements Django executes during rendering.

The state-derived catalog (``_catalog``) names constraints as Django would create them *now*; the
database keeps the names they were created with. Django builds every named constraint and index as
a ``Statement`` (table, name, columns), so recording those as they are executed, and following table
renames, column renames and drops, gives the real name whenever it was created during the replay:
a foreign key created before AlterModelTable keeps the old table in its name; ``unique=True`` added by
AlterField is ``..._uniq``, not PostgreSQL's inline ``..._key``; on MySQL a foreign key gets its own
index only when no index already starts with its column. What was written inline in a column
definition (``UNIQUE``, ``REFERENCES``) is not a Statement and stays state-derived.
"""

from __future__ import annotations

from typing import Any

from reviewer.render._catalog import ConstraintInfo, entry


def _unquote(name: object) -> str:
    return str(name).strip('"`')


def statement_kind(template: str) -> str | None:
    text = template.upper()
    if "RENAME" in text:
        return "rename"
    if text.startswith(("DROP", "SET CONSTRAINTS")) or " DROP " in text:
        return "drop"
    if "FOREIGN KEY" in text:
        return "fk"
    if "PRIMARY KEY" in text:
        return "pk"
    if "UNIQUE" in text:
        return "unique"
    if "CHECK" in text:
        return "check"
    if "INDEX" in text:
        return "index"
    return None


class PhysicalCatalog:
    """table -> constraint name -> introspection-shaped entry, for what Django created by name."""

    def __init__(self, backend: str) -> None:
        self.mysql = backend == "mysql"
        self.tables: dict[str, dict[str, ConstraintInfo]] = {}

    def record(self, statement: Any) -> None:
        """Follow one executed ``Statement`` (creation, drop or rename of a named object)."""
        parts: dict[str, Any] = getattr(statement, "parts", {})
        table_part = parts.get("table")
        table = getattr(table_part, "table", None)
        kind = statement_kind(str(getattr(statement, "template", "")))
        if kind is None or table is None:
            return
        names = self.tables.setdefault(table, {})
        if kind == "rename" and "old_name" in parts and "new_name" in parts:
            found = names.pop(_unquote(parts["old_name"]), None)
            if found is not None:
                names[_unquote(parts["new_name"])] = found
            return
        if "name" not in parts:
            return
        name = _unquote(parts["name"])
        if kind == "drop":
            names.pop(name, None)
            return
        columns_part = parts.get("columns", parts.get("column"))
        columns = list(getattr(columns_part, "columns", []) or [])
        if kind == "fk":
            to_table = getattr(parts.get("to_table"), "table", "")
            to_columns = getattr(parts.get("to_column"), "columns", [""])
            own_index = self.mysql and not self._indexed(table, columns[:1])
            names[name] = entry(columns, foreign_key=(to_table, to_columns[0]), index=own_index)
        elif kind == "unique":
            names[name] = entry(columns, unique=True, index=self.mysql or "INDEX" in str(statement.template).upper())
        elif kind == "index":
            names[name] = entry(columns, index=True, type_="idx")
        elif kind == "check":
            names[name] = entry(columns, check=True)

    def _indexed(self, table: str, prefix: list[str]) -> bool:
        return bool(prefix) and any(
            info["index"] and info["columns"][: len(prefix)] == prefix for info in self.tables.get(table, {}).values()
        )

    def rename_table(self, old: str, new: str) -> None:
        if old in self.tables:
            self.tables[new] = self.tables.pop(old)
        for names in self.tables.values():
            for info in names.values():
                reference = info["foreign_key"]
                if reference and reference[0] == old:
                    info["foreign_key"] = (new, reference[1])

    def rename_column(self, table: str, old: str, new: str) -> None:
        for info in self.tables.get(table, {}).values():
            info["columns"] = [new if column == old else column for column in info["columns"]]

    def drop_column(self, table: str, column: str) -> None:
        """Dropping a column drops the indexes and constraints that use it (CASCADE / MySQL)."""
        names = self.tables.get(table, {})
        for name in [name for name, info in names.items() if column in info["columns"]]:
            del names[name]

    def drop_table(self, table: str) -> None:
        self.tables.pop(table, None)

    def merged(self, table: str, derived: dict[str, ConstraintInfo]) -> dict[str, ConstraintInfo]:
        """``derived`` with every object recorded here replacing the derived one it stands for."""
        recorded = self.tables.get(table)
        if not recorded:
            return derived
        result = {
            name: info
            for name, info in derived.items()
            if not any(_same_object(info, known) for known in recorded.values())
        }
        result.update(recorded)
        return result


def _same_object(derived: ConstraintInfo, recorded: ConstraintInfo) -> bool:
    if derived["columns"] != recorded["columns"] or derived["primary_key"]:
        return False
    if bool(derived["foreign_key"]) or bool(recorded["foreign_key"]):
        return bool(derived["foreign_key"]) and bool(recorded["foreign_key"])
    if derived["unique"] or recorded["unique"]:
        return bool(derived["unique"]) and bool(recorded["unique"])
    if derived["check"] or recorded["check"]:
        return bool(derived["check"]) and bool(recorded["check"])
    return bool(derived["index"]) and bool(recorded["index"])
