"""Renames: keep the database name and rename only in Django's state (one file, no lock, no broken code)."""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.plans.context import PlanInput, operation_source
from reviewer.plans.model import Plan
from reviewer.plans.operations import field_operation, separate
from reviewer.plans.source import with_kwargs
from reviewer.plans.split import StepSpec, chain
from reviewer.plans.suggestion import replace_operation

RULES = ("rename-column", "rename-table")
EXPAND_CONTRACT = (
    "if the database name itself must change: add the new column or table, write to both, backfill, switch "
    "reads, stop writing the old one, and drop it in a later deploy"
)


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    operation = plan.operation
    if operation.kind == "RenameField":
        return _rename_field(plan)
    if operation.kind == "AlterField":
        old, call = plan.old_field(), plan.field_call()
        if old is None or call is None or plan.model is None:
            return None
        if old.many_to_many:
            old_table = old.kwarg("db_table")
            join_table = old_table if isinstance(old_table, str) else f"{plan.model.table}_{old.name}"
            keep = with_kwargs(call, db_table=f'"{join_table}"')
            source = field_operation("AlterField", plan.model_name, operation.text("name") or "?", keep)
            return _single(plan, source, f'Keep join table "{join_table}"', f"models.py: db_table={join_table!r}")
        keep = with_kwargs(call, db_column=f'"{old.column}"')
        source = field_operation("AlterField", plan.model_name, operation.text("name") or "?", keep)
        return _single(plan, source, f'Keep column "{old.column}"', f"models.py: db_column={old.column!r}")
    if operation.kind == "RenameModel":
        model = plan.context.model("old_name")
        new_name = operation.text("new_name")
        if model is None or not new_name or _has_auto_join_tables(plan, model.key):
            return None  # auto-created join tables name their columns after the model: no state-only rename
        source = separate(
            (),
            (
                operation_source(operation),
                f'migrations.AlterModelTable(name="{new_name.lower()}", table="{model.table}")',
            ),
        )
        return _single(plan, source, f'Keep table "{model.table}"', f'class Meta: db_table = "{model.table}"')
    return None


def _has_auto_join_tables(plan: PlanInput, model_key: str) -> bool:
    return any(
        field.many_to_many
        and not field.through
        and (owner.key == model_key or (field.related_model or "").lower() == model_key)
        for owner in plan.context.state.models.values()
        for field in owner.fields.values()
    )


def _rename_field(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    operation = plan.operation
    old, new_name = plan.old_field("old_name"), operation.text("new_name")
    if old is None or old.call is None or not new_name:
        return None
    if old.many_to_many:
        if old.through or plan.model is None:
            return None
        join_table = f"{plan.model.table}_{old.name}"
        keep = with_kwargs(old.call, db_table=f'"{join_table}"')
        kept = f'Keep join table "{join_table}"'
    else:
        keep = with_kwargs(old.call, db_column=f'"{old.column}"')
        kept = f'Keep column "{old.column}"'
    source = separate(
        (),
        (operation_source(operation), field_operation("AlterField", plan.model_name, new_name, keep)),
    )
    return _single(plan, source, kept, f"models.py: {new_name} = {keep}")


def _single(plan: PlanInput, source: str, title: str, code: str) -> tuple[Plan, Suggestion | None]:
    spec = StepSpec(
        f"{title}; rename only in Django's state",
        f"One deploy, no database change: old and new code use the same column. {code}",
        (source,),
        code_change=code,
    )
    plan_model = Plan(
        plan.finding.rule_id,
        title,
        chain(plan, [spec]),
        (EXPAND_CONTRACT,),
        plan.context.migration.path,
        plan.dependents,
    )
    return plan_model, replace_operation(plan.operation, source, code)
