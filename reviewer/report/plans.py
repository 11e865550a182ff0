"""Plans as text (for `migreview plan`) and as data (JSON, the bot)."""

from __future__ import annotations

import os
from typing import Any

from reviewer.plans.model import Plan
from reviewer.plans.writer import render_migration
from reviewer.result import ReviewResult


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "rule_id": plan.rule_id,
        "title": plan.title,
        "assumptions": list(plan.assumptions),
        "replaces": plan.replaces,
        "later_migrations": list(plan.later_migrations),
        "steps": [
            {
                "title": step.title,
                "deploy": step.deploy,
                "code_change": step.code_change,
                "migration": None
                if step.migration is None
                else {
                    "app_label": step.migration.app_label,
                    "name": step.migration.name,
                    "filename": step.migration.filename,
                    "source": render_migration(step.migration),
                },
            }
            for step in plan.steps
        ],
    }


def render_plan(plan_id: str, plan: Plan) -> str:
    lines = [f"{plan_id}: {plan.title}", f"  replaces: {plan.replaces}"]
    lines.extend(f"  assumes: {assumption}" for assumption in plan.assumptions)
    if plan.later_migrations:
        lines.append("  then: point these at the plan's last migration: " + ", ".join(plan.later_migrations))
    for number, step in enumerate(plan.steps, start=1):
        lines.append(f"  step {number}: {step.title}")
        lines.append(f"    when: {step.deploy}")
        if step.migration is not None:
            lines.append(f"    file: {step.migration.app_label}/migrations/{step.migration.filename}")
            lines.extend("    | " + line if line else "    |" for line in render_migration(step.migration).splitlines())
    return "\n".join(lines)


def render_plans_text(result: ReviewResult) -> str:
    if not result.plans:
        return "No finding here needs a split plan.\n"
    blocks = []
    for finding in result.findings:
        if finding.plan_id:
            where = f"{finding.location.path}:{finding.location.start_line}"
            blocks.append(f"{where}: {finding.rule_id}\n{render_plan(finding.plan_id, result.plans[finding.plan_id])}")
    return "\n\n".join(blocks) + "\n"


def write_plans(result: ReviewResult, folder: str) -> list[str]:
    """Write each plan's migrations to ``folder/<plan id>_<rule>/<app>/migrations/``; return the paths."""
    written = []
    for plan_id, plan in result.plans.items():
        for migration in plan.migrations:
            target = os.path.join(folder, f"{plan_id}_{plan.rule_id}", migration.app_label, "migrations")
            os.makedirs(target, exist_ok=True)
            path = os.path.join(target, migration.filename)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(render_migration(migration))
            written.append(path)
    return written
