from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("run_sql_validate_same_transaction_bad", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop),
        migrations.RunSQL(
            """
            ALTER TABLE "run_sql_validate_same_transaction_bad_invoice"
                ADD CONSTRAINT "invoice_customer_ref_fk" FOREIGN KEY ("customer_ref")
                REFERENCES "run_sql_validate_same_transaction_bad_customer" ("id") NOT VALID;
            ALTER TABLE "run_sql_validate_same_transaction_bad_invoice" VALIDATE CONSTRAINT "invoice_customer_ref_fk";
            """,
            reverse_sql='ALTER TABLE "run_sql_validate_same_transaction_bad_invoice" DROP CONSTRAINT "invoice_customer_ref_fk"',
        ),
    ]
