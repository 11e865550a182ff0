"""Hidden HTML markers that let a later run find what an earlier run posted."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import asdict, dataclass

from reviewer.findings import Finding

SUMMARY = "<!-- migreview:summary -->"
_FINDING = re.compile(r"<!-- migreview:finding ([0-9a-f]{16}) -->")
_REVIEW = re.compile(r"<!-- migreview:review ([0-9a-f]{40}(?:[0-9a-f]{24})?) -->")
_STATE = re.compile(r"<!-- migreview:state ([A-Za-z0-9+/=]*) -->")
MAX_STATE_ENTRIES = 200
MAX_STATE_CHARS = 20_000


def fingerprint(finding: Finding) -> str:
    """Identity of a finding across pushes: where and what, but not the line (lines move)."""
    parts = (finding.location.path, finding.rule_id, finding.table, finding.column, finding.message)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def finding_marker(finding: Finding) -> str:
    return f"<!-- migreview:finding {fingerprint(finding)} -->"


def finding_in(body: str) -> str | None:
    match = _FINDING.search(body)
    return match.group(1) if match else None


def review_marker(head_sha: str) -> str:
    return f"<!-- migreview:review {head_sha} -->"


def reviewed_sha_in(body: str) -> str | None:
    match = _REVIEW.search(body)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Remembered:
    """A finding as the summary remembers it, so the next run can say it was resolved."""

    fingerprint: str
    rule_id: str
    path: str
    line: int
    message: str

    @classmethod
    def of(cls, finding: Finding) -> Remembered:
        return cls(
            fingerprint(finding),
            finding.rule_id,
            finding.location.path,
            finding.location.start_line,
            finding.message[:120],
        )


@dataclass(frozen=True)
class SummaryState:
    open: tuple[Remembered, ...] = ()
    resolved: tuple[Remembered, ...] = ()

    def encode(self) -> str:
        """The state as a hidden comment, trimmed to ``MAX_STATE_CHARS`` so it never crowds out the summary."""
        open_items, resolved = list(self.open[:MAX_STATE_ENTRIES]), list(self.resolved[:MAX_STATE_ENTRIES])
        while True:
            data = {"open": [asdict(item) for item in open_items], "resolved": [asdict(item) for item in resolved]}
            # base64 keeps "--" and ">" out of the HTML comment whatever the messages contain.
            payload = base64.b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()
            if len(payload) <= MAX_STATE_CHARS or not (open_items or resolved):
                return f"<!-- migreview:state {payload} -->"
            # Past the budget, forget the oldest resolved entries first, then the last open ones.
            if resolved:
                resolved.pop()
            else:
                open_items.pop()

    @classmethod
    def decode(cls, body: str) -> SummaryState:
        """The state hidden in an earlier summary; an unreadable one counts as empty."""
        match = _STATE.search(body)
        if not match:
            return cls()
        try:
            data = json.loads(base64.b64decode(match.group(1)))
            return cls(
                tuple(_remembered(item) for item in data.get("open", [])),
                tuple(_remembered(item) for item in data.get("resolved", [])),
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return cls()


def _remembered(item: dict[str, object]) -> Remembered:
    return Remembered(
        str(item["fingerprint"]),
        str(item["rule_id"]),
        str(item["path"]),
        int(str(item["line"])),
        str(item["message"]),
    )
