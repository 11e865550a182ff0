"""Zero-downtime split plans: the migrations that ship an unsafe change safely, with the real names."""

from reviewer.plans.model import GeneratedMigration, Plan, PlanStep
from reviewer.plans.planner import RECIPES, plan_for
from reviewer.plans.writer import render_migration

__all__ = ["RECIPES", "GeneratedMigration", "Plan", "PlanStep", "plan_for", "render_migration"]
