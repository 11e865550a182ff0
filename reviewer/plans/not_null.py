"""The steps that make a column NOT NULL without a full scan under ACCESS EXCLUSIVE (PostgreSQL 12+)."""

from __future__ import annotations

from reviewer.loader.model import Call
from reviewer.plans.context import PlanInput
from reviewer.plans.model import GeneratedMigration, PlanStep
from reviewer.plans.source import to_source, with_kwargs
from reviewer.state.fields import FieldState

POSTGRES_OPERATIONS = "from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint"
MAX_NAME = 63


def check_name(table: str, column: str) -> str:
    name = f"{table}_{column}_not_null"
    return name if len(name) <= MAX_NAME else f"{table[: MAX_NAME - len(column) - 10]}_{column}_not_null"


def enforce_not_null_steps(
    plan: PlanInput, field: FieldState, final: Call, after: str, offset: int
) -> tuple[PlanStep, PlanStep]:
    """CHECK (col IS NOT NULL) NOT VALID; then VALIDATE, SET NOT NULL (no scan) and drop the check."""
    table = plan.context.table_name(plan.model)
    constraint = check_name(table, field.column)
    imports = (*plan.context.migration.imports, POSTGRES_OPERATIONS)
    add_check = GeneratedMigration(
        plan.app_label,
        plan.name(offset, plan.model_name, field.name, "not_null_check"),
        plan.after(after),
        (
            f'AddConstraintNotValid(\n    model_name="{plan.model_name}",\n'
            f"    constraint=models.CheckConstraint(\n"
            f'        condition=models.Q(("{field.name}__isnull", False)), name="{constraint}"\n    ),\n)',
        ),
        imports=imports,
    )
    # The database side drops the Python default: with a default Django would first UPDATE every NULL
    # row while holding ACCESS EXCLUSIVE; the state keeps the field exactly as written.
    database_field = with_kwargs(final, drop=("default", "null"))
    alter = f'migrations.AlterField("{plan.model_name}", "{field.name}", '
    separate = (
        "migrations.SeparateDatabaseAndState(\n"
        f"    database_operations=[\n        {alter}{database_field}),\n    ],\n"
        f"    state_operations=[\n        {alter}{to_source(final)}),\n    ],\n)"
    )
    set_not_null = GeneratedMigration(
        plan.app_label,
        plan.name(offset + 1, plan.model_name, field.name, "not_null"),
        plan.after(add_check.name),
        (
            f'ValidateConstraint(model_name="{plan.model_name}", name="{constraint}")',
            separate,
            f'migrations.RemoveConstraint(model_name="{plan.model_name}", name="{constraint}")',
        ),
        imports=imports,
    )
    return (
        PlanStep(
            f"Add CHECK ({field.column} IS NOT NULL) NOT VALID",
            "After the backfill: a brief ACCESS EXCLUSIVE lock, no scan; new NULLs are refused from now on.",
            add_check,
        ),
        PlanStep(
            "Validate the check, then SET NOT NULL (no scan: the valid check proves it) and drop the check",
            "A later migration, so the validation scan runs under SHARE UPDATE EXCLUSIVE (reads and writes go on); "
            f"models.py: {field.name} = {to_source(final)}",
            set_not_null,
            code_change=f"{field.name} = {to_source(final)}",
        ),
    )
