"""Indexes on existing tables: build and drop them CONCURRENTLY, in non-atomic migrations of their own."""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.plans.context import PlanInput
from reviewer.plans.django_names import index_name
from reviewer.plans.model import GeneratedMigration, Plan, PlanStep
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.split import Group, chain, postgres_import
from reviewer.plans.sql import create_index_concurrently, drop_index_concurrently
from reviewer.plans.suggestion import replace_operation
from reviewer.state.column_types import ColumnType, column_type

RULES = ("add-index-without-concurrently", "remove-index-without-concurrently")
NON_ATOMIC_NOTE = (
    "set `atomic = False` on the Migration class and import {name} from django.contrib.postgres.operations"
)
ASSUMPTIONS = ("PostgreSQL; CREATE INDEX CONCURRENTLY is unsafe on 14.0-14.3 (fixed in 14.4)",)


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    kind = plan.operation.kind
    if kind == "AddIndex":
        return _swap(plan, "AddIndexConcurrently", f"index={to_source(plan.operation.arg('index'))}", "add")
    if kind == "RemoveIndex":
        return _swap(plan, "RemoveIndexConcurrently", f'name="{plan.operation.text("name")}"', "remove")
    if kind in ("AddField", "AlterField"):
        return _field_index(plan)
    return None


def describe(migration: GeneratedMigration) -> PlanStep:
    if migration.atomic:
        return PlanStep("Schema change (no index work here)", "Same deploy, in order.", migration)
    return PlanStep(
        "Index work CONCURRENTLY in a non-atomic migration",
        "Same deploy; it waits for running transactions but blocks no reads or writes.",
        migration,
    )


def _swap(plan: PlanInput, operation: str, argument: str, verb: str) -> tuple[Plan, Suggestion | None]:
    source = f'{operation}(\n    model_name="{plan.model_name}",\n    {argument},\n)'
    words = (verb, plan.model_name, "index", "concurrently")
    migrations = chain(plan, [((source,), False, words, (postgres_import(operation),))])
    title = f'{verb.capitalize()} an index on "{plan.context.table_name(plan.model)}" without blocking writes'
    plan_model = Plan(
        plan.finding.rule_id,
        title,
        tuple(describe(migration) for migration in migrations),
        ASSUMPTIONS,
        plan.context.migration.path,
        plan.dependents,
    )
    suggestion = None
    if len(plan.context.migration.operations) == 1:
        suggestion = replace_operation(plan.operation, source, NON_ATOMIC_NOTE.format(name=operation))
    return plan_model, suggestion


def pattern_opclass(column: ColumnType | None) -> str | None:
    """Django adds a second ``_like`` index with a pattern opclass for varchar and text columns."""
    if column is None:
        return None
    return {"varchar": "varchar_pattern_ops", "text": "text_pattern_ops"}.get(column.name)


def _field_index(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    """db_index on a field: Django's state keeps the field as written; the database gets (or loses) the
    same indexes, with Django's own names, concurrently."""
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None:
        return None
    table = plan.context.table_name(plan.model)
    adding = plan.finding.rule_id == "add-index-without-concurrently"
    kind = plan.operation.kind
    database_field = with_kwargs(call, db_index="False") if adding else to_source(call)
    separate = (
        "migrations.SeparateDatabaseAndState(\n"
        f'    database_operations=[\n        migrations.{kind}("{plan.model_name}", "{field.name}", '
        f"{database_field}),\n    ],\n"
        f'    state_operations=[\n        migrations.{kind}("{plan.model_name}", "{field.name}", '
        f"{to_source(call)}),\n    ],\n)"
    )
    opclass = pattern_opclass(column_type(field, plan.context.state))
    names: list[tuple[str, str | None]] = [(index_name(table, [field.column]), None)]
    if opclass:
        names.append((index_name(table, [field.column], "_like"), opclass))
    groups: list[Group]
    if adding:
        concurrent = tuple(create_index_concurrently(name, table, [field.column], opclass=op) for name, op in names)
        groups = [((separate,), True, (), ()), (concurrent, False, ("add", plan.model_name, field.name, "index"), ())]
    else:
        concurrent = tuple(drop_index_concurrently(name, table, [field.column], opclass=op) for name, op in names)
        groups = [
            (concurrent, False, ("remove", plan.model_name, field.name, "index"), ()),
            ((separate,), True, ("alter", plan.model_name, field.name), ()),
        ]
    migrations = chain(plan, groups)
    verb = "Add" if adding else "Remove"
    title = f'{verb} the index on "{table}"."{field.column}" without blocking writes'
    steps = tuple(describe(migration) for migration in migrations)
    return Plan(plan.finding.rule_id, title, steps, ASSUMPTIONS, plan.context.migration.path, plan.dependents), None
