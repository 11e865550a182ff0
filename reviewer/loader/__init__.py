"""Stage 1: files -> parsed migrations (typed model). Never imports or executes the files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reviewer.loader.app_labels import apply_labels
from reviewer.loader.discovery import MigrationFile, find_migration_files, identify
from reviewer.loader.model import ParsedMigration, ParseFailure
from reviewer.loader.parser import parse_migration

__all__ = ["LoadedFiles", "load_paths", "load_sources"]


@dataclass(frozen=True)
class LoadedFiles:
    migrations: tuple[ParsedMigration, ...]
    failures: tuple[ParseFailure, ...]


def _load(files: Iterable[tuple[MigrationFile, str]], apps_modules: Mapping[str, str]) -> LoadedFiles:
    migrations: list[ParsedMigration] = []
    failures: list[ParseFailure] = []
    for found, text in files:
        parsed = parse_migration(found.path, text, found.app_label, found.name)
        if isinstance(parsed, ParseFailure):
            failures.append(parsed)
        else:
            migrations.append(parsed)
    # A folder named migrations where no file defines a Migration is not a migrations package (e.g. wagtail's
    # wagtail/blocks/migrations helpers): Django never loads it, so it is not reported.
    real_folders = {os.path.dirname(migration.path) for migration in migrations}
    failures = [
        failure
        for failure in failures
        if not failure.no_migration_class or os.path.dirname(failure.path) in real_folders
    ]
    migrations, failures = apply_labels(migrations, failures, apps_modules)
    return LoadedFiles(tuple(migrations), tuple(failures))


def _read(found: MigrationFile) -> tuple[MigrationFile, str]:
    with open(found.path, "rb") as handle:
        raw = handle.read()
    return found, raw.decode("utf-8", errors="replace")


def load_paths(paths: Iterable[str]) -> LoadedFiles:
    """Parse every migration file found under ``paths``."""
    files = [_read(found) for found in find_migration_files(paths)]
    apps_modules: dict[str, str] = {}
    for folder in {os.path.dirname(found.path) for found, _ in files}:
        apps_path = os.path.join(os.path.dirname(folder), "apps.py")
        if os.path.isfile(apps_path):
            with open(apps_path, encoding="utf-8", errors="replace") as handle:
                apps_modules[folder] = handle.read()
    return _load(files, apps_modules)


def load_sources(sources: Mapping[str, str]) -> LoadedFiles:
    """Parse in-memory files (path -> text), e.g. fetched from a pull request; non-migrations are skipped."""
    files = [(found, text) for path, text in sorted(sources.items()) if (found := identify(path)) is not None]
    apps_modules = {
        os.path.dirname(found.path): sources[apps]
        for found, _ in files
        if (apps := os.path.join(os.path.dirname(os.path.dirname(found.path)), "apps.py")) in sources
    }
    return _load(files, apps_modules)
