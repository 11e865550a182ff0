"""Runs the stages: parsed files -> ordered history -> replay with rules -> suppressions -> result."""

from __future__ import annotations

import fnmatch
import traceback
from dataclasses import replace
from typing import TYPE_CHECKING

from reviewer.findings import Finding, Location
from reviewer.loader import LoadedFiles
from reviewer.loader.model import MigrationKey, ParsedMigration, ParseFailure
from reviewer.locks import StatementForm
from reviewer.options import ReviewOptions
from reviewer.result import ReviewResult
from reviewer.rules import (
    ALL_RULES,
    MigrationContext,
    OperationContext,
    StepFacts,
    internal_error,
    syntax_error,
    unreadable_code,
)
from reviewer.state import MigrationEnd, MigrationStart, ProjectState, Step, order_history, replay
from reviewer.suppression import apply_ignores

if TYPE_CHECKING:
    from reviewer.plans.model import Plan


class _Reviewer:
    def __init__(self, options: ReviewOptions, dependents: dict[MigrationKey, tuple[str, ...]]) -> None:
        self.options = options
        self.dependents = dependents
        self.plans: dict[str, Plan] = {}
        enabled = [rule for rule in ALL_RULES if options.rule_is_enabled(rule.id)]
        self.operation_rules = [rule for rule in enabled if rule.operation_check is not None]
        self.migration_rules = [rule for rule in enabled if rule.migration_check is not None]
        self.operations_reviewed = 0

    def is_reported(self, path: str, app_label: str) -> bool:
        options = self.options
        if options.only_paths is not None and path not in options.only_paths:
            return False
        if app_label in options.exclude_apps:
            return False
        return not any(fnmatch.fnmatch(path, pattern) for pattern in options.exclude_paths)

    def review_step(self, step: Step) -> tuple[list[Finding], StepFacts]:
        context = OperationContext(step.migration, step.operation, step.index, step.state, self.options.target)
        findings: list[Finding] = []
        for rule in self.operation_rules:
            assert rule.operation_check is not None
            try:
                findings.extend(rule.operation_check(context))
            except Exception as error:  # a rule bug must not lose the rest of the review
                findings.append(_internal_error(context, rule.id, error))
        findings = self.with_plans(findings, context)
        key = "name" if step.operation.arguments.get("model_name") is None else "model_name"
        model = context.model(key)
        facts = StepFacts(
            operation=step.operation,
            index=step.index,
            table=context.table_name(model, key),
            table_has_rows=context.has_rows(model) and context.touches_table(model),
            sql_on_existing_tables=tuple(context.facts(*StatementForm)) if context.sql_facts else (),
            sets_lock_timeout=context.sets_lock_timeout,
        )
        return findings, facts

    def with_plans(self, findings: list[Finding], context: OperationContext) -> list[Finding]:
        """One plan per problem: a recipe that also resolves other findings of the operation (a callable
        default's plan also makes the column unique and NOT NULL) serves them too."""
        if not self.options.plans or not findings:
            return findings
        from reviewer.plans.planner import ALSO_RESOLVES  # plans load only for output that carries them

        planned: dict[str, str] = {}
        ordered = sorted(findings, key=lambda finding: finding.rule_id not in ALSO_RESOLVES)
        result: dict[int, Finding] = {}
        for finding in ordered:
            if finding.rule_id in planned:
                result[id(finding)] = replace(finding, plan_id=planned[finding.rule_id])
                continue
            with_plan = self.with_plan(finding, context)
            result[id(finding)] = with_plan
            if with_plan.plan_id:
                for rule_id in ALSO_RESOLVES.get(finding.rule_id, ()):
                    planned.setdefault(rule_id, with_plan.plan_id)
        return [result[id(finding)] for finding in findings]

    def with_plan(self, finding: Finding, context: OperationContext) -> Finding:
        if not self.options.plans:
            return finding
        from reviewer.plans.context import PlanInput
        from reviewer.plans.planner import plan_for

        plan_input = PlanInput(finding, context, self.dependents.get(context.migration.key, ()))
        try:
            planned = plan_for(plan_input)
        except Exception as error:  # a recipe bug must not lose the finding
            return replace(finding, details=(*finding.details, _internal_error(context, "plans", error).message))
        if planned is None:
            return finding
        plan, suggestion = planned
        plan_id = f"plan-{len(self.plans) + 1}"
        self.plans[plan_id] = plan
        return replace(finding, plan_id=plan_id, suggestion=suggestion)

    def review_migration(
        self, migration: ParsedMigration, steps: list[StepFacts], state: ProjectState
    ) -> list[Finding]:
        context = MigrationContext(migration, tuple(steps), self.options.target)
        findings: list[Finding] = []
        by_index = {step.index: step.operation for step in steps}
        for rule in self.migration_rules:
            assert rule.migration_check is not None
            for finding in rule.migration_check(context):
                operation = by_index.get(finding.operation_index)
                if operation is not None:  # a split plan needs the migration, not the state before the operation
                    step_context = OperationContext(
                        migration, operation, finding.operation_index, state, context.target
                    )
                    finding = self.with_plan(finding, step_context)
                findings.append(finding)
        if self.options.rule_is_enabled(unreadable_code.RULE.id):
            findings.extend(_loader_note(migration, note.line, note.message) for note in migration.notes)
        return findings


