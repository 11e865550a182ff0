"""A review job: which pull request to review at which commit, as the webhook handed it over."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ReviewJob:
    installation_id: int
    owner: str
    repo: str
    number: int
    head_sha: str
    delivery_id: str = ""

    @property
    def key(self) -> str:
        """One job per repository, pull request and head commit: the idempotency key of every queue."""
        return f"{self.owner}/{self.repo}#{self.number}@{self.head_sha}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReviewJob:
        data = json.loads(text)
        return cls(
            installation_id=int(data["installation_id"]),
            owner=str(data["owner"]),
            repo=str(data["repo"]),
            number=int(data["number"]),
            head_sha=str(data["head_sha"]),
            delivery_id=str(data.get("delivery_id", "")),
        )
