"""Splitting ``manage.py sqlmigrate`` output (or any SQL script) into located statements.

``sqlmigrate`` prints, for every operation of the migration in order, a three-line header::

    --
    -- Add field price to product
    --

followed by that operation's SQL (or ``-- (no-op)`` / ``-- THIS OPERATION CANNOT BE WRITTEN AS
SQL``). Since every operation gets exactly one header, the n-th header is operation n: that is how a
statement maps back to the operation and, with the migration file, to its line in the ``.py`` file.
PostgreSQL output is wrapped in ``BEGIN;`` ... ``COMMIT;`` (an atomic migration); those are reported
on the script, not as statements.

One caveat from Django itself: SQL it *defers* (indexes and foreign-key constraints of CreateModel
and AddField) is printed after the last operation's SQL, so positionally it sits under the last
header. :func:`split_sql` reports the position as printed;
:func:`reviewer.sql.deferred.attribute_deferred` moves such statements to their operation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_HEADER_RULE = "--"
_TRANSACTION = re.compile(r"^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END)\s*;?\s*$", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.DOTALL)


@dataclass(frozen=True)
class Header:
    """One ``-- Description`` header of ``sqlmigrate`` output."""

    line: int
    """1-based line of the description line (the middle one of the three)."""
    text: str
    """The operation's description, e.g. ``Add field price to product``."""
    operation_index: int
    """0-based position of the operation in the migration's ``operations`` list."""


@dataclass(frozen=True)
class SqlStatement:
    """One statement of a script, with where it starts and which header precedes it."""

    text: str
    """The statement without leading comments and without the trailing semicolon."""
    line: int
    """1-based line where the statement's first word is."""
    header: Header | None
    """The nearest header above the statement; None before the first header or in plain SQL."""
    deferred: bool = False
    """Set by :func:`reviewer.sql.deferred.attribute_deferred` when the statement was printed under
    the last header but belongs to an earlier operation (Django's deferred SQL)."""

    @property
    def operation_index(self) -> int | None:
        return None if self.header is None else self.header.operation_index


@dataclass(frozen=True)
class SqlScript:
    statements: tuple[SqlStatement, ...]
    headers: tuple[Header, ...]
    in_transaction: bool
    """The script opens a transaction (``BEGIN;``): all statements hold their locks until COMMIT."""


def find_headers(text: str) -> tuple[Header, ...]:
    """The ``--`` / ``-- Description`` / ``--`` blocks of ``text``, in order."""
    lines = [line.strip() for line in text.splitlines()]
    headers: list[Header] = []
    index = 0
    # Blocks never overlap: after "--" / "-- Raw Python operation" / "--" comes
    # "-- THIS OPERATION CANNOT BE WRITTEN AS SQL", then the next block's opening "--"; reading
    # them as overlapping would make that notice a header.
    while index + 2 < len(lines):
        middle = lines[index + 1]
        if (
            lines[index] == _HEADER_RULE
            and lines[index + 2] == _HEADER_RULE
            and middle.startswith("-- ")
            and middle[3:].strip()
        ):
            headers.append(Header(index + 2, middle[3:].strip(), len(headers)))
            index += 3
        else:
            index += 1
    return tuple(headers)


def split_sql(text: str) -> SqlScript:
    """Statements of ``text`` with 1-based start lines and their headers; never raises on odd SQL."""
    headers = find_headers(text)
    header_lines = [header.line for header in headers]
    statements: list[SqlStatement] = []
    in_transaction = False
    offset = 0
    line, counted_to = 1, 0  # line number at position counted_to, advanced incrementally
    import sqlparse  # imported on first use: most reviews have no SQL to split, and it costs ~30 ms to load

    for piece in sqlparse.split(text, strip_semicolon=False) if text.strip() else []:
        start = text.find(piece, offset)
        if start < 0:  # sqlparse normalised something; fall back to the piece's own position
            start = offset
        offset = start + len(piece)
        lead = _LEADING_NOISE.match(piece)
        skipped = lead.end() if lead else 0
        body = piece[skipped:].strip().rstrip(";").rstrip()
        if not body:
            continue
        if _TRANSACTION.match(body):
            in_transaction = in_transaction or body.split()[0].upper() in ("BEGIN", "START")
            continue
        line += text.count("\n", counted_to, start + skipped)
        counted_to = start + skipped
        position = bisect_left(header_lines, line)  # headers strictly above the statement
        statements.append(SqlStatement(body, line, headers[position - 1] if position else None))
    return SqlScript(tuple(statements), headers, in_transaction)
