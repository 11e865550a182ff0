"""SQL facts: split a script into located statements and classify each into lock-model forms.

Public surface::

    split_sql(text) -> SqlScript            # statements with 1-based lines and sqlmigrate headers
    attribute_deferred(script) -> SqlScript # Django's deferred SQL back under its operation's header
    classify(statement) -> list[ClassifiedStatement]   # from reviewer.sql.classify (the submodule shares its name)
    is_volatile_default(expr) -> bool       # per-row default => ADD COLUMN rewrites (PostgreSQL)
    lock_timeout_setting(statement) -> LockTimeoutSetting | None
    set_constraints_immediate(statement) -> tuple[str, ...] | None
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.sql.classified import ClassifiedStatement
    from reviewer.sql.deferred import attribute_deferred
    from reviewer.sql.session import LockTimeoutSetting, lock_timeout_setting, set_constraints_immediate
    from reviewer.sql.split import Header, SqlScript, SqlStatement, find_headers, split_sql
    from reviewer.sql.volatility import is_volatile_default

# Loaded on first use: most reviews have no SQL, and the tokenizer and classifier take a while to import.
_MODULE_OF = {
    "ClassifiedStatement": "classified",
    "attribute_deferred": "deferred",
    "LockTimeoutSetting": "session",
    "lock_timeout_setting": "session",
    "set_constraints_immediate": "session",
    "Header": "split",
    "SqlScript": "split",
    "SqlStatement": "split",
    "find_headers": "split",
    "split_sql": "split",
    "is_volatile_default": "volatility",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'reviewer.sql' has no attribute {name!r}")
    return getattr(importlib.import_module(f"reviewer.sql.{_MODULE_OF[name]}"), name)


__all__ = [
    "ClassifiedStatement",
    "Header",
    "LockTimeoutSetting",
    "SqlScript",
    "SqlStatement",
    "attribute_deferred",
    "find_headers",
    "is_volatile_default",
    "lock_timeout_setting",
    "set_constraints_immediate",
    "split_sql",
]
