"""Every PostgreSQL row of the lock model, checked against the real server.

For each row that applies to the server's version, each representative statement of its form
(``tests/locks/pg_cases.py``) runs on fresh scratch tables and the test compares the row with what
the server did (``tests/locks/pg_run.py`` says how it is observed):

* ``lock``: the strongest lock the statement's backend holds on the target table (or on one of the
  table's existing indexes, for index statements); ``"none (new table)"`` means the target did not
  exist before, so no other session can be waiting on it.
* ``other_tables``: the lock held on the other table of the case (the referenced table of a foreign
  key); a row without ``other_tables`` must leave that table unlocked.
* ``rewrite``: ``pg_class.relfilenode`` of the target changed.
* ``scan``: the target's ``seq_scan`` counter moved. A rewrite reads the whole table, so a row
  with ``rewrite`` must show a scan whether or not it sets ``scan``. Not checked on an empty
  target (a table the statement creates, or the emptied table of a form that fails on rows).
* A case with ``fails_with`` checks the row's claim that the statement fails on a seeded table:
  the server must raise exactly that SQLSTATE name.
* ``blocks``: a new session's read and write under a short ``lock_timeout`` time out or not.

Rows for other versions cannot be verified on this server and are reported as skipped with the
reason; a form with no case fails. An unreachable server is an error, never a skip.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from psycopg import sql

from reviewer.locks.table import NOTHING, READS_AND_WRITES, ROWS, WRITES, LockRow
from reviewer.target import Backend
from tests.locks import pg_observe as obs
from tests.locks import pg_run
from tests.locks.pg_cases import BASE_SCHEMA, CASES, Case
from tests.support.databases import connect_postgres, postgres_version

SCHEMA_CHANGES_ONLY = "schema changes and VACUUM only"
NEW_TABLE = "none (new table)"

# What each ``blocks`` phrase means for a new session: (reads blocked, writes blocked).
BLOCKS_MEANING: dict[str, tuple[bool, bool]] = {
    READS_AND_WRITES: (True, True),
    WRITES: (False, True),
    SCHEMA_CHANGES_ONLY: (False, False),
}

PG_ROWS: tuple[LockRow, ...] = tuple(row for row in ROWS if row.backend is Backend.POSTGRESQL)


def _version(version: tuple[int, ...] | None) -> str:
    return "" if version is None else ".".join(map(str, version))


def _params() -> Iterator[object]:
    for row in PG_ROWS:
        row_id = row.form.name
        if row.since or row.until:
            row_id += f"[{_version(row.since)}-{_version(row.until)}]"
        cases = CASES.get(row.form, ())
        if not cases:
            yield pytest.param(row, None, id=f"{row_id}-NO-CASE")
        for case in cases:
            yield pytest.param(row, case, id=f"{row_id}-{case.label}")


@pytest.fixture(scope="module")
def server_version() -> tuple[int, int]:
    with connect_postgres() as connection:
        return postgres_version(connection)


@pytest.fixture
def schema() -> Iterator[str]:
    name = f"migreview_locks_{uuid.uuid4().hex[:12]}"
    with connect_postgres(autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with connect_postgres(autocommit=True) as connection:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))


def _mismatches(row: LockRow, case: Case, seen: pg_run.Observation, rows: int) -> list[str]:
    problems: list[str] = []
    if row.lock == NEW_TABLE:
        if seen.existed_before:
            problems.append(f"lock: row says {NEW_TABLE!r} but {case.target} existed before the statement")
    elif seen.target_lock != row.lock:
        problems.append(f"lock: row says {row.lock}, server held {seen.target_lock} ({sorted(seen.target_modes)})")
    if row.other_tables:
        assert len(row.other_tables) == 1, "a case has one other table; split the row's other_tables"
        expected_other = obs.leading_mode(row.other_tables[0])
        if seen.other_lock != expected_other:
            problems.append(f"other_tables: row says {expected_other} on {case.other}, server held {seen.other_lock}")
    elif seen.other_modes:
        problems.append(f"other_tables: row says none, server held {seen.other_lock} on {case.other}")
    if seen.rewrote != row.rewrite:
        problems.append(
            f"rewrite: row says {row.rewrite}, relfilenode {seen.relfilenode_before} -> {seen.relfilenode_after}"
        )
    expected_scan = row.scan or row.rewrite if case.expect_scan is None else case.expect_scan
    # Scanning an empty table (one the statement creates, or the emptied table of a form that
    # fails on rows) costs nothing and is not what ``scan`` warns about.
    if rows and (seen.seq_scans > 0) != expected_scan:
        problems.append(f"scan: row says {row.scan} (rewrite {row.rewrite}), seq_scan delta {seen.seq_scans}")
    if row.blocks in BLOCKS_MEANING:
        reads, writes = BLOCKS_MEANING[row.blocks]
        if (seen.reads_blocked, seen.writes_blocked) != (reads, writes):
            problems.append(
                f"blocks: row says {row.blocks!r}; reads blocked {seen.reads_blocked}, "
                f"writes blocked {seen.writes_blocked}"
            )
    elif row.blocks != NOTHING:
        problems.append(f"blocks: no meaning known for {row.blocks!r}; add it to BLOCKS_MEANING")
    return problems


@pytest.mark.parametrize(("row", "case"), list(_params()))
def test_row_matches_server(row: LockRow, case: Case | None, server_version: tuple[int, int], schema: str) -> None:
    if case is None:
        pytest.fail(f"no statement template for {row.form}; add a case to tests/locks/pg_cases.py")
    if not row.applies_to(server_version):
        pytest.skip(
            f"row applies to PostgreSQL {_version(row.since) or '...'} "
            f"to before {_version(row.until) or '...'}; server is {_version(server_version)}"
        )
    rows = pg_run.prepare(schema, case, BASE_SCHEMA)
    if case.fails_with is not None:
        error = pg_run.run_expecting_error(schema, case)
        assert error == case.fails_with, f"{row.form.name}: expected {case.fails_with}, server raised {error}"
        return
    seen = pg_run.run(schema, case, probe=row.blocks in BLOCKS_MEANING)
    problems = _mismatches(row, case, seen, rows)
    assert not problems, f"{row.form.name} on PostgreSQL {_version(server_version)}: " + "; ".join(problems)


def test_every_postgresql_form_has_a_row_for_this_server(server_version: tuple[int, int]) -> None:
    """Each form the model knows has a PostgreSQL row for the running server, so the suite covers it."""
    forms = {row.form for row in PG_ROWS}
    uncovered = sorted(
        form.name for form in forms if not any(r.applies_to(server_version) for r in PG_ROWS if r.form is form)
    )
    assert not uncovered, f"no row applies to PostgreSQL {_version(server_version)}: {uncovered}"
