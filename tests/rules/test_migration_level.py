from tests.engine.builder import review_subject, rule_ids


def test_schema_change_and_run_python_in_one_atomic_migration() -> None:
    operations = """
        migrations.AddField("invoice", "paid", models.BooleanField(null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    """
    findings = review_subject(operations)
    assert rule_ids(findings) == ["mixed-schema-and-data"]
    assert findings[0].operation == "RunPython"
    assert review_subject(operations, attributes="atomic = False") == []
    assert review_subject(operations, db="mysql") == []


def test_unknown_operation_is_info() -> None:
    (finding,) = review_subject("CreateMaterializedView('sales'),")
    assert finding.rule_id == "unknown-operation" and finding.severity.label == "info"


def test_unreadable_operations_are_reported() -> None:
    from tests.engine.builder import initial, migration, review

    path, text = migration("0002_subject", "")
    text = text.replace("operations = [\n\n    ]", "operations = [migrations.RemoveField('invoice', n) for n in NAMES]")
    result = review(initial(), (path, text))
    assert [f.rule_id for f in result.findings] == ["unreadable-code"]
