"""Proof that a plan works: the unsafe migration and the plan, applied for real, end in the same schema.

For one case (an app's history ending in an unsafe migration, under ``cases/<rule>/<variant>/``):

1. the real CLI, ``migreview plan <app> --format json --write DIR``, produces the plan;
2. two scratch projects are written: *original* (the case's migrations) and *plan* (the same, with the
   replaced migration swapped for the plan's files);
3. each project is migrated by Django's own ``migrate`` command (a subprocess) into its own scratch
   database on the real PostgreSQL: first up to the seed point, then rows are inserted with psycopg so
   backfills run on real data, then the rest;
4. both databases are introspected (columns, indexes, constraints, the seeded rows) and Django's migration
   state of both projects is dumped; every fact must be equal, except the differences the case declares
   one by one in ``case.toml`` (each with its reason). A declared difference that does not happen fails too;
5. the plan project is reviewed by migreview itself (``--fail-on error`` must exit 0).

PostgreSQL is required: when it is unreachable the proof raises, it never skips.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg import sql

from tests.support.databases import CONNECT_TIMEOUT_SECONDS, DatabaseUnavailableError, postgres_settings

CASES_DIR = Path(__file__).parent / "cases"
STATE_SCRIPT = Path(__file__).parent / "dump_state.py"
SETTINGS_MODULE = "proof_settings"
DATABASE_ENV = "MIGREVIEW_PLAN_DB"
ABSENT = "<absent>"
SUBPROCESS_TIMEOUT_SECONDS = 120
PARALLEL_CASES = 4
"""Cases proven at once: each mostly waits on a Django subprocess or PostgreSQL."""

# One settings module for every scratch project; the database name comes from the environment so
# the same project can be migrated into any scratch database.
SETTINGS_TEMPLATE = '''\
"""Settings of a migreview plan-proof scratch project (generated)."""

import os

SECRET_KEY = "migreview-plan-proof"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = {installed_apps!r}
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get({database_env!r}, "postgres"),
        "HOST": {host!r},
        "PORT": {port!r},
        "USER": {user!r},
        "PASSWORD": {password!r},
    }}
}}
'''

T = TypeVar("T")


class ProofError(AssertionError):
    """A step of the proof failed; the message says which and shows the tool's output."""


# --- cases -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedDifference:
    """A fact the plan changes on purpose, with both values spelled out and the recipe's reason."""

    fact: str
    original: str
    plan: str
    why: str


@dataclass(frozen=True)
class Renamed:
    """A table or column the plan leaves under another name on purpose (e.g. a rename kept in state only).

    The plan's facts are read with ``plan`` spelled ``original`` (whole identifiers only), so everything
    else about the table or column is still compared."""

    kind: str
    """``table`` or ``column``."""
    table: str
    """The table as the original migration leaves it (for a column: the table holding it)."""
    original: str
    plan: str
    why: str


