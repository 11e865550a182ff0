"""The labeled corpus: the CLI, run over it as a user would, reports exactly the expected findings."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from reviewer.corpus import ExpectedFinding, compare, load_cases, score
from reviewer.rules import ALL_RULES

CORPUS = Path(__file__).resolve().parent.parent / "migrations_corpus"


def run_cli(folders: list[str], db: str, db_version: str | None, user_model: str) -> list[ExpectedFinding]:
    arguments = [sys.executable, "-m", "reviewer.cli", *folders, "--format", "json", "--db", db]
    arguments += ["--user-model", user_model] + (["--db-version", db_version] if db_version else [])
    completed = subprocess.run(arguments, capture_output=True, text=True, cwd=CORPUS, timeout=120)
    assert completed.returncode in (0, 1), completed.stderr
    return [
        ExpectedFinding(item["rule_id"], item["path"].replace("\\", "/"), item["start_line"])
        for item in json.loads(completed.stdout)["findings"]
    ]


def test_cli_over_the_corpus_matches_the_labels_exactly() -> None:
    cases = load_cases(str(CORPUS))
    assert cases, "the corpus is empty"
    groups = defaultdict(list)
    for case in cases:
        groups[case.options_key].append(case.name)
    actual = []
    for (db, db_version, user_model), names in groups.items():
        actual.extend(run_cli(names, db, db_version, user_model))
    expected = [item for case in cases for item in case.expected]
    comparison = compare(expected, actual)
    assert comparison.missing == [] and comparison.unexpected == []
    for rule, (precision, recall, *_counts) in score(comparison).items():
        assert (precision, recall) == (1.0, 1.0), rule


def test_every_operation_rule_has_a_bad_and_a_good_case() -> None:
    cases = load_cases(str(CORPUS))
    flagged = {item.rule for case in cases for item in case.expected}
    has_good = any(not case.expected for case in cases)
    missing = sorted(rule.id for rule in ALL_RULES if rule.id not in flagged and rule.id != "internal-error")
    assert has_good
    assert missing == [], f"rules without a bad corpus case: {missing}"
