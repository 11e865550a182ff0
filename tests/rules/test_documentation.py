"""Every rule documents itself in ruff's four parts, and ids are unique kebab-case."""

import re

import pytest

from reviewer.rules import ALL_RULES, RULES_BY_ID


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.id)
def test_rule_docstring_has_the_four_parts(rule) -> None:  # type: ignore[no-untyped-def]
    doc = rule.documentation
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc, f"{rule.id} lacks {heading}"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id)
    assert rule.summary and not rule.summary.endswith(".")


def test_rule_ids_are_unique() -> None:
    assert len(RULES_BY_ID) == len(ALL_RULES)


def test_readme_lists_every_rule() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text()
    missing = [rule.id for rule in ALL_RULES if f"`{rule.id}`" not in readme]
    assert missing == []
