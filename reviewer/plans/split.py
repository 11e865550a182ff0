"""Move the flagged operation's replacement into migrations of its own, keeping the rest where it was."""

from __future__ import annotations

from reviewer.plans.context import PlanInput
from reviewer.plans.model import GeneratedMigration


def postgres_import(*names: str) -> str:
    return f"from django.contrib.postgres.operations import {', '.join(names)}"


Group = tuple[tuple[str, ...], bool, tuple[str, ...], tuple[str, ...]]
"""(operation sources, atomic, name words, extra imports) of one generated migration."""


def chain(plan: PlanInput, groups: list[Group]) -> list[GeneratedMigration]:
    """Migrations for ``groups``, each depending on the one before. The reviewed migration's operations
    before the flagged one stay first under its own name; those after it join the last group, or follow
    in a migration of their own when the last group must be non-atomic."""
    position = plan.context.index[0]
    sources = [operation.source for operation in plan.context.migration.operations]
    before, after = tuple(sources[:position]), tuple(sources[position + 1 :])
    groups = list(groups)
    if after:
        operations, atomic, words, imports = groups[-1]
        if atomic:
            groups[-1] = (operations + after, atomic, words, imports)
        else:
            rest = plan.context.migration.name.split("_", 1)[-1]
            groups.append((after, True, (rest,), ()))
    if before:
        groups.insert(0, (before, True, (), ()))
    migrations: list[GeneratedMigration] = []
    dependencies = plan.first_dependencies()
    for offset, (operations, atomic, words, imports) in enumerate(groups):
        name = plan.context.migration.name if offset == 0 else plan.name(offset, *words)
        migrations.append(_migration(plan, name, dependencies, operations, atomic, imports))
        dependencies = plan.after(name)
    return migrations


def _migration(
    plan: PlanInput,
    name: str,
    dependencies: tuple[str, ...],
    operations: tuple[str, ...],
    atomic: bool,
    imports: tuple[str, ...],
) -> GeneratedMigration:
    return GeneratedMigration(
        plan.app_label,
        name,
        dependencies,
        operations,
        imports=(*plan.context.migration.imports, *imports),
        atomic=atomic,
    )
