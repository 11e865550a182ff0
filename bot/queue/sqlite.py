"""A durable job queue in one SQLite file: survives restarts, retries interrupted jobs, runs each key once.

The webhook is answered only after its job is committed (write-ahead log; fsync per commit on request).

A running job holds a lease that its worker renews; when a process dies mid-job the lease runs out and
another worker (or the restarted process) claims the job again. All database work happens on one
thread, so the connection is never shared between threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from bot import logs, metrics
from bot.jobs import ReviewJob
from bot.queue.base import GiveUpHandler, JobHandler, give_up, retry_delay

log = logging.getLogger("bot.queue")
T = TypeVar("T")
RETENTION = 14 * 24 * 3600.0
"""Delivery ids and finished jobs are remembered this long (GitHub keeps deliveries for redelivery 3 days)."""
HOUSEKEEPING_INTERVAL = 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    key TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,            -- pending, running, done, failed
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at REAL NOT NULL,
    lease_until REAL NOT NULL DEFAULT 0,
    owner TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (status, run_at);
CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id TEXT PRIMARY KEY,
    received_at REAL NOT NULL
);
"""


class SqliteQueue:
    def __init__(
        self,
        path: Path,
        *,
        workers: int = 4,
        attempts: int = 6,
        retry_base: float = 5.0,
        lease_seconds: float = 60.0,
        poll_interval: float = 0.5,
        fsync: bool = False,
    ) -> None:
        self._fsync = fsync
        self._path = path
        self._workers = workers
        self._attempts = attempts
        self._retry_base = retry_base
        self._lease = lease_seconds
        self._poll = poll_interval
        self._owner = uuid.uuid4().hex
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="migreview-sqlite")
        self._db: sqlite3.Connection | None = None
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._on_give_up: GiveUpHandler | None = None
        self._pending: list[tuple[str, ReviewJob, asyncio.Future[tuple[bool, bool]]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def _run(self, function: Callable[[sqlite3.Connection], T]) -> T:
        def call() -> T:
            assert self._db is not None, "queue not started"
            with self._db:  # one transaction, committed on success, rolled back on error
                return function(self._db)

        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    async def start(self, handler: JobHandler | None, on_give_up: GiveUpHandler | None = None) -> None:
        self._on_give_up = on_give_up

        def connect() -> sqlite3.Connection:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self._path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL: a commit is in the WAL file before the webhook is answered, so it survives the process
            # being killed; only an OS crash or power cut can lose the last commits (GitHub can redeliver
            # those). FULL adds an fsync per commit, which costs milliseconds on a busy disk.
            db.execute(f"PRAGMA synchronous={'FULL' if self._fsync else 'NORMAL'}")
            db.executescript(_SCHEMA)
            db.isolation_level = "IMMEDIATE"
            return db

        self._db = await asyncio.get_running_loop().run_in_executor(self._executor, connect)
        await self._run(self._prune)
        self._tasks = [asyncio.create_task(self._housekeeping(), name="migreview-queue-housekeeping")]
        if handler is not None:
            self._tasks += [
                asyncio.create_task(self._worker(handler), name=f"migreview-worker-{i}") for i in range(self._workers)
            ]

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        if self._db is not None:
            db, self._db = self._db, None
            await asyncio.get_running_loop().run_in_executor(self._executor, db.close)
        self._executor.shutdown(wait=True)

    async def ready(self) -> bool:
        try:
            return await self._run(lambda db: db.execute("SELECT 1").fetchone() == (1,))
        except (sqlite3.Error, AssertionError):
            return False

    async def remember_delivery(self, delivery_id: str) -> bool:
        def insert(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "INSERT OR IGNORE INTO deliveries (delivery_id, received_at) VALUES (?, ?)",
                (delivery_id, time.time()),
            )
            return cursor.rowcount == 1

        return await self._run(insert)

    async def enqueue(self, job: ReviewJob) -> bool:
        queued = await self._run(lambda db: self._insert_job(db, job))
        if queued:
            self._wake.set()
        return queued

    async def accept(self, delivery_id: str, job: ReviewJob) -> tuple[bool, bool]:
        """Record the delivery and queue the job, durably, before the webhook is answered.

        Deliveries that arrive while a commit is being written are committed together in the next
        transaction (group commit): one commit (and fsync) serves many webhooks, so acknowledgement stays fast.
        """
        future: asyncio.Future[tuple[bool, bool]] = asyncio.get_running_loop().create_future()
        self._pending.append((delivery_id, job, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="migreview-queue-commit")
        return await future

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                results = await self._run(functools.partial(self._accept_batch, batch=batch))
            except Exception as error:  # every waiting webhook gets the error (and answers 500)
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, _, future), result in zip(batch, results, strict=True):
                if not future.done():  # the request may have been cancelled meanwhile
                    future.set_result(result)
            if any(queued for _, queued in results):
                self._wake.set()

    @classmethod
    def _accept_batch(
        cls, db: sqlite3.Connection, batch: list[tuple[str, ReviewJob, asyncio.Future[tuple[bool, bool]]]]
    ) -> list[tuple[bool, bool]]:
        return [
            (delivery == "" or cls._insert_delivery(db, delivery), cls._insert_job(db, job))
            for delivery, job, _ in batch
        ]

    @staticmethod
    def _insert_delivery(db: sqlite3.Connection, delivery_id: str) -> bool:
        cursor = db.execute(
            "INSERT OR IGNORE INTO deliveries (delivery_id, received_at) VALUES (?, ?)", (delivery_id, time.time())
        )
        return cursor.rowcount == 1

    @staticmethod
    def _insert_job(db: sqlite3.Connection, job: ReviewJob) -> bool:
        now = time.time()
        cursor = db.execute(
            "INSERT OR IGNORE INTO jobs (key, payload, status, run_at, created_at, updated_at)"
            " VALUES (?, ?, 'pending', ?, ?, ?)",
            (job.key, job.to_json(), now, now, now),
        )
        if cursor.rowcount == 1:
            return True
        # A job that failed for good may be asked for again (e.g. a redelivery by hand): run it afresh.
        cursor = db.execute(
            "UPDATE jobs SET status = 'pending', attempts = 0, run_at = ?, updated_at = ?"
            " WHERE key = ? AND status = 'failed'",
            (now, now, job.key),
        )
        return cursor.rowcount == 1

    async def counts(self) -> dict[str, int]:
        def read(db: sqlite3.Connection) -> dict[str, int]:
            rows = db.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall()
            return {"pending": 0, "running": 0, **{str(status): int(count) for status, count in rows}}

        return await self._run(read)

    async def status(self, key: str) -> tuple[str, int] | None:
        """(status, attempts) of a job; for operators and tests."""

        def read(db: sqlite3.Connection) -> tuple[str, int] | None:
            row = db.execute("SELECT status, attempts FROM jobs WHERE key = ?", (key,)).fetchone()
            return None if row is None else (str(row[0]), int(row[1]))

        return await self._run(read)

    @staticmethod
    def _prune(db: sqlite3.Connection) -> None:
        cutoff = time.time() - RETENTION
        db.execute("DELETE FROM deliveries WHERE received_at < ?", (cutoff,))
        db.execute("DELETE FROM jobs WHERE status IN ('done', 'failed') AND updated_at < ?", (cutoff,))

    async def _housekeeping(self) -> None:
        while True:
            await asyncio.sleep(HOUSEKEEPING_INTERVAL)
            try:
                await self._run(self._prune)
            except sqlite3.Error:
                log.exception("could not prune the queue")

    # Workers.

    async def _worker(self, handler: JobHandler) -> None:
        while True:
            try:
                claimed = await self._run(self._claim)
            except sqlite3.Error:
                log.exception("could not claim a job")
                claimed = None
            if claimed is None:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll)
                continue
            try:
                await self._process(handler, *claimed)
            except sqlite3.Error:
                # The job stays claimed; its lease runs out and it is taken again. Keep this worker alive.
                log.exception("could not record a job's outcome")

    def _claim(self, db: sqlite3.Connection) -> tuple[ReviewJob, int] | None:
        # One statement, so two processes sharing the file can never claim the same job.
        now = time.time()
        row = db.execute(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1,"
            " lease_until = ?, owner = ?, updated_at = ?"
            " WHERE key = (SELECT key FROM jobs"
            "   WHERE (status = 'pending' AND run_at <= ?) OR (status = 'running' AND lease_until < ?)"
            "   ORDER BY run_at LIMIT 1)"
            " RETURNING payload, attempts",
            (now + self._lease, self._owner, now, now, now),
        ).fetchone()
        if row is None:
            return None
        return ReviewJob.from_json(row[0]), int(row[1])

    async def _process(self, handler: JobHandler, job: ReviewJob, attempt: int) -> None:
        token = logs.job_key.set(job.key)
        delivery = logs.delivery_id.set(job.delivery_id)
        heartbeat = asyncio.create_task(self._heartbeat(job.key))
        started = time.perf_counter()
        try:
            await handler(job)
        except asyncio.CancelledError:
            # Shutting down: hand the job back at once rather than waiting for the lease to run out.
            await asyncio.shield(self._run(lambda db: self._set(db, job.key, "pending", time.time(), "", attempt - 1)))
            raise
        except Exception as error:
            await self._failed(job, attempt, error)
        else:
            await self._run(lambda db: self._set(db, job.key, "done", time.time(), "", attempt))
            metrics.JOBS.labels(outcome="succeeded").inc()
            log.info("job done", extra={"attempt": attempt})
        finally:
            heartbeat.cancel()
            metrics.JOB_SECONDS.observe(time.perf_counter() - started)
            logs.job_key.reset(token)
            logs.delivery_id.reset(delivery)

    async def _failed(self, job: ReviewJob, attempt: int, error: Exception) -> None:
        message = f"{type(error).__name__}: {error}"[:2000]
        if attempt >= self._attempts:
            await self._run(lambda db: self._set(db, job.key, "failed", time.time(), message, attempt))
            metrics.JOBS.labels(outcome="failed").inc()
            log.error("job failed for good", extra={"attempt": attempt, "error": message})
            await give_up(self._on_give_up, job, error)
            return
        delay = retry_delay(error, attempt, self._retry_base)
        await self._run(lambda db: self._set(db, job.key, "pending", time.time() + delay, message, attempt))
        metrics.JOBS.labels(outcome="retried").inc()
        log.warning("job will be retried", extra={"attempt": attempt, "delay": round(delay, 3), "error": message})

    def _set(self, db: sqlite3.Connection, key: str, status: str, run_at: float, error: str, attempts: int) -> None:
        db.execute(
            "UPDATE jobs SET status = ?, run_at = ?, last_error = ?, attempts = ?,"
            " lease_until = 0, updated_at = ?"
            " WHERE key = ? AND owner = ?",
            (status, run_at, error, attempts, time.time(), key, self._owner),
        )

    async def _heartbeat(self, key: str) -> None:
        while True:
            await asyncio.sleep(self._lease / 3)
            await self._run(
                lambda db: db.execute(
                    "UPDATE jobs SET lease_until = ? WHERE key = ? AND owner = ? AND status = 'running'",
                    (time.time() + self._lease, key, self._owner),
                )
            )
