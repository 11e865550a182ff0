"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

Every rule is listed in ``tool.driver.rules`` with its documentation as help; each finding is a result
whose location is relative to ``%SRCROOT%`` (the folder the review ran from, normally the repository's
root) and whose ``partialFingerprints`` hold the baseline fingerprint, which ignores line numbers so that a
finding keeps its identity across pushes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewer.baseline import fingerprints, relative_path
from reviewer.findings import Finding, Severity
from reviewer.report.sql_text import sql_block
from reviewer.result import ReviewResult
from reviewer.rules import ALL_RULES, Rule
from reviewer.version import VERSION

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "migreviewFingerprint/v1"
SOURCE_ROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    documentation = rule.documentation
    title = documentation.split("\n", 1)[0].strip()
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": title or rule.summary},
        "help": {"text": documentation, "markdown": documentation},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["django", "migrations"]},
    }


def _artifact_location(path: str, root: str) -> dict[str, Any]:
    relative = relative_path(path, root)
    if os.path.isabs(relative):
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SOURCE_ROOT}


def _message(finding: Finding) -> str:
    lines = [finding.message]
    if finding.impact is not None:
        lines.append(f"Impact: {finding.impact.describe()}")
    if finding.safe_way:
        lines.append(f"Safe way: {finding.safe_way}")
    if finding.sql:
        lines.append(sql_block(finding))
    return "\n".join(lines)


def _result(finding: Finding, key: str, rule_index: dict[str, int], root: str) -> dict[str, Any]:
    start = max(1, finding.location.start_line)
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(finding.location.path, root),
                    "region": {"startLine": start, "endLine": max(start, finding.location.end_line)},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: key},
        "properties": {
            "app_label": finding.app_label,
            "migration": finding.migration,
            "operation": finding.operation,
            "table": finding.table,
            "column": finding.column,
        },
    }
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    return result


def result_to_sarif(result: ReviewResult, root: str | None = None) -> dict[str, Any]:
    """The SARIF log of ``result``; paths are made relative to ``root`` (default: the working directory)."""
    base = os.path.abspath(root or os.getcwd())
    rule_index = {rule.id: index for index, rule in enumerate(ALL_RULES)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "migreview",
                        "version": VERSION,
                        "semanticVersion": VERSION,
                        "rules": [_rule_descriptor(rule) for rule in ALL_RULES],
                    }
                },
                "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path(base).as_uri() + "/"}},
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"level": "note", "message": {"text": note}} for note in result.notes
                        ],
                    }
                ],
                "results": [
                    _result(finding, key, rule_index, base) for finding, key in fingerprints(result.findings, base)
                ],
            }
        ],
    }


def render_sarif(result: ReviewResult, root: str | None = None) -> str:
    return json.dumps(result_to_sarif(result, root), indent=2) + "\n"
