"""The lock model as data: statement form x backend x version -> lock, what it blocks, rewrite, scan.

Every row names its source. PostgreSQL rows are checked against a real server by
``tests/locks/test_postgresql_locks.py``; a row the server contradicts is a bug here.
Ground truth: ``shared/research/locking.md`` (PostgreSQL ALTER TABLE notes, explicit-locking,
CREATE/DROP INDEX pages; MySQL 8.0 innodb-online-ddl-operations).
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.locks.forms import StatementForm as F
from reviewer.target import Backend

AEL = "ACCESS EXCLUSIVE"
SRE = "SHARE ROW EXCLUSIVE"
SUE = "SHARE UPDATE EXCLUSIVE"
SHARE = "SHARE"
READS_AND_WRITES = "reads and writes"
WRITES = "writes"
NOTHING = "no reads or writes"
MDL = "exclusive metadata lock (brief)"

PG_ALTER = "postgresql.org/docs/current/sql-altertable.html"
PG_LOCKS = "postgresql.org/docs/current/explicit-locking.html"
PG_INDEX = "postgresql.org/docs/current/sql-createindex.html"
PG_DROP_INDEX = "postgresql.org/docs/current/sql-dropindex.html"
PG_11_NOTES = "postgresql.org/docs/11/release-11.html (fast ADD COLUMN with default)"
MY_ONLINE = "dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html"
SQLITE_ALTER = "sqlite.org/lang_altertable.html"


@dataclass(frozen=True)
class LockRow:
    form: F
    backend: Backend
    lock: str
    blocks: str
    rewrite: bool = False
    scan: bool = False
    other_tables: tuple[str, ...] = ()
    since: tuple[int, ...] | None = None
    """First version the row applies to (inclusive)."""
    until: tuple[int, ...] | None = None
    """First version the row no longer applies to (exclusive)."""
    note: str = ""
    source: str = ""

    def applies_to(self, version: tuple[int, ...]) -> bool:
        if self.since is not None and version < self.since:
            return False
        return not (self.until is not None and version >= self.until)


PG = Backend.POSTGRESQL
MY = Backend.MYSQL
LITE = Backend.SQLITE

REFERENCED_SRE = ("SHARE ROW EXCLUSIVE on the referenced table",)
REFERENCED_AEL = ("ACCESS EXCLUSIVE on the referenced table",)

ROWS: tuple[LockRow, ...] = (
    # PostgreSQL
    LockRow(F.CREATE_TABLE, PG, "none (new table)", NOTHING, other_tables=REFERENCED_SRE, source=PG_LOCKS),
    LockRow(
        F.DROP_TABLE,
        PG,
        AEL,
        READS_AND_WRITES,
        other_tables=("ACCESS EXCLUSIVE on tables linked to it by foreign keys",),
        source=PG_LOCKS,
    ),
    LockRow(
        F.RENAME_TABLE, PG, AEL, READS_AND_WRITES, note="brief; breaks code that uses the old name", source=PG_ALTER
    ),
    LockRow(F.ADD_COLUMN_NULLABLE, PG, AEL, READS_AND_WRITES, note="brief, catalog only", source=PG_ALTER),
    LockRow(
        F.ADD_COLUMN_DEFAULT,
        PG,
        AEL,
        READS_AND_WRITES,
        until=(11,),
        rewrite=True,
        note="before PostgreSQL 11 a default rewrites the table",
        source=PG_11_NOTES,
    ),
    LockRow(
        F.ADD_COLUMN_DEFAULT,
        PG,
        AEL,
        READS_AND_WRITES,
        since=(11,),
        note="brief; the default is stored in the catalog",
        source=PG_11_NOTES,
    ),
    LockRow(F.ADD_COLUMN_VOLATILE_DEFAULT, PG, AEL, READS_AND_WRITES, rewrite=True, source=PG_ALTER),
    LockRow(
        F.ADD_COLUMN_NOT_NULL_NO_DEFAULT, PG, AEL, READS_AND_WRITES, note="fails if the table has rows", source=PG_ALTER
    ),
    LockRow(
        F.ADD_COLUMN_FOREIGN_KEY,
        PG,
        AEL,
        READS_AND_WRITES,
        other_tables=REFERENCED_SRE,
        note="brief; the new column is all NULL, so PostgreSQL marks the constraint valid without a scan",
        source=PG_ALTER,
    ),
    LockRow(
        F.ADD_COLUMN_FOREIGN_KEY_DEFAULT,
        PG,
        AEL,
        READS_AND_WRITES,
        scan=True,
        other_tables=REFERENCED_SRE,
        note="every row gets the default, so the new constraint is validated by a scan of the table",
        source=PG_ALTER,
    ),
    LockRow(
        F.ADD_COLUMN_UNIQUE,
        PG,
        AEL,
        READS_AND_WRITES,
        scan=True,
        note="the unique index is built while the lock is held",
        source=PG_ALTER,
    ),
    LockRow(
        F.ALTER_COLUMN_TYPE,
        PG,
        AEL,
        READS_AND_WRITES,
        rewrite=True,
        note="table and indexes are rewritten",
        source=PG_ALTER,
    ),
    LockRow(
        F.ALTER_COLUMN_TYPE_COERCIBLE,
        PG,
        AEL,
        READS_AND_WRITES,
        note="brief; binary-coercible, no rewrite",
        source=PG_ALTER,
    ),
    LockRow(F.SET_NOT_NULL, PG, AEL, READS_AND_WRITES, scan=True, until=(12,), source=PG_ALTER),
    LockRow(
        F.SET_NOT_NULL,
        PG,
        AEL,
        READS_AND_WRITES,
        scan=True,
        since=(12,),
        note="the scan is skipped only if a valid CHECK (col IS NOT NULL) exists",
        source=PG_ALTER,
    ),
    LockRow(F.DROP_NOT_NULL, PG, AEL, READS_AND_WRITES, note="brief", source=PG_ALTER),
    LockRow(F.SET_DEFAULT, PG, AEL, READS_AND_WRITES, note="brief", source=PG_ALTER),
    LockRow(F.DROP_COLUMN, PG, AEL, READS_AND_WRITES, note="brief; space reclaimed later", source=PG_ALTER),
    LockRow(
        F.DROP_COLUMN_FOREIGN_KEY, PG, AEL, READS_AND_WRITES, other_tables=REFERENCED_AEL, note="brief", source=PG_ALTER
    ),
    LockRow(
        F.RENAME_COLUMN, PG, AEL, READS_AND_WRITES, note="brief; breaks code that uses the old name", source=PG_ALTER
    ),
    LockRow(F.ADD_FOREIGN_KEY, PG, SRE, WRITES, scan=True, other_tables=REFERENCED_SRE, source=PG_ALTER),
    LockRow(F.ADD_FOREIGN_KEY_NOT_VALID, PG, SRE, WRITES, other_tables=REFERENCED_SRE, note="brief", source=PG_ALTER),
    LockRow(
        F.VALIDATE_CONSTRAINT,
        PG,
        SUE,
        "schema changes and VACUUM only",
        scan=True,
        other_tables=("ROW SHARE on the referenced table (foreign keys)",),
        source=PG_ALTER,
    ),
    LockRow(F.ADD_CHECK, PG, AEL, READS_AND_WRITES, scan=True, source=PG_ALTER),
    LockRow(F.ADD_CHECK_NOT_VALID, PG, AEL, READS_AND_WRITES, note="brief", source=PG_ALTER),
    LockRow(
        F.ADD_UNIQUE,
        PG,
        AEL,
        READS_AND_WRITES,
        scan=True,
        note="the unique index is built while the lock is held",
        source=PG_ALTER,
    ),
    LockRow(F.ADD_UNIQUE_USING_INDEX, PG, AEL, READS_AND_WRITES, note="brief", source=PG_ALTER),
    LockRow(F.ADD_EXCLUSION, PG, AEL, READS_AND_WRITES, scan=True, note="no NOT VALID form exists", source=PG_ALTER),
    LockRow(F.DROP_CONSTRAINT, PG, AEL, READS_AND_WRITES, note="brief", source=PG_ALTER),
    LockRow(F.DROP_FOREIGN_KEY, PG, AEL, READS_AND_WRITES, other_tables=REFERENCED_AEL, note="brief", source=PG_ALTER),
    LockRow(F.CREATE_INDEX, PG, SHARE, WRITES, scan=True, source=PG_INDEX),
    LockRow(
        F.CREATE_INDEX_CONCURRENTLY,
        PG,
        SUE,
        "schema changes and VACUUM only",
        scan=True,
        since=(14,),
        until=(14, 4),
        note="PostgreSQL 14.0-14.3 can silently corrupt indexes built CONCURRENTLY; upgrade to 14.4+",
        source=PG_INDEX,
    ),
    LockRow(
        F.CREATE_INDEX_CONCURRENTLY,
        PG,
        SUE,
        "schema changes and VACUUM only",
        scan=True,
        note="two scans; cannot run inside a transaction",
        source=PG_INDEX,
    ),
    LockRow(F.DROP_INDEX, PG, AEL, READS_AND_WRITES, source=PG_DROP_INDEX),
    LockRow(
        F.DROP_INDEX_CONCURRENTLY,
        PG,
        SUE,
        "schema changes and VACUUM only",
        note="cannot run inside a transaction",
        source=PG_DROP_INDEX,
    ),
    LockRow(F.RENAME_INDEX, PG, AEL, READS_AND_WRITES, until=(12,), source=PG_ALTER),
    LockRow(F.RENAME_INDEX, PG, SUE, "schema changes and VACUUM only", since=(12,), source=PG_ALTER),
    # MySQL 8.0 InnoDB (INSTANT / INPLACE / COPY)
    LockRow(F.CREATE_TABLE, MY, "none (new table)", NOTHING, source=MY_ONLINE),
    LockRow(F.DROP_TABLE, MY, MDL, READS_AND_WRITES, note="brief", source=MY_ONLINE),
    LockRow(F.RENAME_TABLE, MY, MDL, NOTHING, note="INSTANT, metadata only", source=MY_ONLINE),
    LockRow(F.ADD_COLUMN_NULLABLE, MY, MDL, NOTHING, since=(8, 0, 12), note="ALGORITHM=INSTANT", source=MY_ONLINE),
    LockRow(
        F.ADD_COLUMN_NULLABLE,
        MY,
        MDL,
        NOTHING,
        rewrite=True,
        until=(8, 0, 12),
        note="ALGORITHM=INPLACE with a table rebuild",
        source=MY_ONLINE,
    ),
    LockRow(F.ADD_COLUMN_DEFAULT, MY, MDL, NOTHING, since=(8, 0, 12), note="ALGORITHM=INSTANT", source=MY_ONLINE),
    LockRow(
        F.ADD_COLUMN_DEFAULT,
        MY,
        MDL,
        NOTHING,
        rewrite=True,
        until=(8, 0, 12),
        note="ALGORITHM=INPLACE with a table rebuild",
        source=MY_ONLINE,
    ),
    LockRow(
        F.ADD_COLUMN_NOT_NULL_NO_DEFAULT,
        MY,
        MDL,
        NOTHING,
        since=(8, 0, 12),
        note="ALGORITHM=INSTANT; existing rows get the type's implicit default",
        source=MY_ONLINE,
    ),
    LockRow(
        F.ADD_COLUMN_VOLATILE_DEFAULT,
        MY,
        "SHARED (ALGORITHM=COPY)",
        WRITES,
        rewrite=True,
        note="an expression default forces a table copy",
        source=MY_ONLINE,
    ),
    LockRow(
        F.ADD_COLUMN_FOREIGN_KEY,
        MY,
        "SHARED (ALGORITHM=COPY)",
        WRITES,
        rewrite=True,
        note="adding a foreign key with foreign_key_checks=1 copies the table",
        source=MY_ONLINE,
    ),
    LockRow(
        F.ADD_COLUMN_FOREIGN_KEY_DEFAULT,
        MY,
        "SHARED (ALGORITHM=COPY)",
        WRITES,
        rewrite=True,
        note="adding a foreign key with foreign_key_checks=1 copies the table",
        source=MY_ONLINE,
    ),
    LockRow(F.ADD_COLUMN_UNIQUE, MY, MDL, NOTHING, scan=True, note="ALGORITHM=INPLACE index build", source=MY_ONLINE),
    LockRow(
        F.ALTER_COLUMN_TYPE,
        MY,
        "SHARED (ALGORITHM=COPY)",
        WRITES,
        rewrite=True,
        note="changing a column's data type copies the table",
        source=MY_ONLINE,
    ),
    LockRow(
        F.ALTER_COLUMN_TYPE_COERCIBLE,
        MY,
        MDL,
        NOTHING,
        note="ALGORITHM=INPLACE; VARCHAR growth within the same length-byte size",
        source=MY_ONLINE,
    ),
    LockRow(
        F.SET_NOT_NULL,
        MY,
        MDL,
        NOTHING,
        rewrite=True,
        note="ALGORITHM=INPLACE with a table rebuild; fails on existing NULLs",
        source=MY_ONLINE,
    ),
    LockRow(
        F.DROP_NOT_NULL, MY, MDL, NOTHING, rewrite=True, note="ALGORITHM=INPLACE with a table rebuild", source=MY_ONLINE
    ),
    LockRow(F.SET_DEFAULT, MY, MDL, NOTHING, note="ALGORITHM=INSTANT", source=MY_ONLINE),
    LockRow(F.DROP_COLUMN, MY, MDL, NOTHING, since=(8, 0, 29), note="ALGORITHM=INSTANT", source=MY_ONLINE),
    LockRow(
        F.DROP_COLUMN,
        MY,
        MDL,
        NOTHING,
        rewrite=True,
        until=(8, 0, 29),
        note="ALGORITHM=INPLACE with a table rebuild",
        source=MY_ONLINE,
    ),
    LockRow(
        F.DROP_COLUMN_FOREIGN_KEY,
        MY,
        MDL,
        NOTHING,
        rewrite=True,
        note="ALGORITHM=INPLACE with a table rebuild",
        source=MY_ONLINE,
    ),
    LockRow(F.RENAME_COLUMN, MY, MDL, NOTHING, since=(8, 0, 28), note="ALGORITHM=INSTANT", source=MY_ONLINE),
    LockRow(F.RENAME_COLUMN, MY, MDL, NOTHING, until=(8, 0, 28), note="ALGORITHM=INPLACE", source=MY_ONLINE),
    LockRow(
        F.ADD_FOREIGN_KEY,
        MY,
        "SHARED (ALGORITHM=COPY)",
        WRITES,
        rewrite=True,
        note="INPLACE only with foreign_key_checks=0, which Django never sets",
        source=MY_ONLINE,
    ),
    LockRow(
        F.ADD_CHECK,
        MY,
        "SHARED (ALGORITHM=COPY)",
        WRITES,
        rewrite=True,
        note="every row is validated; MySQL has no NOT VALID form",
        source=MY_ONLINE,
    ),
    LockRow(F.ADD_UNIQUE, MY, MDL, NOTHING, scan=True, note="ALGORITHM=INPLACE index build", source=MY_ONLINE),
    LockRow(F.DROP_CONSTRAINT, MY, MDL, NOTHING, note="metadata only", source=MY_ONLINE),
    LockRow(F.DROP_FOREIGN_KEY, MY, MDL, NOTHING, note="ALGORITHM=INPLACE, metadata only", source=MY_ONLINE),
    LockRow(
        F.CREATE_INDEX, MY, MDL, NOTHING, scan=True, note="ALGORITHM=INPLACE, concurrent DML allowed", source=MY_ONLINE
    ),
    LockRow(F.DROP_INDEX, MY, MDL, NOTHING, note="ALGORITHM=INPLACE, metadata only", source=MY_ONLINE),
    LockRow(F.RENAME_INDEX, MY, MDL, NOTHING, note="ALGORITHM=INPLACE, metadata only", source=MY_ONLINE),
    # SQLite: Django rebuilds the table for most changes; a write locks the whole database file.
    LockRow(F.CREATE_TABLE, LITE, "none (new table)", NOTHING, source=SQLITE_ALTER),
    LockRow(F.ADD_COLUMN_NULLABLE, LITE, "database write lock", WRITES, source=SQLITE_ALTER),
    LockRow(F.RENAME_COLUMN, LITE, "database write lock", WRITES, source=SQLITE_ALTER),
    LockRow(F.RENAME_TABLE, LITE, "database write lock", WRITES, source=SQLITE_ALTER),
    LockRow(F.DROP_TABLE, LITE, "database write lock", WRITES, source=SQLITE_ALTER),
    LockRow(F.CREATE_INDEX, LITE, "database write lock", WRITES, scan=True, source=SQLITE_ALTER),
    LockRow(F.DROP_INDEX, LITE, "database write lock", WRITES, source=SQLITE_ALTER),
)

SQLITE_REBUILD = LockRow(
    F.ALTER_COLUMN_TYPE,
    LITE,
    "database write lock",
    WRITES,
    rewrite=True,
    note="Django rebuilds the table (create, copy, drop, rename)",
    source=SQLITE_ALTER,
)
"""SQLite has no ALTER for most changes: every form without its own row is a table rebuild."""
