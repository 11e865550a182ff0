from tests.engine.builder import review_subject, rule_ids

RULE = "add-not-null-column"


def test_python_default_on_existing_table_is_flagged_with_lock_facts() -> None:
    (finding,) = [
        f
        for f in review_subject(
            'migrations.AddField("invoice", "currency", models.CharField(max_length=3, default="EUR")),'
        )
        if f.rule_id == RULE
    ]
    assert finding.table == "shop_invoice" and finding.column == "currency"
    assert finding.location.start_line == finding.location.end_line
    assert finding.impact is not None and finding.impact.lock == "ACCESS EXCLUSIVE"
    assert not finding.impact.rewrite and "PostgreSQL 16" in finding.impact.database
    assert "db_default='EUR'" in finding.safe_way


def test_before_postgresql_11_the_default_rewrites_the_table() -> None:
    findings = review_subject(
        'migrations.AddField("invoice", "currency", models.CharField(max_length=3, default="EUR")),', db_version="10"
    )
    (finding,) = [f for f in findings if f.rule_id == RULE]
    assert finding.impact is not None and finding.impact.rewrite


def test_no_default_at_all_is_flagged() -> None:
    findings = review_subject('migrations.AddField("invoice", "rank", models.IntegerField(), preserve_default=False),')
    assert rule_ids(findings) == [RULE]


def test_safe_variants_are_clean() -> None:
    assert (
        review_subject('migrations.AddField("invoice", "currency", models.CharField(max_length=3, db_default="EUR")),')
        == []
    )
    assert (
        review_subject('migrations.AddField("invoice", "currency", models.CharField(max_length=3, null=True)),') == []
    )
    assert (
        review_subject(
            """
        migrations.CreateModel("Refund", [("id", models.BigAutoField(primary_key=True))]),
        migrations.AddField("refund", "reason", models.TextField()),
        """
        )
        == []
    )
    assert review_subject('migrations.AddField("invoice", "tags", models.ManyToManyField(to="shop.customer")),') == []
