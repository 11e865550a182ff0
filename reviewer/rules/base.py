"""What a rule is and what it is given: one operation with the state before it, or one migration."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from reviewer.findings import Finding, Impact, Location, Severity, Suggestion
from reviewer.loader.model import Call, Operation, ParsedMigration
from reviewer.locks import StatementForm, impact_of
from reviewer.sql.classified import ClassifiedStatement
from reviewer.sql.dialect import on_target
from reviewer.sql.facts import facts_of_script, sql_texts
from reviewer.state.fields import FieldState, field_state
from reviewer.state.project import ModelState, ProjectState, default_table
from reviewer.target import DatabaseTarget


@dataclass(frozen=True)
class OperationContext:
    migration: ParsedMigration
    operation: Operation
    index: tuple[int, ...]
    state: ProjectState
    """The state just before the operation (read it, never change it)."""
    target: DatabaseTarget

    def model(self, key: str = "model_name") -> ModelState | None:
        """The model the operation names (``model_name`` or ``name``) in the migration's app."""
        if key not in self._models:
            name = self.operation.text(key)
            self._models[key] = self.state.model(self.migration.app_label, name) if name else None
        return self._models[key]

    @cached_property
    def _models(self) -> dict[str, ModelState | None]:
        return {}

    def has_rows(self, model: ModelState | None) -> bool:
        """True when the model's table exists before this migration: it may hold rows.

        An unknown model (its app was not given) is assumed to exist: stay conservative.
        """
        if model is None:
            return True
        return model.has_table and model.created_in != self.migration.key

    def touches_table(self, model: ModelState | None) -> bool:
        """False for proxy and unmanaged models, whose operations change no table."""
        return model is None or model.has_table

    def table_name(self, model: ModelState | None, key: str = "model_name") -> str:
        if model is not None:
            return model.table
        return default_table(self.migration.app_label, self.operation.text(key) or "?")

    @cached_property
    def _new_field(self) -> FieldState | None:
        value, name = self.operation.arg("field"), self.operation.text("name")
        if not isinstance(value, Call) or not name:
            return None
        model = self.model()
        model_name = model.name if model else self.operation.text("model_name") or ""
        return field_state(name, value, self.migration.app_label, model_name, self.state.user_model)

    def new_field(self) -> FieldState | None:
        """The field an AddField/AlterField defines, as it is after the operation."""
        return self._new_field

    def field(self, model: ModelState | None, name: str | None) -> FieldState | None:
        return model.field(name) if model is not None and name else None

    @cached_property
    def sets_lock_timeout(self) -> bool:
        if self.operation.kind != "RunSQL":
            return False
        from reviewer.sql import lock_timeout_setting, split_sql

        statements = (s.text for sql in sql_texts(self.operation.arg("sql")) for s in split_sql(sql).statements)
        settings = [lock_timeout_setting(text) for text in statements]
        # SET LOCAL outside a transaction (a non-atomic migration) is a no-op with a warning.
        return any(
            setting is not None and setting.bounds_waiting and (self.migration.atomic or not setting.local)
            for setting in settings
        )

    @cached_property
    def sql_facts(self) -> tuple[ClassifiedStatement, ...]:
        """What the statements of a RunSQL do, in lock-model forms (empty for other operations)."""
        if self.operation.kind != "RunSQL":
            return ()
        texts = sql_texts(self.operation.arg("sql"))
        return tuple(on_target(fact, self.target) for sql in texts for fact in facts_of_script(sql))

    def facts(self, *forms: StatementForm) -> Iterator[ClassifiedStatement]:
        """RunSQL facts of ``forms`` on tables that may hold rows (not created earlier in the same RunSQL)."""
        if not self.sql_facts:
            return
        created = {fact.table for fact in self.sql_facts if fact.form is StatementForm.CREATE_TABLE}
        for fact in self.sql_facts:
            if fact.form in forms and fact.table not in created and self.table_has_rows(fact.table):
                yield fact

    def table_has_rows(self, table: str) -> bool:
        """Whether a table named in SQL existed before this migration; unknown tables are assumed to."""
        model = self.state.model_by_table(table)
        return self.has_rows(model) if model is not None else True

    def fact_finding(
        self, rule: Rule, message: str, fact: ClassifiedStatement, safe_way: str, severity: Severity | None = None
    ) -> Finding:
        """A finding on one statement of a RunSQL, with the statement's lock facts."""
        return self.finding(
            rule,
            message,
            table=fact.table,
            column=fact.column or "",
            impact=self.impact(fact.form),
            safe_way=safe_way,
            details=(f"SQL: {' '.join(fact.text.split())}",),
            severity=severity,
        )

    def impact(self, form: StatementForm) -> Impact | None:
        return impact_of(form, self.target)

    def finding(
        self,
        rule: Rule,
        message: str,
        *,
        table: str = "",
        column: str = "",
        impact: Impact | None = None,
        safe_way: str = "",
        details: tuple[str, ...] = (),
        severity: Severity | None = None,
        suggestion: Suggestion | None = None,
    ) -> Finding:
        return Finding(
            rule_id=rule.id,
            severity=severity or rule.severity,
            message=message,
            location=Location(self.migration.path, self.operation.start_line, self.operation.end_line),
            safe_way=safe_way,
            app_label=self.migration.app_label,
            migration=self.migration.name,
            operation=self.operation.kind,
            operation_index=self.index,
            table=table,
            column=column,
            impact=impact,
            details=details,
            suggestion=suggestion,
        )


@dataclass(frozen=True)
class StepFacts:
    """What one database operation of a migration touched, for migration-level rules."""

    operation: Operation
    index: tuple[int, ...]
    table: str
    table_has_rows: bool
    """The operation changes the schema of a table that existed before the migration."""
    sql_on_existing_tables: tuple[ClassifiedStatement, ...] = ()
    """RunSQL statements that change tables which existed before the migration."""
    sets_lock_timeout: bool = False
    """A RunSQL that sets a bounded ``lock_timeout`` / ``lock_wait_timeout``."""


@dataclass(frozen=True)
class MigrationContext:
    migration: ParsedMigration
    steps: tuple[StepFacts, ...]
    target: DatabaseTarget

    def finding(
        self, rule: Rule, message: str, step: StepFacts, *, safe_way: str = "", table: str | None = None
    ) -> Finding:
        return Finding(
            rule_id=rule.id,
            severity=rule.severity,
            message=message,
            location=Location(self.migration.path, step.operation.start_line, step.operation.end_line),
            safe_way=safe_way,
            app_label=self.migration.app_label,
            migration=self.migration.name,
            operation=step.operation.kind,
            operation_index=step.index,
            table=step.table if table is None else table,
        )


OperationCheck = Callable[[OperationContext], Iterable[Finding]]
MigrationCheck = Callable[[MigrationContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation; its module docstring is the user documentation."""

    id: str
    severity: Severity
    summary: str
    doc: str
    operation_check: OperationCheck | None = None
    migration_check: MigrationCheck | None = None

    @property
    def documentation(self) -> str:
        return inspect.cleandoc(self.doc)
