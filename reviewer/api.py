"""The engine's entry points: review files on disk, or in-memory sources (the GitHub App)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace

from reviewer.engine import review
from reviewer.loader import LoadedFiles, load_paths, load_sources
from reviewer.loader.model import Dependency
from reviewer.loader.sql_script import parse_sql_script
from reviewer.options import ReviewOptions
from reviewer.result import ReviewResult


def review_paths(paths: Iterable[str], options: ReviewOptions | None = None) -> ReviewResult:
    """Review every migration found under ``paths`` (files or folders)."""
    return review(load_paths(paths), options or ReviewOptions())


def review_sources(sources: Mapping[str, str], options: ReviewOptions | None = None) -> ReviewResult:
    """Review in-memory files: ``{"shop/migrations/0002_x.py": text, ...}``. Never executes them."""
    return review(load_sources(sources), options or ReviewOptions())


def review_sql(
    sql_path: str,
    sql_text: str,
    history_paths: Iterable[str] = (),
    migration_path: str | None = None,
    options: ReviewOptions | None = None,
) -> ReviewResult:
    """Review ``sqlmigrate`` output. With ``migration_path`` (one of the migrations under ``history_paths``
    or given alone), findings point at that file's operations and see the history up to it."""
    options = options or ReviewOptions()
    paths = list(history_paths) + ([migration_path] if migration_path else [])
    loaded = load_paths(paths) if paths else LoadedFiles((), ())
    mapped = next((m for m in loaded.migrations if migration_path and _same_file(m.path, migration_path)), None)
    if migration_path and mapped is None:
        raise ValueError(f"{migration_path} is not a readable migration file")
    if mapped is not None:
        script = parse_sql_script(mapped.path, sql_text, mapped)
        migrations = tuple(script if m is mapped else m for m in loaded.migrations)
    else:
        after = tuple(Dependency(m.app_label, m.name) for m in loaded.migrations)
        script = parse_sql_script(sql_path, sql_text, after=after)
        migrations = (*loaded.migrations, script)
    return review(LoadedFiles(migrations, ()), replace(options, only_paths=frozenset({script.path})))


def _same_file(first: str, second: str) -> bool:
    return os.path.realpath(first) == os.path.realpath(second)
