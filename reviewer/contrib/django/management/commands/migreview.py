"""``python manage.py migreview [app_label] [migration_name]``: review the project's migrations."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader

from reviewer.api import review_paths
from reviewer.baseline import BaselineError, read_baseline
from reviewer.config import ConfigError, find_config
from reviewer.contrib.django.project import ProjectMigration, operation_sql, project_migrations, target_of, with_sql
from reviewer.options import FailOn, ReviewOptions
from reviewer.report import FORMATS, render_report
from reviewer.result import ReviewResult
from reviewer.target import DatabaseTarget


class Command(BaseCommand):  # type: ignore[misc]
    help = (
        "Review migrations for operations that lock tables, break running code during a deploy or cannot be "
        "rolled back, judged for the configured database. Without arguments: every migration of the "
        "project's own apps (installed packages are replayed for history, not reported)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("app_label", nargs="?", help="review only this app's migrations")
        parser.add_argument("migration_name", nargs="?", help="review only this migration (a unique prefix works)")
        parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
        parser.add_argument("--fail-on", choices=[member.value for member in FailOn], help="default: error")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database to judge for")
        parser.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline file")
        parser.add_argument("--no-sql", action="store_true", help="do not attach sqlmigrate's SQL to findings")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        loader = MigrationLoader(None, ignore_no_migrations=True)
        migrations = project_migrations(loader)
        reported = self._selected(loader, migrations, options["app_label"], options["migration_name"])
        try:
            target = target_of(connection)
        except (DatabaseError, ValueError) as error:
            raise CommandError(
                f"cannot tell the version of database {options['database']!r}: {error}".strip()
                + " (the migreview command line reviews without a database: migreview --db NAME --db-version N)"
            ) from None
        review_options = self._options(options, target, reported)
        result = review_paths([migration.path for migration in migrations], review_options)
        if not options["no_sql"]:
            result = self._attach_sql(result, loader, connection, migrations, target)
        if options["baseline"]:
            try:
                result = read_baseline(options["baseline"]).filter(result)
            except BaselineError as error:
                raise CommandError(str(error)) from None
        colour = options["format"] == "text" and not options.get("no_color") and self.stdout.isatty()
        self.stdout.write(render_report(result, options["format"], review_options.fail_on, colour=colour), ending="")
        if result.fails(review_options.fail_on):
            raise CommandError(f"migreview: findings reached --fail-on {review_options.fail_on.value}", returncode=1)

    def _selected(
        self, loader: Any, migrations: list[ProjectMigration], app_label: str | None, name: str | None
    ) -> frozenset[str]:
        if app_label is None:
            return frozenset(migration.path for migration in migrations if not migration.third_party)
        if app_label not in loader.migrated_apps:
            raise CommandError(f"App '{app_label}' does not have migrations")
        if name is not None:
            try:
                name = loader.get_migration_by_prefix(app_label, name).name
            except (KeyError, ValueError) as error:  # AmbiguityError is a ValueError
                raise CommandError(str(error.args[0]) if error.args else str(error)) from None
        return frozenset(
            migration.path
            for migration in migrations
            if migration.app_label == app_label and (name is None or migration.name == name)
        )

    def _options(self, options: dict[str, Any], target: Any, reported: frozenset[str]) -> ReviewOptions:
        base = str(getattr(settings, "BASE_DIR", "") or os.getcwd())
        try:
            config = find_config(base)
        except ConfigError as error:
            raise CommandError(str(error)) from None
        review_options = config.options if config is not None else ReviewOptions()
        review_options = replace(
            review_options, target=target, only_paths=reported, user_model=settings.AUTH_USER_MODEL
        )
        if options["fail_on"]:
            review_options = replace(review_options, fail_on=FailOn(options["fail_on"]))
        return review_options

    def _attach_sql(
        self,
        result: ReviewResult,
        loader: Any,
        connection: Any,
        migrations: list[ProjectMigration],
        target: DatabaseTarget,
    ) -> ReviewResult:
        keys = {migration.path: (migration.app_label, migration.name) for migration in migrations}
        blocks: dict[str, list[list[str]]] = {}
        notes = list(result.notes)
        findings = []
        for finding in result.findings:
            path = finding.location.path
            if path not in blocks and path in keys:
                try:
                    blocks[path] = operation_sql(loader, connection, *keys[path])
                except Exception as error:  # the SQL is a help; a migration Django cannot render keeps its findings
                    blocks[path] = []
                    notes.append(f"sqlmigrate failed for {path}: {type(error).__name__}: {error}")
            findings.append(with_sql(finding, blocks.get(path, []), target))
        return replace(result, findings=tuple(findings), notes=tuple(notes))
