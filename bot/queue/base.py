"""What the web process needs from a queue, whichever backs it."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.github.errors import RateLimited
from bot.jobs import ReviewJob

JobHandler = Callable[[ReviewJob], Awaitable[None]]
GiveUpHandler = Callable[[ReviewJob, BaseException], Awaitable[None]]
"""Called once when a job has failed its last attempt (to say so on the pull request)."""
MAX_RETRY_DELAY = 15 * 60.0
log = logging.getLogger("bot.queue")


class JobQueue(Protocol):
    async def start(self, handler: JobHandler | None, on_give_up: GiveUpHandler | None = None) -> None:
        """Open the queue; with a handler, also run workers in this process."""

    async def close(self) -> None: ...

    async def remember_delivery(self, delivery_id: str) -> bool:
        """Record a webhook delivery id; False when it was seen before (a redelivery)."""

    async def enqueue(self, job: ReviewJob) -> bool:
        """Queue ``job`` unless one with its key is queued, running or done; True when queued."""

    async def accept(self, delivery_id: str, job: ReviewJob) -> tuple[bool, bool]:
        """Record the delivery and queue the job at once: (first time this delivery is seen, job queued)."""

    async def ready(self) -> bool: ...

    async def counts(self) -> dict[str, int]:
        """Jobs by status, for the queue gauge."""


def retry_delay(error: BaseException, attempt: int, base: float) -> float:
    """Seconds before a failed job runs again: exponential, or until a rate limit resets."""
    delay = min(MAX_RETRY_DELAY, base * 2.0 ** max(0, attempt - 1))
    if isinstance(error, RateLimited):
        delay = max(delay, error.retry_at - time.time())
    return delay


async def give_up(on_give_up: GiveUpHandler | None, job: ReviewJob, error: BaseException) -> None:
    """Run the give-up hook; its own failure is logged, never raised into the queue."""
    if on_give_up is None:
        return
    try:
        await on_give_up(job, error)
    except Exception:
        log.exception("could not report the failed job")
