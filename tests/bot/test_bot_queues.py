"""Both queues: SQLite on disk (the default) and arq on the real Redis of this machine."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from bot.jobs import ReviewJob
from bot.queue.redis import RedisQueue
from bot.queue.sqlite import SqliteQueue
from tests.bot.helpers import REDIS_URL


def a_job(number: int = 1) -> ReviewJob:
    return ReviewJob(77, "octo", "shop", number, uuid.uuid4().hex + "0" * 8, delivery_id=str(uuid.uuid4()))


async def wait_for(condition: object, timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not await condition():  # type: ignore[operator]
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)


async def test_sqlite_job_survives_a_restart(tmp_path: Path) -> None:
    job = a_job()
    queue = SqliteQueue(tmp_path / "q.sqlite3")
    await queue.start(None)
    assert await queue.enqueue(job)
    await queue.close()

    ran: list[ReviewJob] = []

    async def handler(received: ReviewJob) -> None:
        ran.append(received)

    reopened = SqliteQueue(tmp_path / "q.sqlite3", poll_interval=0.05)
    await reopened.start(handler)
    try:
        await wait_for(lambda: _status_is(reopened, job.key, "done"))
    finally:
        await reopened.close()
    assert ran == [job]


async def _status_is(queue: SqliteQueue, key: str, status: str) -> bool:
    found = await queue.status(key)
    return found is not None and found[0] == status


async def test_sqlite_is_idempotent_per_key_and_deliveries_are_remembered(tmp_path: Path) -> None:
    queue = SqliteQueue(tmp_path / "q.sqlite3")
    await queue.start(None)
    try:
        job = a_job()
        assert await queue.enqueue(job)
        assert not await queue.enqueue(job)
        assert await queue.remember_delivery("d-1")
        assert not await queue.remember_delivery("d-1")
        assert await queue.ready()
    finally:
        await queue.close()


async def test_sqlite_retries_a_failing_job_then_gives_up_and_can_be_asked_again(tmp_path: Path) -> None:
    calls: list[int] = []

    async def flaky(job: ReviewJob) -> None:
        calls.append(1)
        raise RuntimeError("GitHub is down")

    queue = SqliteQueue(tmp_path / "q.sqlite3", attempts=3, retry_base=0.01, poll_interval=0.02)
    await queue.start(flaky)
    job = a_job()
    try:
        await queue.enqueue(job)
        await wait_for(lambda: _status_is(queue, job.key, "failed"))
        assert len(calls) == 3
        assert await queue.enqueue(job)  # asked again (e.g. redelivered by hand): runs afresh
        await wait_for(lambda: _status_is(queue, job.key, "failed"))
        assert len(calls) == 6
    finally:
        await queue.close()


async def test_sqlite_reclaims_a_job_whose_worker_died(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    job = a_job()
    first = SqliteQueue(path)
    await first.start(None)
    await first.enqueue(job)
    await first.close()
    # What a process killed mid-job leaves behind: the job running, its lease no longer renewed.
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE jobs SET status = 'running', attempts = 1, owner = 'dead', lease_until = ? WHERE key = ?",
            (time.time() + 0.3, job.key),
        )
    done: list[ReviewJob] = []

    async def works(received: ReviewJob) -> None:
        done.append(received)

    second = SqliteQueue(path, poll_interval=0.02)
    await second.start(works)
    try:
        await asyncio.sleep(0.1)
        assert done == []  # the lease still holds
        await wait_for(lambda: _status_is(second, job.key, "done"))
    finally:
        await second.close()
    assert done == [job]
    assert await _attempts(path, job.key) == 2


async def _attempts(path: Path, key: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT attempts FROM jobs WHERE key = ?", (key,)).fetchone()[0])


async def test_redis_queue_runs_each_key_once() -> None:
    """Runs against the real Redis (MIGREVIEW_TEST_REDIS_URL); fails, never skips, when it is down."""
    ran: list[ReviewJob] = []

    async def handler(job: ReviewJob) -> None:
        ran.append(job)

    queue = RedisQueue(REDIS_URL, queue_name=f"migreview:test:{uuid.uuid4().hex}", retry_base=0.01)
    await queue.start(handler)
    job = a_job()
    try:
        assert await queue.ready()
        assert await queue.enqueue(job)
        assert not await queue.enqueue(job)
        delivery = str(uuid.uuid4())
        assert await queue.remember_delivery(delivery)
        assert not await queue.remember_delivery(delivery)
        await asyncio.wait_for(_until(lambda: len(ran) == 1), 10)
        assert not await queue.enqueue(job)  # done: the result is kept, so the same commit is not reviewed again
        await asyncio.sleep(0.5)
        assert ran == [job]
        assert await queue.counts() == {"queued": 0}
    finally:
        await queue.pool.delete(f"arq:result:{job.key}", f"migreview:delivery:{delivery}")
        await queue.close()


async def test_redis_queue_retries_a_failing_job() -> None:
    attempts: list[int] = []

    async def flaky(job: ReviewJob) -> None:
        attempts.append(1)
        if len(attempts) < 3:
            raise RuntimeError("GitHub is down")

    queue = RedisQueue(REDIS_URL, queue_name=f"migreview:test:{uuid.uuid4().hex}", retry_base=0.01)
    await queue.start(flaky)
    job = a_job()
    try:
        await queue.enqueue(job)
        await asyncio.wait_for(_until(lambda: len(attempts) == 3), 15)
    finally:
        await queue.pool.delete(f"arq:result:{job.key}")
        await queue.close()


async def _until(condition: object) -> None:
    while not condition():  # type: ignore[operator]
        await asyncio.sleep(0.02)


def test_redis_url_is_reachable() -> None:
    """A separate, explicit failure when Redis is not there, so the cause is obvious."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        assert client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis at {REDIS_URL} is unreachable ({error}); set MIGREVIEW_TEST_REDIS_URL")


