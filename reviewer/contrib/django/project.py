"""What the management command learns from the running project: migration files, target database, SQL.

Only this module and the command import Django; the review itself is the same ``review_paths`` the
command line runs.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from reviewer.findings import Finding
from reviewer.render.evidence import statements_of, wants_sql
from reviewer.target import Backend, DatabaseTarget


@dataclass(frozen=True)
class ProjectMigration:
    app_label: str
    name: str
    path: str
    """The file the migration was loaded from (relative to the working directory when inside it)."""
    third_party: bool
    """The file lives in an installed package (``site-packages``), e.g. ``django.contrib.auth``."""


def _display_path(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def _package_folders() -> tuple[str, ...]:
    folders = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    folders.update(site.getsitepackages())
    return tuple(os.path.realpath(folder) + os.sep for folder in folders)


def project_migrations(loader: Any) -> list[ProjectMigration]:
    """Every migration Django's ``MigrationLoader`` found on disk, with the file it came from."""
    packages = _package_folders()
    found: list[ProjectMigration] = []
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        module = sys.modules.get(type(migration).__module__)
        path = getattr(module, "__file__", None)
        if not path or not path.endswith(".py"):
            continue  # a migration shipped only as .pyc cannot be parsed
        real = os.path.realpath(path)
        found.append(ProjectMigration(app_label, name, _display_path(path), real.startswith(packages)))
    return found


def target_of(connection: Any) -> DatabaseTarget:
    """The database ``connection`` points at, with its server version (this connects)."""
    vendor = connection.vendor
    if vendor == "postgresql":
        number = int(connection.pg_version)  # e.g. 160004 for 16.4, 90624 for 9.6.24
        major = number // 10000
        version = (major, number % 100) if major >= 10 else (major, number // 100 % 100, number % 100)
        return DatabaseTarget(Backend.POSTGRESQL, version)
    if vendor == "mysql":
        return DatabaseTarget(Backend.MYSQL, tuple(connection.mysql_version), mariadb=connection.mysql_is_mariadb)
    if vendor == "sqlite":
        return DatabaseTarget(Backend.SQLITE, tuple(connection.Database.sqlite_version_info))
    raise ValueError(f"migreview does not review for the {vendor!r} database backend")


def operation_sql(loader: Any, connection: Any, app_label: str, name: str) -> list[list[str]]:
    """``sqlmigrate``'s statements for each top-level operation of one migration, in order."""
    migration = loader.get_migration(app_label, name)
    state = loader.project_state((app_label, name), at_end=False)
    with connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
        migration.apply(state, editor, collect_sql=True)
    return split_by_operation(editor.collected_sql)


def split_by_operation(statements: Iterable[str]) -> list[list[str]]:
    """Split collected SQL at the ``--`` / ``-- description`` / ``--`` header Django writes per operation."""
    lines = list(statements)
    blocks: list[list[str]] = []
    index = 0
    while index < len(lines):
        if lines[index] == "--" and index + 2 < len(lines) and lines[index + 2] == "--":
            blocks.append([])
            index += 3
            continue
        if blocks and lines[index] not in ("BEGIN;", "COMMIT;"):
            blocks[-1].append(lines[index])
        index += 1
    return blocks


def with_sql(finding: Finding, blocks: list[list[str]], target: DatabaseTarget) -> Finding:
    """``finding`` with the SQL of its operation, each statement judged by the lock model for ``target``."""
    if not finding.operation_index or finding.operation_index[0] >= len(blocks) or not wants_sql(finding):
        return finding
    sql = statements_of(blocks[finding.operation_index[0]], target)
    return replace(finding, sql=sql) if sql else finding
