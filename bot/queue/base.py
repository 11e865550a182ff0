"""What the web process needs from a queue, whichever backs it."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.github.errors import RateLimited
from bot.jobs import ReviewJob

JobHandler = Callable[[ReviewJob], Awaitable[None]]
MAX_RETRY_DELAY = 15 * 60.0


class JobQueue(Protocol):
    async def start(self, handler: JobHandler | None) -> None:
        """Open the queue; with a handler, also run workers in this process."""

    async def close(self) -> None: ...

    async def remember_delivery(self, delivery_id: str) -> bool:
        """Record a webhook delivery id; False when it was seen before (a redelivery)."""

    async def enqueue(self, job: ReviewJob) -> bool:
        """Queue ``job`` unless one with its key is queued, running or done; True when queued."""

    async def accept(self, delivery_id: str, job: ReviewJob) -> tuple[bool, bool]:
        """Record the delivery and queue the job at once: (first time this delivery is seen, job queued)."""

    async def ready(self) -> bool: ...


def retry_delay(error: BaseException, attempt: int, base: float) -> float:
    """Seconds before a failed job runs again: exponential, or until a rate limit resets."""
    delay = min(MAX_RETRY_DELAY, base * 2.0 ** max(0, attempt - 1))
    if isinstance(error, RateLimited):
        delay = max(delay, error.retry_at - time.time())
    return delay
