"""The pre-commit hook, run by pre-commit itself (`pre-commit try-repo`) on a clone of this repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.ci.gitrepo import commit_all, git, new_repo
from tests.ci.project import RENAME, UNSAFE, write
from tests.engine.builder import initial

ROOT = Path(__file__).resolve().parents[2]


def test_hook_definition() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "migreview" and hook["language"] == "python"
    assert hook["entry"] == "migreview --history-root ."
    assert hook["require_serial"] is True


def pre_commit(cwd: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError as error:  # a dev dependency: fail, never skip
        raise AssertionError(
            "pre-commit is not installed: pip install -e '.[dev]' (or pip install pre-commit)"
        ) from error
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_hook_reviews_staged_migrations_with_the_whole_history(tmp_path: Path) -> None:
    hook_repo = tmp_path / "migreview"
    git(tmp_path, "clone", "-q", str(ROOT), str(hook_repo))  # the committed tree, as users get it
    project = new_repo(tmp_path / "project")
    write(project, initial(), UNSAFE)
    commit_all(project, "an old unsafe migration")
    write(project, RENAME)
    git(project, "add", "-A")
    cache = tmp_path / "cache"

    # Only the staged migration is passed to the hook and reported; the history gives it its context.
    staged = pre_commit(project, cache, "try-repo", str(hook_repo), "migreview")
    assert staged.returncode == 1, staged.stdout + staged.stderr
    assert "shop/migrations/0003_rename.py:9: error   rename-column" in staged.stdout
    assert "add-not-null-column" not in staged.stdout
    assert "1 error, 0 warnings, 0 info in 1 file (3 migrations replayed" in staged.stdout

    # --all-files: every migration is passed, __init__.py and non-migration files are not.
    (project / "shop" / "models.py").write_text("# not a migration\n")
    everything = pre_commit(project, cache, "try-repo", str(hook_repo), "migreview", "--all-files")
    assert everything.returncode == 1
    assert "add-not-null-column" in everything.stdout and "rename-column" in everything.stdout
    assert "2 errors, 0 warnings, 0 info in 3 files" in everything.stdout

    safe = pre_commit(
        project, cache, "try-repo", str(hook_repo), "migreview", "--files", "shop/migrations/0001_initial.py"
    )
    assert safe.returncode == 0, safe.stdout + safe.stderr
