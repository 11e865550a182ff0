"""What an AddField or AlterField changes in the database, compared with the field before it."""

from __future__ import annotations

from reviewer.state.fields import FieldState


def index_added(old: FieldState | None, new: FieldState) -> bool:
    """A plain (non-unique) index appears on the column."""
    return new.has_column and new.db_index and not (old is not None and old.has_column and old.db_index)


def index_removed(old: FieldState | None, new: FieldState) -> bool:
    return old is not None and old.db_index and not new.db_index and not new.unique


def unique_added(old: FieldState | None, new: FieldState) -> bool:
    return new.has_column and new.unique and not (old is not None and (old.unique or old.primary_key))


def foreign_key_added(old: FieldState | None, new: FieldState) -> bool:
    """A foreign key constraint appears (new relation, new target, or db_constraint turned on)."""
    if not (new.is_relation and new.db_constraint):
        return False
    if old is None or not (old.is_relation and old.db_constraint):
        return True
    return (old.related_model or "").lower() != (new.related_model or "").lower()


def null_removed(old: FieldState | None, new: FieldState) -> bool:
    return old is not None and old.null and not new.null and new.has_column
