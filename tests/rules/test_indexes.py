from tests.engine.builder import review_subject, rule_ids

ADD_INDEX = 'migrations.AddIndex("invoice", models.Index(fields=["number"], name="invoice_number_idx")),'


def test_add_index_on_existing_table_blocks_writes_on_postgresql() -> None:
    (finding,) = review_subject(ADD_INDEX)
    assert finding.rule_id == "add-index-without-concurrently"
    assert finding.impact is not None and finding.impact.lock == "SHARE" and finding.impact.blocks == "writes"


def test_db_index_on_add_and_alter_field() -> None:
    assert rule_ids(
        review_subject('migrations.AddField("invoice", "due", models.DateField(null=True, db_index=True)),')
    ) == ["add-index-without-concurrently"]
    assert rule_ids(
        review_subject('migrations.AlterField("invoice", "number", models.CharField(max_length=20, db_index=True)),')
    ) == ["add-index-without-concurrently"]


def test_index_clean_cases() -> None:
    assert review_subject(ADD_INDEX, db="mysql") == []
    concurrent = 'AddIndexConcurrently("invoice", models.Index(fields=["number"], name="invoice_number_idx")),'
    from tests.engine.builder import initial, migration, review

    subject = migration("0002_subject", concurrent, attributes="atomic = False")
    subject = (subject[0], "from django.contrib.postgres.operations import AddIndexConcurrently\n" + subject[1])
    assert review(initial(), subject).findings == ()
    assert (
        review_subject(
            """
        migrations.CreateModel("Refund", [("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=5))]),
        migrations.AddIndex("refund", models.Index(fields=["code"], name="refund_code_idx")),
        """
        )
        == []
    )


def test_concurrent_index_in_atomic_migration_fails_at_deploy() -> None:
    findings = review_subject('AddIndexConcurrently("invoice", models.Index(fields=["number"], name="n_idx")),')
    assert rule_ids(findings) == ["concurrent-in-atomic-migration"]
    sql = 'migrations.RunSQL("CREATE INDEX CONCURRENTLY n_idx ON shop_invoice (number)", migrations.RunSQL.noop),'
    assert rule_ids(review_subject(sql)) == ["concurrent-in-atomic-migration"]


def test_remove_index_and_db_index_off() -> None:
    assert rule_ids(review_subject('migrations.RemoveIndex("invoice", "invoice_number_idx"),')) == [
        "remove-index-without-concurrently"
    ]
    assert rule_ids(review_subject('migrations.AlterField("invoice", "legacy", models.IntegerField(null=True)),')) == [
        "remove-index-without-concurrently"
    ]


def test_unique_constraints() -> None:
    assert rule_ids(
        review_subject('migrations.AlterField("invoice", "number", models.CharField(max_length=20, unique=True)),')
    ) == ["add-unique-constraint"]
    assert rule_ids(review_subject('migrations.AlterUniqueTogether("invoice", {("number", "customer")}),')) == [
        "add-unique-constraint"
    ]
    (finding,) = review_subject(
        'migrations.AddConstraint("invoice", models.UniqueConstraint(fields=["number"], name="uniq_number")),'
    )
    assert finding.impact is not None and finding.impact.lock == "ACCESS EXCLUSIVE"
    (partial,) = review_subject(
        'migrations.AddConstraint("invoice", models.UniqueConstraint(fields=["number"], condition=models.Q(note__isnull=False), name="u")),'
    )
    assert partial.impact is not None and partial.impact.lock == "SHARE"
    assert review_subject('migrations.AlterUniqueTogether("invoice", {("number", "customer")}),', db="mysql") == []
