from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("multiple_alters_same_table_bad", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL("SET LOCAL lock_timeout = '5s'", migrations.RunSQL.noop),
        migrations.RunSQL(
            'ALTER TABLE "multiple_alters_same_table_bad_invoice" ALTER COLUMN "total" TYPE numeric(14, 2)',
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            'ALTER TABLE "multiple_alters_same_table_bad_invoice" ALTER COLUMN "tax" TYPE numeric(14, 2)',
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
