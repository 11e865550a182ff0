from tests.engine.builder import initial, migration, review


def review_text(operations: str) -> list[tuple[str, int]]:
    subject = migration("0002_subject", operations)
    result = review(initial(), subject)
    return [(f.rule_id, f.location.start_line) for f in result.findings]


def test_ignore_with_reason_on_the_line_above_suppresses() -> None:
    found = review_text(
        """
        # migreview: ignore[rename-column] column is unused by running code since release 41
        migrations.RenameField("invoice", "number", "code"),
        """
    )
    assert found == []


def test_ignore_on_the_operation_line_without_reason_is_reported() -> None:
    found = review_text('migrations.RenameField("invoice", "number", "code"),  # migreview: ignore[rename-column]')
    assert found == [("ignore-without-reason", 9)]


def test_unused_and_unknown_ignores_are_reported() -> None:
    found = review_text(
        """
        # migreview: ignore[remove-field, no-such-rule] cleanup
        migrations.AddField("invoice", "memo", models.TextField(null=True)),
        """
    )
    assert sorted(found) == [("unused-ignore", 9), ("unused-ignore", 9)]
