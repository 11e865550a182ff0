"""action.yml: its review step's script runs as GitHub would run it, in a shallow clone of a pull request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.ci.gitrepo import commit_all, git, new_repo
from tests.ci.project import RENAME, UNSAFE, write
from tests.engine.builder import initial

ROOT = Path(__file__).resolve().parents[2]


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text())
    return loaded


def step(name: str) -> dict[str, Any]:
    return next(step for step in action()["runs"]["steps"] if step.get("name") == name)


def test_action_is_a_composite_that_installs_reviews_uploads_and_fails() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) >= {"paths", "base-ref", "fail-on", "args", "upload-sarif", "sarif-file"}
    assert spec["inputs"]["base-ref"]["default"] == "${{ github.base_ref }}"
    uses = [step.get("uses", "") for step in spec["runs"]["steps"]]
    assert uses[0].startswith("actions/setup-python@") and "github/codeql-action/upload-sarif@v3" in uses
    assert step("Upload SARIF to code scanning")["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "${{" not in step("Review migrations")["run"]  # inputs reach the script as env, never as code
    assert "exit 1" in step("Fail on findings")["run"]
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "migreview.yml").read_text())
    steps = workflow["jobs"]["migreview"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0 and workflow["permissions"]["security-events"] == "write"


def shim(folder: Path) -> Path:
    """A `migreview` on PATH that runs this checkout (the action's install step, done by the test)."""
    folder.mkdir()
    script = folder / "migreview"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reviewer.cli "$@"\n')
    script.chmod(0o755)
    return folder


def run_review_step(workspace: Path, tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    output.write_text("")
    summary.write_text("")
    env = {
        **os.environ,
        "PATH": f"{shim(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "MIGREVIEW_PATHS": ".",
        "MIGREVIEW_BASE_REF": "main",
        "MIGREVIEW_FAIL_ON": "error",
        "MIGREVIEW_ARGS": "",
        "MIGREVIEW_SARIF": "migreview.sarif",
        **inputs,
    }
    completed = subprocess.run(
        ["bash", "-c", step("Review migrations")["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return completed, tmp_path


def test_review_step_on_a_shallow_pull_request_checkout(tmp_path: Path) -> None:
    upstream = new_repo(tmp_path / "upstream")
    write(upstream, initial(), UNSAFE)
    commit_all(upstream, "base: an old unsafe migration already on main")
    git(upstream, "checkout", "-q", "-b", "feature")
    write(upstream, RENAME)
    commit_all(upstream, "feature: a rename")
    workspace = tmp_path / "workspace"  # what actions/checkout leaves: the head commit only, no main
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{upstream}", str(workspace))

    completed, folder = run_review_step(workspace, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert (folder / "github_output").read_text() == "exit-code=1\n"
    # Only the pull request's migration is reported; the old one on main is history.
    results = json.loads((workspace / "migreview.sarif").read_text())["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == ["rename-column"]
    annotations = [line for line in completed.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=shop/migrations/0003_rename.py,line=9,")
    summary = (folder / "step_summary").read_text()
    assert summary.startswith("## migreview: 1 error, 0 warnings, 0 info") and "`rename-column`" in summary


def test_review_step_passes_below_fail_on_and_reports_usage_errors(tmp_path: Path) -> None:
    upstream = new_repo(tmp_path / "upstream")
    write(upstream, initial(), UNSAFE)
    commit_all(upstream, "base")
    passing, folder = run_review_step(upstream, tmp_path, MIGREVIEW_BASE_REF="", MIGREVIEW_FAIL_ON="never")
    assert passing.returncode == 0, passing.stderr
    assert (folder / "github_output").read_text() == "exit-code=0\n"
    assert "::error file=shop/migrations/0002_currency.py," in passing.stdout  # still annotated

    (folder / "github_output").unlink()
    (folder / "bin" / "migreview").unlink()
    (folder / "bin").rmdir()
    broken, _ = run_review_step(upstream, tmp_path, MIGREVIEW_BASE_REF="", MIGREVIEW_ARGS="--db oracle")
    assert broken.returncode == 2 and "migreview could not run (exit status 2)" in broken.stdout
