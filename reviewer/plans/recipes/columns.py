"""Column changes: NOT NULL on an existing column, a rewriting type change, a callable default."""

from __future__ import annotations

from dataclasses import replace

from reviewer.findings import Suggestion
from reviewer.plans.backfill import backfill_function
from reviewer.plans.context import ASSUME_DJANGO, PlanInput
from reviewer.plans.django_names import index_name, unique_name
from reviewer.plans.model import Plan
from reviewer.plans.not_null import ASSUME_PG12, not_null_specs
from reviewer.plans.operations import field_operation, separate
from reviewer.plans.source import call_without, to_source, with_kwargs
from reviewer.plans.split import StepSpec, chained_plan
from reviewer.plans.sql import add_unique_using_index, create_index_concurrently
from reviewer.state.column_types import column_type, pattern_opclass
from reviewer.state.fields import FieldState

RULES = ("set-not-null", "alter-column-type", "callable-default")
ALSO_RESOLVES = {"callable-default": ("add-not-null-column", "add-unique-constraint")}


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    if plan.finding.rule_id == "set-not-null":
        return _set_not_null(plan)
    if plan.finding.rule_id == "alter-column-type":
        return _type_change(plan)
    return _callable_default(plan)


def _backfill_spec(
    plan: PlanInput,
    field_name: str,
    value: str,
    is_callable: bool,
    source_field: str | None = None,
    cast_to: str | None = None,
    call_once: bool = False,
) -> StepSpec:
    helper, function = backfill_function(plan, field_name, value, is_callable, source_field, cast_to, call_once)
    return StepSpec(
        f"Backfill {plan.model_name}.{field_name} in batches by primary key",
        "Once every running process writes the column (until then old code may write NULLs).",
        (f"migrations.RunPython({function}, migrations.RunPython.noop)",),
        ("backfill", plan.model_name, field_name),
        atomic=False,
        helpers=(helper,),
        imports=("from django.db.models.functions import Cast",) if cast_to else (),
    )


