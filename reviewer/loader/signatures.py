"""Parameter names of Django's migration operations and of the classes found inside them.

Used to bind positional arguments to names without importing Django. The lists follow Django 3.2 to
6.0 (``django/db/migrations/operations/*.py``, ``django/contrib/postgres/operations.py``).
"""

from __future__ import annotations

OPERATIONS: dict[str, tuple[str, ...]] = {
    "CreateModel": ("name", "fields", "options", "bases", "managers"),
    "DeleteModel": ("name",),
    "RenameModel": ("old_name", "new_name"),
    "AlterModelTable": ("name", "table"),
    "AlterModelTableComment": ("name", "table_comment"),
    "AlterUniqueTogether": ("name", "unique_together"),
    "AlterIndexTogether": ("name", "index_together"),
    "AlterOrderWithRespectTo": ("name", "order_with_respect_to"),
    "AlterModelOptions": ("name", "options"),
    "AlterModelManagers": ("name", "managers"),
    "AddField": ("model_name", "name", "field", "preserve_default"),
    "RemoveField": ("model_name", "name"),
    "AlterField": ("model_name", "name", "field", "preserve_default"),
    "RenameField": ("model_name", "old_name", "new_name"),
    "AddIndex": ("model_name", "index"),
    "RemoveIndex": ("model_name", "name"),
    "RenameIndex": ("model_name", "new_name", "old_name", "old_fields"),
    "AddConstraint": ("model_name", "constraint"),
    "RemoveConstraint": ("model_name", "name"),
    "AlterConstraint": ("model_name", "name", "constraint"),
    "RunSQL": ("sql", "reverse_sql", "state_operations", "hints", "elidable"),
    "RunPython": ("code", "reverse_code", "atomic", "hints", "elidable"),
    "SeparateDatabaseAndState": ("database_operations", "state_operations"),
    # django.contrib.postgres.operations
    "AddIndexConcurrently": ("model_name", "index"),
    "RemoveIndexConcurrently": ("model_name", "name"),
    "AddConstraintNotValid": ("model_name", "constraint"),
    "ValidateConstraint": ("model_name", "name"),
    "CreateExtension": ("name", "hints"),
    "BloomExtension": ("hints",),
    "BtreeGinExtension": ("hints",),
    "BtreeGistExtension": ("hints",),
    "CITextExtension": ("hints",),
    "CryptoExtension": ("hints",),
    "HStoreExtension": ("hints",),
    "TrigramExtension": ("hints",),
    "UnaccentExtension": ("hints",),
    "CreateCollation": ("name", "locale", "provider", "deterministic"),
    "RemoveCollation": ("name", "locale", "provider", "deterministic"),
}

OPERATION_MODULES = ("django.db.migrations", "django.contrib.postgres.operations")
"""Dotted prefixes under which a class with a name from OPERATIONS is Django's own operation."""

RELATED_FIELD_PARAMS = ("to", "on_delete")
FIELD_PARAMS = ("verbose_name", "name", "primary_key", "max_length", "unique", "blank", "null")
DECIMAL_FIELD_PARAMS = ("verbose_name", "name", "max_digits", "decimal_places")
ARRAY_FIELD_PARAMS = ("base_field", "size")
INDEX_PARAMS = ("fields", "name", "db_tablespace", "opclasses", "condition", "include")
CONSTRAINT_PARAMS = ("fields", "name")

CLASS_PARAMS: dict[str, tuple[str, ...]] = {
    "ForeignKey": RELATED_FIELD_PARAMS,
    "OneToOneField": RELATED_FIELD_PARAMS,
    "ManyToManyField": ("to",),
    "DecimalField": DECIMAL_FIELD_PARAMS,
    "ArrayField": ARRAY_FIELD_PARAMS,
    "CheckConstraint": (),
    "UniqueConstraint": (),
    "ExclusionConstraint": (),
}
"""Positional parameters of classes whose first parameter is not ``verbose_name``."""


def positional_params(class_name: str, is_field: bool) -> tuple[str, ...]:
    if class_name in CLASS_PARAMS:
        return CLASS_PARAMS[class_name]
    if class_name.endswith("Index"):
        return ()  # Index(*expressions, fields=..., name=...): positional arguments are expressions
    return FIELD_PARAMS if is_field else ()
