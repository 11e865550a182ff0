"""The one finding model shared by every stage after the rules and by every reporter."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``max()`` and threshold comparisons work."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


@dataclass(frozen=True)
class Location:
    """Where a finding points: a file and the inclusive line span of the operation."""

    path: str
    start_line: int
    end_line: int


@dataclass(frozen=True)
class Impact:
    """What the statement does to the database while it runs (one row of the lock model, resolved)."""

    lock: str
    """The lock taken on the target table, e.g. ``ACCESS EXCLUSIVE`` or ``SHARE``."""
    blocks: str
    """What that lock blocks, in plain words: ``reads and writes``, ``writes``, ``nothing``."""
    rewrite: bool
    """The table (and its indexes) is rewritten."""
    scan: bool
    """The whole table is read while the lock is held."""
    database: str
    """The database and versions the verdict applies to, e.g. ``PostgreSQL 11+``."""
    other_tables: tuple[str, ...] = ()
    """Locks taken on other tables, e.g. ``SHARE ROW EXCLUSIVE on "shop_customer"``."""
    source: str = ""
    """Where the fact comes from (documentation page)."""

    @property
    def lock_phrase(self) -> str:
        """``ACCESS EXCLUSIVE lock (blocks reads and writes)``; no second "lock" when the name has one."""
        named = self.lock if "lock" in self.lock or self.lock.startswith("none") else f"{self.lock} lock"
        return f"{named} (blocks {self.blocks})"

    def describe(self) -> str:
        """One line: lock, what it blocks, rewrite or scan, and where it applies."""
        return self._describe(self.other_tables)

    def describe_statement(self, referenced_table: str | None) -> str:
        """``describe`` for one classified statement: "the referenced table" is the one it names, and
        left out when it names none (a CREATE TABLE without foreign keys)."""
        marker = "the referenced table"
        if referenced_table:
            return self._describe(other.replace(marker, f'"{referenced_table}"') for other in self.other_tables)
        return self._describe(other for other in self.other_tables if marker not in other)

    def _describe(self, other_tables: Iterable[str]) -> str:
        parts = [self.lock_phrase]
        if self.rewrite:
            parts.append("rewrites the table")
        elif self.scan:
            parts.append("scans the whole table")
        parts.extend(f"also {other}" for other in other_tables)
        return f"{', '.join(parts)} [{self.database}]"


@dataclass(frozen=True)
class Suggestion:
    """A one-file replacement: ``replacement`` replaces lines ``start_line..end_line`` of the finding's file."""

    start_line: int
    end_line: int
    replacement: str
    extra_note: str = ""
    """What else must change that a line replacement cannot say (e.g. ``atomic = False`` on the class)."""


@dataclass(frozen=True)
class SqlStatement:
    """One statement Django runs for the finding's operation, rendered offline, with its lock facts."""

    sql: str
    """The statement as Django's schema editor writes it, with its semicolon."""
    effects: tuple[str, ...] = ()
    """What the lock model says of it, one line per form, e.g.
    ``add_column: ACCESS EXCLUSIVE lock (blocks reads and writes), rewrites the table [PostgreSQL <11]``;
    empty for statements of no known DDL form."""
    deferred: bool = False
    """Django runs it at the end of the migration (indexes and foreign keys of CreateModel/AddField)."""


@dataclass(frozen=True)
class Finding:
    """One problem found in one operation (or file) of a migration."""

    rule_id: str
    severity: Severity
    message: str
    location: Location
    safe_way: str = ""
    app_label: str = ""
    migration: str = ""
    operation: str = ""
    """The operation's class name (``AddField``), empty for file-level findings."""
    operation_index: tuple[int, ...] = ()
    """Path to the operation in the migration: ``(3,)``, or ``(2, 0)`` inside SeparateDatabaseAndState."""
    table: str = ""
    column: str = ""
    impact: Impact | None = None
    details: tuple[str, ...] = field(default=())
    """Extra lines (SQL, notes) shown under the message."""
    suggestion: Suggestion | None = None
    """A one-file replacement of the operation's lines, when one exists."""
    plan_id: str = ""
    """The id of the zero-downtime plan for this finding in ``ReviewResult.plans``, when one exists."""
    sql: tuple[SqlStatement, ...] = ()
    """The SQL Django runs for the operation (``ReviewOptions.with_sql``; not for RunSQL, whose SQL is
    in the file, nor RunPython)."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.start_line, -self.severity, self.rule_id)
