"""NOT NULL column on an existing table.

A constant default: add it with ``db_default`` (one step). Otherwise: add it nullable, backfill in
batches, then CHECK NOT VALID, VALIDATE and SET NOT NULL without a scan.
"""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.loader.model import Call
from reviewer.plans.backfill import backfill_function
from reviewer.plans.context import ASSUME_DJANGO, PlanInput
from reviewer.plans.model import Plan
from reviewer.plans.not_null import ASSUME_PG12, not_null_specs
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.split import StepSpec, chain
from reviewer.plans.suggestion import replace_operation

RULES = ("add-not-null-column",)


def add_field_source(model_name: str, name: str, field_source: str) -> str:
    return f'migrations.AddField(\n    model_name="{model_name}",\n    name="{name}",\n    field={field_source},\n)'


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None or field.default is None or field.default.source == "None":
        return None
    if not field.default.is_callable:
        return _with_db_default(plan, call)
    default = to_source(call.kwargs["default"])
    nullable = with_kwargs(call, drop=("default",), null="True")
    helper, function = backfill_function(plan, field.name, default, value_is_callable=True)
    table = plan.context.table_name(plan.model)
    specs = (
        StepSpec(
            f'Add "{field.column}" to "{table}" as nullable',
            "Deploy 1, with code that sets the field on every new row.",
            (add_field_source(plan.model_name, field.name, nullable),),
            ("add", plan.model_name, field.name, "nullable"),
            code_change=f"{field.name} = {with_kwargs(call, null='True')}",
        ),
        StepSpec(
            f"Backfill existing rows in batches by primary key, calling {default} once per row",
            "Deploy 2, once no old process is left (until then old code may insert NULLs).",
            (f"migrations.RunPython({function}, migrations.RunPython.noop)",),
            ("backfill", plan.model_name, field.name),
            atomic=False,
            helpers=(helper,),
        ),
        *not_null_specs(plan, field, call),
    )
    title = f'Add NOT NULL column "{field.column}" to "{table}" without downtime'
    steps = chain(plan, specs)
    return Plan(
        plan.finding.rule_id, title, steps, (ASSUME_DJANGO, ASSUME_PG12), plan.context.migration.path, plan.dependents
    ), None


def _with_db_default(plan: PlanInput, call: Call) -> tuple[Plan, Suggestion | None]:
    name = plan.operation.text("name") or "?"
    default = to_source(call.kwargs["default"])
    one_off = plan.operation.arg("preserve_default") is False  # makemigrations' one-off default for old rows
    field_source = with_kwargs(call, drop=("default",) if one_off else (), db_default=default)
    operation = add_field_source(plan.model_name, name, field_source)
    spec = StepSpec(
        f"Add the column with a database default ({default})",
        "One deploy: old code's INSERTs get the database default; PostgreSQL 11+ keeps a constant default in "
        "the catalog, so there is no rewrite.",
        (operation,),
        code_change=f"{name} = {field_source}",
    )
    plan_model = Plan(
        plan.finding.rule_id,
        f'Add NOT NULL column "{name}" with a database default',
        chain(plan, [spec]),
        ("Django 5.0+ (db_default)", "PostgreSQL 11+ / MySQL 8.0.13+: a constant default needs no table rewrite"),
        plan.context.migration.path,
        plan.dependents,
    )
    return plan_model, replace_operation(plan.operation, operation, f"models.py: {name} = {field_source}")
