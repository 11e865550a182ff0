"""The bot process killed with SIGKILL in the middle of a job, then restarted: still exactly one review."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from bot.app import create_app
from bot.settings import Settings
from tests.bot.github_standin import GitHubStandIn, ServerThread
from tests.bot.helpers import APP_ID, OWNER, REPO, SECRET, check_completed, deliver, pull_request_event, wait_until
from tests.bot.migration_files import ADD_SKU, BASE

ROOT = Path(__file__).parents[2]
SKU = "shop/migrations/0002_add_sku.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BotProcess:
    """``uvicorn bot.app:app`` in its own process, configured only through the environment."""

    def __init__(self, standin: GitHubStandIn, private_pem: str, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT),
            "MIGREVIEW_APP_ID": APP_ID,
            "MIGREVIEW_PRIVATE_KEY": private_pem,
            "MIGREVIEW_WEBHOOK_SECRET": SECRET,
            "MIGREVIEW_GITHUB_API_URL": standin.url,  # type: ignore[attr-defined]
            "MIGREVIEW_DATA_DIR": str(data_dir),
            "MIGREVIEW_JOB_LEASE_SECONDS": "1",
            "MIGREVIEW_JOB_RETRY_DELAY": "0.05",
            "MIGREVIEW_HTTP_RETRY_DELAY": "0.01",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bot.app:app", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._healthy, timeout=20, what="the bot process to start")

    def _healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/readyz", timeout=0.5).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
def bot(standin: GitHubStandIn, private_pem: str, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(standin, private_pem, tmp_path / "data")
    try:
        yield process
    finally:
        process.stop()


def test_killed_mid_job_twice_and_restarted_posts_exactly_one_review(bot: BotProcess, standin: GitHubStandIn) -> None:
    """SIGKILL while the job reads the repository, and again after it posted the review (while it posts the
    summary): each restart picks the interrupted job up from the SQLite queue, and nothing is posted twice."""
    head = standin.add_pull(OWNER, REPO, 2, BASE, {**BASE, SKU: ADD_SKU})
    reading = standin.fail("GET", r"/git/trees/", "hold")
    bot.start()
    assert deliver(bot.url, pull_request_event(2, head)).status_code == 202
    wait_until(lambda: reading.hits == 1, what="the job to read the repository")
    bot.kill()
    reading.release.set()
    assert standin.reviews == []

    summarising = standin.fail("POST", r"/issues/2/comments$", "hold")
    bot.start()  # same data directory: the interrupted job is still in the queue
    wait_until(lambda: summarising.hits == 1, timeout=20, what="the restarted job to post its summary")
    assert len(standin.reviews) == 1
    bot.kill()
    summarising.release.set()

    bot.start()
    wait_until(lambda: check_completed(standin), timeout=20, what="the job to be finished after the restart")
    assert len(standin.reviews) == 1
    assert len(standin.reviews[0]["_comments"]) == 1
    assert len(standin.issue_comments) == 1
    assert len(standin.check_runs) == 1
    assert standin.check_runs[0]["conclusion"] == "failure"


def test_a_separate_worker_process_runs_the_jobs(standin: GitHubStandIn, private_pem: str, tmp_path: Path) -> None:
    """A web replica without workers (MIGREVIEW_RUN_WORKER=false) and ``python -m bot.worker`` on one queue."""
    head = standin.add_pull(OWNER, REPO, 2, BASE, {**BASE, SKU: ADD_SKU})
    worker_env = BotProcess(standin, private_pem, tmp_path / "data").env
    web_settings = replace(Settings.from_env(worker_env), run_worker=False)
    worker = subprocess.Popen([sys.executable, "-m", "bot.worker"], env=worker_env, cwd=ROOT, stderr=subprocess.PIPE)
    try:
        with ServerThread(create_app(web_settings)) as web:
            assert deliver(web.url, pull_request_event(2, head)).status_code == 202
            wait_until(lambda: check_completed(standin), timeout=20, what="the worker to finish the review")
        assert len(standin.reviews) == 1
    finally:
        worker.send_signal(signal.SIGTERM)
        _, errors = worker.communicate(timeout=10)
    assert worker.returncode == 0, errors.decode()
    assert b"migreview worker started" in errors
