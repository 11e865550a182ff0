"""Reading what a PostgreSQL backend did: the locks it holds, relfilenodes, sequential scans.

These are the three observable facts the lock model claims per row: the lock (``pg_locks``), the
rewrite (a new ``pg_class.relfilenode`` means the table's storage was replaced) and the full scan
(``seq_scan`` counters, which count every heap scan started with ``table_beginscan``: the
validation scan of ALTER TABLE, an index build's scan, a rewrite's read and the query
``RI_Initial_Check`` runs for a new foreign key).
"""

from __future__ import annotations

from typing import Any

import psycopg

# Weakest to strongest, as in the conflict table of the explicit-locking page.
LOCK_MODES: tuple[str, ...] = (
    "ACCESS SHARE",
    "ROW SHARE",
    "ROW EXCLUSIVE",
    "SHARE UPDATE EXCLUSIVE",
    "SHARE",
    "SHARE ROW EXCLUSIVE",
    "EXCLUSIVE",
    "ACCESS EXCLUSIVE",
)

_PG_MODE_NAMES = {
    "AccessShareLock": "ACCESS SHARE",
    "RowShareLock": "ROW SHARE",
    "RowExclusiveLock": "ROW EXCLUSIVE",
    "ShareUpdateExclusiveLock": "SHARE UPDATE EXCLUSIVE",
    "ShareLock": "SHARE",
    "ShareRowExclusiveLock": "SHARE ROW EXCLUSIVE",
    "ExclusiveLock": "EXCLUSIVE",
    "AccessExclusiveLock": "ACCESS EXCLUSIVE",
}

Connection = psycopg.Connection[Any]


def strongest(modes: set[str]) -> str | None:
    """The strongest of ``modes`` (names as in :data:`LOCK_MODES`), None for no lock."""
    if not modes:
        return None
    return max(modes, key=LOCK_MODES.index)


def leading_mode(text: str) -> str:
    """The lock mode a lock-table phrase starts with: ``"ROW SHARE on the ..."`` -> ``"ROW SHARE"``."""
    for mode in sorted(LOCK_MODES, key=len, reverse=True):
        if text.upper().startswith(mode):
            return mode
    raise ValueError(f"no PostgreSQL lock mode at the start of {text!r}")


def relation_oid(connection: Connection, name: str) -> int | None:
    """The oid of ``name`` (resolved through the search_path), None when it does not exist."""
    row = connection.execute("SELECT to_regclass(%s)::oid", (name,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def index_oids(connection: Connection, table_oid: int) -> set[int]:
    rows = connection.execute("SELECT indexrelid FROM pg_index WHERE indrelid = %s", (table_oid,)).fetchall()
    return {int(row[0]) for row in rows}


def relfilenode(connection: Connection, oid: int) -> int | None:
    row = connection.execute("SELECT relfilenode FROM pg_class WHERE oid = %s", (oid,)).fetchone()
    return None if row is None else int(row[0])


def granted_modes(connection: Connection, pid: int, oids: set[int]) -> set[str]:
    """Relation locks ``pid`` holds (granted) on any of ``oids``.

    Matched by oid, not joined to ``pg_class``: a relation the statement dropped has no
    ``pg_class`` row any more but its lock is still held until the transaction ends.
    """
    rows = connection.execute(
        "SELECT l.mode FROM pg_locks l"
        " WHERE l.locktype = 'relation' AND l.granted AND l.pid = %s AND l.relation = ANY(%s)",
        (pid, list(oids)),
    ).fetchall()
    return {_PG_MODE_NAMES[row[0]] for row in rows}


def backend_pid(connection: Connection) -> int:
    row = connection.execute("SELECT pg_backend_pid()").fetchone()
    assert row is not None
    return int(row[0])


def xact_seq_scans(connection: Connection, oid: int) -> int:
    """Sequential scans of ``oid`` started by this backend in its current, still open, transaction."""
    row = connection.execute("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = %s", (oid,)).fetchone()
    return 0 if row is None or row[0] is None else int(row[0])


def flush_stats(connection: Connection) -> None:
    """Make this (autocommit) backend publish its pending statistics before it next goes idle.

    ``pg_stat_force_next_flush()`` (PostgreSQL 15+) sets a flag; the backend flushes when the
    statement ends, before it answers, so the counters are visible once this call returns.
    """
    connection.execute("SELECT pg_stat_force_next_flush()")


def committed_seq_scans(connection: Connection, oid: int) -> int:
    """Sequential scans of ``oid`` counted by every backend that has flushed its statistics."""
    connection.execute("SELECT pg_stat_clear_snapshot()")
    row = connection.execute("SELECT seq_scan FROM pg_stat_user_tables WHERE relid = %s", (oid,)).fetchone()
    return 0 if row is None or row[0] is None else int(row[0])
