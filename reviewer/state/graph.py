"""The migration graph: dependencies across apps, squashed migrations, and a stable apply order."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reviewer.loader.model import Dependency, MigrationKey, ParsedMigration


@dataclass(frozen=True)
class OrderedHistory:
    migrations: tuple[ParsedMigration, ...]
    """In an order Django could apply them."""
    replaced: tuple[ParsedMigration, ...]
    """Migrations replaced by a squashed migration that is present: not replayed."""
    notes: tuple[str, ...]


def _first_and_latest(migrations: Iterable[ParsedMigration]) -> tuple[dict[str, str], dict[str, str]]:
    by_app: dict[str, list[ParsedMigration]] = defaultdict(list)
    for migration in migrations:
        by_app[migration.app_label].append(migration)
    first: dict[str, str] = {}
    latest: dict[str, str] = {}
    for app_label, members in by_app.items():
        names = {member.name for member in members}
        depended_on = {dep.name for member in members for dep in member.dependencies if dep.app_label == app_label}
        roots = sorted(
            member.name
            for member in members
            if not any(dep.app_label == app_label and dep.name in names for dep in member.dependencies)
        )
        leaves = sorted(names - depended_on)
        first[app_label] = roots[0] if roots else sorted(names)[0]
        latest[app_label] = leaves[-1] if leaves else sorted(names)[-1]
    return first, latest


def order_history(migrations: Iterable[ParsedMigration], user_model: str = "auth.User") -> OrderedHistory:
    """Order migrations by their dependencies (Kahn's algorithm, ties broken by app label and name)."""
    notes: list[str] = []
    by_key: dict[MigrationKey, ParsedMigration] = {}
    for migration in migrations:
        if migration.key in by_key:
            notes.append(f"{migration.key} is defined twice ({by_key[migration.key].path}, {migration.path})")
            continue
        by_key[migration.key] = migration

    # A squashed migration stands in for the migrations it replaces, as Django does when none is applied.
    replaced_by: dict[MigrationKey, MigrationKey] = {}
    for migration in by_key.values():
        for old in migration.replaces:
            replaced_by[old] = migration.key
    replaced = [by_key.pop(old) for old in list(replaced_by) if old in by_key]

    first, latest = _first_and_latest(by_key.values())
    user_app = user_model.split(".", 1)[0]

    def resolve(dependency: Dependency) -> MigrationKey | None:
        app_label = user_app if dependency.swappable_setting else dependency.app_label
        name = dependency.name
        if name == "__first__":
            name = first.get(app_label, "")
        elif name == "__latest__":
            name = latest.get(app_label, "")
        key = MigrationKey(app_label, name)
        return replaced_by.get(key, key)

    incoming: dict[MigrationKey, set[MigrationKey]] = {key: set() for key in by_key}
    missing_apps: set[str] = set()
    for key, migration in by_key.items():
        for dependency in migration.dependencies:
            target = resolve(dependency)
            if target is None or target == key:
                continue
            if target in by_key:
                incoming[key].add(target)
            else:
                missing_apps.add(dependency.app_label or user_app)
                if dependency.app_label == migration.app_label or dependency.app_label in first:
                    notes.append(f"{key} depends on {target}, which was not found")
        for before in migration.run_before:
            target = replaced_by.get(before, before)
            if target in incoming:
                incoming[target].add(key)
    outside = sorted(app for app in missing_apps if app not in first)
    if outside:
        notes.append(
            "migrations of these apps were not given and are not replayed: "
            + ", ".join(outside)
            + " (their tables are unknown; operations on them are judged conservatively)"
        )

    dependents: dict[MigrationKey, list[MigrationKey]] = defaultdict(list)
    for key, sources in incoming.items():
        for source in sources:
            dependents[source].append(key)
    waiting = {key: len(sources) for key, sources in incoming.items()}
    ready = [(key.app_label, key.name) for key, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[ParsedMigration] = []
    while len(ordered) < len(by_key):
        if not ready:
            stuck = min((key for key, count in waiting.items() if count > 0), key=lambda k: (k.app_label, k.name))
            notes.append(f"dependency cycle through {stuck}; the cycle is broken there")
            waiting[stuck] = 0
            heapq.heappush(ready, (stuck.app_label, stuck.name))
        app_label, name = heapq.heappop(ready)
        key = MigrationKey(app_label, name)
        if waiting.get(key, -1) < 0:
            continue
        waiting[key] = -1
        ordered.append(by_key[key])
        for dependent in dependents[key]:
            if waiting[dependent] > 0:
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    heapq.heappush(ready, (dependent.app_label, dependent.name))
    return OrderedHistory(tuple(ordered), tuple(replaced), tuple(notes))
