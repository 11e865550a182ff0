"""Stage 3: the rules. One module per rule; each module's docstring is the rule's documentation."""

from __future__ import annotations

from reviewer.rules import (
    add_check_constraint,
    add_column_rewrites_table,
    add_exclusion_constraint,
    add_foreign_key,
    add_index_without_concurrently,
    add_not_null_column,
    add_unique_constraint,
    alter_column_type,
    callable_default,
    concurrent_in_atomic_migration,
    concurrent_index_corruption_risk,
    delete_model,
    identifier_too_long,
    ignore_without_reason,
    internal_error,
    missing_lock_timeout,
    mixed_schema_and_data,
    multiple_alters_same_table,
    remove_field,
    remove_index_without_concurrently,
    rename_column,
    rename_table,
    run_python_without_reverse,
    run_sql_without_reverse,
    set_not_null,
    syntax_error,
    unknown_operation,
    unreadable_code,
    unused_ignore,
    validate_in_same_transaction,
)
from reviewer.rules.base import MigrationContext, OperationContext, Rule, StepFacts

ALL_RULES: tuple[Rule, ...] = tuple(
    module.RULE
    for module in (
        add_not_null_column,
        rename_column,
        rename_table,
        run_python_without_reverse,
        run_sql_without_reverse,
        add_index_without_concurrently,
        remove_index_without_concurrently,
        add_unique_constraint,
        concurrent_in_atomic_migration,
        concurrent_index_corruption_risk,
        alter_column_type,
        set_not_null,
        add_foreign_key,
        add_check_constraint,
        add_exclusion_constraint,
        add_column_rewrites_table,
        validate_in_same_transaction,
        remove_field,
        delete_model,
        mixed_schema_and_data,
        missing_lock_timeout,
        multiple_alters_same_table,
        callable_default,
        identifier_too_long,
        unknown_operation,
        unreadable_code,
        syntax_error,
        unused_ignore,
        ignore_without_reason,
        internal_error,
    )
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_ID", "MigrationContext", "OperationContext", "Rule", "StepFacts"]
