"""What a review is asked to do: target database, rule selection, severities, threshold."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from reviewer.findings import Finding, Severity
from reviewer.target import DatabaseTarget


class FailOn(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"

    def is_reached_by(self, severity: Severity) -> bool:
        if self is FailOn.NEVER:
            return False
        threshold = Severity.ERROR if self is FailOn.ERROR else Severity.WARNING
        return severity >= threshold


@dataclass(frozen=True)
class ReviewOptions:
    target: DatabaseTarget = field(default_factory=DatabaseTarget)
    fail_on: FailOn = FailOn.ERROR
    disabled_rules: frozenset[str] = frozenset()
    enabled_rules: frozenset[str] | None = None
    """When set, only these rules run (``disabled_rules`` still applies)."""
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    exclude_apps: frozenset[str] = frozenset()
    """App labels whose migrations are replayed (for history) but never reported on."""
    exclude_paths: tuple[str, ...] = ()
    """Glob patterns (relative paths) whose files are replayed but never reported on."""
    only_paths: frozenset[str] | None = None
    """When set, only findings in these files are reported; the rest is still replayed (diff mode)."""
    user_model: str = "auth.User"
    """``settings.AUTH_USER_MODEL`` of the reviewed project."""
    plans: bool = True
    """Build the zero-downtime plans (the GitHub App and JSON output show them; text output only hints)."""
    with_sql: bool = False
    """Render offline the SQL Django runs for each finding's operation and attach it to the finding
    (needs Django installed; see ``reviewer.render.evidence``)."""

    def rule_is_enabled(self, rule_id: str) -> bool:
        if rule_id in self.disabled_rules:
            return False
        return self.enabled_rules is None or rule_id in self.enabled_rules

    def apply_severity(self, finding: Finding) -> Finding:
        override = self.severity_overrides.get(finding.rule_id)
        if override is None or override == finding.severity:
            return finding
        return replace(finding, severity=override)
