"""The web service: ``uvicorn bot.app:app``. Acknowledges webhooks fast and leaves the work to jobs."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot import logs, metrics, signature
from bot.engine import review_snapshot
from bot.queue.base import JobQueue
from bot.queue.redis import RedisQueue
from bot.queue.sqlite import SqliteQueue
from bot.review_job import Engine, ReviewRunner
from bot.settings import Settings, SettingsError
from bot.webhook import BadPayload, Skip, job_for

log = logging.getLogger("bot.webhook")
_DELIVERY = re.compile(r"^[A-Za-z0-9-]{1,100}$")


def make_queue(settings: Settings) -> JobQueue:
    if settings.uses_redis:
        return RedisQueue(
            settings.queue_url,
            queue_name=settings.queue_name,
            workers=settings.workers,
            attempts=settings.job_attempts,
            retry_base=settings.job_retry_delay,
            job_timeout=settings.job_timeout,
        )
    return SqliteQueue(
        settings.data_dir / "queue.sqlite3",
        workers=settings.workers,
        attempts=settings.job_attempts,
        retry_base=settings.job_retry_delay,
        lease_seconds=settings.job_lease_seconds,
        fsync=settings.queue_fsync,
    )


def create_app(settings: Settings, *, engine: Engine = review_snapshot) -> FastAPI:
    """The service; ``engine`` is the review step (the real engine unless a test formats given findings)."""
    queue = make_queue(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        logs.configure()
        runner = ReviewRunner.from_settings(settings, engine)
        if settings.run_worker:
            await queue.start(runner.run, runner.give_up)
        else:
            await queue.start(None)
        log.info("migreview bot started", extra={"queue": "redis" if settings.uses_redis else "sqlite"})
        try:
            yield
        finally:
            await queue.close()
            await runner.aclose()

    app = FastAPI(title="migreview", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/webhook")
    async def webhook(request: Request) -> Response:
        started = time.perf_counter()
        event = request.headers.get("x-github-event", "")
        delivery = request.headers.get("x-github-delivery", "")
        if not _DELIVERY.match(delivery):
            delivery = ""
        logs.delivery_id.set(delivery)
        response = await _handle(request, settings, queue, event, delivery)
        metrics.WEBHOOK_SECONDS.observe(time.perf_counter() - started)
        return response

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> Response:
        if await queue.ready():
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "queue unavailable"}, status_code=503)

    @app.get("/metrics")
    async def prometheus() -> Response:
        try:
            for status, count in (await queue.counts()).items():
                metrics.QUEUE_JOBS.labels(status=status).set(count)
        except Exception:  # the other metrics are still worth serving
            log.exception("could not read the queue's size")
        return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return app


async def _handle(request: Request, settings: Settings, queue: JobQueue, event: str, delivery: str) -> Response:
    def answer(status: int, outcome: str, body: dict[str, Any] | None = None) -> Response:
        metrics.WEBHOOKS.labels(event=event[:40] or "none", outcome=outcome).inc()
        # One JSON line per delivery (the access log): uvicorn's own is better turned off (--no-access-log).
        log.log(
            logging.WARNING if status >= 400 else logging.INFO,
            "webhook %s",
            outcome,
            extra={"event": event[:40], "status": status},
        )
        if body is None:
            return Response(status_code=status)
        return JSONResponse(body, status_code=status)

    body = await _read_limited(request, settings.max_body_bytes)
    if body is None:
        return answer(413, "too_large", {"error": "payload too large"})
    # Nothing of the body is looked at before the signature proves it came from GitHub.
    if not signature.is_valid(settings.webhook_secret, body, request.headers.get("x-hub-signature-256")):
        return answer(401, "bad_signature", {"error": "missing or invalid X-Hub-Signature-256"})
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return answer(400, "malformed", {"error": "body is not JSON"})
    if not isinstance(payload, dict):
        return answer(400, "malformed", {"error": "body is not a JSON object"})
    if event == "ping":
        return answer(200, "ping", {"status": "pong"})
    if event != "pull_request":
        return answer(204, "ignored")
    try:
        decision = job_for(payload, delivery, review_drafts=settings.review_drafts)
    except BadPayload as error:
        return answer(400, "malformed", {"error": str(error)})
    if isinstance(decision, Skip):
        return answer(200, "skipped", {"status": "skipped", "reason": decision.reason})
    logs.job_key.set(decision.key)
    first_delivery, queued = await queue.accept(delivery, decision)
    if queued:
        metrics.JOBS.labels(outcome="enqueued").inc()
        return answer(202, "queued", {"status": "queued", "job": decision.key})
    metrics.JOBS.labels(outcome="duplicate").inc()
    outcome = "duplicate" if first_delivery else "redelivery"
    return answer(202, outcome, {"status": outcome, "job": decision.key})


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The raw body, or None past ``limit`` bytes (checked before and while reading)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def __getattr__(name: str) -> FastAPI:
    """``bot.app:app`` is built from the environment on first use: importing the module needs no config."""
    if name != "app":
        raise AttributeError(name)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise SystemExit(f"migreview bot: configuration error: {error}") from None
    application = create_app(settings)
    globals()["app"] = application
    return application
