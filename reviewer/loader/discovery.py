"""Find migration files under paths and name them: app label and migration name."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

MIGRATIONS_FOLDER = "migrations"
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})


@dataclass(frozen=True)
class MigrationFile:
    path: str
    """As given or found (relative to the working directory when the input was relative)."""
    app_label: str
    name: str


def identify(path: str) -> MigrationFile | None:
    """The app label and name of a migration file path, or None if the path is not a migration."""
    pure = PurePosixPath(path.replace(os.sep, "/"))
    if pure.suffix != ".py" or pure.name == "__init__.py":
        return None
    parents = pure.parts[:-1]
    if MIGRATIONS_FOLDER not in parents:
        return None
    index = len(parents) - 1 - parents[::-1].index(MIGRATIONS_FOLDER)
    if index == 0:
        return None
    # Nested folders below migrations/ are not migrations Django loads, except the app's own folder.
    if index != len(parents) - 1:
        return None
    return MigrationFile(path, parents[index - 1], pure.stem)


def find_migration_files(paths: Iterable[str]) -> Iterator[MigrationFile]:
    """Every migration file under ``paths`` (files or folders, any depth), in a stable order."""
    seen: set[str] = set()
    for root in paths:
        if os.path.isfile(root):
            found = identify(os.path.normpath(root))
            if found is not None and found.path not in seen:
                seen.add(found.path)
                yield found
            continue
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED_FOLDERS)
            for file_name in sorted(files):
                found = identify(os.path.normpath(os.path.join(folder, file_name)))
                if found is not None and found.path not in seen:
                    seen.add(found.path)
                    yield found
