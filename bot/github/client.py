"""The HTTP layer under every GitHub call: timeouts, retries with backoff and jitter, rate limits, pages.

Retrying is split by what is safe. Reads and updates (GET, PATCH, PUT, DELETE) are retried on 5xx answers
and on network errors. A POST creates something, so it is retried only when GitHub certainly did not act
on it (the connection was never made, or a rate limit rejected it); otherwise the error goes up and the
job, which is idempotent, runs again and finds what was already created.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot import metrics
from bot.github.errors import GitHubError, GitHubUnavailable, RateLimited
from bot.settings import RetrySettings

log = logging.getLogger("bot.github")

API_VERSION = "2022-11-28"
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE"})
READS = frozenset({"GET", "HEAD"})
SECONDARY_LIMIT_WAIT = 60.0
MAX_PAGES = 100

Sleep = Callable[[float], Awaitable[None]]


class GitHubHttp:
    """One connection pool to one GitHub API root (public GitHub or GitHub Enterprise Server)."""

    def __init__(
        self,
        base_url: str,
        retry: RetrySettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._retry = retry
        self._sleep = sleep
        self._clock = clock
        self._writes = asyncio.Lock()
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            timeout=httpx.Timeout(retry.read_timeout, connect=retry.connect_timeout),
            headers={
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": API_VERSION,
                "User-Agent": "migreview-bot",
            },
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(
        self,
        method: str,
        url: str,
        *,
        endpoint: str,
        token: str,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
    ) -> httpx.Response:
        """Send one request, retrying what is safe to retry; raise a GitHubError when giving up."""
        method = method.upper()
        if method in READS:
            return await self._send(method, url, endpoint, token, json, params)
        # GitHub asks integrators to make content-creating requests one at a time (secondary limits).
        async with self._writes:
            return await self._send(method, url, endpoint, token, json, params)

    async def paginate(
        self, url: str, *, endpoint: str, token: str, params: Mapping[str, str | int] | None = None
    ) -> list[Any]:
        """All items of a list endpoint, following ``Link: rel="next"`` (100 per page)."""
        items: list[Any] = []
        next_url: str | None = url
        next_params: Mapping[str, str | int] | None = {"per_page": 100, **(params or {})}
        for _ in range(MAX_PAGES):
            if next_url is None:
                return items
            response = await self.request("GET", next_url, endpoint=endpoint, token=token, params=next_params)
            page = response.json()
            if not isinstance(page, list):
                raise GitHubError(endpoint, response.status_code, "expected a list")
            items.extend(page)
            next_url = self._same_origin(response.links.get("next", {}).get("url"))
            next_params = None  # the next link carries its own query
        log.warning("stopped paginating after %d pages", MAX_PAGES, extra={"endpoint": endpoint})
        return items

    async def _send(
        self,
        method: str,
        url: str,
        endpoint: str,
        token: str,
        json: Any,
        params: Mapping[str, str | int] | None,
    ) -> httpx.Response:
        attempts = self._retry.attempts
        headers = {"Authorization": f"Bearer {token}"}
        for attempt in range(1, attempts + 1):
            started = time.perf_counter()
            try:
                response = await self._client.request(method, url, json=json, params=params, headers=headers)
            except httpx.TransportError as error:
                self._observe(endpoint, type(error).__name__, started)
                if attempt == attempts or not _may_retry_error(method, error):
                    raise GitHubUnavailable(endpoint, f"{type(error).__name__}: {error}") from error
                delay = self._backoff(attempt)
                log.info("retrying after %s", type(error).__name__, extra={"endpoint": endpoint, "delay": delay})
                await self._sleep(delay)
                continue
            self._observe(endpoint, str(response.status_code), started)
            if response.status_code < 400:
                return response
            wait = self._rate_limit_wait(response, attempt)
            if wait is not None:
                if wait > self._retry.max_rate_limit_wait or attempt == attempts:
                    raise RateLimited(endpoint, response.status_code, self._clock() + wait)
                log.warning("rate limited", extra={"endpoint": endpoint, "wait": wait})
                await self._sleep(wait)
                continue
            if response.status_code >= 500 and method in IDEMPOTENT and attempt < attempts:
                delay = self._backoff(attempt)
                log.info("retrying after HTTP %d", response.status_code, extra={"endpoint": endpoint})
                await self._sleep(delay)
                continue
            raise GitHubError(endpoint, response.status_code, _message(response))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._retry.max_delay, self._retry.base_delay * 2.0 ** (attempt - 1))
        return ceiling * random.uniform(0.5, 1.0)

    def _rate_limit_wait(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait when ``response`` is a rate limit (primary or secondary), else None."""
        if response.status_code not in (403, 429):
            return None
        retry_after = response.headers.get("retry-after")
        if retry_after is not None:
            try:
                return max(0.0, float(retry_after))
            except ValueError:
                return SECONDARY_LIMIT_WAIT
        if response.headers.get("x-ratelimit-remaining") == "0":
            try:
                reset = float(response.headers.get("x-ratelimit-reset", ""))
            except ValueError:
                return SECONDARY_LIMIT_WAIT
            return max(1.0, reset - self._clock() + 1.0)
        if response.status_code == 429 or "rate limit" in _message(response).lower():
            # A secondary limit without Retry-After: at least a minute, then exponentially longer.
            return SECONDARY_LIMIT_WAIT * 2.0 ** (attempt - 1)
        return None

    def _observe(self, endpoint: str, status: str, started: float) -> None:
        metrics.GITHUB_CALLS.labels(endpoint=endpoint, status=status).inc()
        metrics.GITHUB_SECONDS.labels(endpoint=endpoint).observe(time.perf_counter() - started)

    def _same_origin(self, url: str | None) -> str | None:
        """A pagination link is followed only to the API root we were configured with."""
        if url is None:
            return None
        base, link = urlsplit(self.base_url), urlsplit(url)
        if (link.scheme, link.netloc) != (base.scheme, base.netloc):
            log.warning("ignored a pagination link to another host", extra={"url": url})
            return None
        return url


def _may_retry_error(method: str, error: httpx.TransportError) -> bool:
    if method in IDEMPOTENT:
        return True
    # For a POST only errors raised before the request was sent are safe to retry.
    return isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        return str(body.get("message", ""))[:500]
    return ""
