"""The GitHub client against the stand-in over loopback: auth, pagination, retries, rate limits."""

from __future__ import annotations

import time
from dataclasses import replace

import jwt
import pytest
from fastapi import FastAPI

from bot.github.auth import AppAuth, app_jwt
from bot.github.client import GitHubHttp
from bot.github.errors import GitHubError, GitHubUnavailable, RateLimited
from bot.github.repo import RepoApi
from bot.queue.base import retry_delay
from bot.settings import Settings
from tests.bot.github_standin import GitHubStandIn, ServerThread
from tests.bot.helpers import OWNER, REPO, with_retry


def api_for(settings: Settings) -> tuple[GitHubHttp, AppAuth, RepoApi]:
    http = GitHubHttp(settings.github_api_url, settings.retry)
    auth = AppAuth(http, settings.app_id, settings.load_private_key())
    return http, auth, RepoApi(http, auth, 77, OWNER, REPO)


def many_files_pull(standin: GitHubStandIn, count: int = 250) -> str:
    head = {f"app/migrations/{i:04d}_step.py": f"# step {i}\n" for i in range(count)}
    return standin.add_pull(OWNER, REPO, 7, {}, head)


def test_app_jwt_is_backdated_and_short_lived(settings: Settings) -> None:
    now = time.time()
    token = app_jwt("12345", settings.load_private_key(), now)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == "12345"
    assert claims["iat"] == int(now) - 60
    assert claims["exp"] - claims["iat"] <= 600
    assert jwt.get_unverified_header(token)["alg"] == "RS256"


async def test_installation_token_is_cached(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin, 3)
    http, auth, api = api_for(settings)
    try:
        await api.pull_files(7)
        await api.pull_files(7)
        assert await auth.app_slug() == "migreview-test"
    finally:
        await http.aclose()
    token_requests = [r for r in standin.requests if r[1].endswith("/access_tokens")]
    assert token_requests == [("POST", "/app/installations/77/access_tokens", 201)]


async def test_pagination_follows_link_headers(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin)
    http, _, api = api_for(settings)
    try:
        files = await api.pull_files(7)
    finally:
        await http.aclose()
    assert len(files) == 250
    assert len({f["filename"] for f in files}) == 250
    assert sum(1 for r in standin.requests if r[1].endswith("/pulls/7/files")) == 3


async def test_502s_on_reads_are_retried(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin, 2)
    standin.fail("GET", r"/pulls/7/files$", "status", status=502, times=2)
    http, _, api = api_for(settings)
    try:
        assert len(await api.pull_files(7)) == 2
    finally:
        await http.aclose()
    statuses = [r[2] for r in standin.requests if r[1].endswith("/pulls/7/files")]
    assert statuses == [502, 502, 200]


async def test_read_timeouts_are_retried(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin, 2)
    standin.fail("GET", r"/pulls/7/files$", "delay", seconds=0.6, times=1)
    http, _, api = api_for(with_retry(settings, read_timeout=0.2))
    try:
        assert len(await api.pull_files(7)) == 2
    finally:
        await http.aclose()


async def test_secondary_rate_limit_waits_for_retry_after(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin, 2)
    standin.fail("GET", r"/pulls/7/files$", "rate_limit", seconds=1)
    http, _, api = api_for(settings)
    started = time.monotonic()
    try:
        assert len(await api.pull_files(7)) == 2
    finally:
        await http.aclose()
    assert time.monotonic() - started >= 1.0


async def test_a_post_that_timed_out_is_not_blindly_repeated(standin: GitHubStandIn, settings: Settings) -> None:
    head = many_files_pull(standin, 1)
    standin.fail("POST", r"/check-runs$", "delay", seconds=0.6)
    http, _, api = api_for(with_retry(settings, read_timeout=0.2))
    try:
        with pytest.raises(GitHubUnavailable):
            await api.create_check_run({"name": "migreview", "head_sha": head, "status": "in_progress"})
    finally:
        await http.aclose()
    time.sleep(0.6)
    assert len(standin.check_runs) == 1  # GitHub did act on it: the job's re-run must find it


