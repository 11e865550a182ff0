"""Writing a review back to GitHub so that running the same job twice posts nothing twice.

Each write first looks for what an earlier run left: the review for this head commit (by its hidden
marker), inline comments carrying a finding's marker on the same line, the summary comment, and the
check run for this commit. Only the bot's own comments count, never a look-alike posted by someone else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot import markers, render
from bot.github.errors import GitHubError
from bot.github.repo import RepoApi
from bot.jobs import ReviewJob
from bot.markers import Remembered, SummaryState
from bot.placement import Placement
from reviewer.findings import Finding
from reviewer.plans.model import Plan

log = logging.getLogger("bot.publish")

CHECK_NAME = "migreview"
ANNOTATIONS_PER_REQUEST = 50


@dataclass(frozen=True)
class Identity:
    """Who the bot is on GitHub: its App slug and the login its comments carry."""

    slug: str

    @property
    def login(self) -> str:
        return f"{self.slug}[bot]"

    def wrote(self, item: dict[str, Any]) -> bool:
        user = item.get("user") or {}
        return isinstance(user, dict) and user.get("login") == self.login


@dataclass
class Previous:
    """What earlier runs posted on this pull request."""

    reviewed_head: bool = False
    commented: set[tuple[str, str, int]] = field(default_factory=set)
    """(finding fingerprint, path, line) of every inline comment still on a line of the diff."""
    summary_id: int | None = None
    state: SummaryState = field(default_factory=SummaryState)


@dataclass(frozen=True)
class CheckRun:
    id: int
    completed: bool


async def find_previous(api: RepoApi, job: ReviewJob, me: Identity) -> Previous:
    previous = Previous()
    for review in await api.reviews(job.number):
        if me.wrote(review) and markers.reviewed_sha_in(str(review.get("body") or "")) == job.head_sha:
            previous.reviewed_head = True
    for comment in await api.review_comments(job.number):
        fp = markers.finding_in(str(comment.get("body") or ""))
        line = comment.get("line")
        if fp and me.wrote(comment) and isinstance(line, int):
            previous.commented.add((fp, str(comment.get("path")), line))
    for comment in await api.issue_comments(job.number):
        body = str(comment.get("body") or "")
        if markers.SUMMARY in body and me.wrote(comment):
            previous.summary_id = int(comment["id"])
            previous.state = SummaryState.decode(body)
            break
    return previous


async def post_review(
    api: RepoApi,
    job: ReviewJob,
    placements: Sequence[Placement],
    previous: Previous,
    plans: Mapping[str, Plan] | None = None,
) -> bool:
    """Post one review with the findings not reported yet; True when a review was posted."""
    if previous.reviewed_head:
        log.info("a review for this commit exists already")
        return False
    already_listed = {item.fingerprint for item in previous.state.open}
    inline = [
        p
        for p in placements
        if p.inline and (markers.fingerprint(p.finding), p.finding.location.path, p.line) not in previous.commented
    ]
    outside = [p.finding for p in placements if not p.inline and markers.fingerprint(p.finding) not in already_listed]
    if not inline and not outside:
        log.info("nothing new to review" if placements else "no findings")
        return False
    payload: dict[str, Any] = {
        "commit_id": job.head_sha,
        "event": "COMMENT",
        "body": render.review_body(job.head_sha, outside, len(inline)),
        "comments": [_comment(p, plans or {}) for p in inline],
    }
    try:
        await api.create_review(job.number, payload)
    except GitHubError as error:
        if error.status != 422 or not inline:
            raise
        # GitHub refused a line (the diff changed under us): keep the review, move everything to the body.
        log.warning("review comments refused, posting them in the review body", extra={"error": str(error)})
        payload["body"] = render.review_body(job.head_sha, [*(p.finding for p in inline), *outside], 0)
        payload["comments"] = []
        await api.create_review(job.number, payload)
    return True


def _comment(placement: Placement, plans: Mapping[str, Plan]) -> dict[str, Any]:
    finding = placement.finding
    plan = plans.get(finding.plan_id) if finding.plan_id else None
    comment: dict[str, Any] = {
        "path": finding.location.path,
        "line": placement.line,
        "side": "RIGHT",
        "body": render.comment_body(finding, suggestion_block=placement.suggestion, plan=plan),
    }
    if placement.start_line is not None:
        comment["start_line"] = placement.start_line
        comment["start_side"] = "RIGHT"
    return comment


async def upsert_summary(
    api: RepoApi,
    job: ReviewJob,
    findings: Sequence[Finding],
    previous: Previous,
    notes: Sequence[str],
    files_reviewed: int,
) -> None:
    current = tuple(Remembered.of(f) for f in findings)
    now_open = {item.fingerprint for item in current}
    resolved: dict[str, Remembered] = {}
    for item in (*previous.state.open, *previous.state.resolved):
        if item.fingerprint not in now_open:
            resolved.setdefault(item.fingerprint, item)
    if previous.summary_id is None and not findings and not resolved:
        return  # nothing to say, and nothing said before: stay quiet
    state = SummaryState(current, tuple(resolved.values()))
    body = render.summary_body(job.head_sha, findings, tuple(resolved.values()), notes, state, files_reviewed)
    if previous.summary_id is None:
        await api.create_issue_comment(job.number, body)
    else:
        await api.update_issue_comment(previous.summary_id, body)


async def open_check(api: RepoApi, job: ReviewJob, me: Identity) -> CheckRun:
    """The check run for this commit: the one an earlier attempt created, or a new one in progress."""
    for run in await api.check_runs(job.head_sha, CHECK_NAME):
        app = run.get("app") or {}
        if isinstance(app, dict) and app.get("slug") == me.slug:
            return CheckRun(int(run["id"]), run.get("status") == "completed")
    created = await api.create_check_run(
        {
            "name": CHECK_NAME,
            "head_sha": job.head_sha,
            "status": "in_progress",
            "started_at": _now(),
            "external_id": job.key[:200],
        }
    )
    return CheckRun(int(created["id"]), False)


async def close_check(
    api: RepoApi,
    check: CheckRun,
    findings: Sequence[Finding],
    *,
    failed: bool,
    title: str,
    summary: str,
) -> None:
    """Attach the annotations (50 per request; GitHub appends them) and set the conclusion."""
    if check.completed:
        log.info("the check run for this commit is complete already")
        return
    annotations = [render.annotation(f) for f in findings]
    batches = [
        annotations[i : i + ANNOTATIONS_PER_REQUEST] for i in range(0, len(annotations), ANNOTATIONS_PER_REQUEST)
    ]
    output: dict[str, Any] = {"title": title, "summary": summary}
    if findings:
        output["text"] = render.check_text(findings)
    for batch in batches[:-1]:
        await api.update_check_run(check.id, {"output": {**output, "annotations": batch}})
    final_output = {**output, "annotations": batches[-1]} if batches else output
    await api.update_check_run(
        check.id,
        {
            "status": "completed",
            "conclusion": "failure" if failed else "success",
            "completed_at": _now(),
            "output": final_output,
        },
    )


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
