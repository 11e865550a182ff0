"""The steps that make a column NOT NULL without a full scan under ACCESS EXCLUSIVE (PostgreSQL 12+)."""

from __future__ import annotations

from reviewer.loader.model import Call
from reviewer.plans.context import PlanInput
from reviewer.plans.operations import separate as separate_operations
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.split import StepSpec, postgres_import
from reviewer.plans.sql import quoted, run_sql
from reviewer.state.fields import FieldState

MAX_NAME = 63
ASSUME_PG12 = (
    "PostgreSQL 12+: SET NOT NULL skips its scan when a validated CHECK (col IS NOT NULL) exists; on older "
    "versions the last step still scans the table under ACCESS EXCLUSIVE"
)


def check_name(table: str, column: str) -> str:
    name = f"{table}_{column}_not_null"
    return name if len(name) <= MAX_NAME else f"{table[: MAX_NAME - len(column) - 10]}_{column}_not_null"


def not_null_specs(plan: PlanInput, field: FieldState, final: Call) -> tuple[StepSpec, ...]:
    """PostgreSQL: CHECK (col IS NOT NULL) NOT VALID; then, in a later migration, VALIDATE, SET NOT NULL and
    drop it. MySQL makes a column NOT NULL in place (ALGORITHM=INPLACE, writes go on): one step."""
    table = plan.context.table_name(plan.model)
    constraint = check_name(table, field.column)
    # The database side leaves out the Python default: with one, Django first UPDATEs every NULL row
    # while holding the table lock. The state keeps the field exactly as written.
    alter = f'migrations.AlterField("{plan.model_name}", "{field.name}", '
    database_field = with_kwargs(final, drop=("default", "null"))
    separate = (
        "migrations.SeparateDatabaseAndState(\n"
        f"    database_operations=[\n        {alter}{database_field}),\n    ],\n"
        f"    state_operations=[\n        {alter}{to_source(final)}),\n    ],\n)"
    )
    # PostgreSQL: SET NOT NULL by hand. An AlterField of a foreign key would make Django drop its
    # constraint and add it again (validated), and any AlterField with a default first UPDATEs NULL rows.
    set_not_null = separate_operations(
        (
            run_sql(
                f"SET LOCAL lock_timeout = '5s'; ALTER TABLE {quoted(table)} ALTER COLUMN {quoted(field.column)} "
                "SET NOT NULL",
                f"ALTER TABLE {quoted(table)} ALTER COLUMN {quoted(field.column)} DROP NOT NULL",
            ),
        ),
        (f"{alter}{to_source(final)})",),
    )
    if not plan.context.target.is_postgresql:
        return (
            StepSpec(
                "SET NOT NULL (MySQL: ALGORITHM=INPLACE, reads and writes go on)",
                "After every row has a value.",
                (separate,),
                (plan.model_name, field.name, "not_null"),
                code_change=f"{field.name} = {to_source(final)}",
            ),
        )
    add_check = (
        f'AddConstraintNotValid(\n    model_name="{plan.model_name}",\n    constraint=models.CheckConstraint(\n'
        f'        condition=models.Q(("{field.name}__isnull", False)), name="{constraint}"\n    ),\n)'
    )
    return (
        StepSpec(
            f"Add CHECK ({field.column} IS NOT NULL) NOT VALID",
            "After every row has a value: a brief ACCESS EXCLUSIVE lock and no scan; new NULLs are refused.",
            (add_check,),
            (plan.model_name, field.name, "not_null_check"),
            imports=(postgres_import("AddConstraintNotValid"),),
        ),
        StepSpec(
            "Validate the check, SET NOT NULL (no scan: the valid check proves it) and drop the check",
            "A later migration: the validation scan runs under SHARE UPDATE EXCLUSIVE, reads and writes go on.",
            (
                f'ValidateConstraint(model_name="{plan.model_name}", name="{constraint}")',
                set_not_null,
                f'migrations.RemoveConstraint(model_name="{plan.model_name}", name="{constraint}")',
            ),
            (plan.model_name, field.name, "not_null"),
            imports=(postgres_import("ValidateConstraint"),),
            code_change=f"{field.name} = {to_source(final)}",
        ),
    )
