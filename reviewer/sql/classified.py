"""The value a classified SQL statement becomes: one lock-model form and the names it touches."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.locks.forms import StatementForm


@dataclass(frozen=True)
class ClassifiedStatement:
    """One thing a statement does, in lock-model terms.

    A statement can do several things (``ALTER TABLE t ADD COLUMN a ..., ADD CONSTRAINT ...``, or a
    column that is both a foreign key and unique); each is its own ``ClassifiedStatement`` with the
    same ``text``. Names are unquoted and without schema.
    """

    form: StatementForm
    table: str
    """The table the statement locks; ``""`` when the text does not say (``DROP INDEX name`` on
    PostgreSQL names only the index)."""
    column: str | None = None
    referenced_table: str | None = None
    """The other table of a foreign key (locked too, see the lock model's ``other_tables``)."""
    concurrently: bool = False
    not_valid: bool = False
    unique: bool = False
    """CREATE UNIQUE INDEX, ADD UNIQUE / PRIMARY KEY, a UNIQUE column: the build checks uniqueness."""
    text: str = ""
    """The whole statement as given."""
    new_type: str | None = None
    """ALTER_COLUMN_TYPE: the type written in the statement. Whether it rewrites the table depends on
    the old type, which SQL alone does not carry: callers with the schema decide between
    ALTER_COLUMN_TYPE and ALTER_COLUMN_TYPE_COERCIBLE."""
    not_null: bool | None = None
    """MySQL MODIFY/CHANGE restate the whole column: True for NOT NULL, False for NULL, None if unsaid.
    Django emits MODIFY both for type changes and for null changes, so callers compare with the old
    column to tell which happened."""
    default: str | None = None
    """ADD COLUMN / SET DEFAULT: the default expression as written (``None`` when there is none)."""
    constraint: str | None = None
    """The constraint's name for ADD/DROP/VALIDATE CONSTRAINT and inline named constraints."""
    index: str | None = None
    """The index's name for CREATE/DROP/ALTER INDEX."""
    new_name: str | None = None
    """RENAME: the new name of the table, column or index."""
