"""SARIF (validated against the official 2.1.0 schema), GitHub annotations and Markdown, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reviewer.report.github import escape_data, escape_property
from reviewer.report.markdown import cell
from reviewer.rules import ALL_RULES
from tests.ci.project import RENAME, UNSAFE, shift_lines, write
from tests.cli.test_cli import run
from tests.engine.builder import initial

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write(tmp_path, initial(), UNSAFE, RENAME)
    return tmp_path


def sarif(project: Path, *args: str) -> dict[str, Any]:
    completed = run("shop", "--format", "sarif", *args, cwd=project)
    assert completed.returncode == 1, completed.stderr
    log: dict[str, Any] = json.loads(completed.stdout)
    return log


def test_sarif_is_valid_against_the_2_1_0_schema(project: Path) -> None:
    log = sarif(project)
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(log, schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):  # the schema is strict enough to catch a mistake
        jsonschema.validate(broken, schema)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.id for rule in ALL_RULES]
    by_id = {rule["id"]: rule for rule in rules}
    documented = by_id["add-not-null-column"]
    assert documented["defaultConfiguration"]["level"] == "error"
    assert "## Why is this bad?" in documented["help"]["markdown"]
    assert (
        documented["shortDescription"]["text"]
        == "NOT NULL column added to an existing table without a database default"
    )
    results = {result["ruleId"]: result for result in run_["results"]}
    assert set(results) == {"add-not-null-column", "rename-column"}
    result = results["add-not-null-column"]
    assert result["level"] == "error" and rules[result["ruleIndex"]]["id"] == "add-not-null-column"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "shop/migrations/0002_currency.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 9, "endLine": 9}
    assert "ACCESS EXCLUSIVE" in result["message"]["text"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"


def test_sarif_fingerprints_survive_unrelated_edits(project: Path) -> None:
    before = sarif(project)["runs"][0]["results"]
    shift_lines(project / "shop" / "migrations" / "0002_currency.py")
    after = sarif(project)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (before[0], after[0])]
    assert lines == [9, 12]
    keys = [r["partialFingerprints"]["migreviewFingerprint/v1"] for r in after]
    assert len(set(keys)) == len(keys)


def test_github_annotations(project: Path) -> None:
    completed = run("shop", "--format", "github", cwd=project)
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=shop/migrations/0002_currency.py,line=9,endLine=9,title=migreview add-not-null-column::"
        'NOT NULL column "currency"'
    )
    assert "%0AImpact: ACCESS EXCLUSIVE lock" in lines[0] and "%0ASafe way: " in lines[0]
    assert (
        lines[1].startswith("::error file=shop/migrations/0003_rename.py,")
        and "title=migreview rename-column" in lines[1]
    )
    assert lines[-1].startswith("migreview: 2 error(s), 0 warning(s), 0 info in 3 file(s)")
    assert all("\r" not in line for line in lines)


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_severities_map_to_commands(project: Path) -> None:
    warnings = run("shop", "--format", "github", "--fail-on", "never", cwd=project)
    assert warnings.returncode == 0
    (project / ".migreview.toml").write_text(
        'severity = { "rename-column" = "warning", "add-not-null-column" = "info" }\n'
    )
    lines = run("shop", "--format", "github", cwd=project).stdout.splitlines()
    assert lines[0].startswith("::notice file=shop/migrations/0002_currency.py,")
    assert lines[1].startswith("::warning file=shop/migrations/0003_rename.py,")


def test_markdown_summary(project: Path) -> None:
    completed = run("shop", "--format", "markdown", cwd=project)
    assert completed.returncode == 1, completed.stderr
    text = completed.stdout
    assert text.startswith("## migreview: 2 errors, 0 warnings, 0 info\n")
    assert "the review fails `--fail-on error`" in text
    assert "### `shop/migrations/0002_currency.py`" in text and "### `shop/migrations/0003_rename.py`" in text
    row = next(line for line in text.splitlines() if "`add-not-null-column`" in line)
    assert row.startswith("| 9 | error | `add-not-null-column` | NOT NULL column")
    assert "ACCESS EXCLUSIVE lock (blocks reads and writes)" in row and "db_default='EUR'" in row
    assert row.count(" | ") == 5
    clean = run(
        "shop", "--format", "markdown", "--disable", "add-not-null-column", "--disable", "rename-column", cwd=project
    )
    assert clean.returncode == 0 and "No findings." in clean.stdout and "the review passes" in clean.stdout


def test_markdown_cells_stay_in_their_column() -> None:
    assert cell("a | b\nc") == "a \\| b c"
