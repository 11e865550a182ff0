"""What the fixture project's real ``sqlmigrate`` output must classify to, per backend and operation.

Per migration: each operation's header and the forms of the statements printed under it, in order.
Django prints deferred SQL (FK constraints and indexes of CreateModel/AddField) after the last
operation, so it appears under the last header; those entries are marked ``# deferred``.
"""

from __future__ import annotations

from reviewer.locks.forms import StatementForm as F

Expected = dict[str, list[tuple[str, list[F]]]]

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

EXPECTED: dict[str, Expected] = {"postgresql": POSTGRESQL, "mysql": MYSQL}
