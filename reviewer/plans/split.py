"""Turn a recipe's step specs into chained migrations, keeping the reviewed migration's other operations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reviewer.plans.context import PlanInput, operation_source, referenced_functions
from reviewer.plans.model import GeneratedMigration, Plan, PlanStep


def postgres_import(*names: str) -> str:
    return f"from django.contrib.postgres.operations import {', '.join(names)}"


@dataclass(frozen=True)
class StepSpec:
    """One generated migration of a plan, before it is named and chained."""

    title: str
    deploy: str
    operations: tuple[str, ...]
    words: tuple[str, ...] = ()
    """Words of the migration's name, e.g. ``("add", "invoice", "currency", "nullable")``."""
    atomic: bool = True
    imports: tuple[str, ...] = ()
    helpers: tuple[str, ...] = ()
    code_change: str = ""


def chained_plan(plan: PlanInput, title: str, specs: Sequence[StepSpec], *assumptions: str) -> Plan:
    """A plan for the reviewed finding whose steps are ``specs``, chained after the reviewed migration."""
    return Plan(
        plan.finding.rule_id, title, chain(plan, specs), assumptions, plan.context.migration.path, plan.dependents
    )


def chain(plan: PlanInput, specs: Sequence[StepSpec]) -> tuple[PlanStep, ...]:
    """Steps whose migrations depend each on the one before. The first keeps the reviewed migration's name.
    The reviewed migration's operations before the flagged one join the first step and those after it the
    last, unless that step is non-atomic: then they get a migration of their own."""
    position = plan.context.index[0]
    sources = [operation_source(operation) for operation in plan.context.migration.operations]
    before, after = tuple(sources[:position]), tuple(sources[position + 1 :])
    specs = list(specs)
    if after:
        last = specs[-1]
        if last.atomic:
            specs[-1] = replace(last, operations=last.operations + after)
        else:
            rest = plan.context.migration.name.split("_", 1)[-1]
            specs.append(StepSpec("The migration's remaining operations", "Same deploy, in order.", after, (rest,)))
    carried = plan.suppression_comments()
    if carried and specs[0].operations:
        first = "\n".join(comment.strip() for comment in carried) + "\n" + specs[0].operations[0]
        specs[0] = replace(specs[0], operations=(first, *specs[0].operations[1:]))
    if before and specs[0].atomic:
        specs[0] = replace(specs[0], operations=before + specs[0].operations)
    elif before:
        specs.insert(0, StepSpec("The migration's earlier operations", "Same deploy, in order.", before))
    steps: list[PlanStep] = []
    dependencies = plan.first_dependencies()
    for offset, spec in enumerate(specs):
        name = plan.context.migration.name if offset == 0 else plan.name(offset, *spec.words)
        migration = GeneratedMigration(
            plan.app_label,
            name,
            dependencies,
            spec.operations,
            imports=(*plan.context.migration.imports, *plan.field_imports(), *spec.imports),
            helpers=spec.helpers + referenced_functions(spec.operations, plan.context.migration.functions),
            atomic=spec.atomic,
        )
        steps.append(PlanStep(spec.title, spec.deploy, migration, spec.code_change))
        dependencies = plan.after(name)
    return tuple(steps)
