"""A stand-in for GitHub's REST API, served by real uvicorn on loopback.

It implements the endpoints the bot uses with the request and response shapes of GitHub's OpenAPI
description (@octokit/openapi, api.github.com.json), checks what it receives the way GitHub does (a
review comment on a line outside the diff is refused with 422, at most 50 annotations per request, body
size limits, App JWTs and installation tokens), records everything written, and injects faults.
"""

from __future__ import annotations

import asyncio
import base64
import difflib
import hashlib
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

MAX_BODY = 65_536
SCHEMAS = json.loads((Path(__file__).parent / "fixtures" / "github_schemas.json").read_text())
"""Request and response schemas from GitHub's OpenAPI description (fixtures/extract_github_schemas.py)."""
DOCS = "https://docs.github.com/rest"
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def git_blob_sha(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def make_patch(old: str, new: str) -> str:
    """A unified diff without file headers, as GitHub's ``patch`` field carries it."""
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3))
    return "\n".join(lines[2:])


def right_hunks(patch: str) -> list[set[int]]:
    """RIGHT-side lines per hunk; written independently of the bot's own parser on purpose."""
    hunks: list[set[int]] = []
    line = 0
    for text in patch.split("\n"):
        match = _HUNK.match(text)
        if match:
            hunks.append(set())
            line = int(match.group(1))
        elif hunks and text[:1] in (" ", "+"):
            hunks[-1].add(line)
            line += 1
    return hunks


@dataclass
class Fault:
    method: str
    path: re.Pattern[str]
    kind: str  # "status", "delay", "rate_limit" (secondary), "primary_limit", "hold"
    times: int = 1
    status: int = 502
    seconds: float = 0.0
    release: threading.Event = field(default_factory=threading.Event)
    hits: int = 0


@dataclass
class Pull:
    number: int
    head_sha: str
    base_sha: str
    files: list[dict[str, Any]]
    state: str = "open"


@dataclass
class Repo:
    owner: str
    name: str
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """Commit sha -> path -> content."""
    pulls: dict[int, Pull] = field(default_factory=dict)


