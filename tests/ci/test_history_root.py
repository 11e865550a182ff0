"""--history-root: the files given are reported, every migration under the root is replayed (pre-commit)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ci.project import RENAME, UNSAFE, write
from tests.cli.test_cli import run
from tests.engine.builder import initial


def test_only_the_given_files_are_reported_with_the_whole_history_replayed(tmp_path: Path) -> None:
    write(tmp_path, initial(), UNSAFE, RENAME)
    completed = run("--history-root", ".", "shop/migrations/0003_rename.py", "--format", "json", cwd=tmp_path)
    assert completed.returncode == 1, completed.stderr
    report = json.loads(completed.stdout)
    assert report["summary"]["files_reviewed"] == 1 and report["summary"]["migrations_replayed"] == 3
    assert [(f["rule_id"], f["path"]) for f in report["findings"]] == [
        ("rename-column", "shop/migrations/0003_rename.py")
    ]
    # Absolute paths and non-migration files (pre-commit may pass any file) are fine.
    absolute = run(
        "--history-root", str(tmp_path), str(tmp_path / "shop/migrations/0002_currency.py"), "--format", "json"
    )
    assert [f["rule_id"] for f in json.loads(absolute.stdout)["findings"]] == ["add-not-null-column"]
    folder = run("--history-root", str(tmp_path), str(tmp_path / "shop"), "--format", "json", cwd=tmp_path)
    assert json.loads(folder.stdout)["summary"] == {
        **report["summary"],
        "files_reviewed": 3,
        "operations_reviewed": 4,
        "error": 2,
    }
    init_only = run("--history-root", ".", "shop/migrations/__init__.py", "--format", "json", cwd=tmp_path)
    assert init_only.returncode == 0 and json.loads(init_only.stdout)["findings"] == []


def test_history_root_must_be_a_folder(tmp_path: Path) -> None:
    write(tmp_path, initial())
    completed = run("--history-root", "nowhere", "shop", cwd=tmp_path)
    assert completed.returncode == 2 and "--history-root is not a folder" in completed.stderr


def test_with_diff_only_given_and_changed_files_are_reported(tmp_path: Path) -> None:
    from tests.ci.gitrepo import commit_all, git, new_repo

    repo = new_repo(tmp_path / "repo")
    write(repo, initial(), UNSAFE)
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, RENAME)
    commit_all(repo, "feature")
    files = [str(repo / "shop/migrations/0002_currency.py"), str(repo / "shop/migrations/0003_rename.py")]
    completed = run("--history-root", str(repo), *files, "--diff", "main", "--format", "json", cwd=repo)
    assert [f["rule_id"] for f in json.loads(completed.stdout)["findings"]] == ["rename-column"]
