"""What a statement's form is on the target database, where SQL alone cannot say.

The classifier reads a statement the same way for every database; a few forms cost differently on one
of them for reasons the lock model's rows cannot express by version. MySQL 8.0 adds a column INSTANT,
except with an expression default (``DEFAULT (CURRENT_TIMESTAMP(6))``, which MySQL requires in
parentheses): that copies the table, as a per-row default does (locking.md, from strong_migrations).
PostgreSQL 11+ stores a non-volatile expression default in the catalog, and MariaDB adds such a column
instantly (its knowledge base shows ``ADD COLUMN d DATETIME DEFAULT current_timestamp()`` with
``alter_algorithm=instant``), so for them the form stays as it is.
"""

from __future__ import annotations

from dataclasses import replace

from reviewer.locks.forms import StatementForm
from reviewer.sql.classified import ClassifiedStatement
from reviewer.target import Backend, DatabaseTarget


def is_expression_default(default: str | None) -> bool:
    """``DEFAULT (...)``: MySQL's spelling of an expression default (a constant needs no parentheses)."""
    return (default or "").lstrip().startswith("(")


def on_target(statement: ClassifiedStatement, target: DatabaseTarget) -> ClassifiedStatement:
    if (
        statement.form is StatementForm.ADD_COLUMN_DEFAULT
        and target.backend is Backend.MYSQL
        and not target.mariadb
        and is_expression_default(statement.default)
    ):
        return replace(statement, form=StatementForm.ADD_COLUMN_VOLATILE_DEFAULT)
    return statement
