"""Lock model lookup: the facts of one statement form on one target database."""

from __future__ import annotations

from reviewer.findings import Impact
from reviewer.locks.forms import StatementForm
from reviewer.locks.table import ROWS, SQLITE_REBUILD, LockRow
from reviewer.target import Backend, DatabaseTarget

__all__ = ["StatementForm", "find_row", "impact_of"]


def _version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def _applicability(row: LockRow, target: DatabaseTarget) -> str:
    """The versions the row covers; for MariaDB, in the MySQL terms of the row (``as MySQL 8.0.12+``)."""
    if target.mariadb and (row.since or row.until):
        return f"as MySQL {_range(row)}"
    return _range(row)


def _range(row: LockRow) -> str:
    if row.since and row.until:
        return f"{_version_text(row.since)} to before {_version_text(row.until)}"
    if row.since:
        return f"{_version_text(row.since)}+"
    if row.until:
        return f"before {_version_text(row.until)}"
    return "all versions"


def find_row(form: StatementForm, target: DatabaseTarget) -> LockRow | None:
    for row in ROWS:
        if row.form is form and row.backend is target.backend and row.applies_to(target.lock_model_version):
            return row
    if target.backend is Backend.SQLITE:
        return SQLITE_REBUILD
    return None


def impact_of(form: StatementForm, target: DatabaseTarget) -> Impact | None:
    """The lock, rewrite and scan facts of ``form`` on ``target``; None when the model has no row."""
    row = find_row(form, target)
    if row is None:
        return None
    return Impact(
        lock=row.lock,
        blocks=row.blocks,
        rewrite=row.rewrite,
        scan=row.scan,
        database=f"{target.display} ({_applicability(row, target)})",
        other_tables=row.other_tables,
        source=row.source,
    )
