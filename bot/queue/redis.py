"""The queue for several replicas: arq on Redis.

arq gives each job an id; enqueueing an id that is queued, running or still has a stored result is a
no-op, which makes the job key (repository, pull request, head commit) idempotent across replicas.
Results are kept for a week so that a redelivery within that time does not review the commit again.
A worker that dies mid-job leaves the job to arq, which runs it again once its in-progress mark expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from arq import Worker, func
from arq.connections import ArqRedis, RedisSettings, create_pool
from arq.constants import result_key_prefix
from arq.jobs import Job
from arq.worker import Retry

from bot import logs, metrics
from bot.jobs import ReviewJob
from bot.queue.base import GiveUpHandler, JobHandler, give_up, retry_delay

log = logging.getLogger("bot.queue")

TASK = "migreview.review"
KEEP_RESULT = 7 * 24 * 3600
DELIVERY_TTL = 14 * 24 * 3600


class RedisQueue:
    def __init__(
        self,
        url: str,
        *,
        queue_name: str = "migreview:queue",
        workers: int = 4,
        attempts: int = 6,
        retry_base: float = 5.0,
        job_timeout: float = 600.0,
    ) -> None:
        self._settings = RedisSettings.from_dsn(url)
        self._queue_name = queue_name
        self._workers = workers
        self._attempts = attempts
        self._retry_base = retry_base
        self._job_timeout = job_timeout
        self._pool: ArqRedis | None = None
        self._worker: Worker | None = None
        self._worker_task: asyncio.Task[None] | None = None

    @property
    def pool(self) -> ArqRedis:
        assert self._pool is not None, "queue not started"
        return self._pool

    async def start(self, handler: JobHandler | None, on_give_up: GiveUpHandler | None = None) -> None:
        self._pool = await create_pool(self._settings, default_queue_name=self._queue_name)
        if handler is not None:
            self._worker = Worker(
                functions=[func(_run_job, name=TASK, max_tries=self._attempts, timeout=self._job_timeout)],
                redis_pool=self._pool,
                queue_name=self._queue_name,
                handle_signals=False,  # uvicorn owns the signals
                max_jobs=self._workers,
                keep_result=KEEP_RESULT,
                poll_delay=0.2,
                ctx={
                    "handler": handler,
                    "give_up": on_give_up,
                    "attempts": self._attempts,
                    "retry_base": self._retry_base,
                },
            )
            self._worker_task = asyncio.create_task(self._worker.async_run(), name="migreview-arq-worker")

    async def close(self) -> None:
        if self._worker is not None:
            await self._worker.close()
        if self._worker_task is not None:
            self._worker_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker_task
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None

    async def ready(self) -> bool:
        try:
            return bool(await self.pool.ping())
        except Exception:  # any connection problem means not ready
            return False

    async def counts(self) -> dict[str, int]:
        return {"queued": int(await self.pool.zcard(self._queue_name))}

    async def remember_delivery(self, delivery_id: str) -> bool:
        return bool(await self.pool.set(f"migreview:delivery:{delivery_id}", "1", nx=True, ex=DELIVERY_TTL))

    async def accept(self, delivery_id: str, job: ReviewJob) -> tuple[bool, bool]:
        first = delivery_id == "" or await self.remember_delivery(delivery_id)
        return first, await self.enqueue(job)

    async def enqueue(self, job: ReviewJob) -> bool:
        if await self.pool.enqueue_job(TASK, job.to_json(), _job_id=job.key, _queue_name=self._queue_name):
            return True
        # A job that failed for good may be asked for again: drop its stored failure and queue it afresh.
        info = await Job(job.key, self.pool, _queue_name=self._queue_name).result_info()
        if info is None or info.success:
            return False
        await self.pool.delete(result_key_prefix + job.key)
        return (
            await self.pool.enqueue_job(TASK, job.to_json(), _job_id=job.key, _queue_name=self._queue_name) is not None
        )


async def _run_job(ctx: dict[str, Any], payload: str) -> None:
    job = ReviewJob.from_json(payload)
    handler: JobHandler = ctx["handler"]
    attempt = int(ctx.get("job_try", 1))
    token = logs.job_key.set(job.key)
    delivery = logs.delivery_id.set(job.delivery_id)
    started = time.perf_counter()
    try:
        await handler(job)
    except Exception as error:
        if attempt >= int(ctx["attempts"]):
            metrics.JOBS.labels(outcome="failed").inc()
            log.error("job failed for good", extra={"attempt": attempt, "error": str(error)})
            await give_up(ctx.get("give_up"), job, error)
            raise
        delay = retry_delay(error, attempt, float(ctx["retry_base"]))
        metrics.JOBS.labels(outcome="retried").inc()
        log.warning("job will be retried", extra={"attempt": attempt, "delay": round(delay, 3), "error": str(error)})
        raise Retry(defer=delay) from error
    else:
        metrics.JOBS.labels(outcome="succeeded").inc()
    finally:
        metrics.JOB_SECONDS.observe(time.perf_counter() - started)
        logs.job_key.reset(token)
        logs.delivery_id.reset(delivery)