@dataclass(frozen=True)
class RowCheck:
    """Seeded rows whose values are compared: ``values`` exactly, ``shape`` as counts (random values)."""

    table: str
    order_by: str
    values: tuple[str, ...]
    shape: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    rule: str
    variant: str
    directory: Path
    description: str
    app_label: str
    seed_after: str
    seed: tuple[str, ...]
    rows: tuple[RowCheck, ...]
    differences: tuple[ExpectedDifference, ...]
    installed_apps: tuple[str, ...]
    renames: tuple[Renamed, ...] = ()
    original_fails: str = ""
    """Text of the error with which Django's ``migrate`` rejects the unsafe migration itself. The schema
    the plan must reach is then the one of ``reference/`` (what the unsafe migration meant)."""
    reverse_to: str = ""
    """Migrate the plan back to this migration after the comparison; it must succeed."""
    original_reverse_fails: str = ""
    """Text of the error with which migrating the original back to ``reverse_to`` fails."""

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.variant}"

    def migration_files(self, under: str = "") -> dict[str, str]:
        """``{"<app>/migrations/0001_initial.py": source}`` for every migration of the case."""
        folder = self.directory / under / self.app_label / "migrations"
        return {
            f"{self.app_label}/migrations/{path.name}": path.read_text(encoding="utf-8")
            for path in sorted(folder.glob("*.py"))
            if path.name != "__init__.py"
        }

    def reference_files(self) -> dict[str, str]:
        """The case's migrations with ``reference/`` overriding: what the unsafe migration meant to do."""
        return {**self.migration_files(), **self.migration_files("reference")}

    def plan_name(self, table: str, column: str | None = None) -> tuple[str, str | None]:
        """The plan's name of an original table (and column)."""
        plan_table, plan_column = table, column
        for renamed in self.renames:
            if renamed.kind == "table" and renamed.original == table:
                plan_table = renamed.plan
            if renamed.kind == "column" and renamed.table == table and renamed.original == column:
                plan_column = renamed.plan
        return plan_table, plan_column

    def as_original_names(self, facts: dict[str, str]) -> dict[str, str]:
        """The plan's facts with its renamed tables and columns spelled as in the original."""
        result = facts
        for renamed in self.renames:
            pattern = re.compile(rf"\b{re.escape(renamed.plan)}\b")
            plan_table = self.plan_name(renamed.table)[0]
            renamed_facts: dict[str, str] = {}
            for key, value in result.items():
                if key.startswith("state:"):
                    renamed_facts[key] = value
                elif renamed.kind == "table" or re.search(rf"[:]{re.escape(plan_table)}[.:]", key):
                    # Only after the fact's kind ("column:", "index:"...), which could spell a column name.
                    kind, rest = key.split(":", 1)
                    renamed_facts[f"{kind}:{pattern.sub(renamed.original, rest)}"] = pattern.sub(
                        renamed.original, value
                    )
                else:
                    renamed_facts[key] = value
            result = renamed_facts
        return result


