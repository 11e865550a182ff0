"""Offline SQL equals the real ``sqlmigrate`` output, migration by migration, over the whole corpus.

``corpus_live.py`` runs the corpus cases as Django apps against the real PostgreSQL and MariaDB on
this machine, each case in a scratch place of its own, and prints what ``sqlmigrate`` prints for each
migration before applying it. Here each case's history is rendered offline for the same servers
(``TARGETS``) and the texts are compared whole. PostgreSQL cases run on PostgreSQL, MySQL and MariaDB
cases on MariaDB; SQLite cases have no offline rendering. An unreachable server fails the test.

Cases Django itself cannot load or apply are declared in ``DJANGO_CANNOT``. A migration whose offline
text differs, or that holds an operation the renderer reports as unavailable, must be declared in
``DIFFERENCES``. Both with the reason. A callable default (``timezone.now``, ``uuid.uuid4``) is
evaluated when Django runs; offline it is a fixed placeholder, so the evaluated literal of the live
text is replaced by that placeholder before comparing (only in migrations noting a placeholder).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from functools import cache

from reviewer.corpus import Case, load_cases
from reviewer.loader import load_paths
from reviewer.render._renderer import HistoryRenderer, RawMigration
from reviewer.render._script import sqlmigrate_text
from reviewer.state import order_history
from tests.render.helpers import ROOT, TARGETS

CORPUS = ROOT / "migrations_corpus"
SERVERS = {"postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql"}
"""Corpus ``db`` -> the ``TARGETS`` server its cases run on (SQLite cases are not compared)."""

_IMPORT = "cannot import its migrations: "
DJANGO_CANNOT: dict[str, tuple[str, str]] = {
    "add_foreign_key_bad_other_app": (
        "Django cannot build its migration graph: NodeNotFoundError",
        "depends on crm.0004, an app outside the corpus (the offline renderer stubs the model)",
    ),
    "ignore_unknown_operation_good": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'django_add_default_value'",
        "third-party package not installed",
    ),
    "unknown_operation_bad_third_party": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'django_add_default_value'",
        "third-party package not installed",
    ),
    "add_not_null_column_bad_creation_datetime": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'django_extensions'",
        "third-party package not installed (offline: the known field's Django equivalent)",
    ),
    "varchar_growth_good_third_party_field": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'djstripe'",
        "third-party package not installed (offline: the known field's Django equivalent)",
    ),
    "phonenumber_field_good": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'phonenumber_field'",
        "third-party package not installed",
    ),
    "realworld_oscar_nullcharfield": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'oscar'",
        "third-party package not installed",
    ),
    "realworld_wagtail_blocks": (
        f"{_IMPORT}ImportError: operations has no Migration class",
        "a helper module in migrations/ without a Migration class: Django's loader refuses the app",
    ),
    "starred_operations_bad": (
        f"{_IMPORT}ModuleNotFoundError: No module named 'starred_operations_bad.migrations.common'",
        "imports project code the case does not ship",
    ),
    "syntax_error_bad": (f"{_IMPORT}SyntaxError", "the case is a syntax error"),
    "syntax_error_bad_no_migration_class": (
        f"{_IMPORT}ImportError: 0002_helpers has no Migration class",
        "the case is a migration file without a Migration class",
    ),
    "concurrent_in_atomic_bad_add_index": (
        "sqlmigrate 0002_invoice_add_index_created_at fails: NotSupportedError",
        "AddIndexConcurrently in an atomic migration: what the case flags; Django refuses even to print it",
    ),
    "concurrent_in_atomic_bad_remove_index": (
        "sqlmigrate 0002_remove_invoice_created_idx fails: NotSupportedError",
        "RemoveIndexConcurrently in an atomic migration: what the case flags; Django refuses even to print it",
    ),
    "concurrent_in_atomic_bad_nested_run_sql": (
        "0002_invoice_created_at_idx fails on apply: InternalError: CREATE INDEX CONCURRENTLY cannot run inside",
        "RunSQL CONCURRENTLY in an atomic migration: what the case flags",
    ),
    "concurrent_in_atomic_bad_run_sql": (
        "0002_invoice_created_at_idx fails on apply: InternalError: CREATE INDEX CONCURRENTLY cannot run inside",
        "RunSQL CONCURRENTLY in an atomic migration: what the case flags",
    ),
    "run_sql_multi_statement_concurrently_bad": (
        "0002_invoice_po_number fails on apply: InternalError: CREATE INDEX CONCURRENTLY cannot run inside",
        "RunSQL CONCURRENTLY in an atomic migration: what the case flags",
    ),
    "adopted_table_then_index_bad": (
        '0002_adopt_legacy_payments fails on apply: ProgrammingError: relation "legacy_payments" does not exist',
        "adopts a table created outside the history (by hand); later migrations are not compared",
    ),
    "run_sql_schema_qualified_set_not_null_bad": (
        "0002_manual_sql fails on apply: ProgrammingError: relation "
        '"public.run_sql_schema_qualified_set_not_null_bad_invoice" does not exist',
        "its RunSQL names the public schema; the case runs in a scratch schema (its text is still compared)",
    ),
}
"""Case -> (start of the live failure, why). Their SQL up to a migration that fails on apply is compared."""

DIFFERENCES: dict[tuple[str, str], str] = {
    ("unknown_operation_bad_custom_class", "0002_invoice_summary_view"): (
        "CreateMaterializedView is the project's own operation class: not built offline, reported unavailable"
    ),
    ("unreadable_code_bad_atomic_flag", "0002_invoice_created_at_idx"): (
        "atomic is computed, not a literal: offline assumes atomic (BEGIN/COMMIT), the migration is not"
    ),
    ("unreadable_code_bad_comprehension", "0002_invoice_flags"): (
        "operations built by a list comprehension: the parser reads none, so nothing is rendered"
    ),
    ("unreadable_code_bad_computed_field", "0002_invoice_amount_due"): (
        "the field comes from a project function (money_field()): type unknown, rendered as text"
    ),
    ("unreadable_code_bad_kwargs_expansion", "0002_invoice_notes"): (
        "AddField(**kwargs): arguments unreadable, reported unavailable"
    ),
}
"""(case, migration) -> why its offline text differs from ``sqlmigrate``'s."""

