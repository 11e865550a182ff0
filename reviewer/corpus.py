"""Labeled example migrations: load the expected findings, compare, and score precision and recall.

A corpus is a folder of cases. Each case is an app folder (its name is the app label) holding
``migrations/`` and ``expected.toml``::

    description = "NOT NULL column with only a Python default on an existing table"
    # optional: database options for this case
    db = "postgresql"
    db_version = "16"

    [[finding]]
    rule = "add-not-null-column"
    file = "migrations/0002_add_currency.py"
    line = 12

A case with no ``[[finding]]`` is a good case: migreview must report nothing on it. Cases that share
database options are reviewed together in one run, so app labels must be unique across the corpus.

Run ``python -m reviewer.corpus migrations_corpus/`` to print precision and recall per rule.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from reviewer.api import review_paths
from reviewer.options import ReviewOptions
from reviewer.target import DatabaseTarget

EXPECTED_FILE = "expected.toml"
CASE_KEYS = frozenset({"description", "db", "db_version", "finding", "user_model"})
FINDING_KEYS = frozenset({"rule", "file", "line"})


@dataclass(frozen=True)
class ExpectedFinding:
    rule: str
    path: str
    """Relative to the corpus root, with forward slashes."""
    line: int


@dataclass(frozen=True)
class Case:
    name: str
    folder: str
    description: str
    db: str = "postgresql"
    db_version: str | None = None
    user_model: str = "auth.User"
    expected: tuple[ExpectedFinding, ...] = ()

    @property
    def options_key(self) -> tuple[str, str | None, str]:
        return (self.db, self.db_version, self.user_model)


@dataclass
class Comparison:
    missing: list[ExpectedFinding] = field(default_factory=list)
    unexpected: list[ExpectedFinding] = field(default_factory=list)
    matched: list[ExpectedFinding] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return not self.missing and not self.unexpected


class CorpusError(ValueError):
    pass


def load_cases(root: str) -> list[Case]:
    cases = []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        expected_path = os.path.join(folder, EXPECTED_FILE)
        if not os.path.isfile(expected_path):
            continue
        with open(expected_path, "rb") as handle:
            try:
                data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as error:
                raise CorpusError(f"{expected_path}: {error}") from None
        unknown = set(data) - CASE_KEYS
        if unknown:
            raise CorpusError(f"{expected_path}: unknown keys {sorted(unknown)}")
        expected = []
        for entry in data.get("finding", []):
            if set(entry) != FINDING_KEYS:
                raise CorpusError(f"{expected_path}: a [[finding]] needs exactly rule, file and line")
            expected.append(ExpectedFinding(entry["rule"], f"{name}/{entry['file']}", int(entry["line"])))
        cases.append(
            Case(
                name=name,
                folder=folder,
                description=str(data.get("description", "")),
                db=str(data.get("db", "postgresql")),
                db_version=str(data["db_version"]) if "db_version" in data else None,
                user_model=str(data.get("user_model", "auth.User")),
                expected=tuple(sorted(expected, key=lambda item: (item.path, item.line, item.rule))),
            )
        )
    return cases


def review_cases(root: str, cases: Sequence[Case]) -> list[ExpectedFinding]:
    """Run migreview over the cases, one run per distinct database setting; findings relative to root."""
    groups: dict[tuple[str, str | None, str], list[Case]] = defaultdict(list)
    for case in cases:
        groups[case.options_key].append(case)
    actual: list[ExpectedFinding] = []
    for (db, db_version, user_model), members in groups.items():
        options = replace(ReviewOptions(), target=DatabaseTarget.from_names(db, db_version), user_model=user_model)
        result = review_paths([case.folder for case in members], options)
        for finding in result.findings:
            path = os.path.relpath(finding.location.path, root).replace(os.sep, "/")
            actual.append(ExpectedFinding(finding.rule_id, path, finding.location.start_line))
    return sorted(actual, key=lambda item: (item.path, item.line, item.rule))


def compare(expected: Iterable[ExpectedFinding], actual: Iterable[ExpectedFinding]) -> Comparison:
    remaining = Counter(actual)
    comparison = Comparison()
    for item in expected:
        if remaining[item] > 0:
            remaining[item] -= 1
            comparison.matched.append(item)
        else:
            comparison.missing.append(item)
    comparison.unexpected = sorted(remaining.elements(), key=lambda item: (item.path, item.line, item.rule))
    return comparison


def score(comparison: Comparison) -> dict[str, tuple[float, float, int, int, int]]:
    """Per rule: precision, recall, true positives, false positives, false negatives."""
    rules = {item.rule for item in comparison.matched + comparison.missing + comparison.unexpected}
    scores = {}
    for rule in sorted(rules):
        true = sum(1 for item in comparison.matched if item.rule == rule)
        false_positive = sum(1 for item in comparison.unexpected if item.rule == rule)
        false_negative = sum(1 for item in comparison.missing if item.rule == rule)
        precision = true / (true + false_positive) if true + false_positive else 1.0
        recall = true / (true + false_negative) if true + false_negative else 1.0
        scores[rule] = (precision, recall, true, false_positive, false_negative)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    root = arguments[0] if arguments else "migrations_corpus"
    cases = load_cases(root)
    expected = [item for case in cases for item in case.expected]
    comparison = compare(expected, review_cases(root, cases))
    good = sum(1 for case in cases if not case.expected)
    print(f"{len(cases)} cases ({len(cases) - good} bad, {good} good), {len(expected)} expected findings")
    print(f"{'rule':<36} {'precision':>9} {'recall':>7} {'TP':>4} {'FP':>4} {'FN':>4}")
    for rule, (precision, recall, true, false_positive, false_negative) in score(comparison).items():
        print(f"{rule:<36} {precision:>9.2f} {recall:>7.2f} {true:>4} {false_positive:>4} {false_negative:>4}")
    for item in comparison.missing:
        print(f"missed:     {item.path}:{item.line} {item.rule}")
    for item in comparison.unexpected:
        print(f"unexpected: {item.path}:{item.line} {item.rule}")
    return 0 if comparison.exact else 1


if __name__ == "__main__":
    sys.exit(main())
