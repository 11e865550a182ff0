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
    init_only = run("--history-root", ".", "shop/migrations/__init__.py", "--format", "json", cwd=tmp_path)
    assert init_only.returncode == 0 and json.loads(init_only.stdout)["findings"] == []


def test_history_root_must_be_a_folder(tmp_path: Path) -> None:
    write(tmp_path, initial())
    completed = run("--history-root", "nowhere", "shop", cwd=tmp_path)
    assert completed.returncode == 2 and "--history-root is not a folder" in completed.stderr
