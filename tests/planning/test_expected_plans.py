"""Golden plans: for corpus cases that carry ``expected_plan/``, the generated files are exactly those.

Each file there is named ``<plan id>__<migration file>.expected`` (the ``.expected`` suffix keeps them out
of migration discovery). Regenerate after a deliberate recipe change with
``python -m tests.planning.test_expected_plans`` and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviewer import ReviewOptions, review_paths
from reviewer.corpus import Case, load_cases
from reviewer.plans.writer import render_migration
from reviewer.target import DatabaseTarget

CORPUS = Path(__file__).resolve().parent.parent.parent / "migrations_corpus"
GOLDEN = "expected_plan"


def generated(case: Case) -> dict[str, str]:
    options = ReviewOptions(target=DatabaseTarget.from_names(case.db, case.db_version), user_model=case.user_model)
    result = review_paths([case.folder], options)
    return {
        f"{plan_id}__{migration.filename}.expected": render_migration(migration)
        for plan_id, plan in result.plans.items()
        for migration in plan.migrations
    }


GOLDEN_CASES = [case for case in load_cases(str(CORPUS)) if (Path(case.folder) / GOLDEN).is_dir()]


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=lambda case: case.name)
def test_generated_plan_files_match_the_reviewed_ones(case: Case) -> None:
    folder = Path(case.folder) / GOLDEN
    expected = {path.name: path.read_text() for path in folder.glob("*.expected")}
    assert generated(case) == expected


def test_every_recipe_has_a_golden_plan() -> None:
    from reviewer.plans.planner import RECIPES

    covered = {
        plan.rule_id
        for case in GOLDEN_CASES
        for plan in review_paths(
            [case.folder],
            ReviewOptions(target=DatabaseTarget.from_names(case.db, case.db_version), user_model=case.user_model),
        ).plans.values()
    }
    assert sorted(set(RECIPES) - covered) == []


if __name__ == "__main__":
    for name in sys.argv[1:]:
        (case,) = [case for case in load_cases(str(CORPUS)) if case.name == name]
        target = Path(case.folder) / GOLDEN
        target.mkdir(exist_ok=True)
        for old in target.glob("*.expected"):
            old.unlink()
        for filename, text in generated(case).items():
            (target / filename).write_text(text)
        print(f"wrote {target}")
