"""Stage 4: for each finding with a safe path, the plan (and a one-file suggestion where one exists)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from reviewer.findings import Suggestion
from reviewer.plans.context import PlanInput
from reviewer.plans.model import Plan
from reviewer.plans.recipes import columns, constraints, drops, indexes, not_null_column, renames, reversibility, splits

Recipe = Callable[[PlanInput], "tuple[Plan, Suggestion | None] | None"]

RECIPE_MODULES: tuple[ModuleType, ...] = (
    not_null_column,
    indexes,
    constraints,
    columns,
    renames,
    drops,
    reversibility,
    splits,
)

ALSO_RESOLVES: dict[str, tuple[str, ...]] = {
    rule: resolved for module in RECIPE_MODULES for rule, resolved in getattr(module, "ALSO_RESOLVES", {}).items()
}
"""For a rule, the other rules whose findings on the same operation its plan also resolves."""

RECIPES: dict[str, Recipe] = {rule: module.build for module in RECIPE_MODULES for rule in module.RULES}


def plan_for(plan_input: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    recipe = RECIPES.get(plan_input.finding.rule_id)
    return recipe(plan_input) if recipe is not None else None
