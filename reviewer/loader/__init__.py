"""Stage 1: files -> parsed migrations (typed model). Never imports or executes the files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reviewer.loader.discovery import MigrationFile, find_migration_files, identify
from reviewer.loader.model import ParsedMigration, ParseFailure
from reviewer.loader.parser import parse_migration

__all__ = ["LoadedFiles", "load_paths", "load_sources"]


@dataclass(frozen=True)
class LoadedFiles:
    migrations: tuple[ParsedMigration, ...]
    failures: tuple[ParseFailure, ...]


def _load(files: Iterable[tuple[MigrationFile, str]]) -> LoadedFiles:
    migrations: list[ParsedMigration] = []
    failures: list[ParseFailure] = []
    for found, text in files:
        parsed = parse_migration(found.path, text, found.app_label, found.name)
        (failures if isinstance(parsed, ParseFailure) else migrations).append(parsed)  # type: ignore[arg-type]
    return LoadedFiles(tuple(migrations), tuple(failures))


def _read(found: MigrationFile) -> tuple[MigrationFile, str]:
    with open(found.path, "rb") as handle:
        raw = handle.read()
    return found, raw.decode("utf-8", errors="replace")


def load_paths(paths: Iterable[str]) -> LoadedFiles:
    """Parse every migration file found under ``paths``."""
    return _load(_read(found) for found in find_migration_files(paths))


def load_sources(sources: Mapping[str, str]) -> LoadedFiles:
    """Parse in-memory files (path -> text), e.g. fetched from a pull request; non-migrations are skipped."""
    files = [(found, text) for path, text in sorted(sources.items()) if (found := identify(path)) is not None]
    return _load(files)
