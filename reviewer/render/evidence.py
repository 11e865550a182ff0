"""The SQL Django runs for each finding's operation, rendered offline and attached to the finding.

A finding says what an operation does to the database; the statements themselves, each with the lock
model's verdict, let the reader check that claim against the SQL their database will receive. Only
migrations with findings on operations are rendered (earlier ones only move the state forward), so a
review of a few changed files pays for a few renders. RunSQL findings already quote their statement,
and RunPython writes no SQL: neither gets any. When rendering cannot run (Django not installed), the
findings stay as they are and a note says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from reviewer.findings import Finding, SqlStatement
from reviewer.loader.model import ParsedMigration
from reviewer.options import ReviewOptions
from reviewer.render import render_history
from reviewer.render._annotate import statements_of_entry
from reviewer.render.model import OperationSql, RenderedStatement
from reviewer.target import DatabaseTarget

_NO_SQL_OF_THEIR_OWN = frozenset({"RunSQL", "RunPython"})


def wants_sql(finding: Finding) -> bool:
    return bool(finding.operation_index) and finding.operation not in _NO_SQL_OF_THEIR_OWN


def attach_sql(
    findings: list[Finding], history: tuple[ParsedMigration, ...], options: ReviewOptions
) -> tuple[list[Finding], tuple[str, ...]]:
    """``findings`` with their operation's SQL, and the notes a reader needs to trust it."""
    paths = {finding.location.path for finding in findings if wants_sql(finding)}
    if not paths:
        return findings, ()
    try:
        outcome = render_history(history, options.target, options.user_model, lambda migration: migration.path in paths)
    except Exception as error:  # the SQL is a help: a renderer bug must not lose the review
        return findings, (f"SQL not shown: internal error in offline rendering: {type(error).__name__}: {error}",)
    if not outcome.available:
        return findings, tuple(f"SQL not shown: {note}" for note in outcome.notes)
    operations = outcome.by_operation()
    attached = []
    for finding in findings:
        key = (finding.app_label, finding.migration, finding.operation_index[0]) if wants_sql(finding) else None
        operation = operations.get(key) if key is not None else None
        attached.append(_with_sql(finding, operation) if operation is not None else finding)
    return attached, tuple(f"SQL rendering: {note}" for note in outcome.assumptions)


def _with_sql(finding: Finding, operation: OperationSql) -> Finding:
    """The statements, or one line that says why there are none (never SQL built on a stand-in type)."""
    if not operation.available:
        reasons = "; ".join(note for note in operation.notes if note.startswith("not rendered")) or "unknown"
        return _with_detail(finding, f"SQL not rendered offline ({reasons})")
    if operation.type_unknown:
        return _with_detail(finding, "SQL not shown: a field class is not a Django class (column type unknown)")
    if not operation.statements:
        return _with_detail(finding, "Django runs no SQL for this operation (rendered offline)")
    return replace(finding, sql=tuple(_statement(statement) for statement in operation.statements))


def _with_detail(finding: Finding, detail: str) -> Finding:
    return replace(finding, details=(*finding.details, detail))


def statements_of(texts: Iterable[str], target: DatabaseTarget) -> tuple[SqlStatement, ...]:
    """SQL from elsewhere (``sqlmigrate`` run by ``manage.py migreview``) judged the same way."""
    return tuple(_statement(statement) for text in texts for statement in statements_of_entry(text, target))


def _statement(statement: RenderedStatement) -> SqlStatement:
    effects = dict.fromkeys(
        f"{classified.form.name.lower()}: {impact.describe_statement(classified.referenced_table)}"
        for classified, impact in zip(statement.classified, statement.impacts, strict=True)
        if impact is not None
    )
    return SqlStatement(statement.sql, tuple(effects), statement.deferred)
