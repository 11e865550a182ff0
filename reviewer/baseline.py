"""Baselines: accept today's findings so that a run reports only what a change introduces.

A finding is keyed by its *fingerprint*: the rule, the file path (relative to a root, with forward slashes),
the app and migration, the operation's index in the migration and the table and column it touches. Line
numbers are never part of it, so editing unrelated lines (a comment, an operation above) keeps the key.
Findings outside any operation (a syntax error, a suppression comment) have no operation index; their
message stands in for it. SARIF's ``partialFingerprints`` use the same key, so code scanning tracks a
finding across pushes the way the baseline does.

The file is JSON::

    {"schema_version": 1, "tool": "migreview",
     "findings": [{"fingerprint": "...", "rule_id": "...", "path": "...", "migration": "...",
                   "operation_index": [3], "table": "...", "column": "...", "message": "..."}]}

Only ``fingerprint`` is matched; the other fields are there for the person reading a diff of the file.
The same fingerprint may appear more than once: it then hides as many findings.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from reviewer.findings import Finding
from reviewer.result import ReviewResult

SCHEMA_VERSION = 1
DEFAULT_BASELINE = ".migreview-baseline.json"


class BaselineError(ValueError):
    pass


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with forward slashes; unchanged (but slashed) when outside ``root``."""
    absolute, base = os.path.realpath(path), os.path.realpath(root)
    if os.path.commonpath([absolute, base]) != base:
        return path.replace(os.sep, "/")
    return os.path.relpath(absolute, base).replace(os.sep, "/")


def _stable_path(path: str, root: str) -> str:
    """The same text whatever the working directory: relative to ``root``, even when that needs ``..``."""
    try:
        return os.path.relpath(os.path.realpath(path), os.path.realpath(root)).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return os.path.realpath(path).replace(os.sep, "/")


def fingerprint(finding: Finding, root: str) -> str:
    """A stable key of ``finding``: never line numbers, so unrelated edits keep it."""
    parts = [
        "v1",
        finding.rule_id,
        _stable_path(finding.location.path, root),
        finding.app_label,
        finding.migration,
        ".".join(str(index) for index in finding.operation_index),
        finding.table,
        finding.column,
    ]
    if not finding.operation_index:
        parts.append(finding.message)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding], root: str) -> Iterator[tuple[Finding, str]]:
    """Each finding with its fingerprint, plus ``:N`` for the N-th repeat of the same key in this run."""
    seen: Counter[str] = Counter()
    for finding in findings:
        key = fingerprint(finding, root)
        seen[key] += 1
        yield finding, key if seen[key] == 1 else f"{key}:{seen[key]}"


@dataclass(frozen=True)
class Baseline:
    keys: Counter[str]
    root: str
    """The folder fingerprint paths are relative to: the baseline file's folder."""

    def filter(self, result: ReviewResult) -> ReviewResult:
        """``result`` without the findings the baseline accepts, with a note saying how many were hidden."""
        remaining = Counter(self.keys)
        kept: list[Finding] = []
        for finding in result.findings:
            key = fingerprint(finding, self.root)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        hidden = len(result.findings) - len(kept)
        if not hidden:
            return result
        note = f"{hidden} finding{'' if hidden == 1 else 's'} accepted by the baseline not shown"
        return replace(result, findings=tuple(kept), notes=(*result.notes, note))


def baseline_to_dict(result: ReviewResult, root: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "migreview",
        "findings": [
            {
                "fingerprint": fingerprint(finding, root),
                "rule_id": finding.rule_id,
                "path": relative_path(finding.location.path, root),
                "migration": finding.migration,
                "operation_index": list(finding.operation_index),
                "table": finding.table,
                "column": finding.column,
                "message": finding.message,
            }
            for finding in result.findings
        ],
    }


def write_baseline(result: ReviewResult, path: str) -> None:
    root = os.path.dirname(os.path.abspath(path))
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(baseline_to_dict(result, root), handle, indent=2)
        handle.write("\n")


def read_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise BaselineError(f"cannot read baseline {path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"baseline {path} is not JSON: {error}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise BaselineError(f"baseline {path} is not a migreview baseline (schema_version {SCHEMA_VERSION})")
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str) for entry in entries
    ):
        raise BaselineError(f"baseline {path}: findings must be a list of objects with a fingerprint")
    keys = Counter(str(entry["fingerprint"]) for entry in entries)
    return Baseline(keys=keys, root=os.path.dirname(os.path.abspath(path)))
