"""Session settings a script makes that change how its DDL behaves: ``lock_timeout`` and deferred checks.

A statement that needs ACCESS EXCLUSIVE waits behind any open transaction on the table and, while
it waits, queues every later query on that table. ``SET lock_timeout`` bounds that wait, so rules
ask whether a script set it before its first locking statement. ``SET LOCAL`` lasts until the end of
the transaction (Django wraps a PostgreSQL migration in one); plain ``SET`` lasts for the session.
MySQL's equivalent is ``lock_wait_timeout`` (seconds, for metadata locks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.sql._cursor import Cursor, split_top_level
from reviewer.sql._tokens import Kind, tokenize

_UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$")
_SETTINGS = {"LOCK_TIMEOUT": "lock_timeout", "LOCK_WAIT_TIMEOUT": "lock_wait_timeout"}


@dataclass(frozen=True)
class LockTimeoutSetting:
    """``SET [LOCAL|SESSION] lock_timeout = value`` (PostgreSQL) or ``SET lock_wait_timeout`` (MySQL)."""

    name: str
    """``lock_timeout`` or ``lock_wait_timeout``."""
    value: str
    """As written, without quotes: ``5s``, ``500``, ``DEFAULT``."""
    local: bool
    """``SET LOCAL``: only until the end of the current transaction."""
    milliseconds: int | None
    """The timeout; ``0`` means "wait forever" (PostgreSQL's default); None for DEFAULT or unreadable."""

    @property
    def bounds_waiting(self) -> bool:
        """True when the setting actually limits how long a lock is waited for."""
        return self.milliseconds is not None and self.milliseconds > 0


def lock_timeout_setting(statement: str) -> LockTimeoutSetting | None:
    """The lock timeout ``statement`` sets, or None when it sets none."""
    cursor = Cursor(tokenize(statement))
    if not cursor.accept("SET"):
        return None
    scope = cursor.accept_any("LOCAL", "SESSION")
    token = cursor.take()
    if token is None or token.kind is not Kind.WORD or token.upper not in _SETTINGS:
        return None
    name = _SETTINGS[token.upper]
    if not (cursor.accept("TO") or _accept_equals(cursor)):
        return None
    rest = cursor.rest()
    if not rest:
        return None
    raw = rest[0].text
    value = raw[1:-1] if rest[0].kind is Kind.STRING and raw.startswith("'") else raw
    return LockTimeoutSetting(name, value, scope == "LOCAL", _milliseconds(name, value))


def set_constraints_immediate(statement: str) -> tuple[str, ...] | None:
    """The constraint names of ``SET CONSTRAINTS a, b IMMEDIATE`` (``("ALL",)`` for ALL); else None.

    Django's AddField of a foreign key on PostgreSQL adds the constraint DEFERRABLE INITIALLY
    DEFERRED and then makes it IMMEDIATE, so the referencing check runs inside the statement.
    """
    cursor = Cursor(tokenize(statement))
    if not cursor.accept("SET", "CONSTRAINTS"):
        return None
    tokens = cursor.rest()
    if not tokens or tokens[-1].upper != "IMMEDIATE":
        return None
    names = [Cursor(part).name() for part in split_top_level(tokens[:-1], depth=0)]
    return tuple(name if name.upper() != "ALL" else "ALL" for name in names if name)


def _accept_equals(cursor: Cursor) -> bool:
    token = cursor.peek()
    if token is not None and token.text == "=":
        cursor.take()
        return True
    return False


def _milliseconds(name: str, value: str) -> int | None:
    if value.upper() == "DEFAULT":
        return None
    match = _DURATION.match(value)
    if match is None:
        return None
    number = float(match.group(1))
    # lock_wait_timeout (MySQL) is in seconds; a bare lock_timeout number is milliseconds.
    unit = match.group(2) or ("s" if name == "lock_wait_timeout" else "ms")
    return int(number * _UNITS_MS[unit])
