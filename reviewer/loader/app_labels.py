"""App labels: Django names an app by ``AppConfig.label``, which need not be the folder's name
(wagtail's ``wagtail/images`` is ``wagtailimages``). Read it from ``apps.py`` with ``ast``, or infer it from
how the folder's own migrations name each other in their dependencies."""

from __future__ import annotations

import ast
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

from reviewer.loader.model import ParsedMigration, ParseFailure


def label_from_apps_module(text: str) -> str | None:
    """The ``label`` of an AppConfig subclass in ``apps.py`` source, if it is a literal."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return None
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            names_label = isinstance(statement, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "label" for target in statement.targets
            )
            value = statement.value if isinstance(statement, ast.Assign) else None
            if names_label and isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
    return None


def inferred_label(migrations: Iterable[ParsedMigration]) -> str | None:
    """The label the folder's migrations use for each other in ``dependencies``."""
    members = list(migrations)
    names = {migration.name for migration in members}
    votes = Counter(
        dependency.app_label
        for migration in members
        for dependency in migration.dependencies
        # a migration never depends on itself: ("sites", "0001_initial") in 0001_initial names another app
        if dependency.name in names - {migration.name} and dependency.app_label and not dependency.swappable_setting
    )
    return votes.most_common(1)[0][0] if votes else None


def apply_labels(
    migrations: list[ParsedMigration], failures: list[ParseFailure], apps_modules: Mapping[str, str]
) -> tuple[list[ParsedMigration], list[ParseFailure]]:
    """Relabel each folder's migrations: ``apps.py``'s label first, else the label their dependencies use.

    ``apps_modules`` maps a migrations folder to the text of the ``apps.py`` beside it.
    """
    by_folder: dict[str, list[ParsedMigration]] = {}
    for migration in migrations:
        by_folder.setdefault(os.path.dirname(migration.path), []).append(migration)
    labels: dict[str, str] = {}
    for folder, members in by_folder.items():
        label = None
        if folder in apps_modules:
            label = label_from_apps_module(apps_modules[folder])
        label = label or inferred_label(members)
        if label and label != members[0].app_label:
            labels[folder] = label
    if not labels:
        return migrations, failures
    relabelled = [
        replace(migration, app_label=labels[folder])
        if (folder := os.path.dirname(migration.path)) in labels
        else migration
        for migration in migrations
    ]
    failures = [
        replace(failure, app_label=labels[folder]) if (folder := os.path.dirname(failure.path)) in labels else failure
        for failure in failures
    ]
    return relabelled, failures
