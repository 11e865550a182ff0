"""`migreview plan` as a user runs it: text, JSON, and --write."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from tests.cli.test_cli import run

CASE = Path(__file__).resolve().parent.parent.parent / "migrations_corpus" / "add_foreign_key_bad"


def test_plan_prints_steps_and_writes_files_that_parse(tmp_path: Path) -> None:
    text = run("plan", str(CASE))
    assert text.returncode == 0, text.stderr
    assert "P1: Add foreign key" in text.stdout and "step 4: VALIDATE CONSTRAINT in a later migration" in text.stdout

    completed = run("plan", str(CASE), "--format", "json", "--write", str(tmp_path))
    (plan,) = json.loads(completed.stdout)["plans"].values()
    assert plan["rule_id"] == "add-foreign-key"
    names = [step["migration"]["name"] for step in plan["steps"]]
    assert names == [
        "0002_invoice_customer",
        "0003_invoice_customer_index",
        "0004_invoice_customer_fk_not_valid",
        "0005_validate_invoice_customer_fk",
    ]
    written = sorted(tmp_path.glob("P1_add-foreign-key/add_foreign_key_bad/migrations/*.py"))
    assert [path.stem for path in written] == names
    for path in written:
        ast.parse(path.read_text())
    assert f"wrote {written[0]}" in completed.stderr


def test_plan_usage_errors() -> None:
    assert run("plan").returncode == 2
    assert run("plan", str(CASE), "--format", "sarif").returncode == 2
