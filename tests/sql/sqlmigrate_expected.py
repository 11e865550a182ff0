"""What the fixture project's real ``sqlmigrate`` output must classify to, per backend and operation.

Per migration: each operation's header and the forms of the statements printed under it, in order.
Django prints deferred SQL (FK constraints and indexes of CreateModel/AddField) after the last
operation, so it appears under the last header; those entries are marked ``# deferred``.
"""

from __future__ import annotations

from reviewer.locks.forms import StatementForm as F

Expected = dict[str, list[tuple[str, list[F]]]]
"""migration name -> [(operation header, forms of the statements under it)]."""

POSTGRESQL: Expected = {
    "0001_initial": [
        ("Create model Category", [F.CREATE_TABLE]),
        ("Create model Product", [F.CREATE_TABLE]),
        ("Create model Customer", [F.CREATE_TABLE, F.ADD_FOREIGN_KEY, F.CREATE_INDEX]),  # deferred FK + index
    ],
    "0002_add_fields": [
        ("Add field description to product", [F.ADD_COLUMN_NULLABLE]),
        ("Add field stock to product", [F.ADD_COLUMN_DEFAULT, F.SET_DEFAULT]),
        ("Add field supplier to product", [F.ADD_COLUMN_FOREIGN_KEY]),
        ("Add field owner to product", [F.ADD_COLUMN_FOREIGN_KEY_DEFAULT, F.SET_DEFAULT]),
        ("Add field barcode to product", [F.ADD_COLUMN_NULLABLE, F.ADD_COLUMN_UNIQUE]),
        # slug's column, then the deferred indexes of supplier, owner, barcode (_like) and slug (+ _like)
        ("Add field slug to product", [F.ADD_COLUMN_NULLABLE] + [F.CREATE_INDEX] * 5),
    ],
    "0003_alter_fields": [
        ("Alter field name on product", [F.ALTER_COLUMN_TYPE]),
        ("Alter field stock on product", [F.ALTER_COLUMN_TYPE]),
        ("Alter field quantity on product", [F.SET_NOT_NULL]),
        ("Rename field sku on product to code", [F.RENAME_COLUMN]),
    ],
    "0004_constraints": [
        ("Create constraint product_stock_gte_0 on model product", [F.ADD_CHECK]),
        ("Create constraint product_name_category_uniq on model product", [F.ADD_UNIQUE]),
        ("Create index product_name_idx on field(s) name of model product", [F.CREATE_INDEX]),
        ("Remove field description from product", [F.DROP_COLUMN]),
        ("Remove field supplier from product", [F.DROP_FOREIGN_KEY, F.DROP_COLUMN]),
    ],
    "0005_delete_and_raw": [
        ("Rename model Category to Group", [F.RENAME_TABLE, F.DROP_FOREIGN_KEY, F.ADD_FOREIGN_KEY]),
        ("Remove index product_name_idx from product", [F.DROP_INDEX]),
        ("Remove field owner from product", [F.DROP_FOREIGN_KEY, F.DROP_COLUMN]),
        ("Delete model Customer", [F.DROP_TABLE]),
        ("Raw SQL operation", []),  # SET lock_timeout + UPDATE: no DDL form
    ],
}

MYSQL: Expected = {
    "0001_initial": [
        ("Create model Category", [F.CREATE_TABLE]),
        ("Create model Product", [F.CREATE_TABLE]),
        ("Create model Customer", [F.CREATE_TABLE, F.ADD_FOREIGN_KEY]),  # deferred FK (InnoDB indexes it)
    ],
    "0002_add_fields": [
        ("Add field description to product", [F.ADD_COLUMN_NULLABLE]),
        ("Add field stock to product", [F.ADD_COLUMN_DEFAULT, F.SET_DEFAULT]),
        ("Add field supplier to product", [F.ADD_COLUMN_NULLABLE, F.ADD_FOREIGN_KEY]),
        ("Add field owner to product", [F.ADD_COLUMN_DEFAULT, F.ADD_FOREIGN_KEY, F.SET_DEFAULT]),
        ("Add field barcode to product", [F.ADD_COLUMN_NULLABLE, F.ADD_COLUMN_UNIQUE]),
        ("Add field slug to product", [F.ADD_COLUMN_NULLABLE, F.CREATE_INDEX]),
    ],
    "0003_alter_fields": [
        ("Alter field name on product", [F.ALTER_COLUMN_TYPE]),
        ("Alter field stock on product", [F.ALTER_COLUMN_TYPE]),
        ("Alter field quantity on product", [F.ALTER_COLUMN_TYPE]),  # MODIFY ... NOT NULL (not_null=True)
        ("Rename field sku on product to code", [F.RENAME_COLUMN]),
    ],
    "0004_constraints": [
        ("Create constraint product_stock_gte_0 on model product", [F.ADD_CHECK]),
        ("Create constraint product_name_category_uniq on model product", [F.ADD_UNIQUE]),
        ("Create index product_name_idx on field(s) name of model product", [F.CREATE_INDEX]),
        ("Remove field description from product", [F.DROP_COLUMN]),
        ("Remove field supplier from product", [F.DROP_FOREIGN_KEY, F.DROP_COLUMN]),
    ],
    "0005_delete_and_raw": [
        ("Rename model Category to Group", [F.RENAME_TABLE, F.DROP_FOREIGN_KEY, F.ADD_FOREIGN_KEY]),
        ("Remove index product_name_idx from product", [F.DROP_INDEX]),
        ("Remove field owner from product", [F.DROP_FOREIGN_KEY, F.DROP_COLUMN]),
        ("Delete model Customer", [F.DROP_TABLE]),
        ("Raw SQL operation", []),
    ],
}

