"""What a plan is: ordered steps, each with its deploy boundary and the migration file it needs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GeneratedMigration:
    """A migration file the plan writes, ready to commit."""

    app_label: str
    name: str
    dependencies: tuple[str, ...]
    """Source of each dependency: ``("shop", "0042_x")`` or ``migrations.swappable_dependency(...)``."""
    operations: tuple[str, ...]
    """Source of each operation, without the trailing comma."""
    imports: tuple[str, ...] = ()
    """Import lines; the original file's imports are always included."""
    helpers: tuple[str, ...] = ()
    """Module-level source (functions for RunPython) placed before the Migration class."""
    atomic: bool = True

    @property
    def filename(self) -> str:
        return f"{self.name}.py"


@dataclass(frozen=True)
class PlanStep:
    title: str
    deploy: str
    """The deploy boundary: what must be true before this step ships."""
    migration: GeneratedMigration | None = None
    code_change: str = ""
    """What the application code must look like in this deploy (models.py, reads, writes)."""


@dataclass(frozen=True)
class Plan:
    rule_id: str
    title: str
    steps: tuple[PlanStep, ...]
    assumptions: tuple[str, ...] = ()
    """Versions and choices the plan depends on, and why."""
    replaces: str = ""
    """The path of the migration file the plan's migrations replace."""
    later_migrations: tuple[str, ...] = field(default=())
    """Migrations that depend on the replaced one and must be pointed at the plan's last migration."""
    residual: str = ""
    """What stays costly even with the plan (e.g. the SET NOT NULL scan before PostgreSQL 12)."""

    @property
    def migrations(self) -> tuple[GeneratedMigration, ...]:
        return tuple(step.migration for step in self.steps if step.migration is not None)
