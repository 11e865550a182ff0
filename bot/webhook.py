"""Turning a verified ``pull_request`` delivery into a review job, trusting nothing in it blindly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.jobs import ReviewJob

REVIEW_ACTIONS = frozenset({"opened", "synchronize", "reopened", "ready_for_review"})
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


class BadPayload(ValueError):
    """The delivery is signed but does not have the shape of a pull_request event."""


@dataclass(frozen=True)
class Skip:
    reason: str


def job_for(payload: dict[str, Any], delivery_id: str, *, review_drafts: bool) -> ReviewJob | Skip:
    action = payload.get("action")
    if action not in REVIEW_ACTIONS:
        return Skip(f"action {str(action)[:40]!r} does not need a review")
    pull = _object(payload, "pull_request")
    if pull.get("draft") is True and not review_drafts:
        return Skip("draft pull request")
    if pull.get("state", "open") != "open":
        return Skip("pull request is not open")
    repository = _object(payload, "repository")
    owner = _object(repository, "owner").get("login")
    name = repository.get("name")
    head_sha = _object(pull, "head").get("sha")
    installation = _object(payload, "installation").get("id")
    number = pull.get("number", payload.get("number"))
    if not (isinstance(owner, str) and _NAME.match(owner) and isinstance(name, str) and _NAME.match(name)):
        raise BadPayload("repository owner or name is missing or malformed")
    if not (isinstance(head_sha, str) and _SHA.match(head_sha)):
        raise BadPayload("pull_request.head.sha is missing or not a commit sha")
    if not _positive_int(installation):
        raise BadPayload("installation.id is missing: is the webhook configured on the App?")
    if not _positive_int(number):
        raise BadPayload("pull request number is missing")
    assert isinstance(installation, int) and isinstance(number, int)
    return ReviewJob(installation, owner, name, number, head_sha, delivery_id)


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise BadPayload(f"{key} is missing or not an object")
    return value


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
