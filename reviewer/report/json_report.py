"""The JSON report: a documented, stable shape (``schema_version`` changes on any breaking change).

```
{
  "schema_version": 1,
  "tool": {"name": "migreview", "version": "0.1.0"},
  "target": {"database": "postgresql", "version": "16", "display": "PostgreSQL 16"},
  "summary": {"error": 1, "warning": 0, "info": 0, "files_reviewed": 3,
              "migrations_replayed": 12, "operations_reviewed": 30, "failed": true},
  "findings": [{"rule_id", "severity", "message", "path", "start_line", "end_line", "app_label",
                "migration", "operation", "operation_index", "table", "column", "safe_way",
                "impact": {"lock", "blocks", "rewrite", "scan", "database", "other_tables", "source"} | null,
                "details": [], "suggestion": {"start_line", "end_line", "replacement", "extra_note"} | null,
                "plan_id": "P1" | null,
                "sql": [{"sql", "effects": [], "deferred"}]}],   # with --with-sql, else []
  "notes": ["..."],
  "plans": {"P1": {"rule_id", "title", "assumptions": [], "replaces", "later_migrations": [],
                   "steps": [{"title", "deploy", "code_change",
                              "migration": {"app_label", "name", "filename", "source"} | null}]}}
}
```
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from reviewer.findings import Finding, Severity
from reviewer.options import FailOn
from reviewer.result import ReviewResult
from reviewer.version import VERSION

SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.label,
        "message": finding.message,
        "path": finding.location.path,
        "start_line": finding.location.start_line,
        "end_line": finding.location.end_line,
        "app_label": finding.app_label,
        "migration": finding.migration,
        "operation": finding.operation,
        "operation_index": list(finding.operation_index),
        "table": finding.table,
        "column": finding.column,
        "safe_way": finding.safe_way,
        "impact": asdict(finding.impact) if finding.impact else None,
        "details": list(finding.details),
        "suggestion": asdict(finding.suggestion) if finding.suggestion else None,
        "plan_id": finding.plan_id or None,
        "sql": [asdict(statement) for statement in finding.sql],
    }


def result_to_dict(result: ReviewResult, fail_on: FailOn) -> dict[str, Any]:
    target = result.target
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "migreview", "version": VERSION},
        "target": {
            "database": "mariadb" if target.mariadb else target.backend.value,
            "version": ".".join(str(part) for part in target.version),
            "display": target.display,
        },
        "summary": {
            "error": result.count(Severity.ERROR),
            "warning": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
            "files_reviewed": len(result.files_reviewed),
            "migrations_replayed": result.migrations_replayed,
            "operations_reviewed": result.operations_reviewed,
            "failed": result.fails(fail_on),
        },
        "findings": [finding_to_dict(finding) for finding in result.findings],
        "notes": list(result.notes),
        "plans": _plans(result),
    }


def _plans(result: ReviewResult) -> dict[str, Any]:
    if not result.plans:
        return {}
    from reviewer.report.plans import plan_to_dict  # loads the plan writer only when there are plans

    return {plan_id: plan_to_dict(plan) for plan_id, plan in result.plans.items()}


def render_json(result: ReviewResult, fail_on: FailOn, pretty: bool = False) -> str:
    """Indented for a person at a terminal, compact otherwise (the C encoder is several times faster)."""
    return json.dumps(result_to_dict(result, fail_on), indent=2 if pretty else None) + "\n"
