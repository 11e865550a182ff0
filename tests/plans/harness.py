"""Proof that a plan works: the unsafe migration and the plan, applied for real, end in the same schema.

For one case (an app's history ending in an unsafe migration, under ``cases/<rule>/<variant>/``):

1. the real CLI (its entry point, called in-process: see ``plan_cli``) produces the plan:
   ``migreview plan <app> --format json --write DIR``, and the JSON report says which plan the case's
   finding references;
2. two scratch projects are written: *original* (the case's migrations) and *plan* (the same, with the
   replaced migration swapped for the plan's files);
3. a scratch database on the real PostgreSQL is migrated by Django's own ``migrate`` command (a
   subprocess) up to the seed point and rows are inserted with psycopg, so backfills run on real data;
   each project then migrates the rest of the way in its own copy of that database (cases with the same
   history and rows share the seeded one);
4. both databases are introspected (columns, indexes, constraints, the seeded rows) and Django's migration
   state of both projects is dumped; every fact must be equal, except the differences the case declares
   one by one in ``case.toml`` (each with its reason). A declared difference that does not happen fails too;
5. the plan project is reviewed by migreview itself (``--fail-on error`` must exit 0; warnings are shown),
   every generated file must compile, and ``--write`` must write exactly the files the JSON lists.

PostgreSQL is required: when it is unreachable the proof raises, it never skips.

Modules: ``case_model`` (the case data), ``plan_cli`` (the CLI), ``scratch`` (projects, databases,
``migrate``), ``schema`` (introspection), ``state_app`` (Django's state, written by `migrate` itself), and this
one, which puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from tests.plans.case_model import Case, ProofError
from tests.plans.plan_cli import PlanOutput, compile_errors, plan_for, plan_migration_files, self_review
from tests.plans.schema import introspect
from tests.plans.scratch import SeededDatabases, migrate, scratch_database, write_project

ABSENT = "<absent>"
PARALLEL_CASES = 4
"""Cases proven at once: each mostly waits on a Django subprocess or PostgreSQL."""

T = TypeVar("T")


@dataclass
class Variant:
    facts: dict[str, str]
    problems: list[str]
    failed: str = ""
    """Why ``migrate`` failed; there are no facts to compare then."""


def apply_variant(project: Path, case: Case, seeded: str, *, is_plan: bool) -> Variant:
    """Migrate ``project`` the rest of the way in a copy of ``seeded``; return its facts (spelled with the
    original's names) and what went wrong migrating back, if asked to."""
    problems: list[str] = []
    with scratch_database(template=seeded) as database:
        try:
            state = migrate(project, database, state=True)
        except ProofError as error:
            return Variant({}, problems, failed=str(error))
        facts = {**introspect(database, case.rows, case if is_plan else None), **_prefixed(state)}
        if is_plan and case.reverse_to:
            try:
                migrate(project, database, case.app_label, case.reverse_to)
            except ProofError as error:
                problems.append(f"the plan cannot be migrated back to {case.reverse_to}: {error}")
            else:
                problems += reversed_schema_problems(case, database, seeded)
        if not is_plan and case.original_reverse_fails:
            problems += expect_failure(
                lambda: migrate(project, database, case.app_label, case.reverse_to), case.original_reverse_fails
            )
    return Variant(facts, problems)


def reversed_schema_problems(case: Case, database: str, seeded: str) -> list[str]:
    """Migrated back to the seed point, the plan must leave the schema the seeded database has (rows aside):
    a reverse that succeeds but leaves a table missing or a column behind puts Django's state and the
    database out of step."""
    if case.reverse_to != case.seed_after:
        return []
    back, before = introspect(database, ()), introspect(seeded, ())
    return [
        f"migrated back to {case.reverse_to}, the plan leaves {fact} as {back.get(fact, ABSENT)} "
        f"(before: {before.get(fact, ABSENT)})"
        for fact in sorted(set(back) | set(before))
        if back.get(fact, ABSENT) != before.get(fact, ABSENT)
    ]


def expect_failure(action: Callable[[], object], text: str) -> list[str]:
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
    review_warnings: list[str] = field(default_factory=list)
    run_problems: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """``migrate`` failures: the schemas are not compared then."""

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
        if self.failed:
            return [*problems, *self.failed]
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
        written = {generated.path: generated.source for generated in self.plan.files}
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


def prove(
    case: Case, workdir: Path, tamper: Callable[[str], str] | None = None, seeded: SeededDatabases | None = None
) -> Proof:
    """``tamper`` edits the plan's files before they are applied: the harness's own tests break plans
    on purpose to show that the proof notices. ``seeded`` shares seeded databases between cases."""
    if seeded is None:
        with SeededDatabases() as own:
            return prove(case, workdir, tamper, own)
    original = write_project(workdir / "original", case, case.migration_files())
    plan = plan_for(case, original, workdir / "written")
    if tamper is not None:
        files = tuple(replace(generated, source=tamper(generated.source)) for generated in plan.files)
        plan = replace(plan, files=files, written={generated.path: generated.source for generated in files})
    planned = write_project(workdir / "plan", case, plan_migration_files(case, plan))
    compared = write_project(workdir / "reference", case, case.reference_files()) if case.original_fails else original
    template = seeded.get(original, case)
    tasks: dict[str, Callable[[], Any]] = {
        "original": lambda: apply_variant(compared, case, template, is_plan=False),
        "plan": lambda: apply_variant(planned, case, template, is_plan=True),
        "review": lambda: self_review(case, planned),
    }
    if case.original_fails:
        tasks["original_failure"] = lambda: original_failure(original, case, template)
    results = in_parallel(tasks)
    return Proof(
        case,
        plan,
        original_facts=results["original"].facts,
        plan_facts=case.as_original_names(results["plan"].facts),
        compile_errors=compile_errors(plan.files),
        review_errors=results["review"].errors,
        review_warnings=results["review"].warnings,
        run_problems=results["original"].problems + results["plan"].problems + results.get("original_failure", []),
        failed=[
            f"migrate of the {name} failed: {results[key].failed}"
            for key, name in (("original", "reference" if case.original_fails else "original"), ("plan", "plan"))
            if results[key].failed
        ],
    )


def _prefixed(state: dict[str, str]) -> dict[str, str]:
    return {f"state:{key}": value for key, value in state.items()}


def prove_all(cases: list[Case], workdir: Path) -> dict[str, Proof | BaseException]:
    """Prove several cases at once; a case's exception (migrate failed, no plan...) is its result."""

    def attempt(case: Case) -> Proof | BaseException:
        try:
            return prove(case, workdir / re.sub(r"[^0-9a-zA-Z_-]+", "_", case.id), seeded=seeded)
        except Exception as error:
            return error

    with SeededDatabases() as seeded, ThreadPoolExecutor(max_workers=PARALLEL_CASES) as pool:
        return dict(zip((case.id for case in cases), pool.map(attempt, cases), strict=True))


def main(argv: list[str]) -> int:
    """``python -m tests.plans.harness cases/<rule>/<variant> ...``: prove cases and print what differs."""
    import tempfile

    from tests.plans.case_model import load_case

    cases = [load_case(Path(argument).resolve()) for argument in argv]
    with tempfile.TemporaryDirectory() as workdir:
        results = prove_all(cases, Path(workdir))
    failed = 0
    for case_id, proof in results.items():
        problems = [f"{type(proof).__name__}: {proof}"] if isinstance(proof, BaseException) else proof.problems()
        failed += bool(problems)
        print(f"{case_id}: {'proven' if not problems else 'NOT proven'}")
        for problem in problems:
            print(f"  - {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
