"""The batched backfill function a plan writes into a RunPython migration."""

from __future__ import annotations

from reviewer.plans.context import PlanInput

BATCH_SIZE = 1000


def backfill_function(
    plan: PlanInput,
    field_name: str,
    value_source: str,
    value_is_callable: bool,
    source_field: str | None = None,
    cast_to: str | None = None,
    call_once: bool = False,
) -> tuple[str, str]:
    """Source of ``backfill_<model>_<field>(apps, schema_editor)`` and its name.

    Rows are taken in primary-key order, ``BATCH_SIZE`` at a time, and only where the column is still NULL;
    in a non-atomic migration every batch commits on its own, so no long lock and no huge transaction.
    ``source_field`` copies from another column (type change), cast to the ``cast_to`` field in the database;
    a callable value is called once per row, or once for all rows with ``call_once`` (what Django's own
    AlterField does when it fills NULLs with a default).
    """
    model = plan.class_name
    name = f"backfill_{plan.model_name.lower()}_{field_name}"
    if source_field is not None:
        copied = f"models.F({source_field!r})"
        if cast_to:
            copied = f"Cast({copied}, output_field={cast_to})"
        update = f"{model}.objects.filter(pk__in=batch).update({field_name}={copied})"
    elif value_is_callable and call_once:
        update = f"{model}.objects.filter(pk__in=batch).update({field_name}=value)"
    elif value_is_callable:
        update = f"for pk in batch:\n            {model}.objects.filter(pk=pk).update({field_name}={value_source}())"
    else:
        update = f"{model}.objects.filter(pk__in=batch).update({field_name}={value_source})"
    once = ""
    if call_once and value_is_callable:
        once = f"\n    value = {value_source}()  # one value for every row, as Django fills NULLs"
    source = f'''def {name}(apps, schema_editor):
    """Fill {plan.model_name}.{field_name} for existing rows, {BATCH_SIZE} rows per batch, by primary key."""
    {model} = apps.get_model("{plan.app_label}", "{model}"){once}
    last_pk = None
    while True:
        rows = {model}.objects.filter({field_name}__isnull=True).order_by("pk")
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        batch = list(rows.values_list("pk", flat=True)[:{BATCH_SIZE}])
        if not batch:
            break
        {update}
        last_pk = batch[-1]'''
    return source, name
