"""Shared set-up for the bot's tests: an App key, the GitHub stand-in and the bot, both on real uvicorn."""

from __future__ import annotations

import copy
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from github_standin import GitHubStandIn, ServerThread

from bot import signature
from bot.settings import RetrySettings, Settings

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "It's a Secret to Everybody"
APP_ID = "12345"
OWNER, REPO = "Codertocat", "Hello-World"
REDIS_URL = os.environ.get("MIGREVIEW_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
"""The real Redis the arq queue is tested against; its tests fail (never skip) when it is down."""


@pytest.fixture(scope="session")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def private_pem(private_key: rsa.RSAPrivateKey) -> str:
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def standin(private_key: rsa.RSAPrivateKey) -> Iterator[GitHubStandIn]:
    github = GitHubStandIn(private_key.public_key(), APP_ID)
    with ServerThread(github.app) as server:
        github.url = server.url  # type: ignore[attr-defined]
        yield github


@pytest.fixture
def settings(standin: GitHubStandIn, private_pem: str, tmp_path: Path) -> Settings:
    """Settings for a bot talking to the stand-in, with retry delays shrunk to keep the suite fast."""
    return Settings(
        app_id=APP_ID,
        private_key_pem=private_pem,
        webhook_secret=SECRET.encode(),
        github_api_url=standin.url,  # type: ignore[attr-defined]
        data_dir=tmp_path / "data",
        workers=2,
        job_attempts=5,
        job_retry_delay=0.05,
        job_lease_seconds=1.5,
        retry=RetrySettings(attempts=4, base_delay=0.01, max_delay=0.1, max_rate_limit_wait=5, read_timeout=2.0),
    )


def with_retry(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, retry=replace(settings.retry, **changes))


def pull_request_event(number: int, head_sha: str, *, action: str = "opened", draft: bool = False) -> dict[str, Any]:
    """GitHub's real example ``pull_request.opened`` delivery, pointed at our pull request."""
    payload: dict[str, Any] = copy.deepcopy(json.loads((FIXTURES / "pull_request_opened.json").read_text()))
    payload["action"] = action
    payload["number"] = number
    payload["pull_request"]["number"] = number
    payload["pull_request"]["draft"] = draft
    payload["pull_request"]["head"]["sha"] = head_sha
    payload["installation"]["id"] = 77
    return payload


def deliver(
    url: str, payload: Any, *, event: str = "pull_request", delivery: str | None = None, secret: str = SECRET
) -> httpx.Response:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
        "X-Hub-Signature-256": signature.sign(secret.encode(), body),
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/abc123",
    }
    return httpx.post(f"{url}/webhook", content=body, headers=headers, timeout=10)


def wait_until(condition: Callable[[], bool], timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def check_completed(github: GitHubStandIn) -> bool:
    return any(run["status"] == "completed" for run in github.check_runs)
