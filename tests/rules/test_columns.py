from tests.engine.builder import review_subject, rule_ids


def test_type_changes_that_rewrite() -> None:
    (finding,) = review_subject(
        'migrations.AlterField("invoice", "legacy", models.BigIntegerField(null=True, db_index=True)),'
    )
    assert finding.rule_id == "alter-column-type" and "integer to bigint" in finding.message
    assert finding.impact is not None and finding.impact.rewrite
    assert rule_ids(review_subject('migrations.AlterField("invoice", "number", models.CharField(max_length=10)),')) == [
        "alter-column-type"
    ]


def test_type_changes_that_do_not_rewrite_are_clean() -> None:
    assert review_subject('migrations.AlterField("invoice", "number", models.CharField(max_length=200)),') == []
    assert review_subject('migrations.AlterField("invoice", "number", models.TextField()),') == []
    assert (
        review_subject(
            'migrations.AlterField("invoice", "amount", models.DecimalField(decimal_places=2, max_digits=14)),'
        )
        == []
    )
    # same varchar(20), but SlugField indexes by default: only the index build is reported
    assert rule_ids(review_subject('migrations.AlterField("invoice", "number", models.SlugField(max_length=20)),')) == [
        "add-index-without-concurrently"
    ]


def test_mysql_varchar_growth_across_the_length_byte_is_a_copy() -> None:
    assert (
        review_subject('migrations.AlterField("invoice", "number", models.CharField(max_length=60)),', db="mysql") == []
    )
    assert rule_ids(
        review_subject('migrations.AlterField("invoice", "number", models.CharField(max_length=100)),', db="mysql")
    ) == ["alter-column-type"]


def test_unknown_field_type_is_a_warning_only_when_its_declaration_changes() -> None:
    (finding,) = review_subject('migrations.AlterField("invoice", "number", money.fields.MoneyField(max_length=20)),')
    assert finding.rule_id == "alter-column-type" and finding.severity.label == "warning"


def test_a_known_third_party_field_is_judged_as_its_django_base() -> None:
    # PhoneNumberField is a CharField (django-phonenumber-field): varchar(20) to varchar(20) changes nothing,
    # and varchar(20) to its default varchar(128) is growth, catalog only.
    field = "phonenumber_field.modelfields.PhoneNumberField"
    assert review_subject(f'migrations.AlterField("invoice", "number", {field}(max_length=20)),') == []
    assert review_subject(f'migrations.AlterField("invoice", "number", {field}()),') == []


def test_set_not_null() -> None:
    (finding,) = review_subject(
        'migrations.AlterField("invoice", "note", models.CharField(max_length=50, default="")),'
    )
    assert finding.rule_id == "set-not-null" and finding.impact is not None and finding.impact.scan
    assert "UPDATE" in finding.message


def test_set_not_null_after_a_validated_check_is_clean_on_postgresql_12() -> None:
    from tests.engine.builder import initial, migration, review

    check = 'models.CheckConstraint(condition=models.Q(("note__isnull", False)), name="note_not_null")'
    files = (
        initial(),
        migration("0002_check", f'AddConstraintNotValid("invoice", {check}),'),
        migration("0003_validate", 'ValidateConstraint("invoice", "note_not_null"),', depends_on="0002_check"),
        migration("0004_not_null", 'migrations.AlterField("invoice", "note", models.CharField(max_length=50)),', depends_on="0003_validate"),
    )
    assert review(*files).findings == ()
    assert [f.rule_id for f in review(*files, db_version="11").findings] == ["set-not-null"]
    not_validated = (files[0], files[1], migration("0004_not_null", 'migrations.AlterField("invoice", "note", models.CharField(max_length=50)),', depends_on="0002_check"))
    assert [f.rule_id for f in review(*not_validated).findings] == ["set-not-null"]


def test_validate_in_the_same_migration_as_the_not_valid_add() -> None:
    check = 'models.CheckConstraint(check=models.Q(amount__gte=0), name="amount_gte_0")'
    operations = f"""
        AddConstraintNotValid("invoice", {check}),
        ValidateConstraint("invoice", "amount_gte_0"),
    """
    assert rule_ids(review_subject(operations)) == ["validate-in-same-transaction"]
    assert review_subject(operations, attributes="atomic = False") == []


def test_foreign_keys() -> None:
    (finding,) = review_subject(
        'migrations.AddField("invoice", "payer", models.ForeignKey(on_delete=models.CASCADE, to="shop.customer", null=True)),'
    )
    assert finding.rule_id == "add-foreign-key" and finding.column == "payer_id"
    assert finding.impact is not None and finding.impact.other_tables
    assert (
        review_subject(
            'migrations.AddField("invoice", "payer", models.ForeignKey(on_delete=models.CASCADE, to="shop.customer", null=True, db_constraint=False, db_index=False)),'
        )
        == []
    )
    assert rule_ids(
        review_subject(
            'migrations.AddField("invoice", "payer", models.ForeignKey(on_delete=models.CASCADE, to="shop.customer", null=True)),',
            db="mysql",
        )
    ) == ["add-foreign-key"]


def test_check_and_exclusion_constraints() -> None:
    check = 'models.CheckConstraint(check=models.Q(amount__gte=0), name="amount_gte_0")'
    assert rule_ids(review_subject(f'migrations.AddConstraint("invoice", {check}),')) == ["add-check-constraint"]
    assert review_subject(f'AddConstraintNotValid("invoice", {check}),') == []
    exclusion = 'ExclusionConstraint(name="x", expressions=[("number", "=")])'
    assert rule_ids(review_subject(f'migrations.AddConstraint("invoice", {exclusion}),')) == [
        "add-exclusion-constraint"
    ]


def test_drops() -> None:
    (finding,) = review_subject('migrations.RemoveField("invoice", "note"),')
    assert finding.rule_id == "remove-field" and finding.column == "note"
    (fk,) = review_subject('migrations.RemoveField("invoice", "customer"),')
    assert fk.impact is not None and fk.impact.other_tables
    assert (
        review_subject(
            'migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField("invoice", "note")]),'
        )
        == []
    )
    (drop,) = review_subject('migrations.DeleteModel("Customer"),')
    assert drop.rule_id == "delete-model" and "shop_invoice" in drop.message


def test_callable_default() -> None:
    findings = review_subject('migrations.AddField("invoice", "uid", models.UUIDField(default=uuid.uuid4, null=True)),')
    assert rule_ids(findings) == ["callable-default"] and findings[0].severity.label == "warning"
    unique = review_subject(
        'migrations.AddField("invoice", "uid", models.UUIDField(default=uuid.uuid4, unique=True, null=True)),'
    )
    assert [f.severity.label for f in unique if f.rule_id == "callable-default"] == ["error"]
