"""RunPython and RunSQL without a way back: add the reverse, or say that going back needs nothing."""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.plans.context import PlanInput
from reviewer.plans.model import Plan
from reviewer.plans.source import to_source
from reviewer.plans.split import StepSpec, chain
from reviewer.plans.suggestion import replace_operation

RULES = ("run-python-without-reverse", "run-sql-without-reverse")
WHY = (
    "noop is right when unapplying needs no data change (a backfill of a column that the schema reverse drops "
    "anyway); otherwise write the reverse function or SQL instead of noop"
)


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    operation = plan.operation
    if operation.kind == "RunPython":
        first, reverse_key, noop = "code", "reverse_code", "migrations.RunPython.noop"
    else:
        first, reverse_key, noop = "sql", "reverse_sql", "migrations.RunSQL.noop"
    arguments = [to_source(operation.arg(first))]
    arguments += [
        f"{key}={to_source(value)}" for key, value in operation.arguments.items() if key not in (first, reverse_key)
    ]
    arguments.append(f"{reverse_key}={noop}")
    source = f"migrations.{operation.kind}(\n    " + ",\n    ".join(arguments) + ",\n)"
    spec = StepSpec(f"Give {operation.kind} a reverse", "Same deploy.", (source,))
    plan_model = Plan(
        plan.finding.rule_id,
        f"Make {operation.kind} reversible",
        chain(plan, [spec]),
        (WHY,),
        plan.context.migration.path,
        plan.dependents,
    )
    return plan_model, replace_operation(operation, source, WHY)
