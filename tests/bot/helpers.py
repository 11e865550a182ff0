"""Helpers shared by the bot's tests: constants, signed deliveries, waiting."""

from __future__ import annotations

import copy
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from bot import signature
from bot.settings import Settings
from tests.bot.github_standin import GitHubStandIn

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "It's a Secret to Everybody"
APP_ID = "12345"
OWNER, REPO = "Codertocat", "Hello-World"
REDIS_URL = os.environ.get("MIGREVIEW_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
"""The real Redis the arq queue is tested against; its tests fail (never skip) when it is down."""


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
