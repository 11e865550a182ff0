"""Every plan generated for the corpus parses, and reviewing the project with the plan in place of the
unsafe migration no longer reports that problem, nor any new one."""

from __future__ import annotations

import ast
import shutil
from collections import Counter
from pathlib import Path

import pytest

from reviewer import ReviewOptions, review_paths
from reviewer.corpus import load_cases
from reviewer.plans.writer import render_migration
from reviewer.target import DatabaseTarget

CORPUS = Path(__file__).resolve().parent.parent.parent / "migrations_corpus"
CASES = {case.name: case for case in load_cases(str(CORPUS))}


def _options(case_name: str) -> ReviewOptions:
    case = CASES[case_name]
    return ReviewOptions(target=DatabaseTarget.from_names(case.db, case.db_version), user_model=case.user_model)


def _planned_cases() -> list[tuple[str, str]]:
    found = []
    for name in sorted(CASES):
        result = review_paths([str(CORPUS / name)], _options(name))
        found.extend((name, plan_id) for plan_id in result.plans)
    return found


@pytest.mark.parametrize(("case_name", "plan_id"), _planned_cases())
def test_plan_applied_in_place_is_clean(tmp_path: Path, case_name: str, plan_id: str) -> None:
    options = _options(case_name)
    original = review_paths([str(CORPUS / case_name)], options)
    plan = original.plans[plan_id]
    project = tmp_path / case_name
    shutil.copytree(CORPUS / case_name, project)
    replaced = project / Path(plan.replaces).relative_to(CORPUS / case_name)
    replaced.unlink()
    last = plan.migrations[-1].name
    for later in replaced.parent.glob("*.py"):
        text = later.read_text()
        later.write_text(text.replace(f'"{replaced.stem}")', f'"{last}")').replace(f"'{replaced.stem}')", f"'{last}')"))
    written = []
    for migration in plan.migrations:
        source = render_migration(migration)
        ast.parse(source)
        target = replaced.parent / migration.filename
        target.write_text(source)
        written.append(str(target))
    after = review_paths([str(project)], options)
    in_plan = [f for f in after.findings if f.location.path in written]
    if not plan.residual:
        assert not [f for f in in_plan if f.rule_id == plan.rule_id], [f.message for f in in_plan]
    assert not [f for f in in_plan if f.rule_id in ("syntax-error", "internal-error", "unreadable-code")]
    before = Counter(
        f.rule_id for f in original.findings if f.location.path == plan.replaces and f.rule_id != plan.rule_id
    )
    new_errors = (
        Counter(f.rule_id for f in in_plan if f.severity.label == "error" and f.rule_id != plan.rule_id) - before
    )
    assert not new_errors, [(f.rule_id, f.message) for f in in_plan]


def test_planned_rules_catalog_matches_the_recipes() -> None:
    """Text output names the rules with a recipe from a catalog that does not load the recipes."""
    from reviewer.plans.catalog import PLANNED_RULES
    from reviewer.plans.planner import RECIPES

    assert set(RECIPES) == PLANNED_RULES
