"""Configuration files and diff mode, exercised through the real CLI in temporary projects and git repos."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reviewer.config import ConfigError, options_from_config_text
from reviewer.findings import Severity
from reviewer.options import FailOn
from tests.cli.test_cli import run
from tests.engine.builder import initial, migration

UNSAFE = migration("0002_currency", 'migrations.AddField("invoice", "currency", models.CharField(max_length=3, default="EUR")),')
RENAME = migration("0003_rename", 'migrations.RenameField("invoice", "number", "code"),', depends_on="0002_currency")


def write(root: Path, *files: tuple[str, str]) -> None:
    for path, text in files:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def test_config_text_is_validated_and_applied() -> None:
    options = options_from_config_text(
        "pyproject.toml",
        '[tool.migreview]\ndatabase = "mysql"\ndatabase_version = "8.0.20"\nfail_on = "warning"\n'
        'disable = ["rename-column"]\nseverity = { "remove-field" = "warning" }\nexclude_apps = ["waffle"]\n',
    )
    assert options.target.display == "MySQL 8.0.20" and options.fail_on is FailOn.WARNING
    assert options.disabled_rules == {"rename-column"} and options.exclude_apps == {"waffle"}
    assert options.severity_overrides == {"remove-field": Severity.WARNING}
    assert options_from_config_text("pyproject.toml", "[project]\nname = 'x'\n").fail_on is FailOn.ERROR
    for bad, named in (
        ("colour = 'red'", "colour"),
        ("disable = ['no-such-rule']", "no-such-rule"),
        ("fail_on = 'sometimes'", "fail_on"),
        ("database = 'oracle'", "oracle"),
    ):
        with pytest.raises(ConfigError, match=named):
            options_from_config_text(".migreview.toml", bad)


def test_config_is_found_by_walking_up_and_flags_win(tmp_path: Path) -> None:
    write(tmp_path, initial(), UNSAFE)
    (tmp_path / "pyproject.toml").write_text('[tool.migreview]\ndisable = ["add-not-null-column"]\n')
    assert run(str(tmp_path / "shop")).returncode == 0
    assert run(str(tmp_path / "shop"), "--no-config").returncode == 1
    (tmp_path / ".migreview.toml").write_text('fail_on = "never"\n')
    completed = run(str(tmp_path / "shop"), "--format", "json")
    assert completed.returncode == 0 and json.loads(completed.stdout)["summary"]["error"] == 1
    assert run(str(tmp_path / "shop"), "--fail-on", "error").returncode == 1
    (tmp_path / ".migreview.toml").write_text('mystery = 1\n')
    broken = run(str(tmp_path / "shop"))
    assert broken.returncode == 2 and "mystery" in broken.stderr


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def test_diff_reports_only_files_changed_since_the_merge_base(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, initial(), UNSAFE)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "feature")
    write(tmp_path, RENAME)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "rename")
    completed = run(".", "--diff", "main", "--format", "json", cwd=tmp_path)
    findings = json.loads(completed.stdout)["findings"]
    assert [(f["rule_id"], f["path"]) for f in findings] == [("rename-column", "shop/migrations/0003_rename.py")]
    # a renamed file counts as changed; an untracked new file too
    git(tmp_path, "mv", "shop/migrations/0002_currency.py", "shop/migrations/0002_currency_eur.py")
    path, text = migration("0004_more", 'migrations.RemoveField("invoice", "note"),', depends_on="0003_rename")
    write(tmp_path, (path, text.replace("0002_currency", "0002_currency_eur")))
    rename_path = tmp_path / RENAME[0]
    rename_path.write_text(RENAME[1].replace('"0002_currency"', '"0002_currency_eur"'))
    completed = run(".", "--diff", "main", "--format", "json", cwd=tmp_path)
    rules = sorted((f["rule_id"], Path(f["path"]).name) for f in json.loads(completed.stdout)["findings"])
    assert rules == [
        ("add-not-null-column", "0002_currency_eur.py"),
        ("remove-field", "0004_more.py"),
        ("rename-column", "0003_rename.py"),
    ]
    bad_ref = run(".", "--diff", "no-such-branch", cwd=tmp_path)
    assert bad_ref.returncode == 2 and "git" in bad_ref.stderr
