from tests.engine.builder import review_subject, rule_ids


def test_run_python_without_reverse() -> None:
    assert rule_ids(review_subject("migrations.RunPython(forwards),")) == ["run-python-without-reverse"]
    assert rule_ids(review_subject("migrations.RunPython(forwards, None),")) == ["run-python-without-reverse"]
    assert review_subject("migrations.RunPython(forwards, migrations.RunPython.noop),") == []


def test_run_sql_without_reverse() -> None:
    assert rule_ids(review_subject("migrations.RunSQL(\"UPDATE shop_invoice SET note = ''\"),")) == [
        "run-sql-without-reverse"
    ]
    assert review_subject('migrations.RunSQL(["SELECT 1"], reverse_sql=migrations.RunSQL.noop),') == []
