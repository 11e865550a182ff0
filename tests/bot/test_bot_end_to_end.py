"""Signed webhook in, review out: the bot on real uvicorn, the real engine, the GitHub stand-in on loopback."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
import redis

from bot.app import create_app
from bot.markers import SUMMARY
from bot.settings import Settings
from tests.bot.github_standin import GitHubStandIn, ServerThread
from tests.bot.helpers import (
    OWNER,
    REDIS_URL,
    REPO,
    check_completed,
    deliver,
    pull_request_event,
    wait_until,
    with_retry,
)
from tests.bot.migration_files import ADD_INDEX, ADD_SKU, ADD_SKU_SAFE, BASE, BROKEN, many_indexes

SKU = "shop/migrations/0002_add_sku.py"
INDEX = "shop/migrations/0003_index.py"


@pytest.fixture
def bot_url(settings: Settings) -> Iterator[str]:
    with ServerThread(create_app(settings)) as server:
        yield server.url


def open_pull(standin: GitHubStandIn, head: dict[str, str], base: dict[str, str] | None = None) -> str:
    return standin.add_pull(OWNER, REPO, 2, base or BASE, head)


def review_once(bot_url: str, standin: GitHubStandIn, head_sha: str, *, action: str = "opened") -> None:
    completed_before = sum(1 for run in standin.check_runs if run["status"] == "completed")
    response = deliver(bot_url, pull_request_event(2, head_sha, action=action))
    assert response.status_code == 202, response.text
    wait_until(
        lambda: sum(1 for run in standin.check_runs if run["status"] == "completed") > completed_before,
        what="the check run to complete",
    )


def test_unsafe_migration_gets_one_review_on_its_lines_one_summary_one_check(
    bot_url: str, standin: GitHubStandIn
) -> None:
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    review_once(bot_url, standin, head)

    assert len(standin.reviews) == 1
    review = standin.reviews[0]
    assert review["commit_id"] == head and review["state"] == "COMMENTED"
    [comment] = review["_comments"]
    assert comment["path"] == SKU
    assert (comment["start_line"], comment["line"], comment["side"]) == (10, 14, "RIGHT")
    assert "`add-not-null-column`" in comment["body"]
    assert "ACCESS EXCLUSIVE" in comment["body"] and "Safe way" in comment["body"]
    # The SQL Django runs for the operation, rendered offline, each statement with its lock.
    assert (
        "```sql\n"
        """ALTER TABLE "shop_product" ADD COLUMN "sku" varchar(10) NOT NULL;\n"""
        "--   add_column_not_null_no_default: ACCESS EXCLUSIVE lock (blocks reads and writes) "
        "[PostgreSQL 16 (all versions)]\n```"
    ) in comment["body"]

    [summary] = standin.issue_comments
    assert SUMMARY in summary["body"] and "add-not-null-column" in summary["body"]

    [check] = standin.check_runs
    assert check["name"] == "migreview" and check["head_sha"] == head
    assert (check["status"], check["conclusion"]) == ("completed", "failure")
    [annotation] = check["_annotations"]
    assert (annotation["path"], annotation["start_line"], annotation["end_line"]) == (SKU, 10, 14)
    assert annotation["annotation_level"] == "failure"
    assert """ALTER TABLE "shop_product" ADD COLUMN "sku" varchar(10) NOT NULL;""" in annotation["raw_details"]
    assert standin.rejected == []


def test_a_new_push_repeats_nothing_and_reports_what_was_resolved(bot_url: str, standin: GitHubStandIn) -> None:
    first = open_pull(standin, {**BASE, SKU: ADD_SKU})
    review_once(bot_url, standin, first)

    second = open_pull(standin, {**BASE, SKU: ADD_SKU, INDEX: ADD_INDEX})
    review_once(bot_url, standin, second, action="synchronize")
    assert len(standin.reviews) == 2
    [new_comment] = standin.reviews[1]["_comments"]  # the AddField comment is not repeated
    assert new_comment["path"] == INDEX and new_comment["line"] == 13

    third = open_pull(standin, {**BASE, SKU: ADD_SKU_SAFE, INDEX: ADD_INDEX})
    review_once(bot_url, standin, third, action="synchronize")
    assert len(standin.reviews) == 2  # nothing new to say on the lines
    [summary] = standin.issue_comments  # updated in place, never a second one
    assert summary["_edits"] == 2
    assert "Resolved since the last review" in summary["body"]
    assert "~~`add-not-null-column`" in summary["body"]
    assert len(standin.check_runs) == 3
    assert standin.rejected == []


def test_a_finding_outside_the_diff_goes_into_the_review_body(bot_url: str, standin: GitHubStandIn) -> None:
    padded = ADD_SKU + "".join(f"# note {i}\n" for i in range(20))
    base = {**BASE, SKU: padded}
    head = open_pull(standin, {**base, SKU: padded.replace("# note 19", "# the last note, edited")}, base=base)
    review_once(bot_url, standin, head)
    [review] = standin.reviews
    assert review["_comments"] == []
    assert "outside the diff" in review["body"] and "`add-not-null-column`" in review["body"]
    assert standin.rejected == []


def test_a_migration_that_does_not_parse_is_reported_not_fatal(bot_url: str, standin: GitHubStandIn) -> None:
    head = open_pull(standin, {**BASE, "shop/migrations/0002_broken.py": BROKEN})
    review_once(bot_url, standin, head)
    [review] = standin.reviews
    assert "syntax-error" in review["_comments"][0]["body"]
    assert standin.check_runs[0]["conclusion"] == "failure"


def test_more_than_50_annotations_are_sent_in_batches(bot_url: str, standin: GitHubStandIn) -> None:
    head = open_pull(standin, {**BASE, "shop/migrations/0002_indexes.py": many_indexes(60)})
    review_once(bot_url, standin, head)
    [check] = standin.check_runs
    assert len(check["_annotations"]) == 60
    assert check["_updates"] == 2
    [review] = standin.reviews
    assert len(review["_comments"]) == 60
    assert standin.rejected == []


def test_a_pull_request_without_migrations_gets_a_passing_check_and_no_comments(
    bot_url: str, standin: GitHubStandIn
) -> None:
    head = open_pull(standin, {**BASE, "shop/models.py": "# changed\n"})
    review_once(bot_url, standin, head)
    assert standin.reviews == [] and standin.issue_comments == []
    assert standin.check_runs[0]["conclusion"] == "success"


def test_faults_502s_timeouts_and_a_secondary_rate_limit_still_give_exactly_one_review(
    standin: GitHubStandIn, settings: Settings
) -> None:
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    standin.fail("GET", r"/pulls/2/files$", "status", status=502, times=2)
    standin.fail("GET", r"/git/blobs/", "status", status=503, times=1)
    standin.fail("POST", r"/pulls/2/reviews$", "rate_limit", seconds=1)
    # GitHub creates the review but the answer comes after the client gave up: the job must not post it again.
    standin.fail("POST", r"/pulls/2/reviews$", "delay", seconds=1.0)
    standin.fail("PATCH", r"/check-runs/", "status", status=502, times=1)
    quick = with_retry(settings, read_timeout=0.5)
    with ServerThread(create_app(quick)) as server:
        review_once(server.url, standin, head)
    assert len(standin.reviews) == 1
    assert len(standin.issue_comments) == 1
    assert len(standin.check_runs) == 1 and len(standin.check_runs[0]["_annotations"]) == 1
    statuses = [status for method, path, status in standin.requests if path.endswith("/pulls/2/reviews")]
    assert 403 in statuses


def test_a_redelivered_webhook_does_nothing_twice(bot_url: str, standin: GitHubStandIn) -> None:
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    payload = pull_request_event(2, head)
    delivery = "9a1f4e1e-cc78-11e3-81ab-4c9367dc0958"
    assert deliver(bot_url, payload, delivery=delivery).status_code == 202
    assert deliver(bot_url, payload, delivery=delivery).json()["status"] == "redelivery"
    wait_until(lambda: check_completed(standin), what="the review")
    assert deliver(bot_url, payload, delivery=delivery).json()["status"] == "redelivery"
    time.sleep(0.3)  # room for a second run to show up, if one were (wrongly) queued
    assert len(standin.reviews) == 1 and len(standin.issue_comments) == 1 and len(standin.check_runs) == 1


def test_the_redis_queue_end_to_end(standin: GitHubStandIn, settings: Settings) -> None:
    """The arq queue against the real Redis (MIGREVIEW_TEST_REDIS_URL); fails when Redis is down."""
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    on_redis = replace(settings, queue_url=REDIS_URL, queue_name=f"migreview:test:{uuid.uuid4().hex}")
    app = create_app(on_redis)
    with ServerThread(app) as server:
        assert httpx.get(f"{server.url}/readyz").status_code == 200
        review_once(server.url, standin, head)
        again = deliver(server.url, pull_request_event(2, head, action="reopened"))
        assert again.json()["status"] == "duplicate"
        time.sleep(0.3)
    redis.Redis.from_url(REDIS_URL).delete(f"arq:result:{OWNER}/{REPO}#2@{head}")
    assert len(standin.reviews) == 1 and len(standin.check_runs) == 1


def test_the_repositorys_config_sets_the_check_conclusion(bot_url: str, standin: GitHubStandIn) -> None:
    config = '[project]\nname = "shop"\n\n[tool.migreview]\nfail_on = "never"\n'
    head = open_pull(standin, {**BASE, "pyproject.toml": config, SKU: ADD_SKU})
    review_once(bot_url, standin, head)
    assert len(standin.reviews) == 1
    assert standin.check_runs[0]["conclusion"] == "success"


def test_an_invalid_config_is_reported_and_the_defaults_are_used(bot_url: str, standin: GitHubStandIn) -> None:
    head = open_pull(standin, {**BASE, ".migreview.toml": 'fail_on = "sometimes"\n', SKU: ADD_SKU})
    review_once(bot_url, standin, head)
    assert len(standin.reviews) == 1
    [check] = standin.check_runs
    assert check["conclusion"] == "failure"
    assert check["output"]["title"] == "migreview configuration is invalid"
    assert "fail_on" in standin.issue_comments[0]["body"]


def test_a_job_for_a_commit_that_was_pushed_over_is_skipped(bot_url: str, standin: GitHubStandIn) -> None:
    old = open_pull(standin, {**BASE, SKU: ADD_SKU})
    new = open_pull(standin, {**BASE, SKU: ADD_SKU, INDEX: ADD_INDEX})
    assert deliver(bot_url, pull_request_event(2, old)).status_code == 202
    review_once(bot_url, standin, new, action="synchronize")
    time.sleep(0.2)
    assert [review["commit_id"] for review in standin.reviews] == [new]
    assert [run["head_sha"] for run in standin.check_runs] == [new]


def test_a_closed_pull_request_is_not_reviewed(bot_url: str, standin: GitHubStandIn) -> None:
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    standin.repos[(OWNER, REPO)].pulls[2].state = "closed"
    assert deliver(bot_url, pull_request_event(2, head)).status_code == 202
    wait_until(lambda: any(path.endswith("/pulls/2") for _, path, _ in standin.requests), what="the job")
    time.sleep(0.2)
    assert standin.reviews == [] and standin.check_runs == []


def test_a_job_that_keeps_failing_ends_its_check_run_instead_of_leaving_it_running(
    standin: GitHubStandIn, settings: Settings
) -> None:
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    standin.fail("GET", r"/pulls/2/files$", "status", status=500, times=1000)
    with ServerThread(create_app(replace(settings, job_attempts=2))) as server:
        review_once(server.url, standin, head)
    [check] = standin.check_runs
    assert (check["status"], check["conclusion"]) == ("completed", "failure")
    assert check["output"]["title"] == "migreview could not finish the review"
    assert standin.reviews == []


def test_a_review_refused_for_its_lines_is_posted_with_the_findings_in_its_body(
    bot_url: str, standin: GitHubStandIn
) -> None:
    head = open_pull(standin, {**BASE, SKU: ADD_SKU})
    standin.fail("POST", r"/pulls/2/reviews$", "status", status=422)  # as if the diff changed under us
    review_once(bot_url, standin, head)
    [review] = standin.reviews
    assert review["_comments"] == []
    assert "`add-not-null-column`" in review["body"] and SKU in review["body"]


def test_dropping_the_migration_from_the_pull_request_resolves_its_findings(
    bot_url: str, standin: GitHubStandIn
) -> None:
    first = open_pull(standin, {**BASE, SKU: ADD_SKU})
    review_once(bot_url, standin, first)
    second = open_pull(standin, {**BASE, "shop/models.py": "# no migration any more\n"})
    review_once(bot_url, standin, second, action="synchronize")
    [summary] = standin.issue_comments
    assert "no problems found" in summary["body"] and "~~`add-not-null-column`" in summary["body"]
    assert [run["conclusion"] for run in standin.check_runs] == ["failure", "success"]


def test_the_engines_one_file_fix_is_offered_as_a_one_click_suggestion(bot_url: str, standin: GitHubStandIn) -> None:
    """A constant Python default: the engine's plan is db_default, replacing the operation's own lines."""
    with_default = ADD_SKU.replace("models.CharField(max_length=10)", 'models.CharField(default="none", max_length=10)')
    head = open_pull(standin, {**BASE, SKU: with_default})
    review_once(bot_url, standin, head)

    [review] = standin.reviews
    [comment] = review["_comments"]
    assert (comment["start_line"], comment["line"]) == (10, 14)
    suggestion = comment["body"].split("```suggestion\n", 1)[1].split("```", 1)[0]
    assert 'db_default="none"' in suggestion
    assert suggestion.startswith("        migrations.AddField(") and suggestion.rstrip().endswith("),")
    # and the plan itself, folded under the comment
    assert "<details><summary>Zero-downtime plan: " in comment["body"]
    assert "shop/migrations/0002_add_sku.py" in comment["body"] and "Django 5.0+ (db_default)" in comment["body"]
    assert standin.rejected == []
