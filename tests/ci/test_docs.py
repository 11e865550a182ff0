"""docs/rules.md is generated from the rule docstrings and must be kept in sync."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reviewer.rules import ALL_RULES

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_is_up_to_date() -> None:
    generated = subprocess.run(
        [sys.executable, "-m", "reviewer.docs"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert RULES_MD.read_text() == generated, "docs/rules.md is stale: run `python -m reviewer.docs > docs/rules.md`"
    for rule in ALL_RULES:
        assert f"\n## {rule.id}\n" in generated and f"[`{rule.id}`](#{rule.id})" in generated
    assert "\n### Use instead\n" in generated
