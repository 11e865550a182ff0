"""Authenticating as the App (a short-lived RS256 JWT) and as an installation (cached access tokens)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from bot.github.client import GitHubHttp
from bot.github.errors import GitHubError

CLOCK_SKEW = 60
"""``iat`` is backdated by this much so that a GitHub clock slightly behind ours accepts the token."""
JWT_LIFETIME = 9 * 60
"""Seconds from ``iat`` to ``exp``; GitHub refuses more than ten minutes."""
REFRESH_MARGIN = 5 * 60
"""Tokens are renewed this long before they expire, so no request starts with a dying token."""


def app_jwt(app_id: str, key: RSAPrivateKey, now: float) -> str:
    issued = int(now) - CLOCK_SKEW
    return jwt.encode({"iat": issued, "exp": issued + JWT_LIFETIME, "iss": app_id}, key, algorithm="RS256")


@dataclass(frozen=True)
class _Token:
    value: str
    expires_at: float


class AppAuth:
    """Hands out the App JWT and per-installation tokens, each cached until shortly before expiry."""

    def __init__(
        self, http: GitHubHttp, app_id: str, key: RSAPrivateKey, clock: Callable[[], float] = time.time
    ) -> None:
        self._http = http
        self._app_id = app_id
        self._key = key
        self._clock = clock
        self._jwt: _Token | None = None
        self._tokens: dict[int, _Token] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._slug: str | None = None

    def jwt(self) -> str:
        now = self._clock()
        if self._jwt is None or self._jwt.expires_at - now < 60:
            value = app_jwt(self._app_id, self._key, now)
            self._jwt = _Token(value, now - CLOCK_SKEW + JWT_LIFETIME)
        return self._jwt.value

    async def installation_token(self, installation_id: int) -> str:
        cached = self._tokens.get(installation_id)
        if cached and cached.expires_at - self._clock() > REFRESH_MARGIN:
            return cached.value
        lock = self._locks.setdefault(installation_id, asyncio.Lock())
        async with lock:  # one refresh per installation, however many jobs ask at once
            cached = self._tokens.get(installation_id)
            if cached and cached.expires_at - self._clock() > REFRESH_MARGIN:
                return cached.value
            endpoint = "apps.create-installation-access-token"
            response = await self._http.request(
                "POST",
                f"/app/installations/{installation_id}/access_tokens",
                endpoint=endpoint,
                token=self.jwt(),
            )
            body = response.json()
            try:
                token = _Token(str(body["token"]), _parse_time(str(body["expires_at"])))
            except (KeyError, TypeError, ValueError):
                raise GitHubError(endpoint, response.status_code, "malformed access token answer") from None
            self._tokens[installation_id] = token
            return token.value

    def forget(self, installation_id: int) -> None:
        """Drop a cached token that GitHub no longer accepts (revoked, or the App was reinstalled)."""
        self._tokens.pop(installation_id, None)

    async def app_slug(self) -> str:
        """The App's slug; its comments are posted as ``<slug>[bot]``, which is how we recognise them."""
        if self._slug is None:
            response = await self._http.request("GET", "/app", endpoint="apps.get-authenticated", token=self.jwt())
            self._slug = str(response.json()["slug"])
        return self._slug


def _parse_time(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
