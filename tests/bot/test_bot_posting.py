"""How findings are posted, with the review step replaced by given findings (the engine is not under test here;
the end-to-end tests use the real one): suggestions, size limits, look-alike markers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from bot import markers, render
from bot.app import create_app
from bot.engine import EngineOutcome
from bot.settings import Settings
from bot.sources import Snapshot
from reviewer.findings import Finding, Impact, Location, Severity, Suggestion
from reviewer.options import FailOn
from reviewer.result import ReviewResult
from reviewer.target import DatabaseTarget
from tests.bot.github_standin import GitHubStandIn, ServerThread, simple_user
from tests.bot.helpers import OWNER, REPO, deliver, pull_request_event, wait_until
from tests.bot.migration_files import ADD_SKU, BASE

SKU = "shop/migrations/0002_add_sku.py"
REPLACEMENT = """        migrations.AddField(
            model_name="product",
            name="sku",
            field=models.CharField(max_length=10, db_default=""),
        ),"""


def finding(line: int = 10, *, message: str = "NOT NULL column added without a default", **extra: object) -> Finding:
    return Finding(
        rule_id="add-not-null-column",
        severity=Severity.ERROR,
        message=message,
        location=Location(SKU, line, line + 4),
        safe_way="give it a database default",
        impact=Impact("ACCESS EXCLUSIVE", "reads and writes", False, False, "PostgreSQL 16"),
        details=('ALTER TABLE "shop_product" ADD COLUMN "sku" varchar(10) NOT NULL',),
        **extra,  # type: ignore[arg-type]
    )


def engine_returning(findings: list[Finding]) -> object:
    def engine(snapshot: Snapshot, changed: Iterable[str]) -> EngineOutcome:
        assert SKU in snapshot.migrations and set(changed) == {SKU}
        result = ReviewResult(tuple(findings), (SKU,), len(snapshot.migrations), 1, DatabaseTarget())
        return EngineOutcome(result, FailOn.ERROR)

    return engine


@pytest.fixture
def serve(settings: Settings) -> Iterator[object]:
    servers: list[ServerThread] = []

    def start(findings: list[Finding]) -> str:
        server = ServerThread(create_app(settings, engine=engine_returning(findings)))  # type: ignore[arg-type]
        servers.append(server.__enter__())
        return server.url

    yield start
    for server in servers:
        server.__exit__()


def run(url: str, standin: GitHubStandIn) -> None:
    head = standin.add_pull(OWNER, REPO, 2, BASE, {**BASE, SKU: ADD_SKU})
    assert deliver(url, pull_request_event(2, head)).status_code == 202
    wait_until(lambda: any(r["status"] == "completed" for r in standin.check_runs), what="the check run")


def test_a_suggestion_becomes_a_one_click_suggestion_over_its_lines(serve: object, standin: GitHubStandIn) -> None:
    suggestion = Suggestion(10, 14, REPLACEMENT, extra_note="needs Django 5.0+")
    run(serve([finding(suggestion=suggestion)]), standin)  # type: ignore[operator]
    [comment] = standin.reviews[0]["_comments"]
    assert (comment["start_line"], comment["line"]) == (10, 14)
    assert "```suggestion\n" + REPLACEMENT + "\n```" in comment["body"]
    assert "needs Django 5.0+" in comment["body"]
    assert standin.rejected == []


def test_huge_reports_degrade_under_githubs_size_limits(serve: object, standin: GitHubStandIn) -> None:
    many = [finding(10, message=f"problem {i}: " + "x" * 400) for i in range(400)]
    run(serve(many), standin)  # type: ignore[operator]
    [summary] = standin.issue_comments
    assert len(summary["body"]) <= render.MAX_BODY and markers.SUMMARY in summary["body"]
    [check] = standin.check_runs
    assert len(check["_annotations"]) == 400 and check["_updates"] == 8
    assert len(standin.reviews) == 1 and standin.rejected == []


def test_a_look_alike_summary_by_someone_else_is_left_alone(serve: object, standin: GitHubStandIn) -> None:
    standin.issue_comments.append(
        {
            "_repo": (OWNER, REPO, 2),
            "id": 1,
            "node_id": "IC_1",
            "url": f"https://api.github.com/repos/{OWNER}/{REPO}/issues/comments/1",
            "html_url": "",
            "issue_url": "",
            "body": f"{markers.SUMMARY}\nI am not the bot",
            "user": simple_user("mallory", 4242, "User"),
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "author_association": "CONTRIBUTOR",
            "_edits": 0,
        }
    )
    run(serve([finding()]), standin)  # type: ignore[operator]
    assert standin.issue_comments[0]["body"].endswith("I am not the bot")
    assert len(standin.issue_comments) == 2


def test_summary_state_survives_a_round_trip() -> None:
    state = markers.SummaryState((markers.Remembered.of(finding(message="a --> b <!-- c")),), ())
    assert markers.SummaryState.decode("text " + state.encode() + " more") == state
    assert markers.SummaryState.decode("<!-- migreview:state !!! -->") == markers.SummaryState()