def load_case(directory: Path) -> Case:
    try:
        data = tomllib.loads((directory / "case.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProofError(f"{directory / 'case.toml'}: {error}") from error
    app_label = data["app"]
    return Case(
        rule=directory.parent.name,
        variant=directory.name,
        directory=directory,
        description=data["description"],
        app_label=app_label,
        seed_after=data.get("seed_after", "0001_initial"),
        seed=tuple(data.get("seed", ())),
        rows=tuple(
            RowCheck(
                table=row["table"],
                order_by=row.get("order_by", "id"),
                values=tuple(row.get("values", ())),
                shape=tuple(row.get("shape", ())),
            )
            for row in data.get("rows", ())
        ),
        differences=tuple(
            ExpectedDifference(item["fact"], item["original"], item["plan"], item["why"])
            for item in data.get("difference", ())
        ),
        installed_apps=(*data.get("installed_apps", ()), app_label),
        renames=tuple(
            Renamed(item["kind"], item["table"], item["original"], item["plan"], item["why"])
            for item in data.get("renamed", ())
        ),
        original_fails=data.get("original_fails", ""),
        reverse_to=data.get("reverse_to", ""),
        original_reverse_fails=data.get("original_reverse_fails", ""),
    )


def discover_cases() -> list[Case]:
    return [load_case(path.parent) for path in sorted(CASES_DIR.glob("*/*/case.toml"))]


# --- the CLI -----------------------------------------------------------------------------------------


def run_migreview(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer.cli", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_SECONDS,
        check=False,
    )


@dataclass(frozen=True)
class GeneratedFile:
    app_label: str
    name: str
    filename: str
    source: str

    @property
    def path(self) -> str:
        return f"{self.app_label}/migrations/{self.filename}"


@dataclass(frozen=True)
class PlanOutput:
    plan_id: str
    data: dict[str, Any]
    files: tuple[GeneratedFile, ...]
    written: dict[str, str]
    """What ``--write`` put on disk for this plan: path under the plan's folder -> text."""

    @property
    def replaces(self) -> str:
        return str(self.data["replaces"])


def plan_for(case: Case, project: Path, write_dir: Path) -> PlanOutput:
    """Run ``migreview plan`` over the original project and return the one plan of the case's rule."""
    result = run_migreview(["plan", case.app_label, "--format", "json", "--write", str(write_dir)], project)
    if result.returncode not in (0, 1):
        raise ProofError(f"migreview plan exited {result.returncode}\n{result.stderr}")
    try:
        plans: dict[str, dict[str, Any]] = json.loads(result.stdout)["plans"]
    except (json.JSONDecodeError, KeyError) as error:
        raise ProofError(
            f"migreview plan printed no plans JSON ({error}):\n{result.stdout}\n{result.stderr}"
        ) from error
    mine = {plan_id: plan for plan_id, plan in plans.items() if plan["rule_id"] == case.rule}
    if len(mine) != 1:
        raise ProofError(
            f"expected exactly one {case.rule} plan for {case.id}, got {sorted(mine)} "
            f"(all plans: {[(key, plan['rule_id']) for key, plan in plans.items()]})"
        )
    plan_id, plan = next(iter(mine.items()))
    files = tuple(
        GeneratedFile(
            step["migration"]["app_label"],
            step["migration"]["name"],
            step["migration"]["filename"],
            step["migration"]["source"],
        )
        for step in plan["steps"]
        if step["migration"] is not None
    )
    folder = write_dir / f"{plan_id}_{case.rule}"
    written = (
        {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in folder.rglob("*.py")}
        if folder.is_dir()
        else {}
    )
    return PlanOutput(plan_id, plan, files, written)


def plan_migration_files(case: Case, plan: PlanOutput) -> dict[str, str]:
    """The case's migrations with the replaced file swapped for the plan's files."""
    if plan.data["later_migrations"]:
        raise ProofError(
            f"{case.id}: the harness does not re-point later migrations {plan.data['later_migrations']}; "
            "keep the unsafe migration last in the case"
        )
    files = {path: source for path, source in case.migration_files().items() if path != plan.replaces}
    if len(files) == len(case.migration_files()):
        raise ProofError(f"{case.id}: the plan replaces {plan.replaces!r}, which is not one of the case's files")
    for generated in plan.files:
        files[generated.path] = generated.source
    return files


def compile_errors(files: tuple[GeneratedFile, ...]) -> list[str]:
    errors = []
    for generated in files:
        try:
            ast.parse(generated.source, filename=generated.path)
            compile(generated.source, generated.path, "exec")
        except SyntaxError as error:
            errors.append(f"{generated.path}:{error.lineno}: {error.msg}")
    return errors


def self_review_errors(case: Case, project: Path) -> list[str]:
    """The plan project reviewed by migreview: every error finding (the CLI must exit 0)."""
    result = run_migreview([case.app_label, "--fail-on", "error", "--format", "json"], project)
    if result.returncode == 0:
        return []
    try:
        findings = json.loads(result.stdout).get("findings", [])
    except json.JSONDecodeError:
        findings = []
    described = [
        f"{item.get('path', '?')}:{item.get('start_line', '?')} "
        f"{item.get('rule_id', '?')} ({item.get('severity', '?')}): {item.get('message', '')}"
        for item in findings
        if str(item.get("severity", "")).lower() == "error"
    ]
    return described or [f"migreview exited {result.returncode}:\n{result.stdout}\n{result.stderr}"]


# --- scratch projects and databases ------------------------------------------------------------------


def write_project(root: Path, case: Case, files: Mapping[str, str]) -> Path:
    settings = postgres_settings()
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{SETTINGS_MODULE}.py").write_text(
        SETTINGS_TEMPLATE.format(
            installed_apps=list(case.installed_apps),
            database_env=DATABASE_ENV,
            host=settings.host,
            port=str(settings.port),
            user=settings.user,
            password=settings.password,
        ),
        encoding="utf-8",
    )
    package = root / case.app_label
    (package / "migrations").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "migrations" / "__init__.py").write_text("", encoding="utf-8")
    for path, source in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    return root


