"""NOT NULL column on an existing table.

A constant default: add it with ``db_default`` (one step). Otherwise: add it nullable, backfill in
batches, then CHECK NOT VALID, VALIDATE and SET NOT NULL without a scan.
"""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.loader.model import Call
from reviewer.plans.backfill import backfill_function
from reviewer.plans.context import ASSUME_DJANGO, PlanInput
from reviewer.plans.model import GeneratedMigration, Plan, PlanStep
from reviewer.plans.not_null import enforce_not_null_steps
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.suggestion import replace_operation

RULES = ("add-not-null-column",)


def add_field_source(model_name: str, name: str, field_source: str) -> str:
    return f'migrations.AddField(\n    model_name="{model_name}",\n    name="{name}",\n    field={field_source},\n)'


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None or "default" not in call.kwargs:
        return None
    if field.default is not None and not field.default.is_callable:
        return _with_db_default(plan, call)
    default = call.kwargs["default"]
    nullable = with_kwargs(call, drop=("default",), null="True")
    first = GeneratedMigration(
        plan.app_label,
        plan.name(0, "add", plan.model_name, field.name, "nullable"),
        plan.first_dependencies(),
        plan.replaced_operations([add_field_source(plan.model_name, field.name, nullable)]),
        imports=plan.context.migration.imports,
    )
    helper, function = backfill_function(plan, field.name, to_source(default), value_is_callable=True)
    backfill = GeneratedMigration(
        plan.app_label,
        plan.name(1, "backfill", plan.model_name, field.name),
        plan.after(first.name),
        (f"migrations.RunPython({function}, migrations.RunPython.noop)",),
        imports=plan.context.migration.imports,
        helpers=(helper,),
        atomic=False,
    )
    table = plan.context.table_name(plan.model)
    steps = (
        PlanStep(
            f'Add "{field.column}" to "{table}" as nullable',
            "Deploy 1, with code that sets the field on every new row "
            f"(models.py: {field.name} = {with_kwargs(call, null='True')}).",
            first,
            code_change=f"{field.name} = {with_kwargs(call, null='True')}",
        ),
        PlanStep(
            "Backfill existing rows in batches by primary key, one value per row",
            "Deploy 2, once no old process is left (until then old code may insert NULLs).",
            backfill,
        ),
        *enforce_not_null_steps(plan, field, call, after=backfill.name, offset=2),
    )
    assumptions = (
        ASSUME_DJANGO,
        "PostgreSQL 12+: SET NOT NULL skips its scan when a validated CHECK (col IS NOT NULL) exists; older "
        "versions still scan the table under ACCESS EXCLUSIVE in the last step",
        f"the default {to_source(default)} is called once per existing row, as Django does for new rows",
    )
    title = f'Add NOT NULL column "{field.column}" to "{table}" without downtime'
    return Plan("add-not-null-column", title, steps, assumptions, plan.context.migration.path, plan.dependents), None


def _with_db_default(plan: PlanInput, call: Call) -> tuple[Plan, Suggestion | None]:
    name = plan.operation.text("name") or "?"
    default = to_source(call.kwargs["default"])
    field_source = with_kwargs(call, db_default=default)
    operation = add_field_source(plan.model_name, name, field_source)
    migration = GeneratedMigration(
        plan.app_label,
        plan.context.migration.name,
        plan.first_dependencies(),
        plan.replaced_operations([operation]),
        imports=plan.context.migration.imports,
    )
    step = PlanStep(
        f"Add the column with a database default ({default})",
        "One deploy: old code's INSERTs get the database default; PostgreSQL 11+ keeps it in the catalog (no "
        f"rewrite). models.py: {name} = {field_source}",
        migration,
        code_change=f"{name} = {field_source}",
    )
    plan_model = Plan(
        "add-not-null-column",
        f'Add NOT NULL column "{name}" with a database default',
        (step,),
        ("Django 5.0+ (db_default)", "PostgreSQL 11+ / MySQL 8.0.13+: a constant default needs no table rewrite"),
        plan.context.migration.path,
        plan.dependents,
    )
    return plan_model, replace_operation(plan.operation, operation, f"models.py: {name} = {field_source}")