def review(loaded: LoadedFiles, options: ReviewOptions) -> ReviewResult:
    history = order_history(loaded.migrations, options.user_model)
    reviewer = _Reviewer(options, _dependents(history.migrations))
    findings: list[Finding] = []
    files: list[str] = []
    reporting = False
    migration_findings: list[Finding] = []
    steps: list[StepFacts] = []
    for event in replay(history.migrations, options.user_model):
        if isinstance(event, MigrationStart):
            reporting = reviewer.is_reported(event.migration.path, event.migration.app_label)
            migration_findings, steps = [], []
        elif isinstance(event, Step):
            if reporting:
                step_findings, facts = reviewer.review_step(event)
                migration_findings.extend(step_findings)
                steps.append(facts)
                reviewer.operations_reviewed += 1
        elif isinstance(event, MigrationEnd) and reporting:
            migration_findings.extend(reviewer.review_migration(event.migration, steps, event.state))
            findings.extend(apply_ignores(event.migration, migration_findings))
            files.append(event.migration.path)
    for failure in loaded.failures:
        if reviewer.is_reported(failure.path, failure.app_label):
            files.append(failure.path)
            if options.rule_is_enabled(syntax_error.RULE.id):
                findings.append(_parse_failure(failure))
    notes = list(history.notes)
    if options.with_sql:
        from reviewer.render.evidence import attach_sql  # loads Django only when asked

        findings, sql_notes = attach_sql(findings, history.migrations, options)
        notes.extend(sql_notes)
    notes.extend(
        f"{migration.path} is replaced by a squashed migration and was not replayed"
        for migration in history.replaced
        if reviewer.is_reported(migration.path, migration.app_label)
    )
    final, plans = _number_plans(
        sorted(
            (options.apply_severity(finding) for finding in findings if options.rule_is_enabled(finding.rule_id)),
            key=lambda finding: finding.sort_key,
        ),
        reviewer.plans,
    )
    return ReviewResult(
        findings=tuple(final),
        files_reviewed=tuple(sorted(files)),
        migrations_replayed=len(history.migrations),
        operations_reviewed=reviewer.operations_reviewed,
        target=options.target,
        notes=tuple(notes),
        plans=plans,
    )


def _number_plans(findings: list[Finding], plans: dict[str, Plan]) -> tuple[list[Finding], dict[str, Plan]]:
    """Keep the plans of reported findings only (not of suppressed ones), numbered P1, P2... in report order."""
    numbered: dict[str, str] = {}
    for finding in findings:
        if finding.plan_id and finding.plan_id not in numbered:
            numbered[finding.plan_id] = f"P{len(numbered) + 1}"
    renamed = [
        replace(finding, plan_id=numbered[finding.plan_id]) if finding.plan_id else finding for finding in findings
    ]
    return renamed, {new: plans[old] for old, new in numbered.items()}


def _dependents(migrations: tuple[ParsedMigration, ...]) -> dict[MigrationKey, tuple[str, ...]]:
    found: dict[MigrationKey, list[str]] = {}
    for migration in migrations:
        for dependency in migration.dependencies:
            found.setdefault(MigrationKey(dependency.app_label, dependency.name), []).append(str(migration.key))
    return {key: tuple(names) for key, names in found.items()}


def _parse_failure(failure: ParseFailure) -> Finding:
    return Finding(
        rule_id=syntax_error.RULE.id,
        severity=syntax_error.RULE.severity,
        message=f"{failure.message}: the file was not reviewed and Django cannot load it",
        location=Location(failure.path, failure.line, failure.line),
        safe_way="fix the file so that it compiles",
        app_label=failure.app_label,
        migration=failure.name,
    )


def _loader_note(migration: ParsedMigration, line: int, message: str) -> Finding:
    return Finding(
        rule_id=unreadable_code.RULE.id,
        severity=unreadable_code.RULE.severity,
        message=message,
        location=Location(migration.path, line, line),
        safe_way="write it literally, as makemigrations does, or review it by hand",
        app_label=migration.app_label,
        migration=migration.name,
    )


def _internal_error(context: OperationContext, part: str, error: Exception) -> Finding:
    where = traceback.extract_tb(error.__traceback__)[-1]
    return context.finding(
        internal_error.RULE,
        f"{part} failed on this operation ({type(error).__name__}: {error} at "
        f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}); the operation was not fully reviewed",
        safe_way="review this operation by hand and report the bug",
    )