POSTGRESQL_ONLY: Expected = {
    "0001_initial": [
        ("Create model Tag", [F.CREATE_TABLE]),
        ("Create model Booking", [F.CREATE_TABLE]),
        # the M2M through table, then deferred: Booking's Meta index, the through table's unique
        # constraint, its two foreign keys and their indexes
        ("Add field tags to booking", [F.CREATE_TABLE, F.CREATE_INDEX, F.ADD_UNIQUE, F.ADD_FOREIGN_KEY,
                                       F.ADD_FOREIGN_KEY, F.CREATE_INDEX, F.CREATE_INDEX]),
    ],
    "0002_concurrent": [
        ("Concurrently create index booking_name_idx on field(s) name of model booking",
         [F.CREATE_INDEX_CONCURRENTLY]),
        ("Concurrently remove index booking_room_idx from booking", [F.DROP_INDEX_CONCURRENTLY]),
    ],
    "0003_not_valid": [
        ("Create not valid constraint booking_room_gte_0 on model booking", [F.ADD_CHECK_NOT_VALID]),
        ("Add field created to booking", [F.ADD_COLUMN_DEFAULT]),  # db_default=Now(): STATEMENT_TIMESTAMP() is stable
    ],
    "0005_volatile_and_text": [
        ("Add field token to booking", [F.ADD_COLUMN_VOLATILE_DEFAULT]),  # db_default=RandomUUID()
        ("Alter field name on booking", [F.DROP_INDEX, F.ALTER_COLUMN_TYPE, F.CREATE_INDEX]),
    ],
    "0004_validate_and_more": [
        ("Validate constraint booking_room_gte_0 on model booking", [F.VALIDATE_CONSTRAINT]),
        ("Create constraint booking_no_overlap on model booking", [F.ADD_EXCLUSION]),
        ("Rename index booking_name_idx on booking to booking_title_idx", [F.RENAME_INDEX]),
        ("Alter field name on booking", [F.ADD_UNIQUE, F.CREATE_INDEX]),
        ("Alter field note on booking", [F.DROP_NOT_NULL]),
        ("Alter unique_together for booking (1 constraint(s))", [F.ADD_UNIQUE]),
        ("Raw Python operation", []),
    ],
}  # fmt: skip

CATALOG_POSTGRESQL: Expected = {
    "0001_initial": [
        ("Create model Box", [F.CREATE_TABLE]),
        ("Create model Item", [F.CREATE_TABLE, F.CREATE_INDEX, F.CREATE_INDEX]),
    ],
    "0002_field_changes": [
        ("Add field box to item", [F.ADD_COLUMN_FOREIGN_KEY, F.ADD_COLUMN_UNIQUE]),  # OneToOneField
        ("Add field double_stock to item", [F.ADD_COLUMN_VOLATILE_DEFAULT]),  # GeneratedField(db_persist=True)
        # null -> not null with a default: SET DEFAULT, UPDATE (no form), SET NOT NULL, DROP DEFAULT
        ("Alter field slug on item", [F.SET_DEFAULT, F.SET_NOT_NULL, F.SET_DEFAULT]),
        ("Alter field price on item", [F.ALTER_COLUMN_TYPE]),
        ("Alter field name on item", [F.CREATE_INDEX, F.CREATE_INDEX]),
        ("Rename table for item to catalog_stock_item", [F.RENAME_TABLE]),
    ],
}

CATALOG_MYSQL: Expected = {
    "0001_initial": [
        ("Create model Box", [F.CREATE_TABLE]),
        ("Create model Item", [F.CREATE_TABLE, F.CREATE_INDEX]),
    ],
    "0002_field_changes": [
        ("Add field box to item", [F.ADD_COLUMN_NULLABLE, F.ADD_COLUMN_UNIQUE, F.ADD_FOREIGN_KEY]),
        ("Add field double_stock to item", [F.ADD_COLUMN_VOLATILE_DEFAULT]),
        ("Alter field slug on item", [F.SET_DEFAULT, F.ALTER_COLUMN_TYPE, F.SET_DEFAULT]),  # MODIFY ... NOT NULL
        ("Alter field price on item", [F.ALTER_COLUMN_TYPE]),
        ("Alter field name on item", [F.CREATE_INDEX]),
        ("Rename table for item to catalog_stock_item", [F.RENAME_TABLE]),
    ],
}

EXPECTED: dict[str, dict[str, Expected]] = {
    "postgresql": {"shop": POSTGRESQL, "pgshop": POSTGRESQL_ONLY, "catalog": CATALOG_POSTGRESQL},
    "mysql": {"shop": MYSQL, "catalog": CATALOG_MYSQL},
}
"""backend -> app label -> migration -> expected classification."""
