"""Drops: leave Django's state first (the code stops using it), drop from the database a deploy later."""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.plans.context import PlanInput, operation_source
from reviewer.plans.model import Plan
from reviewer.plans.operations import create_model_operation, field_operation, separate
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.split import StepSpec, chained_plan
from reviewer.plans.sql import drop_column, drop_table
from reviewer.state.project import ModelState

RULES = ("remove-field", "delete-model")


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    operation = plan.operation
    if operation.kind == "RemoveField":
        model, field = plan.model, plan.old_field()
        if model is None or field is None:
            return None
        specs = []
        remaining = to_source(field.call) if field.call is not None else None
        # the field as deploy 1 leaves it (nullable when it had to be)
        if field.has_column and not field.null and field.db_default is None and field.call is not None:
            # For a foreign key, drop its constraint at the same time: any other change of a constrained
            # foreign key makes Django drop it and add it again, validated.
            if field.is_relation and field.db_constraint:
                nullable = with_kwargs(field.call, null="True", db_constraint="False")
            else:
                nullable = with_kwargs(field.call, null="True")
            remaining = nullable
            specs.append(
                StepSpec(
                    f'Make "{field.column}" nullable so that the new code can insert rows without it',
                    "Deploy 1: DROP NOT NULL is a brief lock, no scan.",
                    (field_operation("AlterField", plan.model_name, field.name, nullable),),
                )
            )
        specs.append(
            StepSpec(
                f'Remove "{field.name}" from Django\'s state only',
                "Deploy 1, with the code that no longer uses the field; the column stays for the old code.",
                (separate((), (operation_source(operation),)),),
                ("remove", plan.model_name, field.name, "from", "state"),
                code_change=f"delete {field.name} from the {model.name} model",
            )
        )
        # Deploy 2 declares the field again for Django's state only and removes it for real, so that the
        # migration stays reversible: going back re-creates the column as Django's own RemoveField would.
        if remaining is not None:
            database: tuple[str, ...] = (
                separate((), (field_operation("AddField", plan.model_name, field.name, remaining),)),
                f'migrations.RemoveField(model_name="{plan.model_name}", name="{field.name}")',
            )
        elif field.many_to_many:
            database = (drop_table(field.through or f"{model.table}_{field.name}"),)
        else:
            database = (drop_column(model.table, field.column),)
        specs.append(
            StepSpec(
                "Drop it from the database",
                "Deploy 2, once no old process is left.",
                database,
                ("drop", plan.model_name, field.name),
                imports=field.imports,
            )
        )
        return chained_plan(plan, f'Drop "{model.table}"."{field.column}" in two deploys', specs), None
    if operation.kind == "DeleteModel":
        model = plan.context.model("name")
        if model is None:
            return None
        specs = [
            StepSpec(
                f"Remove model {model.name} from Django's state only",
                "Deploy 1, with the code that no longer uses the model; the table stays for the old code.",
                (separate((), (operation_source(operation),)),),
                ("delete", model.name.lower(), "from", "state"),
                code_change=f"delete the {model.name} model",
            ),
            StepSpec(
                f'Drop table "{model.table}"',
                "Deploy 2, once no old process is left (take a backup first if the data may be needed).",
                _drop_model(model),
                ("drop", model.table),
                imports=tuple(line for field in model.fields.values() for line in field.imports),
            ),
        ]
        return chained_plan(plan, f'Drop table "{model.table}" in two deploys', specs), None
    return None


def _drop_model(model: ModelState) -> tuple[str, ...]:
    """Declare the model again for Django's state only, then DeleteModel for real: reversible like Django's
    own DeleteModel (going back re-creates the table). RunSQL when a field's definition is unknown."""
    create = create_model_operation(model)
    if create is None:
        return (*(drop_table(join) for join in _join_tables(model)), drop_table(model.table))
    return (separate((), (create,)), f'migrations.DeleteModel(name="{model.name}")')


def _join_tables(model: ModelState) -> list[str]:
    """The many-to-many tables Django created for the model's own fields (they go with it)."""
    return [
        f"{model.table}_{field.name}" for field in model.fields.values() if field.many_to_many and not field.through
    ]