def _set_not_null(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    if not plan.context.target.is_postgresql:
        return None
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None:
        return None
    specs: list[StepSpec] = []
    if field.default is not None and field.default.source != "None":
        # Django's AlterField gives every NULL row the same default: so does the plan (the same change).
        default = to_source(call.kwargs["default"])
        specs.append(_backfill_spec(plan, field.name, default, field.default.is_callable, call_once=True))
    table = plan.context.table_name(plan.model)
    assumptions = [ASSUME_DJANGO, ASSUME_PG12]
    if field.default is None:
        assumptions.append("no default is given: every NULL must be filled before the last step, or it fails")
    if not plan.context.target.at_least(12):
        specs.append(
            StepSpec(
                "SET NOT NULL",
                "After the backfill.",
                (field_operation("AlterField", plan.model_name, field.name, to_source(call)),),
            )
        )
        title = f'Make "{table}"."{field.column}" NOT NULL with the least lock time PostgreSQL < 12 allows'
        residual = "before PostgreSQL 12 SET NOT NULL always scans the table under ACCESS EXCLUSIVE: schedule it"
        plan_model = chained_plan(plan, title, specs, *assumptions)
        return replace(plan_model, residual=residual), None
    specs.extend(not_null_specs(plan, field, call))
    return chained_plan(
        plan, f'Make "{table}"."{field.column}" NOT NULL without a blocking scan', specs, *assumptions
    ), None


def _type_change(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    """Expand and contract: a new column of the new type, backfilled; reads switch; the old one goes."""
    call, old, new = plan.field_call(), plan.old_field(), plan.new_field()
    if call is None or old is None or new is None or old.call is None or plan.model is None:
        return None
    if old.primary_key or new.primary_key or old.is_relation:
        return None  # a primary key or foreign key swap needs more than one column's expand and contract
    table = plan.model.table
    shadow, retired = f"{new.name}_new", f"{new.name}_old"
    nullable = with_kwargs(call, drop=("default", "unique", "db_index", "primary_key", "db_column"), null="True")
    final_state = with_kwargs(call, db_column=f'"{shadow}"')
    specs = [
        StepSpec(
            f'Add "{shadow}" with the new type, nullable',
            f"Deploy 1, with code that writes both {new.name} and {shadow} on every INSERT and UPDATE.",
            (field_operation("AddField", plan.model_name, shadow, nullable),),
            ("add", plan.model_name, shadow),
            code_change=f"{shadow} = {nullable}  # write it wherever {new.name} is written",
        ),
        _backfill_spec(plan, shadow, "", False, source_field=new.name, cast_to=with_kwargs(call, drop=("default",))),
        StepSpec(
            f'Switch: the field "{new.name}" now reads and writes column "{shadow}"; the old column stays for '
            "the old code",
            f"Deploy 2, with code that no longer uses {shadow} by that name (models.py: {new.name} = {final_state}).",
            (
                separate(
                    (),
                    (
                        f'migrations.RemoveField(model_name="{plan.model_name}", name="{new.name}")',
                        f'migrations.RenameField(model_name="{plan.model_name}", old_name="{shadow}", '
                        f'new_name="{new.name}")',
                        field_operation("AlterField", plan.model_name, new.name, final_state),
                    ),
                ),
            ),
            ("switch", plan.model_name, new.name),
            code_change=f"{new.name} = {final_state}",
        ),
        StepSpec(
            f'Drop the old column "{old.column}"',
            "Deploy 3, once no process of deploy 1 is left. Declared again for the state only and removed for "
            "real, so that going back re-creates it as Django would.",
            (
                separate(
                    (),
                    (
                        field_operation(
                            "AddField", plan.model_name, retired, with_kwargs(old.call, db_column=f'"{old.column}"')
                        ),
                    ),
                ),
                f'migrations.RemoveField(model_name="{plan.model_name}", name="{retired}")',
            ),
            ("drop", plan.model_name, old.column),
            imports=old.imports,
        ),
    ]
    assumptions = [
        ASSUME_DJANGO,
        "every old value converts to the new type (the backfill casts it); clean the data first",
    ]
    specs[2:2] = _shadow_indexes(plan, new, shadow, table)
    if not new.null:
        # NOT NULL on the new column while it still has its own name: every process writes it by then.
        shadow_field = replace(new, name=shadow, column=shadow)
        shadow_call = call_without(call, "unique", "db_index", "primary_key", "db_column")
        specs[2:2] = not_null_specs(plan, shadow_field, shadow_call)
        if plan.context.target.is_postgresql:
            assumptions.append(ASSUME_PG12)
    title = f'Change the type of "{table}"."{old.column}" without a table rewrite'
    return chained_plan(plan, title, specs, *assumptions), None


def _shadow_indexes(plan: PlanInput, new: FieldState, shadow: str, table: str) -> list[StepSpec]:
    """The unique constraint and indexes the field declares, built on the new column concurrently before the
    switch (the switch only changes Django's state, so the database must have them already)."""
    if not (new.unique or new.db_index) or not plan.context.target.is_postgresql:
        return []
    statements = []
    opclass = pattern_opclass(column_type(new, plan.context.state))
    name = unique_name(table, [shadow]) if new.unique else index_name(table, [shadow])
    statements.append(create_index_concurrently(name, table, [shadow], unique=new.unique))
    if opclass:
        statements.append(
            create_index_concurrently(index_name(table, [shadow], "_like"), table, [shadow], opclass=opclass)
        )
    specs = [
        StepSpec(
            f'Build the {"unique " if new.unique else ""}index of "{shadow}" CONCURRENTLY',
            "After the backfill, a non-atomic migration.",
            tuple(statements),
            ("index", plan.model_name, shadow),
            atomic=False,
        )
    ]
    if new.unique:
        specs.append(
            StepSpec(
                f'Attach it as the unique constraint of "{shadow}"',
                "Same deploy: ACCESS EXCLUSIVE only for a catalog change.",
                (add_unique_using_index(table, name),),
                ("unique", plan.model_name, shadow),
            )
        )
    return specs


def _callable_default(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    """Nullable first, one value per row, then unique (concurrent index) and NOT NULL (CHECK) if asked for."""
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None or field.default is None or plan.model is None:
        return None
    table = plan.model.table
    nullable = with_kwargs(call, drop=("default", "unique"), null="True")
    specs = [
        StepSpec(
            f'Add "{field.column}" nullable, without the callable default',
            "Deploy 1, with code that sets the field on new rows.",
            (field_operation("AddField", plan.model_name, field.name, nullable),),
            ("add", plan.model_name, field.name),
        ),
        _backfill_spec(plan, field.name, field.default.source, True),
    ]
    with_default = with_kwargs(call, drop=("unique",), null="True")
    if field.unique:
        name = unique_name(table, [field.column])
        with_default = with_kwargs(call, null="True")
        specs.append(
            StepSpec(
                f'Build the unique index "{name}" CONCURRENTLY',
                "After the backfill, a non-atomic migration.",
                (create_index_concurrently(name, table, [field.column], unique=True),),
                ("unique", plan.model_name, field.name, "index"),
                atomic=False,
            )
        )
        specs.append(
            StepSpec(
                "Attach it as the unique constraint; Django's state gets the default and unique=True",
                "Same deploy: ACCESS EXCLUSIVE only for a catalog change.",
                (
                    separate(
                        (add_unique_using_index(table, name),),
                        (field_operation("AlterField", plan.model_name, field.name, with_default),),
                    ),
                ),
                ("unique", plan.model_name, field.name),
            )
        )
    else:
        specs.append(
            StepSpec(
                "Record the callable default in Django's state (no database change)",
                "Same deploy.",
                (field_operation("AlterField", plan.model_name, field.name, with_default),),
                ("alter", plan.model_name, field.name),
            )
        )
    if not field.null:
        specs.extend(not_null_specs(plan, field, call))
    return chained_plan(
        plan, f'Give every row of "{table}" its own {field.column}', specs, ASSUME_DJANGO, ASSUME_PG12
    ), None
