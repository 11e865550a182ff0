"""Job queues: durable SQLite for one host (the default), arq on Redis for several replicas."""

from bot.queue.base import JobHandler, JobQueue, retry_delay

__all__ = ["JobHandler", "JobQueue", "retry_delay"]
