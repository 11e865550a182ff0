"""Adding a foreign key constraint to an existing table.

## What it does
Flags `AddField` of a `ForeignKey`/`OneToOneField` (with the default `db_constraint=True`) to a table that
existed before the migration, and `AlterField` that creates a foreign key constraint (a new relation, a
new target, or `db_constraint` turned on).

## Why is this bad?
On an existing column (`AlterField`), PostgreSQL validates the new constraint by scanning the whole table
while holding SHARE ROW EXCLUSIVE on both the table and the referenced table: writes to both stop. A new
column with a default is validated the same way under ACCESS EXCLUSIVE. A new nullable column needs no
validation scan (every value is NULL), but Django builds its index without CONCURRENTLY in the same
transaction, blocking writes for the whole build; a nullable foreign key with `db_index=False` is not
flagged. MySQL adds a foreign key by copying the table (ALGORITHM=COPY), blocking writes.

## Example
```python
migrations.AddField("invoice", "customer", models.ForeignKey("crm.Customer", models.PROTECT, null=True))
```

## Use instead
Add the column without the constraint, build the index concurrently, then add the constraint
`NOT VALID` and validate it in a later migration (no blocking lock while it scans):
```python
migrations.AddField("invoice", "customer",
                    models.ForeignKey("crm.Customer", models.PROTECT, null=True, db_constraint=False))
# later: RunSQL('ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY (...) REFERENCES ... NOT VALID')
# later still: RunSQL('ALTER TABLE ... VALIDATE CONSTRAINT ...')
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding, Severity
from reviewer.locks import StatementForm
from reviewer.rules.base import OperationContext, Rule
from reviewer.state.column_types import column_type
from reviewer.state.field_changes import foreign_key_added, should_be_altered
from reviewer.target import Backend


def check(context: OperationContext) -> Iterator[Finding]:
    if context.target.backend is not Backend.SQLITE:
        for fact in context.facts(StatementForm.ADD_FOREIGN_KEY, StatementForm.ADD_COLUMN_FOREIGN_KEY):
            if not fact.not_valid:
                yield context.fact_finding(
                    RULE,
                    f'foreign key on "{fact.table}" -> "{fact.referenced_table}" is validated by a full scan while '
                    "writes to both tables are blocked",
                    fact,
                    "ADD CONSTRAINT ... NOT VALID here, VALIDATE CONSTRAINT in a later migration",
                )
    operation = context.operation
    if context.target.backend is Backend.SQLITE:
        return
    yield from _renamed_target(context)
    if operation.kind not in ("AddField", "AlterField"):
        return
    yield from _rebuilt_incoming_keys(context)
    yield from _rebuilt_own_key(context)
    model = context.model()
    if not context.has_rows(model) or not context.touches_table(model):
        return
    old = context.field(model, operation.text("name")) if operation.kind == "AlterField" else None
    new = context.new_field()
    if new is None or not foreign_key_added(old, new):
        return
    table = context.table_name(model)
    target = context.state.model_by_reference(new.related_model)
    referenced = target.table if target else new.related_model or "?"
    index = new.db_index and not (old is not None and old.db_index)
    if operation.kind == "AlterField":
        form = StatementForm.ADD_FOREIGN_KEY
        cost = f'the constraint is validated by a full scan while writes to "{table}" and "{referenced}" are blocked'
    elif new.default is not None or new.db_default is not None:
        form = StatementForm.ADD_COLUMN_FOREIGN_KEY_DEFAULT
        cost = (
            "every existing row gets the default, so the constraint is validated by a full scan under ACCESS EXCLUSIVE"
        )
    elif index or not context.target.is_postgresql:
        # A new all-NULL column needs no validation scan (verified on the server); its index build does.
        form = StatementForm.ADD_COLUMN_FOREIGN_KEY
        cost = (
            "the table is copied (ALGORITHM=COPY), blocking writes"
            if not context.target.is_postgresql
            else f'its index is built without CONCURRENTLY, blocking writes to "{table}"'
        )
    else:
        return
    index_note = "; its index is built without CONCURRENTLY" if index and operation.kind == "AlterField" else ""
    yield context.finding(
        RULE,
        f'foreign key "{new.column}" -> "{referenced}" is added to existing table "{table}": {cost}{index_note}',
        table=table,
        column=new.column,
        impact=context.impact(form),
        safe_way="add the field with db_constraint=False (index via CREATE INDEX CONCURRENTLY), then ADD CONSTRAINT "
        "... FOREIGN KEY ... NOT VALID, and VALIDATE CONSTRAINT in a later migration",
    )


def _renamed_target(context: OperationContext) -> Iterator[Finding]:
    """RenameModel of a table that others reference: Django alters each referencing field, which drops its
    foreign key and adds it again, validated (RenameModel.database_forwards)."""
    if context.operation.kind != "RenameModel" or not context.target.is_postgresql:
        return
    model = context.model("old_name")
    new_name = context.operation.text("new_name")
    if model is None or not new_name or not context.has_rows(model) or model.db_table:
        return  # an explicit db_table keeps the table, and Django leaves the keys alone
    for owner, field in context.state.referencing_fields(model):
        related_name = field.kwarg("related_name")
        if owner is model or (isinstance(related_name, str) and related_name.endswith("+")):
            continue  # hidden relations (related_name="+") are not in _meta.related_objects: Django leaves them
        yield context.finding(
            RULE,
            f'renaming table "{model.table}" makes Django drop the foreign key "{owner.table}"."{field.column}" and '
            f'add it again, validated by a full scan of "{owner.table}" while writes are blocked',
            table=owner.table,
            column=field.column,
            impact=context.impact(StatementForm.ADD_FOREIGN_KEY),
            safe_way=f'keep the table (Meta.db_table = "{model.table}") and rename the model in the state only',
        )


def _rebuilt_own_key(context: OperationContext) -> Iterator[Finding]:
    """AlterField of a foreign key that changes anything Django stores in the database (null, db_index,
    unique, the field class...) drops the constraint and adds it again, validated (``_alter_field``)."""
    if context.operation.kind != "AlterField" or not context.target.is_postgresql:
        return
    model = context.model()
    old, new = context.field(model, context.operation.text("name")), context.new_field()
    if model is None or old is None or new is None or not context.has_rows(model):
        return
    if not (old.is_relation and old.db_constraint and new.is_relation and new.db_constraint):
        return
    if foreign_key_added(old, new):
        return  # a new target: reported as an added foreign key
    if not should_be_altered(old, new, same_target_table=True, ignore=frozenset({"db_comment"})):
        return
    target = context.state.model_by_reference(new.related_model)
    referenced = target.table if target else new.related_model or "?"
    yield context.finding(
        RULE,
        f'AlterField of foreign key "{model.table}"."{new.column}" makes Django drop its constraint and add it again: '
        f'validated by a full scan while writes to "{model.table}" and "{referenced}" are blocked',
        table=model.table,
        column=new.column,
        impact=context.impact(StatementForm.ADD_FOREIGN_KEY),
        safe_way="change only non-database attributes, or do it with SeparateDatabaseAndState: RunSQL for the column "
        "change and ADD CONSTRAINT ... NOT VALID + VALIDATE for the key",
    )


def _rebuilt_incoming_keys(context: OperationContext) -> Iterator[Finding]:
    """Django drops and re-adds (validated) the foreign keys that point at a primary key or unique column
    whose type changes, even when the change itself is cheap (a varchar that grows)."""
    if context.operation.kind != "AlterField":
        return
    model = context.model()
    old, new = context.field(model, context.operation.text("name")), context.new_field()
    if model is None or old is None or new is None or not context.has_rows(model):
        return
    if not ((old.primary_key and new.primary_key) or (old.unique and new.unique)):
        return
    old_type, new_type = column_type(old, context.state), column_type(new, context.state)
    if old_type is None or new_type is None or old_type == new_type:
        return
    for owner, field in context.state.referencing_fields(model):
        to_field = field.kwarg("to_field")
        if (to_field == old.name) if isinstance(to_field, str) else old.primary_key:
            yield context.finding(
                RULE,
                f'"{model.table}"."{old.column}" changes type ({old_type} to {new_type}), so Django drops the foreign '
                f'key from "{owner.table}"."{field.column}" and adds it again, validated by a full scan of '
                f'"{owner.table}" while writes to both tables are blocked'
                + (f' (its column changes type too, so "{owner.table}" is also rewritten)' if old.primary_key else ""),
                table=owner.table,
                column=field.column,
                impact=context.impact(StatementForm.ADD_FOREIGN_KEY),
                safe_way="change the referenced column in a maintenance window, or re-add the foreign key NOT VALID "
                "and VALIDATE it later (SeparateDatabaseAndState + RunSQL)",
            )


RULE = Rule(
    id="add-foreign-key",
    severity=Severity.ERROR,
    summary="Foreign key added to an existing table is validated under a blocking lock",
    doc=__doc__ or "",
    operation_check=check,
)