def _admin_connection() -> psycopg.Connection[Any]:
    settings = postgres_settings()
    try:
        return psycopg.connect(
            host=settings.host,
            port=settings.port,
            dbname="postgres",
            user=settings.user,
            password=settings.password or None,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            application_name="migreview-plan-proof",
        )
    except psycopg.OperationalError as error:
        raise DatabaseUnavailableError(
            f"PostgreSQL at {settings.user}@{settings.host}:{settings.port} is unreachable ({error}); the plan "
            "proofs need it: set MIGREVIEW_TEST_PG_HOST/_PORT/_USER"
        ) from error


def _connect(database: str) -> psycopg.Connection[Any]:
    settings = postgres_settings()
    return psycopg.connect(
        host=settings.host,
        port=settings.port,
        dbname=database,
        user=settings.user,
        password=settings.password or None,
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
    )


@contextmanager
def scratch_database(template: str | None = None) -> Iterator[str]:
    """A new database, dropped afterwards; a copy of ``template`` when given (a server-side file copy)."""
    name = f"migreview_plan_{uuid.uuid4().hex}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(template))
    with _admin_connection() as admin:
        admin.execute(create)
    try:
        yield name
    finally:
        with _admin_connection() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _project_env(project: Path, database: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(project), DATABASE_ENV: database, "PYTHONDONTWRITEBYTECODE": "1"}