_EVALUATED = [  # what a callable default evaluates to in the live text, and the offline placeholder
    (
        re.compile(r"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00:00'::timestamptz"),
        "'2000-01-01 00:00:00+00:00'::timestamptz",
    ),
    (re.compile(r"'\d{4}-\d\d-\d\d'::date"), "'2000-01-01'::date"),
    (re.compile(r"'[0-9a-f]{32}'::uuid"), "'00000000000000000000000000000000'::uuid"),
]


def _cases() -> list[Case]:
    return [case for case in load_cases(str(CORPUS)) if case.db in SERVERS]


@cache
def live() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """``sqlmigrate`` text by case and migration, and the cases Django could not load or apply, with why."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case in _cases():
        groups[(SERVERS[case.db], case.user_model)].append(case.name)
    processes = [  # AUTH_USER_MODEL is global: one Django process per server and user model, all at once
        subprocess.Popen(
            [sys.executable, "-m", "tests.fidelity.corpus_live", server, user_model, *names],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for (server, user_model), names in groups.items()
    ]
    outputs = [process.communicate(timeout=300) for process in processes]  # every process ends before failing
    sql: dict[str, dict[str, str]] = {}
    failed: dict[str, str] = {}
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, f"sqlmigrate on the real databases failed:\n{err[-4000:]}"
        result = json.loads(out)
        sql.update(result["sql"])
        failed.update(result["failed"])
    return sql, failed


@cache
def offline(name: str) -> dict[str, RawMigration]:
    (case,) = [case for case in _cases() if case.name == name]
    history = order_history(load_paths([case.folder]).migrations, case.user_model).migrations
    renderer = HistoryRenderer(TARGETS[SERVERS[case.db]], case.user_model)
    return {raw.migration.name: raw for raw in renderer.render(history)}


def _as_offline(text: str, raw: RawMigration) -> str:
    if any("rendered as the placeholder" in note for operation in raw.operations for note in operation.notes):
        for pattern, placeholder in _EVALUATED:
            text = pattern.sub(placeholder, text)
    return text


def compared() -> list[tuple[str, str, str, RawMigration]]:
    """(case, migration, live text, offline rendering) of every migration compared."""
    sql, _ = live()
    return [
        (case, name, _as_offline(text, offline(case)[name]), offline(case)[name])
        for case, migrations in sorted(sql.items())
        for name, text in sorted(migrations.items())
    ]


def test_cases_django_cannot_load_or_apply_are_the_declared_ones() -> None:
    _, failed = live()
    assert sorted(failed) == sorted(DJANGO_CANNOT), failed
    for case, (start, _why) in DJANGO_CANNOT.items():
        assert failed[case].startswith(start), (case, failed[case])


def test_every_migration_of_a_loadable_case_is_compared() -> None:
    sql, failed = live()
    for case in _cases():
        if case.name not in failed:
            assert sorted(sql[case.name]) == sorted(offline(case.name)), case.name


def test_offline_sql_equals_sqlmigrate_over_the_corpus() -> None:
    differ = {}
    for case, name, text, raw in compared():
        rendered = sqlmigrate_text(raw)
        unavailable = [op.parsed.kind for op in raw.operations if op.writes_sql and not op.available]
        if rendered.strip() != text.strip() or unavailable:
            differ[(case, name)] = f"offline:\n{rendered}\nsqlmigrate:\n{text}\nunavailable: {unavailable}"
    unexpected = {key: text for key, text in differ.items() if key not in DIFFERENCES}
    assert not unexpected, "\n\n".join(f"{key}\n{text}" for key, text in unexpected.items())
    assert sorted(differ) == sorted(DIFFERENCES)


def test_every_operation_kind_of_the_compared_corpus_migrations_is_listed() -> None:
    """The kinds compared equal above, per server; a new kind in the corpus shows up here."""
    kinds: dict[str, set[str]] = defaultdict(set)
    servers = {case.name: SERVERS[case.db] for case in _cases()}
    for case, name, _text, raw in compared():
        if (case, name) not in DIFFERENCES:
            kinds[servers[case]].update(operation.parsed.kind for operation in raw.operations)
    assert kinds == {
        "postgresql": {
            "AddConstraint", "AddConstraintNotValid", "AddField", "AddIndex", "AddIndexConcurrently",
            "AlterConstraint", "AlterField", "AlterIndexTogether", "AlterModelManagers", "AlterModelOptions",
            "AlterModelTable", "AlterModelTableComment", "AlterOrderWithRespectTo", "AlterUniqueTogether",
            "BtreeGinExtension", "BtreeGistExtension", "CreateExtension", "CreateModel", "DeleteModel",
            "RemoveConstraint", "RemoveField", "RemoveIndex", "RemoveIndexConcurrently", "RenameField",
            "RenameIndex", "RenameModel", "RunPython", "RunSQL", "SeparateDatabaseAndState", "TrigramExtension",
            "ValidateConstraint",
        },
        "mysql": {
            "AddConstraint", "AddField", "AddIndex", "AlterField", "CreateModel", "DeleteModel", "RemoveIndex",
            "RenameField", "RenameIndex", "RunPython", "RunSQL",
        },
    }  # fmt: skip
