"""Indexes on existing tables: build and drop them CONCURRENTLY, in non-atomic migrations of their own."""

from __future__ import annotations

from reviewer.findings import Suggestion
from reviewer.plans.context import PlanInput
from reviewer.plans.django_names import index_name
from reviewer.plans.model import Plan
from reviewer.plans.operations import field_operation, separate
from reviewer.plans.source import to_source, with_kwargs
from reviewer.plans.split import StepSpec, chained_plan, postgres_import
from reviewer.plans.sql import create_index_concurrently, drop_index_concurrently
from reviewer.plans.suggestion import replace_operation
from reviewer.state.column_types import column_type, pattern_opclass

RULES = ("add-index-without-concurrently", "remove-index-without-concurrently")
NON_ATOMIC_NOTE = "set `atomic = False` on the Migration class; import {name} from django.contrib.postgres.operations"
ASSUMPTIONS = ("PostgreSQL; CREATE INDEX CONCURRENTLY is unsafe on 14.0-14.3 (fixed in 14.4)",)
CONCURRENT_DEPLOY = "Same deploy, a non-atomic migration: it waits for running transactions but blocks no writes."


def build(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    kind = plan.operation.kind
    if kind == "AddIndex":
        return _swap(plan, "AddIndexConcurrently", f"index={to_source(plan.operation.arg('index'))}", "add")
    if kind == "RemoveIndex":
        return _swap(plan, "RemoveIndexConcurrently", f'name="{plan.operation.text("name")}"', "remove")
    if kind in ("AddField", "AlterField"):
        return _field_index(plan)
    return None


def _swap(plan: PlanInput, operation: str, argument: str, verb: str) -> tuple[Plan, Suggestion | None]:
    source = f'{operation}(\n    model_name="{plan.model_name}",\n    {argument},\n)'
    spec = StepSpec(
        f"{operation} in a non-atomic migration",
        CONCURRENT_DEPLOY,
        (source,),
        (verb, plan.model_name, "index", "concurrently"),
        atomic=False,
        imports=(postgres_import(operation),),
    )
    title = f'{verb.capitalize()} an index on "{plan.context.table_name(plan.model)}" without blocking writes'
    suggestion = None
    if len(plan.context.migration.operations) == 1:
        suggestion = replace_operation(plan.operation, source, NON_ATOMIC_NOTE.format(name=operation))
    return chained_plan(plan, title, [spec], *ASSUMPTIONS), suggestion


def _field_index(plan: PlanInput) -> tuple[Plan, Suggestion | None] | None:
    """db_index on a field: Django's state keeps the field as written; the database gets (or loses) the
    same indexes, with Django's own names, concurrently."""
    call, field = plan.field_call(), plan.new_field()
    if call is None or field is None:
        return None
    table = plan.context.table_name(plan.model)
    adding = plan.finding.rule_id == "add-index-without-concurrently"
    kind = plan.operation.kind
    # Adding: the database gets the field without the index (built next, concurrently). Removing: the
    # index is already gone, so only Django's state changes.
    database = (field_operation(kind, plan.model_name, field.name, with_kwargs(call, db_index="False")),)
    state_change = StepSpec(
        f"{kind} with the index handled concurrently; Django's state gets the field as written",
        "Same deploy.",
        (separate(database if adding else (), (field_operation(kind, plan.model_name, field.name, to_source(call)),)),),
        (kind.lower(), plan.model_name, field.name),
    )
    opclass = pattern_opclass(column_type(field, plan.context.state))
    names: list[tuple[str, str | None]] = [(index_name(table, [field.column]), None)]
    if opclass:
        names.append((index_name(table, [field.column], "_like"), opclass))
    if adding:
        statements = tuple(create_index_concurrently(name, table, [field.column], opclass=op) for name, op in names)
    else:
        statements = tuple(drop_index_concurrently(name, table, [field.column], opclass=op) for name, op in names)
    verb = "add" if adding else "remove"
    concurrent = StepSpec(
        f"{verb.capitalize()} the index CONCURRENTLY, with Django's own index name",
        CONCURRENT_DEPLOY,
        statements,
        (verb, plan.model_name, field.name, "index"),
        atomic=False,
    )
    title = f'{verb.capitalize()} the index on "{table}"."{field.column}" without blocking writes'
    return chained_plan(
        plan, title, [state_change, concurrent] if adding else [concurrent, state_change], *ASSUMPTIONS
    ), None