async def test_client_errors_are_not_retried(standin: GitHubStandIn, settings: Settings) -> None:
    http, _, api = api_for(settings)
    try:
        with pytest.raises(GitHubError) as error:
            await api.pull_files(404)
    finally:
        await http.aclose()
    assert error.value.status == 404


async def test_a_revoked_installation_token_is_replaced_once(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin, 1)
    http, _, api = api_for(settings)
    try:
        await api.pull_files(7)
        standin.tokens.clear()  # GitHub no longer accepts the cached token
        assert len(await api.pull_files(7)) == 1
    finally:
        await http.aclose()
    assert sum(1 for r in standin.requests if r[1].endswith("/access_tokens")) == 2
    assert ("GET", f"/repos/{OWNER}/{REPO}/pulls/7/files", 401) in standin.requests


async def test_primary_rate_limit_waits_until_the_reset_time(standin: GitHubStandIn, settings: Settings) -> None:
    many_files_pull(standin, 2)
    standin.fail("GET", r"/pulls/7/files$", "primary_limit", seconds=1)
    http, _, api = api_for(settings)
    started = time.monotonic()
    try:
        assert len(await api.pull_files(7)) == 2
    finally:
        await http.aclose()
    assert time.monotonic() - started >= 0.9


async def test_a_rate_limit_longer_than_a_job_should_wait_reschedules_the_job(
    standin: GitHubStandIn, settings: Settings
) -> None:
    many_files_pull(standin, 2)
    standin.fail("GET", r"/pulls/7/files$", "primary_limit", seconds=3600)
    http, _, api = api_for(settings)
    try:
        with pytest.raises(RateLimited) as limited:
            await api.pull_files(7)
    finally:
        await http.aclose()
    assert limited.value.retry_at >= time.time() + 3500
    assert retry_delay(limited.value, 1, 0.05) >= 3500


async def test_the_standin_refuses_what_github_refuses(standin: GitHubStandIn, settings: Settings) -> None:
    """Guards the guard: comments off the diff and bodies off GitHub's schema are answered 422."""
    head = standin.add_pull(OWNER, REPO, 3, {}, {"app/migrations/0001_initial.py": "a = 1\nb = 2\n"})
    http, _, api = api_for(settings)
    comment = {"path": "app/migrations/0001_initial.py", "line": 9, "side": "RIGHT", "body": "x"}
    try:
        with pytest.raises(GitHubError) as off_the_diff:
            await api.create_review(3, {"commit_id": head, "event": "COMMENT", "comments": [comment]})
        with pytest.raises(GitHubError) as bad_event:
            await api.create_review(3, {"commit_id": head, "event": "SHOUT", "body": "x"})
        with pytest.raises(GitHubError) as bad_annotation:
            await api.create_check_run(
                {"name": "migreview", "head_sha": head, "output": {"title": "t", "summary": "s", "annotations": [{}]}}
            )
    finally:
        await http.aclose()
    assert off_the_diff.value.status == bad_event.value.status == bad_annotation.value.status == 422
    assert "Line could not be resolved" in off_the_diff.value.message
    assert standin.reviews == [] and standin.check_runs == []


async def test_github_enterprise_server_api_root_with_a_path(standin: GitHubStandIn, settings: Settings) -> None:
    """GHES serves the API under https://HOST/api/v3: every call and every page link must keep the prefix."""
    many_files_pull(standin, 150)
    enterprise = FastAPI()
    enterprise.mount("/api/v3", standin.app)
    with ServerThread(enterprise) as server:
        http, auth, api = api_for(replace(settings, github_api_url=f"{server.url}/api/v3"))
        try:
            assert len(await api.pull_files(7)) == 150
            assert await auth.app_slug() == "migreview-test"
        finally:
            await http.aclose()
