"""A worker-only process: ``python -m bot.worker`` runs review jobs without serving webhooks.

Use it with ``MIGREVIEW_RUN_WORKER=false`` on the web replicas, to scale reviews apart from webhooks
(with ``MIGREVIEW_QUEUE_URL=redis://...``; the SQLite queue works only on the host that holds the file).
"""

from __future__ import annotations

import asyncio
import logging
import signal

from bot import logs
from bot.app import make_queue
from bot.review_job import ReviewRunner
from bot.settings import Settings, SettingsError

log = logging.getLogger("bot.worker")


async def run(settings: Settings) -> None:
    runner = ReviewRunner.from_settings(settings)
    queue = make_queue(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await queue.start(runner.run, runner.give_up)
    log.info("migreview worker started", extra={"queue": "redis" if settings.uses_redis else "sqlite"})
    try:
        await stop.wait()
    finally:
        await queue.close()
        await runner.aclose()


def main() -> None:
    logs.configure()
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise SystemExit(f"migreview worker: configuration error: {error}") from None
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()
