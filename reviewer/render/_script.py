"""The ``sqlmigrate`` text of one rendered migration, for comparison with the real command."""

from __future__ import annotations

from reviewer.render._renderer import RawMigration


def sqlmigrate_text(raw: RawMigration) -> str:
    """What ``manage.py sqlmigrate`` prints for the migration (headers, BEGIN/COMMIT, deferred SQL last).

    A migration without operations prints nothing, not even BEGIN/COMMIT.
    """
    if not raw.operations and not raw.deferred:
        return ""
    lines = ["BEGIN;"] if raw.transactional else []
    for operation in raw.operations:
        lines.extend(("--", f"-- {operation.description}", "--"))
        if not operation.writes_sql:
            lines.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
        elif not operation.available:
            lines.append("-- migreview: SQL not rendered offline")
        else:
            lines.extend(operation.sql or ["-- (no-op)"])
    lines.extend(raw.deferred)
    if raw.transactional:
        lines.append("COMMIT;")
    return "\n".join(lines) + "\n"
