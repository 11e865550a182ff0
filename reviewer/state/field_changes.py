"""What an AddField or AlterField changes in the database, compared with the field before it."""

from __future__ import annotations

from reviewer.state.fields import FieldState

NON_DATABASE_ATTRIBUTES = frozenset(
    {
        "blank",
        "choices",
        "db_column",
        "editable",
        "error_messages",
        "help_text",
        "limit_choices_to",
        "on_delete",
        "related_name",
        "related_query_name",
        "validators",
        "verbose_name",
    }
)
"""``Field.non_db_attrs``: changing only these does not alter the column (Django 4.1+)."""


def should_be_altered(
    old: FieldState, new: FieldState, same_target_table: bool, ignore: frozenset[str] = frozenset()
) -> bool:
    """Django's ``_field_should_be_altered``: whether AlterField touches the column at all."""
    if old.call is None or new.call is None:
        return True
    if old.column != new.column or old.class_path != new.class_path:
        return True
    ignored = NON_DATABASE_ATTRIBUTES | ignore | ({"to"} if same_target_table else set())
    old_kwargs = {key: value for key, value in old.call.kwargs.items() if key not in ignored}
    new_kwargs = {key: value for key, value in new.call.kwargs.items() if key not in ignored}
    return old_kwargs != new_kwargs or old.call.args != new.call.args


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