class GitHubStandIn:
    def __init__(self, public_key: RSAPublicKey, app_id: str, slug: str = "migreview-test") -> None:
        self.public_key = public_key
        self.app_id = app_id
        self.slug = slug
        self.repos: dict[tuple[str, str], Repo] = {}
        self.blobs: dict[str, bytes] = {}
        self.tokens: dict[str, int] = {}
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, int]] = []
        self.reviews: list[dict[str, Any]] = []
        self.review_comments: list[dict[str, Any]] = []
        self.issue_comments: list[dict[str, Any]] = []
        self.check_runs: list[dict[str, Any]] = []
        self.rejected: list[tuple[str, str, str]] = []
        self.schema_violations: list[str] = []
        """Responses of this stand-in that do not match GitHub's documented schema (must stay empty)."""
        self._validators: dict[str, jsonschema.protocols.Validator] = {}
        """(method, path, reason) of every request refused with 422."""
        self._ids = itertools.count(1000)
        self._lock = threading.Lock()
        self.app = self._build()

    # Test set-up.

    def add_pull(self, owner: str, repo: str, number: int, base: Mapping[str, str], head: Mapping[str, str]) -> str:
        """Create (or push to) a pull request whose base and head trees are given; return the head sha."""
        repository = self.repos.setdefault((owner, repo), Repo(owner, repo))
        base_sha = self._commit(repository, base)
        head_sha = self._commit(repository, head)
        files = []
        for path in sorted(set(base) | set(head)):
            old, new = base.get(path), head.get(path)
            if old == new:
                continue
            status = "added" if old is None else "removed" if new is None else "modified"
            patch = make_patch(old or "", new or "")
            content = (new or "").encode()
            files.append(
                {
                    "sha": git_blob_sha(content),
                    "filename": path,
                    "status": status,
                    "additions": sum(1 for x in patch.split("\n") if x.startswith("+")),
                    "deletions": sum(1 for x in patch.split("\n") if x.startswith("-")),
                    "changes": patch.count("\n") + 1,
                    "blob_url": f"https://github.com/{owner}/{repo}/blob/{head_sha}/{path}",
                    "raw_url": f"https://github.com/{owner}/{repo}/raw/{head_sha}/{path}",
                    "contents_url": f"https://api.github.com/repos/{owner}/{repo}/contents/{path}?ref={head_sha}",
                    "patch": patch,
                }
            )
        repository.pulls[number] = Pull(number, head_sha, base_sha, files)
        return head_sha

    def _commit(self, repository: Repo, files: Mapping[str, str]) -> str:
        content = {path: text.encode() for path, text in files.items()}
        digest = hashlib.sha1(repr(sorted(content.items())).encode() + secrets.token_bytes(4)).hexdigest()
        repository.trees[digest] = content
        for data in content.values():
            self.blobs[git_blob_sha(data)] = data
        return digest

    def fail(self, method: str, path: str, kind: str, **options: Any) -> Fault:
        fault = Fault(method, re.compile(path), kind, **options)
        self.faults.append(fault)
        return fault

    def validator(self, kind: str, key: str) -> jsonschema.protocols.Validator:
        cache_key = f"{kind} {key}"
        if cache_key not in self._validators:
            self._validators[cache_key] = jsonschema.Draft7Validator(SCHEMAS[kind][key])
        return self._validators[cache_key]

    def request_problem(self, key: str, body: Any) -> str:
        """Why GitHub would refuse this request body (its OpenAPI schema), or empty."""
        error = jsonschema.exceptions.best_match(self.validator("requests", key).iter_errors(body))
        return "" if error is None else f"{error.message} at {'/'.join(map(str, error.absolute_path))}"

    def reply(self, key: str, content: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
        for error in self.validator("responses", key).iter_errors(content):
            where = "/".join(map(str, error.absolute_path))
            self.schema_violations.append(f"{key}: {error.message[:200]} at {where}")
        return JSONResponse(content, status_code=status, headers=headers)

    def writes(self) -> list[tuple[str, str, int]]:
        return [r for r in self.requests if r[0] != "GET"]

    # The API.

    def _build(self) -> FastAPI:
        app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
        standin = self

        @app.middleware("http")
        async def faults_and_log(request: Request, call_next: Any) -> Response:
            path = request.url.path
            for fault in list(standin.faults):
                if fault.method != request.method or not fault.path.search(path) or fault.hits >= fault.times:
                    continue
                fault.hits += 1
                if fault.kind == "status":
                    standin.requests.append((request.method, path, fault.status))
                    return Response("<html>Bad gateway</html>", status_code=fault.status, media_type="text/html")
                if fault.kind == "rate_limit":
                    standin.requests.append((request.method, path, 403))
                    return JSONResponse(
                        {
                            "message": "You have exceeded a secondary rate limit. Please wait a few minutes.",
                            "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api",
                        },
                        status_code=403,
                        headers={"retry-after": str(int(fault.seconds)), "x-ratelimit-remaining": "4000"},
                    )
                if fault.kind == "primary_limit":
                    standin.requests.append((request.method, path, 403))
                    reset = int(time.time() + fault.seconds)
                    return JSONResponse(
                        {
                            "message": "API rate limit exceeded for installation ID 77.",
                            "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api",
                        },
                        status_code=403,
                        headers={
                            "x-ratelimit-limit": "5000",
                            "x-ratelimit-remaining": "0",
                            "x-ratelimit-used": "5000",
                            "x-ratelimit-reset": str(reset),
                            "x-ratelimit-resource": "core",
                        },
                    )
                if fault.kind == "delay":
                    # GitHub acts on the request, but the answer arrives late (or never, past the timeout).
                    delayed: Response = await call_next(request)
                    await asyncio.sleep(fault.seconds)
                    standin.requests.append((request.method, path, delayed.status_code))
                    return delayed
                if fault.kind == "hold":
                    while not fault.release.is_set():
                        await asyncio.sleep(0.02)
                    standin.requests.append((request.method, path, 599))
                    return Response(status_code=599)
                break
            response: Response = await call_next(request)
            standin.requests.append((request.method, path, response.status_code))
            return response

        def error(status: int, message: str, request: Request | None = None) -> JSONResponse:
            if status == 422 and request is not None:
                standin.rejected.append((request.method, request.url.path, message))
            return JSONResponse({"message": message, "documentation_url": DOCS}, status_code=status)

        def app_auth(request: Request) -> JSONResponse | None:
            header = request.headers.get("authorization", "")
            if not header.startswith("Bearer "):
                return error(401, "A JSON web token could not be decoded")
            try:
                claims = jwt.decode(header[7:], standin.public_key, algorithms=["RS256"], leeway=0)
            except jwt.PyJWTError as problem:
                return error(401, f"A JSON web token could not be decoded: {problem}")
            if str(claims.get("iss")) != standin.app_id or claims["exp"] - claims["iat"] > 600:
                return error(401, "'Issuer' claim ('iss') must be an Integer or 'Expiration time' claim is too far")
            if claims["iat"] > time.time():
                return error(401, "'Issued at' claim ('iat') must be an Integer representing a time in the past")
            return None

        def repo_auth(request: Request, owner: str, repo: str) -> Repo | JSONResponse:
            header = request.headers.get("authorization", "")
            token = header.removeprefix("Bearer ").removeprefix("token ")
            if token not in standin.tokens:
                return error(401, "Bad credentials")
            repository = standin.repos.get((owner, repo))
            if repository is None:
                return error(404, "Not Found")
            return repository

        def paginate(request: Request, items: list[Any], key: str) -> JSONResponse:
            per_page = min(100, int(request.query_params.get("per_page", "30")))
            page = int(request.query_params.get("page", "1"))
            chunk = items[(page - 1) * per_page : page * per_page]
            headers = {}
            if page * per_page < len(items):
                url = request.url.include_query_params(page=page + 1, per_page=per_page)
                last = request.url.include_query_params(page=(len(items) - 1) // per_page + 1, per_page=per_page)
                headers["link"] = f'<{url}>; rel="next", <{last}>; rel="last"'
            return standin.reply(key, chunk, headers=headers)

        def user() -> dict[str, Any]:
            return simple_user(f"{standin.slug}[bot]", 9919, "Bot")

        def integration() -> dict[str, Any]:
            return {
                "id": int(standin.app_id),
                "slug": standin.slug,
                "node_id": "MDExOkludGVncmF0aW9uMQ==",
                "owner": simple_user("octo-org", 6811672, "Organization"),
                "name": "migreview test",
                "description": "",
                "external_url": "https://example.com",
                "html_url": f"https://github.com/apps/{standin.slug}",
                "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z",
                "permissions": {"pull_requests": "write", "checks": "write", "contents": "read", "metadata": "read"},
                "events": ["pull_request"],
            }

        def now() -> str:
            return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        @app.get("/app")
        async def get_app(request: Request) -> Response:
            if (refused := app_auth(request)) is not None:
                return refused
            return standin.reply(
                "GET /app",
                integration(),
            )

        @app.post("/app/installations/{installation_id}/access_tokens")
        async def access_token(request: Request, installation_id: int) -> Response:
            if (refused := app_auth(request)) is not None:
                return refused
            token = "ghs_" + secrets.token_hex(18)
            standin.tokens[token] = installation_id
            expires = datetime.fromtimestamp(time.time() + 3600, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            return standin.reply(
                "POST /app/installations/{installation_id}/access_tokens",
                {
                    "token": token,
                    "expires_at": expires,
                    "permissions": {"pull_requests": "write", "checks": "write", "contents": "read"},
                    "repository_selection": "all",
                },
                201,
            )

        @app.get("/repos/{owner}/{repo}/pulls/{number}")
        async def get_pull(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            pull = repository.pulls.get(number)
            if pull is None:
                return error(404, "Not Found")
            api = f"https://api.github.com/repos/{owner}/{repo}"
            return JSONResponse(
                {
                    "url": f"{api}/pulls/{number}",
                    "id": 1000 + number,
                    "node_id": f"PR_{number}",
                    "html_url": f"https://github.com/{owner}/{repo}/pull/{number}",
                    "number": number,
                    "state": pull.state,
                    "locked": False,
                    "title": "Add a migration",
                    "user": {"login": "octocat", "id": 1, "type": "User"},
                    "body": None,
                    "draft": False,
                    "merged": False,
                    "created_at": now(),
                    "updated_at": now(),
                    "head": {"label": f"{owner}:feature", "ref": "feature", "sha": pull.head_sha, "repo": None},
                    "base": {"label": f"{owner}:main", "ref": "main", "sha": pull.base_sha, "repo": None},
                    "changed_files": len(pull.files),
                }
            )

        @app.get("/repos/{owner}/{repo}/pulls/{number}/files")
        async def pull_files(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            pull = repository.pulls.get(number)
            if pull is None:
                return error(404, "Not Found")
            return paginate(request, pull.files, "GET /repos/{owner}/{repo}/pulls/{pull_number}/files")

        @app.get("/repos/{owner}/{repo}/git/trees/{sha}")
        async def tree(request: Request, owner: str, repo: str, sha: str) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            files = repository.trees.get(sha)
            if files is None:
                return error(404, "Not Found")
            if request.query_params.get("recursive") is None:
                return error(422, "this stand-in serves recursive trees only", request)
            entries: list[dict[str, Any]] = []
            folders = sorted({"/".join(p.split("/")[:i]) for p in files for i in range(1, p.count("/") + 1)})
            for folder in folders:
                entries.append({"path": folder, "mode": "040000", "type": "tree", "sha": "0" * 40})
            for path, data in sorted(files.items()):
                blob = git_blob_sha(data)
                entries.append(
                    {
                        "path": path,
                        "mode": "100644",
                        "type": "blob",
                        "sha": blob,
                        "size": len(data),
                        "url": f"{request.base_url}repos/{owner}/{repo}/git/blobs/{blob}",
                    }
                )
            tree = {"sha": sha, "url": str(request.url), "tree": entries, "truncated": False}
            return standin.reply("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", tree)

        @app.get("/repos/{owner}/{repo}/git/blobs/{sha}")
        async def blob(request: Request, owner: str, repo: str, sha: str) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            data = standin.blobs.get(sha)
            if data is None:
                return error(404, "Not Found")
            return standin.reply(
                "GET /repos/{owner}/{repo}/git/blobs/{file_sha}",
                {
                    "sha": sha,
                    "node_id": "B_" + sha[:10],
                    "size": len(data),
                    "url": str(request.url),
                    "content": base64.encodebytes(data).decode(),  # GitHub wraps base64 at 60 columns
                    "encoding": "base64",
                },
            )

        @app.get("/repos/{owner}/{repo}/pulls/{number}/reviews")
        async def list_reviews(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            found = [r for r in standin.reviews if r["_repo"] == (owner, repo, number)]
            return paginate(
                request, [_public(r) for r in found], "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"
            )

        @app.post("/repos/{owner}/{repo}/pulls/{number}/reviews")
        async def create_review(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            pull = repository.pulls.get(number)
            if pull is None:
                return error(404, "Not Found")
            body = await request.json()
            if problem := standin.request_problem("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", body):
                return error(422, f"Invalid request.\n\n{problem}", request)
            if body.get("event") not in ("APPROVE", "REQUEST_CHANGES", "COMMENT", None):
                return error(422, "Unprocessable Entity: event", request)
            if body.get("commit_id") not in repository.trees:
                return error(422, "Unprocessable Entity: commit_id is not part of the pull request", request)
            if len(body.get("body") or "") > MAX_BODY:
                return error(422, "Unprocessable Entity: body is too long (maximum is 65536 characters)", request)
            patches = {f["filename"]: f.get("patch") or "" for f in pull.files}
            for comment in body.get("comments") or []:
                problem = _check_comment(comment, patches)
                if problem:
                    return error(422, f"Unprocessable Entity: {problem}", request)
            with standin._lock:
                review_id = next(standin._ids)
                review = {
                    "_repo": (owner, repo, number),
                    "id": review_id,
                    "node_id": f"PRR_{review_id}",
                    "user": user(),
                    "body": body.get("body") or "",
                    "state": "COMMENTED" if body.get("event") == "COMMENT" else "PENDING",
                    "html_url": f"https://github.com/{owner}/{repo}/pull/{number}#pullrequestreview-{review_id}",
                    "pull_request_url": f"https://api.github.com/repos/{owner}/{repo}/pulls/{number}",
                    "_links": {
                        "html": {
                            "href": f"https://github.com/{owner}/{repo}/pull/{number}#pullrequestreview-{review_id}"
                        },
                        "pull_request": {"href": f"https://api.github.com/repos/{owner}/{repo}/pulls/{number}"},
                    },
                    "submitted_at": now(),
                    "commit_id": body.get("commit_id"),
                    "author_association": "NONE",
                    "_comments": body.get("comments") or [],
                }
                standin.reviews.append(review)
                for comment in body.get("comments") or []:
                    comment_id = next(standin._ids)
                    standin.review_comments.append(
                        {
                            "_repo": (owner, repo, number),
                            "url": "",
                            "id": comment_id,
                            "node_id": f"PRRC_{comment_id}",
                            "pull_request_review_id": review_id,
                            "diff_hunk": "",
                            "path": comment["path"],
                            "position": comment["line"],
                            "original_position": comment["line"],
                            "commit_id": body.get("commit_id"),
                            "original_commit_id": body.get("commit_id"),
                            "user": user(),
                            "body": comment["body"],
                            "created_at": now(),
                            "updated_at": now(),
                            "html_url": "",
                            "pull_request_url": "",
                            "author_association": "NONE",
                            "_links": {
                                "self": {
                                    "href": f"https://api.github.com/repos/{owner}/{repo}/pulls/comments/{comment_id}"
                                },
                                "html": {
                                    "href": f"https://github.com/{owner}/{repo}/pull/{number}#discussion_r{comment_id}"
                                },
                                "pull_request": {"href": f"https://api.github.com/repos/{owner}/{repo}/pulls/{number}"},
                            },
                            "start_line": comment.get("start_line"),
                            "original_start_line": comment.get("start_line"),
                            "start_side": comment.get("start_side"),
                            "line": comment["line"],
                            "original_line": comment["line"],
                            "side": comment.get("side", "RIGHT"),
                            "subject_type": "line",
                        }
                    )
            return standin.reply("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", _public(review))

        @app.get("/repos/{owner}/{repo}/pulls/{number}/comments")
        async def list_review_comments(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            found = [c for c in standin.review_comments if c["_repo"] == (owner, repo, number)]
            return paginate(
                request, [_public(c) for c in found], "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
            )

        @app.get("/repos/{owner}/{repo}/issues/{number}/comments")
        async def list_issue_comments(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            found = [c for c in standin.issue_comments if c["_repo"] == (owner, repo, number)]
            return paginate(
                request, [_public(c) for c in found], "GET /repos/{owner}/{repo}/issues/{issue_number}/comments"
            )

        @app.post("/repos/{owner}/{repo}/issues/{number}/comments")
        async def create_issue_comment(request: Request, owner: str, repo: str, number: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            body = await request.json()
            if problem := standin.request_problem("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", body):
                return error(422, f"Invalid request.\n\n{problem}", request)
            text = body.get("body")
            if not isinstance(text, str) or len(text) > MAX_BODY:
                return error(422, "Validation Failed: body is missing or too long", request)
            comment_id = next(standin._ids)
            comment = {
                "_repo": (owner, repo, number),
                "id": comment_id,
                "node_id": f"IC_{comment_id}",
                "url": f"https://api.github.com/repos/{owner}/{repo}/issues/comments/{comment_id}",
                "html_url": "",
                "issue_url": "",
                "body": text,
                "user": user(),
                "created_at": now(),
                "updated_at": now(),
                "author_association": "NONE",
                "_edits": 0,
            }
            standin.issue_comments.append(comment)
            return standin.reply("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", _public(comment), 201)

        @app.patch("/repos/{owner}/{repo}/issues/comments/{comment_id}")
        async def update_issue_comment(request: Request, owner: str, repo: str, comment_id: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            body = await request.json()
            if problem := standin.request_problem("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", body):
                return error(422, f"Invalid request.\n\n{problem}", request)
            text = body.get("body")
            if not isinstance(text, str) or len(text) > MAX_BODY:
                return error(422, "Validation Failed: body is missing or too long", request)
            for comment in standin.issue_comments:
                if comment["id"] == comment_id and comment["_repo"][:2] == (owner, repo):
                    if comment["user"]["login"] != f"{standin.slug}[bot]":
                        return error(403, "Resource not accessible by integration")
                    comment.update(body=text, updated_at=now(), _edits=comment["_edits"] + 1)
                    return standin.reply("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", _public(comment))
            return error(404, "Not Found")

        @app.get("/repos/{owner}/{repo}/commits/{ref}/check-runs")
        async def list_check_runs(request: Request, owner: str, repo: str, ref: str) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            name = request.query_params.get("check_name")
            found = [
                _public(run)
                for run in standin.check_runs
                if run["_repo"] == (owner, repo) and run["head_sha"] == ref and (name is None or run["name"] == name)
            ]
            listing = {"total_count": len(found), "check_runs": found}
            return standin.reply("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", listing)

        @app.post("/repos/{owner}/{repo}/check-runs")
        async def create_check_run(request: Request, owner: str, repo: str) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            body = await request.json()
            if problem := standin.request_problem("POST /repos/{owner}/{repo}/check-runs", body):
                return error(422, f"Invalid request.\n\n{problem}", request)
            if not isinstance(body.get("name"), str) or body.get("head_sha") not in repository.trees:
                return error(422, "Validation Failed: name and a known head_sha are required", request)
            problem = _check_run_problem(body, creating=True)
            if problem:
                return error(422, f"Validation Failed: {problem}", request)
            run_id = next(standin._ids)
            run = {
                "_repo": (owner, repo),
                "id": run_id,
                "head_sha": body["head_sha"],
                "node_id": f"CR_{run_id}",
                "external_id": body.get("external_id", ""),
                "url": "",
                "html_url": "",
                "details_url": body.get("details_url", ""),
                "status": body.get("status", "queued"),
                "conclusion": body.get("conclusion"),
                "started_at": body.get("started_at", now()),
                "completed_at": body.get("completed_at"),
                "output": {
                    "title": None,
                    "summary": None,
                    "text": None,
                    "annotations_count": 0,
                    "annotations_url": f"https://api.github.com/repos/{owner}/{repo}/check-runs/{run_id}/annotations",
                },
                "name": body["name"],
                "check_suite": {"id": 5},
                "app": integration(),
                "pull_requests": [],
                "_annotations": [],
                "_updates": 0,
            }
            _apply_output(run, body)
            standin.check_runs.append(run)
            return standin.reply("POST /repos/{owner}/{repo}/check-runs", _public(run), 201)

        @app.patch("/repos/{owner}/{repo}/check-runs/{run_id}")
        async def update_check_run(request: Request, owner: str, repo: str, run_id: int) -> Response:
            repository = repo_auth(request, owner, repo)
            if isinstance(repository, Response):
                return repository
            body = await request.json()
            if problem := standin.request_problem("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", body):
                return error(422, f"Invalid request.\n\n{problem}", request)
            problem = _check_run_problem(body, creating=False)
            if problem:
                return error(422, f"Validation Failed: {problem}", request)
            for run in standin.check_runs:
                if run["id"] == run_id and run["_repo"] == (owner, repo):
                    for key in ("status", "conclusion", "completed_at", "details_url", "external_id"):
                        if key in body:
                            run[key] = body[key]
                    if body.get("conclusion") and "status" not in body:
                        run["status"] = "completed"
                    run["_updates"] += 1
                    _apply_output(run, body)
                    return standin.reply("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", _public(run))
            return error(404, "Not Found")

        return app


INTERNAL = frozenset({"_repo", "_comments", "_annotations", "_updates", "_edits"})
"""Bookkeeping keys of recorded objects, never sent."""


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key not in INTERNAL}


def simple_user(login: str, user_id: int, kind: str) -> dict[str, Any]:
    """GitHub's ``simple-user`` object."""
    api = f"https://api.github.com/users/{login}"
    return {
        "login": login,
        "id": user_id,
        "node_id": f"MDQ6VXNlcj{user_id}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{user_id}?v=4",
        "gravatar_id": "",
        "url": api,
        "html_url": f"https://github.com/{login}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": kind,
        "site_admin": False,
    }


def _check_comment(comment: dict[str, Any], patches: dict[str, str]) -> str:
    path, line = comment.get("path"), comment.get("line")
    if not isinstance(comment.get("body"), str) or len(comment["body"]) > MAX_BODY:
        return "comment body is missing or too long"
    if path not in patches:
        return f"Path could not be resolved: {path}"
    if comment.get("side", "RIGHT") != "RIGHT" or not isinstance(line, int):
        return "this stand-in takes RIGHT-side comments with a line"
    hunks = right_hunks(patches[path])
    start = comment.get("start_line", line)
    if not isinstance(start, int) or start > line:
        return "start_line must precede line"
    if "start_line" in comment and comment.get("start_side", "RIGHT") != "RIGHT":
        return "start_side must be RIGHT"
    if not any(all(n in hunk for n in range(start, line + 1)) for hunk in hunks):
        return (
            "Line could not be resolved" if not any(line in h for h in hunks) else "Start line must be in the same hunk"
        )
    return ""


def _check_run_problem(body: dict[str, Any], *, creating: bool) -> str:
    statuses = (
        ("queued", "in_progress", "completed")
        if creating
        else ("queued", "in_progress", "completed", "waiting", "requested", "pending")
    )
    if "status" in body and body["status"] not in statuses:
        return "status is not one of the allowed values"
    conclusions = (
        "action_required",
        "cancelled",
        "failure",
        "neutral",
        "success",
        "skipped",
        "stale",
        "timed_out",
    )
    if "conclusion" in body and body["conclusion"] not in conclusions:
        return "conclusion is not one of the allowed values"
    if body.get("status") == "completed" and "conclusion" not in body:
        return "conclusion is required when status is completed"
    output = body.get("output")
    if output is None:
        return ""
    if "summary" not in output or (creating and "title" not in output):
        return "output needs title and summary"
    for key in ("summary", "text"):
        if len(output.get(key) or "") > 65_535:
            return f"output.{key} is too long (maximum is 65535 characters)"
    annotations = output.get("annotations") or []
    if len(annotations) > 50:
        return "Only 50 annotations may be sent per request"
    for annotation in annotations:
        missing = {"path", "start_line", "end_line", "annotation_level", "message"} - set(annotation)
        if missing:
            return f"annotation is missing {sorted(missing)}"
        if annotation["annotation_level"] not in ("notice", "warning", "failure"):
            return "annotation_level is not one of notice, warning, failure"
        if annotation["start_line"] > annotation["end_line"]:
            return "annotation start_line is after end_line"
    return ""


def _apply_output(run: dict[str, Any], body: dict[str, Any]) -> None:
    output = body.get("output")
    if not output:
        return
    for key in ("title", "summary", "text"):
        if key in output:
            run["output"][key] = output[key]
    run["_annotations"].extend(output.get("annotations") or [])
    run["output"]["annotations_count"] = len(run["_annotations"])


class ServerThread:
    """Serve an ASGI app with real uvicorn on a free loopback port, in a background thread."""

    def __init__(self, app: Any) -> None:
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on", access_log=False)
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    @property
    def url(self) -> str:
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
