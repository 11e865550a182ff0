"""Read ``manage.py sqlmigrate`` output (or any SQL script) as a migration of RunSQL operations.

Each statement becomes one RunSQL operation, so the rules judge it exactly as they judge RunSQL bodies.
When the migration file the SQL came from is known, each statement is placed on the lines of the
operation whose ``-- header`` it follows (sqlmigrate prints one header per operation), and the review
sees the history up to that migration; otherwise it points at the statement's line in the SQL file.
"""

from __future__ import annotations

from dataclasses import replace

from reviewer.loader.model import Dependency, Expr, Operation, ParsedMigration

SQLMIGRATE_REVERSE = Expr("<reverse not part of sqlmigrate output>")
"""sqlmigrate prints the forward SQL only; whether the migration has a reverse is not in the script."""


def parse_sql_script(
    path: str, text: str, mapped: ParsedMigration | None = None, after: tuple[Dependency, ...] = ()
) -> ParsedMigration:
    """A migration whose operations are the script's statements.

    ``mapped`` is the migration the script was printed from: the result takes its key, path and
    dependencies, and statements take the lines of the operation they belong to. Without it the
    result is an app ``sql`` migration that depends on ``after``.
    """
    from reviewer.sql import attribute_deferred, split_sql  # only SQL input needs the SQL machinery

    script = attribute_deferred(split_sql(text))
    operations = []
    for statement in script.statements:
        start, end = statement.line, statement.line + statement.text.count("\n")
        index = statement.operation_index
        if mapped is not None and index is not None and index < len(mapped.operations):
            start, end = mapped.operations[index].start_line, mapped.operations[index].end_line
        operations.append(
            Operation(
                kind="RunSQL",
                path="django.db.migrations.RunSQL",
                known=True,
                arguments={"sql": statement.text, "reverse_sql": SQLMIGRATE_REVERSE},
                start_line=start,
                end_line=end,
                source=statement.text,
            )
        )
    if mapped is not None:
        return replace(
            mapped, operations=tuple(operations), atomic=script.in_transaction or mapped.atomic, origin="sqlmigrate"
        )
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "stdin"
    return ParsedMigration(
        path, "sql", name, after, tuple(operations), atomic=script.in_transaction, origin="sqlmigrate"
    )
