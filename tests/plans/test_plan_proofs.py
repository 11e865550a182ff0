"""Every recipe's plan, applied to real PostgreSQL, ends in the same schema as the unsafe migration.

One case per recipe at least (``cases/<rule>/<variant>/``); a recipe without a case fails
``test_every_recipe_has_a_proof_case``, so a new recipe cannot land unproven. See ``harness.py``.
"""

from __future__ import annotations

import pytest

from reviewer.plans.planner import RECIPES
from tests.plans.harness import Case, Proof, discover_cases, prove_all

CASES = discover_cases()


def test_every_recipe_has_a_proof_case() -> None:
    proven = {case.rule for case in CASES}
    assert sorted(set(RECIPES) - proven) == [], "recipes without a proof case under tests/plans/cases/<rule>/"


def test_every_proof_case_has_a_recipe() -> None:
    assert sorted({case.rule for case in CASES} - set(RECIPES)) == [], "case folders named after no recipe"


def test_every_declared_difference_says_why() -> None:
    for case in CASES:
        for difference in case.differences:
            assert difference.why.strip(), f"{case.id}: {difference.fact} has no reason"


@pytest.fixture(scope="session")
def proofs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Proof | BaseException]:
    """The selected cases, proven in parallel once for the session (``-k`` selects fewer)."""
    selected = {
        item.callspec.params["case"].id
        for item in request.session.items
        if hasattr(item, "callspec") and isinstance(item.callspec.params.get("case"), Case)
    }
    return prove_all([case for case in CASES if case.id in selected], tmp_path_factory.mktemp("plan-proofs"))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_plan_is_proven_on_postgresql(case: Case, proofs: dict[str, Proof | BaseException]) -> None:
    proof = proofs[case.id]
    if isinstance(proof, BaseException):
        raise proof
    problems = proof.problems()
    assert not problems, f"{case.id}: the plan is not proven:\n" + "\n".join(f"- {problem}" for problem in problems)
