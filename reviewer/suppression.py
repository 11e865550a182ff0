"""``# migreview: ignore[RULE-ID] reason`` comments: matching, unused ones, and ones without a reason."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reviewer.findings import Finding, Location
from reviewer.loader.model import ParsedMigration
from reviewer.rules import RULES_BY_ID, Rule, ignore_without_reason, unused_ignore

IGNORE_COMMENT = re.compile(r"#\s*migreview:\s*ignore\[(?P<ids>[^\]]*)\]\s*(?P<reason>.*)$")


@dataclass(frozen=True)
class Ignore:
    line: int
    rule_ids: tuple[str, ...]
    reason: str

    def covers(self, finding: Finding) -> bool:
        return finding.rule_id in self.rule_ids and finding.location.start_line in (self.line, self.line + 1)


def parse_ignores(comments: dict[int, str]) -> list[Ignore]:
    ignores = []
    for line, text in sorted(comments.items()):
        match = IGNORE_COMMENT.search(text)
        if match:
            ids = tuple(part.strip() for part in match.group("ids").split(",") if part.strip())
            ignores.append(Ignore(line, ids, match.group("reason").strip()))
    return ignores


def apply_ignores(migration: ParsedMigration, findings: Iterable[Finding]) -> list[Finding]:
    """Drop suppressed findings; add findings for ignores that are unused or give no reason."""
    ignores = parse_ignores(migration.comments)
    if not ignores:
        return list(findings)
    kept: list[Finding] = []
    used: set[tuple[int, str]] = set()
    for finding in findings:
        covering = [ignore for ignore in ignores if ignore.covers(finding)]
        for ignore in covering:
            used.add((ignore.line, finding.rule_id))
        if not covering:
            kept.append(finding)
    for ignore in ignores:
        for rule_id in ignore.rule_ids:
            if (ignore.line, rule_id) in used:
                continue
            if rule_id in RULES_BY_ID:
                kept.append(
                    _meta(
                        unused_ignore.RULE,
                        migration,
                        ignore,
                        f"ignore[{rule_id}] suppresses nothing here",
                        "remove the comment",
                    )
                )
            else:
                kept.append(
                    _meta(
                        unused_ignore.RULE,
                        migration,
                        ignore,
                        f"ignore[{rule_id}] names no migreview rule",
                        "correct the rule id (`migreview rules` lists them)",
                    )
                )
        if not ignore.reason:
            kept.append(
                _meta(
                    ignore_without_reason.RULE,
                    migration,
                    ignore,
                    f"ignore[{', '.join(ignore.rule_ids)}] gives no reason",
                    "say why after the bracket, e.g. `# migreview: ignore[rule] table holds 40 rows`",
                )
            )
    return kept


def _meta(rule: Rule, migration: ParsedMigration, ignore: Ignore, message: str, safe_way: str) -> Finding:
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message=message,
        location=Location(migration.path, ignore.line, ignore.line),
        safe_way=safe_way,
        app_label=migration.app_label,
        migration=migration.name,
    )
