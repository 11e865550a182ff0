"""Running one case on the real server and recording what it did.

Two methods:

* **In a transaction** (every form that may run in one): the statement runs in an open
  transaction; its own backend then reads ``pg_locks`` (``pid = pg_backend_pid()``),
  ``pg_class.relfilenode`` and ``pg_stat_xact_user_tables.seq_scan`` before the transaction is
  rolled back. Locks last until the transaction ends, so what is held then is every lock taken.
* **Held mid-flight** (CONCURRENTLY, which refuses a transaction block): a *blocker* connection holds
  ROW EXCLUSIVE on the table in an open transaction. CREATE INDEX CONCURRENTLY waits for
  transactions holding locks that conflict with SHARE, and DROP INDEX CONCURRENTLY for any lock on
  the table, so the statement (on a *runner* connection, in a thread) takes its table lock and then
  waits for the blocker. An *observer* connection reads the runner's granted locks from ``pg_locks``
  while it waits, then the blocker commits and the statement finishes. Its scans are read from
  ``pg_stat_user_tables`` after the runner flushes its statistics.

In both methods a *prober* connection checks what the held lock blocks: a read (``SELECT``) and a
write (``INSERT``) on the target under a short ``lock_timeout``; a lock-timeout error means blocked.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from tests.locks import pg_observe as obs
from tests.locks.pg_cases import Case
from tests.support.databases import connect_postgres

PROBE_LOCK_TIMEOUT = "300ms"
WAIT_SECONDS = 15.0


@dataclass
class Observation:
    """What the server showed for one case."""

    existed_before: bool
    target_modes: set[str] = field(default_factory=set)
    other_modes: set[str] = field(default_factory=set)
    relfilenode_before: int | None = None
    relfilenode_after: int | None = None
    seq_scans: int = 0
    reads_blocked: bool | None = None
    writes_blocked: bool | None = None

    @property
    def target_lock(self) -> str | None:
        return obs.strongest(self.target_modes)

    @property
    def other_lock(self) -> str | None:
        return obs.strongest(self.other_modes)

    @property
    def rewrote(self) -> bool:
        before, after = self.relfilenode_before, self.relfilenode_after
        return before is not None and after is not None and before != after


def _set_path(connection: obs.Connection, schema: str) -> None:
    connection.execute(sql.SQL("SET search_path = {}").format(sql.Identifier(schema)))


def _probe(schema: str, table: str) -> tuple[bool, bool]:
    """(reads blocked, writes blocked) on ``table`` for a new session, right now."""
    results: list[bool] = []
    probes = (
        # Takes ACCESS SHARE at parse time but never starts a scan, so it cannot move seq_scan.
        sql.SQL("SELECT 1 FROM {} WHERE false").format(sql.Identifier(table)),
        sql.SQL("INSERT INTO {} (id) VALUES (1000)").format(sql.Identifier(table)),
    )
    with connect_postgres(application_name="migreview-probe") as prober:
        _set_path(prober, schema)
        prober.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(PROBE_LOCK_TIMEOUT)))
        prober.commit()
        for probe in probes:
            try:
                prober.execute(probe)
                results.append(False)
            except psycopg.errors.LockNotAvailable:
                results.append(True)
            except psycopg.Error:
                # Any other error (a constraint, a missing column) came after the lock was granted.
                results.append(False)
            prober.rollback()
    return results[0], results[1]


def prepare(schema: str, case: Case, base: tuple[str, ...]) -> int:
    """Create the scratch tables and the case's own setup, committed, so other sessions see them.

    Returns the number of rows in the target (0 when the statement creates it).
    """
    with connect_postgres(autocommit=True) as connection:
        _set_path(connection, schema)
        for statement in (*base, *case.setup):
            connection.execute(statement)
        rows = 0
        if obs.relation_oid(connection, case.target) is not None:
            found = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(case.target)))
            rows = int(found.fetchone()[0])  # type: ignore[index]
        obs.flush_stats(connection)
    return rows


def run_in_transaction(schema: str, case: Case, probe: bool) -> Observation:
    with connect_postgres() as connection:
        _set_path(connection, schema)
        pid = obs.backend_pid(connection)
        target_oid = obs.relation_oid(connection, case.target)
        other_oid = obs.relation_oid(connection, case.other)
        watched = set() if target_oid is None else {target_oid, *obs.index_oids(connection, target_oid)}
        observation = Observation(existed_before=target_oid is not None)
        if target_oid is not None:
            observation.relfilenode_before = obs.relfilenode(connection, target_oid)
            scans_before = obs.xact_seq_scans(connection, target_oid)
        for statement in case.statements:
            connection.execute(statement)
        if target_oid is None:
            target_oid = obs.relation_oid(connection, case.target)
            assert target_oid is not None, f"{case.target} does not exist after {case.statements}"
            watched = {target_oid}
            observation.relfilenode_before = obs.relfilenode(connection, target_oid)
            scans_before = 0
        observation.target_modes = obs.granted_modes(connection, pid, watched)
        if other_oid is not None:
            observation.other_modes = obs.granted_modes(connection, pid, {other_oid})
        observation.relfilenode_after = obs.relfilenode(connection, target_oid)
        observation.seq_scans = obs.xact_seq_scans(connection, target_oid) - scans_before
        if probe:
            observation.reads_blocked, observation.writes_blocked = _probe(schema, case.target)
        connection.rollback()
    return observation


def run_expecting_error(schema: str, case: Case) -> str | None:
    """Run the case in a transaction that is rolled back; the psycopg error class name, or None."""
    with connect_postgres() as connection:
        _set_path(connection, schema)
        try:
            for statement in case.statements:
                connection.execute(statement)
        except psycopg.Error as error:
            return type(error).__name__
        finally:
            connection.rollback()
    return None


def _wait_until_waiting(observer: obs.Connection, pid: int, worker: threading.Thread) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        row = observer.execute("SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted", (pid,)).fetchone()
        if row is not None and row[0]:
            return
        if not worker.is_alive():
            raise AssertionError("the CONCURRENTLY statement finished without waiting for the blocker")
        time.sleep(0.05)
    raise AssertionError(f"backend {pid} never waited for the blocking transaction")


def run_concurrently(schema: str, case: Case, probe: bool) -> Observation:
    with (
        connect_postgres(application_name="migreview-blocker") as blocker,
        connect_postgres(autocommit=True, application_name="migreview-runner") as runner,
        connect_postgres(autocommit=True, application_name="migreview-observer") as observer,
    ):
        for connection in (blocker, runner, observer):
            _set_path(connection, schema)
        blocker.commit()
        pid = obs.backend_pid(runner)
        target_oid = obs.relation_oid(observer, case.target)
        other_oid = obs.relation_oid(observer, case.other)
        assert target_oid is not None, f"{case.target} must exist before a CONCURRENTLY statement"
        watched = {target_oid, *obs.index_oids(observer, target_oid)}
        observation = Observation(existed_before=True, relfilenode_before=obs.relfilenode(observer, target_oid))
        scans_before = obs.committed_seq_scans(observer, target_oid)

        blocker.execute(sql.SQL("LOCK TABLE {} IN ROW EXCLUSIVE MODE").format(sql.Identifier(case.target)))
        errors: list[BaseException] = []

        def work() -> None:
            try:
                for statement in case.statements:
                    runner.execute(statement)
            except BaseException as error:  # reported in the test thread
                errors.append(error)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        try:
            _wait_until_waiting(observer, pid, worker)
            observation.target_modes = obs.granted_modes(observer, pid, watched)
            if other_oid is not None:
                observation.other_modes = obs.granted_modes(observer, pid, {other_oid})
            if probe:
                observation.reads_blocked, observation.writes_blocked = _probe(schema, case.target)
        finally:
            blocker.rollback()
            worker.join(WAIT_SECONDS)
        if errors:
            raise errors[0]
        assert not worker.is_alive(), "the CONCURRENTLY statement did not finish after the blocker ended"
        observation.relfilenode_after = obs.relfilenode(observer, target_oid)
        obs.flush_stats(runner)
        observation.seq_scans = obs.committed_seq_scans(observer, target_oid) - scans_before
    return observation


def run(schema: str, case: Case, probe: bool) -> Observation:
    return (run_concurrently if case.concurrent else run_in_transaction)(schema, case, probe)
