"""Every recipe's plan, applied to real PostgreSQL, ends in the same schema as the unsafe migration.

One case per recipe at least (``cases/<rule>/<variant>/``); a recipe without a case fails
``test_every_recipe_has_a_proof_case``, so a new recipe cannot land unproven. See ``harness.py``.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from reviewer.plans.planner import RECIPES
from tests.plans.case_model import Case, ProofError, discover_cases
from tests.plans.harness import Proof, in_parallel, prove, prove_all
from tests.plans.schema import normalise_indexdef
from tests.plans.scratch import create_database
from tests.support.databases import DatabaseUnavailableError

CASES = discover_cases()


class PlanWarning(UserWarning):
    """A warning finding on a plan's own migrations: shown in the summary, not a failure."""


def test_every_recipe_has_a_proof_case() -> None:
    proven = {case.rule for case in CASES}
    assert sorted(set(RECIPES) - proven) == [], "recipes without a proof case under tests/plans/cases/<rule>/"


def test_every_proof_case_has_a_recipe() -> None:
    assert sorted({case.rule for case in CASES} - set(RECIPES)) == [], "case folders named after no recipe"


def test_every_declared_difference_says_why() -> None:
    for case in CASES:
        for difference in case.differences:
            assert difference.why.strip(), f"{case.id}: {difference.fact} has no reason"
        for renamed in case.renames:
            assert renamed.why.strip(), f"{case.id}: the {renamed.kind} {renamed.original} has no reason"


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
    if isinstance(proof, ProofError):
        pytest.fail(f"{case.id}: {proof}", pytrace=False)
    if isinstance(proof, BaseException):
        raise proof
    for warning in proof.review_warnings:
        warnings.warn(f"{case.id}: migreview warns about the plan: {warning}", PlanWarning, stacklevel=1)
    problems = proof.problems()
    if problems:
        # The problems say everything; a traceback through the fixture would only bury them.
        pytest.fail(f"{case.id}: the plan is not proven:\n" + "\n".join(f"- {p}" for p in problems), pytrace=False)


def test_the_proof_notices_a_broken_plan(tmp_path: Path) -> None:
    """The harness is not vacuous: a plan broken on purpose is caught by the comparison and by the review."""
    case = next(case for case in CASES if case.id == "add-not-null-column/constant_default")
    nullable = in_parallel(
        {
            # The column ends up nullable: a schema and a state difference nobody declared.
            "nullable": lambda: prove(
                case, tmp_path / "nullable", lambda text: text.replace('db_default="EUR"', "null=True")
            ),
            # The plan is the unsafe migration again: the declared difference vanishes and migreview flags it.
            "unsafe": lambda: prove(case, tmp_path / "unsafe", lambda text: text.replace(', db_default="EUR"', "")),
        }
    )
    nullable_problems = nullable["nullable"].problems()
    assert any(
        problem.startswith("unexpected difference column:billing_invoice.currency")
        and "character varying(3) NULL" in problem
        for problem in nullable_problems
    ), nullable_problems
    assert any(
        problem.startswith("unexpected difference state:billing.invoice.currency") for problem in nullable_problems
    )
    unsafe_problems = nullable["unsafe"].problems()
    assert any(
        problem.startswith("declared difference did not happen as declared column:billing_invoice.currency")
        for problem in unsafe_problems
    ), unsafe_problems
    assert any(
        "migreview flags the plan" in problem and "add-not-null-column" in problem for problem in unsafe_problems
    )


def test_renamed_identifiers_are_read_with_the_original_names() -> None:
    case = next(case for case in CASES if case.id == "rename-column/rename_field")
    plan_facts = {
        "column:shop_customer.name": "character varying(200) NOT NULL",
        "index:shop_customer:CREATE INDEX ? ON public.shop_customer USING btree (name, email)": "valid x1",
        "column:shop_order.name": "text NULL",
        "state:shop.customer.full_name": "kept",
    }
    assert case.as_original_names(plan_facts) == {
        "column:shop_customer.full_name": "character varying(200) NOT NULL",
        "index:shop_customer:CREATE INDEX ? ON public.shop_customer USING btree (full_name, email)": "valid x1",
        "column:shop_order.name": "text NULL",
        "state:shop.customer.full_name": "kept",
    }


def test_index_names_are_normalised() -> None:
    assert (
        normalise_indexdef('CREATE UNIQUE INDEX "Odd Name" ON public.shop_order USING btree (number)')
        == normalise_indexdef("CREATE UNIQUE INDEX shop_order_number_key ON public.shop_order USING btree (number)")
        == "CREATE UNIQUE INDEX ? ON public.shop_order USING btree (number)"
    )


def test_an_unreachable_server_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """No PostgreSQL, no proof: the error names the settings, and nothing is skipped."""
    monkeypatch.setenv("MIGREVIEW_TEST_PG_HOST", "127.0.0.1")
    monkeypatch.setenv("MIGREVIEW_TEST_PG_PORT", "1")
    with pytest.raises(DatabaseUnavailableError, match=re.escape("127.0.0.1:1 is unreachable")):
        create_database()
