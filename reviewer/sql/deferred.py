"""Give Django's deferred SQL back to the operation that caused it.

Django's schema editor postpones some statements to the end of the migration (``deferred_sql``):
the foreign-key constraints and indexes of CreateModel, the indexes of AddField (the FK index, the
``_like`` index, ``db_index``), ``unique_together`` of a new model. ``sqlmigrate`` prints them after
the last operation, under its header, so a finding on them would point at the wrong operation.

The statement names its table, column and index or constraint, and each header names its model,
field or object, so the owner can be found again by name. Matching follows Django's default
naming (table ``<app>_<model>``, FK column ``<field>_id``, M2M table ``<app>_<model>_<field>``); a
statement that matches no earlier operation stays where it was printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewer.locks.forms import StatementForm
from reviewer.sql.classified import ClassifiedStatement
from reviewer.sql.classify import classify
from reviewer.sql.split import Header, SqlScript, SqlStatement

DEFERRABLE_FORMS = frozenset({StatementForm.CREATE_INDEX, StatementForm.ADD_FOREIGN_KEY, StatementForm.ADD_UNIQUE})
"""The kinds of statement Django defers."""

_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^Create model (\w+)$"), ("model",)),
    (re.compile(r"^Add field (\w+) to (\w+)$"), ("field", "model")),
    (re.compile(r"^Alter field (\w+) on (\w+)$"), ("field", "model")),
    (re.compile(r"^Create index (\w+) on .* model (\w+)$"), ("name", "model")),
    (re.compile(r"^Create constraint (\w+) on model (\w+)$"), ("name", "model")),
    (re.compile(r"^Alter (?:unique|index)_together for (\w+)"), ("model",)),
)


@dataclass(frozen=True)
class _Subject:
    """What a header's operation names."""

    model: str = ""
    field: str = ""
    name: str = ""


def attribute_deferred(script: SqlScript) -> SqlScript:
    """``script`` with deferred statements under the header of the operation they belong to."""
    if len(script.headers) < 2:
        return script
    last = script.headers[-1]
    subjects = [(header, _subject(header)) for header in script.headers]
    statements: list[SqlStatement] = []
    for statement in script.statements:
        owner = _owner(statement, subjects) if statement.header == last else None
        if owner is not None and owner != last:
            statements.append(replace(statement, header=owner, deferred=True))
        else:
            statements.append(statement)
    return replace(script, statements=tuple(statements))


def _subject(header: Header) -> _Subject:
    for pattern, fields in _PATTERNS:
        match = pattern.match(header.text)
        if match:
            return _Subject(**{field: value.lower() for field, value in zip(fields, match.groups(), strict=True)})
    return _Subject()


def _owner(statement: SqlStatement, subjects: list[tuple[Header, _Subject]]) -> Header | None:
    facts = [fact for fact in classify(statement.text) if fact.form in DEFERRABLE_FORMS]
    if len(facts) != 1:
        return None
    best: tuple[int, int] = (0, -1)
    owner: Header | None = None
    for position, (header, subject) in enumerate(subjects):
        score = _score(facts[0], subject)
        if score and (score, position) > best:
            best, owner = (score, position), header
    return owner


def _score(fact: ClassifiedStatement, subject: _Subject) -> int:
    """3: names the index or constraint; 2: the field's column or M2M table; 1: the model's table."""
    if subject.name and subject.name in (fact.index, fact.constraint):
        return 3
    table = fact.table.lower()
    if subject.field and table.endswith(f"_{subject.model}_{subject.field}"):
        return 2
    on_model = bool(subject.model) and (table == subject.model or table.endswith(f"_{subject.model}"))
    if not on_model:
        return 0
    if subject.field:
        return 2 if (fact.column or "").lower() in (subject.field, f"{subject.field}_id") else 0
    return 0 if subject.name else 1
