"""One review, start to finish: read the pull request, run the engine, write the results back."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from bot import publish, render
from bot.diff_lines import DiffLines
from bot.engine import EngineOutcome, review_snapshot
from bot.github.auth import AppAuth
from bot.github.client import GitHubHttp
from bot.github.repo import RepoApi
from bot.jobs import ReviewJob
from bot.placement import place
from bot.settings import Settings
from bot.sources import BlobCache, Snapshot, fetch_snapshot, is_migration_path

log = logging.getLogger("bot.review")

REVIEWABLE_STATUSES = frozenset({"added", "modified", "renamed", "copied", "changed"})
Engine = Callable[[Snapshot, Iterable[str]], EngineOutcome]


class ReviewRunner:
    def __init__(self, http: GitHubHttp, auth: AppAuth, cache: BlobCache, engine: Engine = review_snapshot) -> None:
        self._http = http
        self._auth = auth
        self._cache = cache
        self._engine = engine

    @classmethod
    def from_settings(cls, settings: Settings, engine: Engine = review_snapshot) -> ReviewRunner:
        http = GitHubHttp(settings.github_api_url, settings.retry)
        auth = AppAuth(http, settings.app_id, settings.load_private_key())
        return cls(http, auth, BlobCache(settings.data_dir / "blobs"), engine)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def give_up(self, job: ReviewJob, error: BaseException) -> None:
        """The job failed its last attempt: say so on the check run rather than leave it in progress."""
        api = RepoApi(self._http, self._auth, job.installation_id, job.owner, job.repo)
        check = await publish.open_check(api, job, publish.Identity(await self._auth.app_slug()))
        await publish.close_check(
            api,
            check,
            (),
            failed=True,
            title="migreview could not finish the review",
            summary=render.gave_up(error),
        )

    async def run(self, job: ReviewJob) -> None:
        api = RepoApi(self._http, self._auth, job.installation_id, job.owner, job.repo)
        pull = await api.pull(job.number)
        if pull.get("state") != "open" or (pull.get("head") or {}).get("sha") != job.head_sha:
            # A newer push (with its own job) or a closed pull request: a review of this commit is stale.
            log.info("skipped: the pull request moved on", extra={"state": pull.get("state")})
            return
        me = publish.Identity(await self._auth.app_slug())
        check = await publish.open_check(api, job, me)
        changed = changed_migrations(await api.pull_files(job.number))
        previous = await publish.find_previous(api, job, me)
        if not changed:
            log.info("no migration changed")
            await publish.upsert_summary(api, job, (), previous, (), 0)
            await publish.close_check(
                api,
                check,
                (),
                failed=False,
                title="No migration changed",
                summary="This pull request changes no migration.",
            )
            return

        snapshot = await fetch_snapshot(api, job.head_sha, self._cache)
        # The engine is CPU-bound: run it off the event loop so webhooks stay fast meanwhile.
        outcome = await asyncio.to_thread(self._engine, snapshot, changed.keys())
        findings = sorted(outcome.result.findings, key=lambda f: f.sort_key)
        notes = (*snapshot.notes, *outcome.result.notes)
        summary_notes = notes
        if outcome.config_error:
            summary_notes = (f"Configuration rejected, defaults used: {outcome.config_error}", *notes)
        log.info("reviewed", extra={"findings": len(findings), "files": len(changed)})

        placements = [place(f, changed.get(f.location.path, DiffLines(()))) for f in findings]
        await publish.post_review(api, job, placements, previous, outcome.result.plans)
        await publish.upsert_summary(api, job, findings, previous, summary_notes, len(changed))
        await publish.close_check(
            api,
            check,
            findings,
            failed=outcome.fails,
            title=render.check_title(findings, outcome.config_error),
            summary=render.check_summary(findings, notes, outcome.config_error, len(changed)),
        )


def changed_migrations(files: Iterable[dict[str, object]]) -> dict[str, DiffLines]:
    """The pull request's added or modified migration files, with the lines each diff lets us comment on."""
    changed: dict[str, DiffLines] = {}
    for item in files:
        path = str(item.get("filename", ""))
        if item.get("status") in REVIEWABLE_STATUSES and is_migration_path(path):
            patch = item.get("patch")
            changed[path] = DiffLines.from_patch(patch if isinstance(patch, str) else None)
    return changed
