from tests.engine.builder import review_subject, rule_ids


def test_rename_field_is_flagged_on_the_column() -> None:
    (finding,) = review_subject('migrations.RenameField("invoice", "number", "code"),')
    assert finding.rule_id == "rename-column" and finding.column == "number"
    assert '"number"' in finding.message and '"code"' in finding.message


def test_foreign_key_rename_names_the_id_columns() -> None:
    (finding,) = review_subject('migrations.RenameField("invoice", "customer", "client"),')
    assert "customer_id" in finding.message and "client_id" in finding.message


def test_rename_keeping_the_column_is_clean() -> None:
    assert (
        review_subject(
            """
        migrations.AlterField("invoice", "number", models.CharField(max_length=20, db_column="number")),
        migrations.RenameField("invoice", "number", "code"),
        """
        )
        == []
    )


def test_alter_field_changing_db_column_is_a_rename() -> None:
    findings = review_subject(
        'migrations.AlterField("invoice", "number", models.CharField(max_length=20, db_column="num")),'
    )
    assert rule_ids(findings) == ["rename-column"]


def test_rename_model_and_alter_model_table() -> None:
    # Invoice references Customer: Django also drops and re-adds that foreign key (validated)
    assert rule_ids(review_subject('migrations.RenameModel("Customer", "Client"),')) == ["add-foreign-key", "rename-table"]
    assert rule_ids(review_subject('migrations.AlterModelTable("invoice", "billing_invoice"),')) == ["rename-table"]
    assert (
        review_subject(
            """
        migrations.AlterModelTable("customer", "shop_customer"),
        migrations.RenameModel("Customer", "Client"),
        """
        )
        == []
    )
