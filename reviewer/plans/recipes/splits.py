"""Migrations that must be split: data migrations out of schema migrations, concurrent operations out of
atomic ones. Consecutive operations of the same kind stay together, in their original order."""

from __future__ import annotations

from collections.abc import Callable

from reviewer.findings import Suggestion
from reviewer.loader.model import Operation
from reviewer.plans.context import PlanInput, operation_source, referenced_functions
from reviewer.plans.model import GeneratedMigration, Plan, PlanStep
from reviewer.rules.concurrent_in_atomic_migration import CONCURRENT_OPERATIONS, CONCURRENTLY
from reviewer.rules.mixed_schema_and_data import is_data_migration
from reviewer.sql.facts import sql_texts, without_comments

RULES = ("mixed-schema-and-data", "concurrent-in-atomic-migration")


def is_concurrent(operation: Operation) -> bool:
    if operation.kind in CONCURRENT_OPERATIONS:
        return True
    if any(is_concurrent(nested) for nested in operation.database_operations):
        return True
    return operation.kind == "RunSQL" and any(
        CONCURRENTLY.search(without_comments(sql)) for sql in sql_texts(operation.arg("sql"))
    )


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    if plan.finding.rule_id == "mixed-schema-and-data":
        return _split(
            plan,
            is_data_migration,
            "data",
            "Run the data migration in a migration of its own",
            "each migration is its own transaction: the schema change's locks end before the data migration starts",
            special_atomic=True,
        )
    return _split(
        plan,
        is_concurrent,
        "concurrently",
        "Run the concurrent operations in a non-atomic migration",
        "CONCURRENTLY cannot run inside a transaction; the other operations keep theirs",
        special_atomic=False,
    )


def _split(
    plan: PlanInput, special: Callable[[Operation], bool], word: str, title: str, why: str, special_atomic: bool
) -> tuple[Plan, Suggestion | None]:
    migration = plan.context.migration
    groups: list[tuple[bool, list[str]]] = []
    for operation in migration.operations:
        kind = special(operation)
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(operation_source(operation))
        else:
            groups.append((kind, [operation_source(operation)]))
    steps = []
    dependencies = plan.first_dependencies()
    rest = migration.name.split("_", 1)[-1]
    for offset, (kind, sources) in enumerate(groups):
        name = migration.name if offset == 0 else plan.name(offset, rest, word if kind else "schema")
        generated = GeneratedMigration(
            plan.app_label,
            name,
            dependencies,
            tuple(sources),
            imports=migration.imports,
            helpers=referenced_functions(tuple(sources), migration.functions),
            atomic=special_atomic or not kind,
        )
        label = f"The {word} operations" if kind else "The schema operations"
        steps.append(PlanStep(label, "Same deploy, in order.", generated))
        dependencies = plan.after(name)
    return Plan(plan.finding.rule_id, title, tuple(steps), (why,), migration.path, plan.dependents), None
