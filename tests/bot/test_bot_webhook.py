"""The webhook endpoint against the bot served by real uvicorn: what it accepts, refuses and ignores."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from bot import signature
from bot.app import create_app
from bot.settings import Settings
from tests.bot.github_standin import ServerThread
from tests.bot.helpers import FIXTURES, SECRET, deliver, pull_request_event

HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"


@pytest.fixture
def bot_url(settings: Settings) -> Iterator[str]:
    # No worker: these tests look only at how deliveries are answered.
    quiet = Settings(**{**settings.__dict__, "run_worker": False, "max_body_bytes": 200_000})
    with ServerThread(create_app(quiet)) as server:
        yield server.url


def test_pull_request_is_queued_with_202(bot_url: str) -> None:
    response = deliver(bot_url, pull_request_event(2, HEAD))
    assert response.status_code == 202
    assert response.json() == {"status": "queued", "job": f"Codertocat/Hello-World#2@{HEAD}"}


def test_redelivery_queues_nothing_twice(bot_url: str) -> None:
    payload = pull_request_event(2, HEAD)
    first = deliver(bot_url, payload, delivery="72d3162e-cc78-11e3-81ab-4c9367dc0958")
    again = deliver(bot_url, payload, delivery="72d3162e-cc78-11e3-81ab-4c9367dc0958")
    other_delivery_same_commit = deliver(bot_url, pull_request_event(2, HEAD, action="reopened"))
    assert first.json()["status"] == "queued"
    assert again.status_code == 202 and again.json()["status"] == "redelivery"
    assert other_delivery_same_commit.json()["status"] == "duplicate"


def test_wrong_signature_is_refused_before_parsing(bot_url: str) -> None:
    response = deliver(bot_url, b"{not even json", secret="wrong secret")
    assert response.status_code == 401


def test_missing_signature_is_refused(bot_url: str) -> None:
    response = httpx.post(f"{bot_url}/webhook", content=b"{}", headers={"X-GitHub-Event": "ping"})
    assert response.status_code == 401


def test_huge_body_is_refused_with_413(bot_url: str) -> None:
    body = b'{"padding": "' + b"x" * 300_000 + b'"}'
    response = deliver(bot_url, body)
    assert response.status_code == 413


def test_huge_body_without_content_length_is_refused(bot_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(50):
            yield b"x" * 10_000

    response = httpx.post(
        f"{bot_url}/webhook", content=chunks(), headers={"X-GitHub-Event": "pull_request"}, timeout=10
    )
    assert response.status_code == 413


def test_broken_json_with_valid_signature_is_400(bot_url: str) -> None:
    response = deliver(bot_url, b'{"action": "opened", ')
    assert response.status_code == 400


def test_pull_request_without_installation_is_400(bot_url: str) -> None:
    payload = pull_request_event(2, HEAD)
    del payload["installation"]
    assert deliver(bot_url, payload).status_code == 400


def test_ping_is_answered(bot_url: str) -> None:
    ping = json.loads((FIXTURES / "ping.json").read_text())
    response = deliver(bot_url, ping, event="ping")
    assert response.status_code == 200 and response.json() == {"status": "pong"}


def test_other_events_are_ignored_with_204(bot_url: str) -> None:
    assert deliver(bot_url, {"action": "created"}, event="issue_comment").status_code == 204


def test_other_pull_request_actions_are_skipped(bot_url: str) -> None:
    response = deliver(bot_url, pull_request_event(2, HEAD, action="labeled"))
    assert response.status_code == 200 and response.json()["status"] == "skipped"


def test_drafts_are_skipped_by_default(bot_url: str) -> None:
    response = deliver(bot_url, pull_request_event(2, HEAD, draft=True))
    assert response.json() == {"status": "skipped", "reason": "draft pull request"}


def test_health_readiness_and_metrics(bot_url: str) -> None:
    deliver(bot_url, b"{}", secret="wrong")
    assert httpx.get(f"{bot_url}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{bot_url}/readyz").status_code == 200
    text = httpx.get(f"{bot_url}/metrics").text
    assert 'migreview_webhooks_total{event="pull_request",outcome="bad_signature"}' in text
    assert 'migreview_queue_jobs{status="pending"}' in text


def test_signature_helper_matches_githubs_documented_example() -> None:
    # From GitHub's "Validating webhook deliveries" page: secret, payload and expected signature.
    expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    assert signature.sign(SECRET.encode(), b"Hello, World!") == expected
    assert signature.is_valid(SECRET.encode(), b"Hello, World!", expected)
    assert not signature.is_valid(SECRET.encode(), b"Hello, World?", expected)
