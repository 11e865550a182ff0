"""Errors the GitHub client raises once it has stopped retrying."""

from __future__ import annotations


class GitHubError(Exception):
    """GitHub answered with an error status that retrying will not fix (or retries ran out)."""

    def __init__(self, endpoint: str, status: int, message: str) -> None:
        super().__init__(f"{endpoint}: HTTP {status}: {message}")
        self.endpoint = endpoint
        self.status = status
        self.message = message


class GitHubUnavailable(GitHubError):
    """The request may not have reached GitHub, or its outcome is unknown (network error, timeout)."""

    def __init__(self, endpoint: str, message: str) -> None:
        super().__init__(endpoint, 0, message)


class RateLimited(GitHubError):
    """A rate limit asks for a longer wait than one job should sleep; retry the job at ``retry_at``."""

    def __init__(self, endpoint: str, status: int, retry_at: float) -> None:
        super().__init__(endpoint, status, f"rate limited until {retry_at:.0f}")
        self.retry_at = retry_at
