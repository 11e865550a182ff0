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
