"""Constraints on existing tables: unique via a concurrent unique index attached USING INDEX; foreign keys
without the constraint first, then NOT VALID, then VALIDATE; CHECK NOT VALID, then VALIDATE."""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.loader.model import Call
from reviewer.plans.context import PlanInput, operation_source
from reviewer.plans.django_names import foreign_key_name, index_name, postgresql_key_name, unique_name
from reviewer.plans.model import Plan
from reviewer.plans.operations import field_operation, separate
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.split import StepSpec, chained_plan, postgres_import
from reviewer.plans.sql import (
    add_foreign_key_not_valid,
    add_unique_using_index,
    create_index_concurrently,
    drop_constraint,
    drop_index_concurrently,
    validate_constraint,
)
from reviewer.plans.suggestion import replace_operation
from reviewer.state.apply import normalize_together
from reviewer.state.column_types import column_type, pattern_opclass
from reviewer.state.project import default_table

RULES = ("add-unique-constraint", "add-foreign-key", "add-check-constraint")
CONCURRENT_DEPLOY = "Same deploy, a non-atomic migration: the build waits for running transactions, blocks no writes."
ATTACH_DEPLOY = "Same deploy, after the index exists: ACCESS EXCLUSIVE only for a catalog change."
PLAIN_UNIQUE = ("condition", "expressions", "include", "opclasses", "deferrable", "nulls_distinct")


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    if not plan.context.target.is_postgresql:
        return None
    if plan.finding.rule_id == "add-unique-constraint":
        return _unique(plan)
    if plan.finding.rule_id == "add-foreign-key":
        return _foreign_key(plan)
    return _check(plan)


def _unique_specs(
    plan: PlanInput,
    table: str,
    columns: list[str],
    name: str,
    state_operation: str,
    database_before: tuple[str, ...] = (),
    like: tuple[str, ...] = (),
) -> list[StepSpec]:
    specs = []
    if database_before:
        specs.append(
            StepSpec(
                "Add the column without the unique constraint (Django's state records the field in the last step)",
                "Same deploy.",
                (separate(database_before, ()),),
                ("add", plan.model_name, *columns),
            )
        )
    specs.append(
        StepSpec(
            f'Build the unique index "{name}" CONCURRENTLY',
            CONCURRENT_DEPLOY,
            (create_index_concurrently(name, table, columns, unique=True), *like),
            ("unique", plan.model_name, *columns, "index"),
            atomic=False,
        )
    )
    specs.append(
        StepSpec(
            f'Attach it: ADD CONSTRAINT "{name}" UNIQUE USING INDEX; Django\'s state gets the real operation',
            ATTACH_DEPLOY,
            (separate((add_unique_using_index(table, name),), (state_operation,)),),
            ("unique", plan.model_name, *columns),
        )
    )
    return specs