def migrate(project: Path, database: str, *target: str) -> None:
    """Django's own ``migrate`` command, in a subprocess, against one scratch database."""
    command = [sys.executable, "-m", "django", "migrate", *target, "--noinput", f"--settings={SETTINGS_MODULE}"]
    result = subprocess.run(
        command,
        cwd=project,
        env=_project_env(project, database),
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise ProofError(
            f"`migrate {' '.join(target)}` failed in {project.name} (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
        )


def django_state(project: Path) -> dict[str, str]:
    """Django's migration state after the whole history, as facts (no database needed)."""
    result = subprocess.run(
        [sys.executable, str(STATE_SCRIPT)],
        cwd=project,
        env={**_project_env(project, "postgres"), "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE},
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise ProofError(f"loading Django's migration state of {project.name} failed:\n{result.stderr[-6000:]}")
    state: dict[str, str] = json.loads(result.stdout)
    return state


# --- introspection -----------------------------------------------------------------------------------

COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  AND c.relname <> 'django_migrations'
"""

INDEXES = """
SELECT i.tablename, i.indexdef, x.indisvalid
FROM pg_indexes i
JOIN pg_index x ON x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
WHERE i.schemaname = 'public' AND i.tablename <> 'django_migrations'
"""

CONSTRAINTS = """
SELECT c.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), co.convalidated
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = co.connamespace
WHERE n.nspname = 'public' AND c.relname <> 'django_migrations'
"""

INDEX_NAME = re.compile(r"^(CREATE (?:UNIQUE )?INDEX )(?:\"[^\"]+\"|\S+)( ON )")
INDEX_PLACEHOLDER = "?"
"""Not an identifier, so renaming a column or table never touches it."""


def normalise_indexdef(indexdef: str) -> str:
    return INDEX_NAME.sub(rf"\g<1>{INDEX_PLACEHOLDER}\g<2>", indexdef)


def _summary(values: list[Any]) -> str:
    shown = ", ".join(repr(value) for value in values[:3])
    digest = hashlib.sha256(repr(values).encode()).hexdigest()[:12]
    return f"{len(values)} rows: {shown}{', ...' if len(values) > 3 else ''} (sha {digest})"


def introspect(database: str, rows: tuple[RowCheck, ...], case: Case | None = None) -> dict[str, str]:
    """The database schema (and the seeded rows) as ``{fact: value}``, comparable across databases."""
    facts: dict[str, str] = {}
    with _connect(database) as connection:
        for table, column, type_, not_null, default, identity, generated in connection.execute(COLUMNS):
            value = f"{type_} {'NOT NULL' if not_null else 'NULL'}"
            if default is not None:
                value += f" DEFAULT {default}"
            if identity:
                value += f" IDENTITY({identity})"
            if generated:
                value += f" GENERATED({generated})"
            facts[f"column:{table}.{column}"] = value
        indexes: Counter[tuple[str, str, bool]] = Counter(
            (table, normalise_indexdef(indexdef), valid) for table, indexdef, valid in connection.execute(INDEXES)
        )
        for (table, indexdef, valid), count in indexes.items():
            key = f"index:{table}:{indexdef}"
            facts[key] = " / ".join(filter(None, (facts.get(key), f"{'valid' if valid else 'INVALID'} x{count}")))
        for table, name, contype, definition, validated in connection.execute(CONSTRAINTS):
            key = f"constraint:{table}:{contype}:{definition}"
            value = f"{name} {'VALID' if validated else 'NOT VALID'}"
            facts[key] = " / ".join(filter(None, (facts.get(key), value)))
        for check in rows:
            for column in (*check.values, *check.shape):
                table, name = case.plan_name(check.table, column) if case is not None else (check.table, column)
                query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
                    sql.Identifier(name or column), sql.Identifier(table), sql.Identifier(check.order_by)
                )
                values = [str(row[0]) if row[0] is not None else None for row in connection.execute(query)]
                if column in check.values:
                    facts[f"rows:{check.table}.{column}"] = _summary(values)
                else:
                    present = [value for value in values if value is not None]
                    facts[f"rows-shape:{check.table}.{column}"] = (
                        f"{len(values)} rows, {len(present)} non-null, {len(set(present))} distinct"
                    )
    return facts


def seed(database: str, statements: tuple[str, ...]) -> None:
    with _connect(database) as connection:
        for statement in statements:
            connection.execute(statement.encode())


@dataclass
class Variant:
    facts: dict[str, str]
    problems: list[str]


@contextmanager
def seeded_database(project: Path, case: Case) -> Iterator[str]:
    """A database migrated up to the case's seed point with its rows inserted: the template of both
    variants, so they start from the very same rows."""
    with scratch_database() as database:
        migrate(project, database, case.app_label, case.seed_after)
        seed(database, case.seed)
        yield database


def apply_variant(project: Path, case: Case, seeded: str, *, is_plan: bool) -> Variant:
    """Migrate ``project`` the rest of the way in a copy of ``seeded``; return its facts (spelled with the
    original's names) and what went wrong migrating back, if asked to."""
    problems: list[str] = []
    with scratch_database(template=seeded) as database:
        migrate(project, database)
        facts = introspect(database, case.rows, case if is_plan else None)
        if is_plan and case.reverse_to:
            try:
                migrate(project, database, case.app_label, case.reverse_to)
            except ProofError as error:
                problems.append(f"the plan cannot be migrated back to {case.reverse_to}: {error}")
        if not is_plan and case.original_reverse_fails:
            problems += expect_failure(
                lambda: migrate(project, database, case.app_label, case.reverse_to), case.original_reverse_fails
            )
    return Variant(facts, problems)


def expect_failure(action: Callable[[], None], text: str) -> list[str]:
    """The case says this fails with ``text``: a problem if it succeeds or fails otherwise."""
    try:
        action()
    except ProofError as error:
        return [] if text in str(error) else [f"failed, but not with {text!r}: {error}"]
    return [f"was expected to fail with {text!r}, but succeeded"]


def original_failure(project: Path, case: Case, seeded: str) -> list[str]:
    """The unsafe migration itself, which Django rejects: it must fail as the case says."""
    with scratch_database(template=seeded) as database:
        return [
            f"the original migration {problem}"
            for problem in expect_failure(lambda: migrate(project, database), case.original_fails)
        ]


# --- the proof ---------------------------------------------------------------------------------------


@dataclass
class Proof:
    case: Case
    plan: PlanOutput
    original_facts: dict[str, str] = field(default_factory=dict)
    plan_facts: dict[str, str] = field(default_factory=dict)
    compile_errors: list[str] = field(default_factory=list)
    review_errors: list[str] = field(default_factory=list)
    run_problems: list[str] = field(default_factory=list)

    def differences(self) -> dict[str, tuple[str, str]]:
        keys = sorted(set(self.original_facts) | set(self.plan_facts))
        return {
            key: (self.original_facts.get(key, ABSENT), self.plan_facts.get(key, ABSENT))
            for key in keys
            if self.original_facts.get(key, ABSENT) != self.plan_facts.get(key, ABSENT)
        }

    def problems(self) -> list[str]:
        """Everything that keeps the plan from being proven; empty when it is."""
        problems = [f"generated file does not compile: {error}" for error in self.compile_errors]
        problems += [f"migreview flags the plan: {error}" for error in self.review_errors]
        problems += self.run_problems
        expected = {item.fact: (item.original, item.plan) for item in self.case.differences}
        actual = self.differences()
        for fact, (original, planned) in actual.items():
            if expected.get(fact) != (original, planned):
                problems.append(f"unexpected difference {fact}\n    original: {original}\n    plan:     {planned}")
        for fact, (original, planned) in expected.items():
            if actual.get(fact) != (original, planned):
                got = actual.get(fact, ("(equal)", "(equal)"))
                problems.append(
                    f"declared difference did not happen as declared {fact}\n    declared original: {original}\n"
                    f"    declared plan:     {planned}\n    got: {got[0]} / {got[1]}"
                )
        written = {f"{generated.path}": generated.source for generated in self.plan.files}
        if self.plan.written != written:
            problems.append(
                f"--write wrote {sorted(self.plan.written)}, the JSON lists {sorted(written)} (or their text differs)"
            )
        return problems


def in_parallel(tasks: dict[str, Callable[[], T]]) -> dict[str, T]:
    # Each task is mostly waiting for a Django subprocess or PostgreSQL, so threads overlap them.
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        futures = {name: pool.submit(task) for name, task in tasks.items()}
        return {name: future.result() for name, future in futures.items()}


def prove(case: Case, workdir: Path, tamper: Callable[[str], str] | None = None) -> Proof:
    """``tamper`` edits the plan's files before they are applied: the harness's own tests break plans
    on purpose to show that the proof notices."""
    original = write_project(workdir / "original", case, case.migration_files())
    plan = plan_for(case, original, workdir / "written")
    if tamper is not None:
        files = tuple(replace(generated, source=tamper(generated.source)) for generated in plan.files)
        plan = replace(plan, files=files, written={generated.path: generated.source for generated in files})
    planned = write_project(workdir / "plan", case, plan_migration_files(case, plan))
    compared = write_project(workdir / "reference", case, case.reference_files()) if case.original_fails else original
    with seeded_database(original, case) as seeded:
        tasks: dict[str, Callable[[], Any]] = {
            "original": lambda: apply_variant(compared, case, seeded, is_plan=False),
            "plan": lambda: apply_variant(planned, case, seeded, is_plan=True),
            "original_state": lambda: django_state(compared),
            "plan_state": lambda: django_state(planned),
            "review": lambda: self_review_errors(case, planned),
        }
        if case.original_fails:
            tasks["original_failure"] = lambda: original_failure(original, case, seeded)
        results = in_parallel(tasks)
    plan_facts = {**results["plan"].facts, **_prefixed(results["plan_state"])}
    return Proof(
        case,
        plan,
        original_facts={**results["original"].facts, **_prefixed(results["original_state"])},
        plan_facts=case.as_original_names(plan_facts),
        compile_errors=compile_errors(plan.files),
        review_errors=results["review"],
        run_problems=results["original"].problems + results["plan"].problems + results.get("original_failure", []),
    )


def _prefixed(state: dict[str, str]) -> dict[str, str]:
    return {f"state:{key}": value for key, value in state.items()}


def prove_all(cases: list[Case], workdir: Path) -> dict[str, Proof | BaseException]:
    """Prove several cases at once; a case's exception (migrate failed, no plan...) is its result."""

    def attempt(case: Case) -> Proof | BaseException:
        try:
            return prove(case, workdir / re.sub(r"[^0-9a-zA-Z_-]+", "_", case.id))
        except Exception as error:
            return error

    with ThreadPoolExecutor(max_workers=PARALLEL_CASES) as pool:
        return dict(zip((case.id for case in cases), pool.map(attempt, cases), strict=True))