async def test_sqlite_forgets_old_deliveries_and_finished_jobs(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    old, fresh = a_job(1), a_job(2)
    queue = SqliteQueue(path)
    await queue.start(None)
    await queue.enqueue(old)
    await queue.enqueue(fresh)
    await queue.remember_delivery("old-delivery")
    await queue.close()
    long_ago = time.time() - 30 * 24 * 3600
    with sqlite3.connect(path) as db:
        db.execute("UPDATE jobs SET status = 'done', updated_at = ? WHERE key = ?", (long_ago, old.key))
        db.execute("UPDATE deliveries SET received_at = ?", (long_ago,))
    reopened = SqliteQueue(path)
    await reopened.start(None)
    try:
        assert await reopened.status(old.key) is None
        assert await reopened.status(fresh.key) == ("pending", 0)
        assert await reopened.remember_delivery("old-delivery")
    finally:
        await reopened.close()


async def test_sqlite_commits_concurrent_deliveries_together_and_correctly(tmp_path: Path) -> None:
    queue = SqliteQueue(tmp_path / "q.sqlite3")
    await queue.start(None)
    job = a_job()
    try:
        results = await asyncio.gather(*(queue.accept(f"delivery-{i}", job) for i in range(50)))
        again = await queue.accept("delivery-7", job)
    finally:
        await queue.close()
    assert all(first for first, _ in results)
    assert sum(queued for _, queued in results) == 1
    assert again == (False, False)


async def test_sqlite_fsyncs_every_commit_when_asked(tmp_path: Path) -> None:
    queue = SqliteQueue(tmp_path / "q.sqlite3", fsync=True)
    await queue.start(None)
    try:
        assert await queue.enqueue(a_job())
        full = await queue._run(lambda db: db.execute("PRAGMA synchronous").fetchone()[0])
    finally:
        await queue.close()
    assert full == 2  # FULL
