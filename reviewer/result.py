"""The outcome of one review: findings plus what was read, shared by the CLI, CI reporters and the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewer.findings import Finding, Severity
from reviewer.options import FailOn
from reviewer.target import DatabaseTarget

if TYPE_CHECKING:
    from reviewer.plans.model import Plan


@dataclass(frozen=True)
class ReviewResult:
    findings: tuple[Finding, ...]
    files_reviewed: tuple[str, ...]
    """Files whose findings are reported (after diff mode and exclusions)."""
    migrations_replayed: int
    operations_reviewed: int
    target: DatabaseTarget
    notes: tuple[str, ...] = field(default=())
    """Things the user should know that are not findings (missing dependencies, replaced migrations)."""
    plans: dict[str, Plan] = field(default_factory=dict)
    """Zero-downtime plans by id (``Finding.plan_id``)."""

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def fails(self, fail_on: FailOn) -> bool:
        return any(fail_on.is_reached_by(finding.severity) for finding in self.findings)

    def exit_code(self, fail_on: FailOn) -> int:
        return 1 if self.fails(fail_on) else 0
