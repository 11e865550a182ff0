"""Baselines through the CLI: accept today's findings, report only new ones, survive unrelated edits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ci.project import RENAME, UNSAFE, shift_lines, write
from tests.cli.test_cli import run
from tests.engine.builder import initial, migration

DROP = migration("0004_drop", 'migrations.RemoveField("invoice", "legacy"),', depends_on="0003_rename")


def findings(project: Path, *args: str) -> list[str]:
    completed = run("shop", "--format", "json", *args, cwd=project)
    assert completed.returncode in (0, 1), completed.stderr
    return [finding["rule_id"] for finding in json.loads(completed.stdout)["findings"]]


def test_baseline_hides_accepted_findings_and_shows_new_ones(tmp_path: Path) -> None:
    write(tmp_path, initial(), UNSAFE, RENAME)
    written = run("baseline", "shop", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "wrote 2 finding(s) to .migreview-baseline.json" in written.stderr
    data = json.loads((tmp_path / ".migreview-baseline.json").read_text())
    assert data["schema_version"] == 1
    assert {entry["path"] for entry in data["findings"]} == {
        "shop/migrations/0002_currency.py",
        "shop/migrations/0003_rename.py",
    }
    assert run("shop", "--baseline", ".migreview-baseline.json", cwd=tmp_path).returncode == 0
    quiet = run("shop", "--baseline", ".migreview-baseline.json", cwd=tmp_path).stdout
    assert "note: 2 findings accepted by the baseline not shown" in quiet

    # Unrelated edits move the old findings' lines; they stay accepted.
    shift_lines(tmp_path / "shop" / "migrations" / "0002_currency.py", 5)
    shift_lines(tmp_path / "shop" / "migrations" / "0003_rename.py", 2)
    assert findings(tmp_path, "--baseline", ".migreview-baseline.json") == []

    # A new migration's finding is reported; the accepted ones are not.
    write(tmp_path, DROP)
    assert findings(tmp_path, "--baseline", ".migreview-baseline.json") == ["remove-field"]
    assert run("shop", "--baseline", ".migreview-baseline.json", cwd=tmp_path).returncode == 1


def test_baseline_from_config_relative_to_the_config_file(tmp_path: Path) -> None:
    write(tmp_path, initial(), UNSAFE)
    (tmp_path / "pyproject.toml").write_text('[tool.migreview]\nbaseline = "ci/accepted.json"\n')
    (tmp_path / "ci").mkdir()
    assert run("baseline", "shop", cwd=tmp_path).returncode == 0  # --output defaults to the configured file
    assert (tmp_path / "ci" / "accepted.json").is_file()
    elsewhere = run("../shop", "--format", "json", cwd=tmp_path / "ci")  # the config is found walking up
    assert elsewhere.returncode == 0 and json.loads(elsewhere.stdout)["findings"] == []
    assert findings(tmp_path, "--no-config") == ["add-not-null-column"]
    assert run("shop", "--config", "pyproject.toml", cwd=tmp_path).returncode == 0


def test_baseline_can_be_written_elsewhere_and_a_bad_file_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, initial(), UNSAFE)
    assert run("baseline", "shop", "--output", "accepted.json", cwd=tmp_path).returncode == 0
    assert findings(tmp_path, "--baseline", "accepted.json") == []
    (tmp_path / "broken.json").write_text("{")
    broken = run("shop", "--baseline", "broken.json", cwd=tmp_path)
    assert broken.returncode == 2 and "broken.json is not JSON" in broken.stderr
    assert run("baseline", cwd=tmp_path).returncode == 2
    missing = run("shop", "--baseline", "missing.json", cwd=tmp_path)
    assert missing.returncode == 2 and "cannot read baseline missing.json" in missing.stderr
