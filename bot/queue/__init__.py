"""Job queues: durable SQLite for one host (the default), arq on Redis for several replicas."""

from bot.queue.base import GiveUpHandler, JobHandler, JobQueue, retry_delay

__all__ = ["GiveUpHandler", "JobHandler", "JobQueue", "retry_delay"]
