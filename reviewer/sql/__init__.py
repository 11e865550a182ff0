"""SQL facts: split a script into located statements and classify each into lock-model forms.

Public surface::

    split_sql(text) -> SqlScript            # statements with 1-based lines and sqlmigrate headers
    attribute_deferred(script) -> SqlScript # Django's deferred SQL back under its operation's header
    classify(statement) -> list[ClassifiedStatement]   # forms of reviewer.locks; [] when unknown
    is_volatile_default(expr) -> bool       # per-row default => ADD COLUMN rewrites (PostgreSQL)
    lock_timeout_setting(statement) -> LockTimeoutSetting | None
    set_constraints_immediate(statement) -> tuple[str, ...] | None
"""

from reviewer.sql.classified import ClassifiedStatement
from reviewer.sql.classify import classify
from reviewer.sql.deferred import attribute_deferred
from reviewer.sql.session import LockTimeoutSetting, lock_timeout_setting, set_constraints_immediate
from reviewer.sql.split import Header, SqlScript, SqlStatement, find_headers, split_sql
from reviewer.sql.volatility import is_volatile_default

__all__ = [
    "ClassifiedStatement",
    "Header",
    "LockTimeoutSetting",
    "SqlScript",
    "SqlStatement",
    "attribute_deferred",
    "classify",
    "find_headers",
    "is_volatile_default",
    "lock_timeout_setting",
    "set_constraints_immediate",
    "split_sql",
]