def _unique(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    operation, model = plan.operation, plan.model
    if model is None:
        return None
    table = model.table
    title = f'Add a unique constraint to "{table}" without blocking reads and writes'
    if operation.kind in ("AddField", "AlterField"):
        call, field = plan.field_call(), plan.new_field()
        if call is None or field is None or field.is_relation:
            return None
        name = unique_name(table, [field.column])
        like: tuple[str, ...] = ()
        opclass = pattern_opclass(column_type(field, plan.context.state))
        old = plan.old_field()
        if opclass and not (old is not None and old.db_index):
            like = (
                create_index_concurrently(
                    index_name(table, [field.column], "_like"), table, [field.column], opclass=opclass
                ),
            )
        if old is not None and old.db_index:
            # Django drops the plain index once the unique constraint covers the column (the _like one stays).
            like = (drop_index_concurrently(index_name(table, [field.column]), table, [field.column]),)
        state = field_operation(operation.kind, plan.model_name, field.name, to_source(call))
        if operation.kind == "AddField":
            # The name PostgreSQL gives an inline UNIQUE, as Django's ADD COLUMN ... UNIQUE would get.
            name = postgresql_key_name(table, field.column)
            plain = with_kwargs(call, drop=("unique", "db_index"))
            database = (field_operation("AddField", plan.model_name, field.name, plain),)
            return chained_plan(
                plan, title, _unique_specs(plan, table, [field.column], name, state, database, like)
            ), None
        return chained_plan(plan, title, _unique_specs(plan, table, [field.column], name, state, like=like)), None
    if operation.kind == "AddConstraint":
        constraint = operation.arg("constraint")
        if not isinstance(constraint, Call) or constraint.args or any(key in constraint.kwargs for key in PLAIN_UNIQUE):
            return None
        columns = _columns(plan, constraint.kwargs.get("fields"))
        constraint_name = constraint.kwargs.get("name")
        if columns is None or not isinstance(constraint_name, str):
            return None
        return chained_plan(
            plan, title, _unique_specs(plan, table, columns, constraint_name, operation_source(operation))
        ), None
    if operation.kind == "AlterUniqueTogether":
        added = [
            group
            for group in normalize_together(operation.arg("unique_together"))
            if group not in model.unique_together
        ]
        specs: list[StepSpec] = []
        attach: list[str] = []
        for group in added:
            columns = _columns(plan, list(group))
            if columns is None:
                return None
            name = unique_name(table, columns)
            specs.append(
                StepSpec(
                    f'Build the unique index "{name}" CONCURRENTLY',
                    CONCURRENT_DEPLOY,
                    (create_index_concurrently(name, table, columns, unique=True),),
                    ("unique", plan.model_name, *columns, "index"),
                    atomic=False,
                )
            )
            attach.append(add_unique_using_index(table, name))
        for group in model.unique_together:
            if group in normalize_together(operation.arg("unique_together")):
                continue
            columns = _columns(plan, list(group))
            if columns is not None:  # the group that goes away: Django drops its constraint
                attach.append(drop_constraint(table, unique_name(table, columns)))
        specs.append(
            StepSpec(
                "Attach the indexes as constraints; Django's state gets unique_together",
                ATTACH_DEPLOY,
                (separate(tuple(attach), (operation_source(operation),)),),
                ("unique", "together", plan.model_name),
            )
        )
        return chained_plan(plan, title, specs), None
    return None


def _columns(plan: PlanInput, fields: object) -> list[str] | None:
    model = plan.model
    if model is None or not isinstance(fields, list | tuple):
        return None
    columns = []
    for name in fields:
        field = model.field(name) if isinstance(name, str) else None
        if field is None or not field.has_column:
            return None
        columns.append(field.column)
    return columns


def _foreign_key(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None or plan.model is None or not field.is_relation:
        return None  # e.g. the finding is about foreign keys that point at this field, rebuilt by Django
    table = plan.model.table
    target = plan.context.state.model_by_reference(field.related_model)
    to_field = call.kwargs.get("to_field")
    if target is not None:
        to_table = target.table
        target_pk = target.field(to_field) if isinstance(to_field, str) else target.primary_key()
        to_column = target_pk.column if target_pk else "id"
    else:
        app_label, _, model_name = (field.related_model or "unknown.unknown").partition(".")
        to_table, to_column = default_table(app_label, model_name), "id"
    kind = plan.operation.kind
    name = foreign_key_name(table, field.column, to_table, to_column)
    old = plan.old_field()
    # The index is built concurrently in its own step, unless the column has it already.
    build_index = field.db_index and not (old is not None and old.db_index)
    without = (
        with_kwargs(call, db_constraint="False", db_index="False")
        if build_index
        else with_kwargs(call, db_constraint="False")
    )
    specs = [
        StepSpec(
            f"{kind} without the constraint (and without its index); Django's state gets the field as written",
            "Same deploy: a brief lock, no scan.",
            (
                separate(
                    (field_operation(kind, plan.model_name, field.name, without),),
                    (field_operation(kind, plan.model_name, field.name, to_source(call)),),
                ),
            ),
            (kind.lower(), plan.model_name, field.name, "without", "constraint"),
        )
    ]
    if build_index:
        specs.append(
            StepSpec(
                "Build the column's index CONCURRENTLY (Django's own name)",
                CONCURRENT_DEPLOY,
                (create_index_concurrently(index_name(table, [field.column]), table, [field.column]),),
                (plan.model_name, field.name, "index"),
                atomic=False,
            )
        )
    specs.append(
        StepSpec(
            f'ADD CONSTRAINT "{name}" FOREIGN KEY ... NOT VALID',
            "Same deploy: SHARE ROW EXCLUSIVE on both tables for a moment, no scan; new rows are checked.",
            (add_foreign_key_not_valid(name, table, field.column, to_table, to_column),),
            (plan.model_name, field.name, "fk", "not_valid"),
        )
    )
    specs.append(
        StepSpec(
            "VALIDATE CONSTRAINT in a later migration",
            "A separate migration (its own transaction): the scan runs under SHARE UPDATE EXCLUSIVE, writes go on.",
            (validate_constraint(table, name),),
            ("validate", plan.model_name, field.name, "fk"),
        )
    )
    title = f'Add foreign key "{table}"."{field.column}" -> "{to_table}" without blocking writes'
    return chained_plan(
        plan, title, specs, "PostgreSQL", "Django's constraint and index names, so later migrations find them"
    ), None


def _check(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    constraint = plan.operation.arg("constraint")
    if not isinstance(constraint, Call) or not isinstance(constraint.kwargs.get("name"), str):
        return None
    name = str(constraint.kwargs["name"])
    add = f'AddConstraintNotValid(\n    model_name="{plan.model_name}",\n    constraint={to_source(constraint)},\n)'
    validate = f'ValidateConstraint(model_name="{plan.model_name}", name="{name}")'
    specs = [
        StepSpec(
            "Add the CHECK constraint NOT VALID",
            "Same deploy: a brief ACCESS EXCLUSIVE lock, no scan; new rows are checked from now on.",
            (add,),
            imports=(postgres_import("AddConstraintNotValid"),),
        ),
        StepSpec(
            "Validate it in a later migration",
            "A separate migration (its own transaction): the scan runs under "
            "SHARE UPDATE EXCLUSIVE, reads and writes go on.",
            (validate,),
            ("validate", name),
            imports=(postgres_import("ValidateConstraint"),),
        ),
    ]
    table = plan.context.table_name(plan.model)
    suggestion = replace_operation(
        plan.operation,
        add,
        f"import AddConstraintNotValid from django.contrib.postgres.operations, and run "
        f'ValidateConstraint(model_name="{plan.model_name}", name="{name}") in a later migration',
    )
    return chained_plan(
        plan,
        f'Add check constraint "{name}" to "{table}" without a blocking scan',
        specs,
        "PostgreSQL; Django 4.0+ (AddConstraintNotValid, ValidateConstraint)",
    ), suggestion
