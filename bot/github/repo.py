"""The endpoints a review uses, for one repository, authenticated as the App's installation on it."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

from bot.github.auth import AppAuth
from bot.github.client import GitHubHttp
from bot.github.errors import GitHubError

Json = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class TreeEntry:
    path: str
    sha: str
    size: int


class RepoApi:
    def __init__(self, http: GitHubHttp, auth: AppAuth, installation_id: int, owner: str, repo: str) -> None:
        self._http = http
        self._auth = auth
        self._installation = installation_id
        self._root = f"/repos/{quote(owner, safe='')}/{quote(repo, safe='')}"

    async def _get(self, path: str, endpoint: str, params: dict[str, str | int] | None = None) -> Any:
        async def call(token: str) -> Any:
            response = await self._http.request("GET", self._root + path, endpoint=endpoint, token=token, params=params)
            return response.json()

        return await self._authorized(call)

    async def _list(self, path: str, endpoint: str, params: dict[str, str | int] | None = None) -> list[Json]:
        async def call(token: str) -> list[Any]:
            return await self._http.paginate(self._root + path, endpoint=endpoint, token=token, params=params)

        return [item for item in await self._authorized(call) if isinstance(item, dict)]

    async def _write(self, method: str, path: str, endpoint: str, body: Json) -> Json:
        async def call(token: str) -> Json:
            response = await self._http.request(method, self._root + path, endpoint=endpoint, token=token, json=body)
            answer = response.json()
            if not isinstance(answer, dict):
                raise GitHubError(endpoint, response.status_code, "expected an object")
            return answer

        return await self._authorized(call)

    async def _authorized(self, call: Callable[[str], Awaitable[T]]) -> T:
        """Run ``call`` with the installation token; once more with a new token if GitHub refused it."""
        try:
            return await call(await self._auth.installation_token(self._installation))
        except GitHubError as error:
            if error.status != 401:
                raise
            # Revoked or expired early (the App was reinstalled, the key rotated): a 401 sends nothing twice.
            self._auth.forget(self._installation)
            return await call(await self._auth.installation_token(self._installation))

    # Reading the pull request and the repository.

    async def pull(self, number: int) -> Json:
        answer = await self._get(f"/pulls/{number}", "pulls.get")
        if not isinstance(answer, dict):
            raise GitHubError("pulls.get", 200, "expected an object")
        return answer

    async def pull_files(self, number: int) -> list[Json]:
        return await self._list(f"/pulls/{number}/files", "pulls.list-files")

    async def tree(self, sha: str) -> tuple[list[TreeEntry], bool]:
        """Every blob in the commit's tree, and whether GitHub truncated the listing."""
        body = await self._get(f"/git/trees/{quote(sha, safe='')}", "git.get-tree", {"recursive": "1"})
        entries = [
            TreeEntry(str(item["path"]), str(item["sha"]), int(item.get("size") or 0))
            for item in body.get("tree", [])
            if item.get("type") == "blob"
        ]
        return entries, bool(body.get("truncated"))

    async def blob(self, sha: str) -> bytes:
        body = await self._get(f"/git/blobs/{quote(sha, safe='')}", "git.get-blob")
        if body.get("encoding") != "base64":
            return str(body.get("content", "")).encode()
        return base64.b64decode(str(body.get("content", "")))

    # Finding what an earlier run posted.

    async def reviews(self, number: int) -> list[Json]:
        return await self._list(f"/pulls/{number}/reviews", "pulls.list-reviews")

    async def review_comments(self, number: int) -> list[Json]:
        return await self._list(f"/pulls/{number}/comments", "pulls.list-review-comments")

    async def issue_comments(self, number: int) -> list[Json]:
        return await self._list(f"/issues/{number}/comments", "issues.list-comments")

    async def check_runs(self, sha: str, name: str) -> list[Json]:
        body = await self._get(
            f"/commits/{quote(sha, safe='')}/check-runs",
            "checks.list-for-ref",
            {"check_name": name, "per_page": 100},
        )
        return [run for run in body.get("check_runs", []) if isinstance(run, dict)]

    # Writing back.

    async def create_review(self, number: int, body: Json) -> Json:
        return await self._write("POST", f"/pulls/{number}/reviews", "pulls.create-review", body)

    async def create_issue_comment(self, number: int, text: str) -> Json:
        return await self._write("POST", f"/issues/{number}/comments", "issues.create-comment", {"body": text})

    async def update_issue_comment(self, comment_id: int, text: str) -> Json:
        return await self._write("PATCH", f"/issues/comments/{comment_id}", "issues.update-comment", {"body": text})

    async def create_check_run(self, body: Json) -> Json:
        return await self._write("POST", "/check-runs", "checks.create", body)

    async def update_check_run(self, check_run_id: int, body: Json) -> Json:
        return await self._write("PATCH", f"/check-runs/{check_run_id}", "checks.update", body)
