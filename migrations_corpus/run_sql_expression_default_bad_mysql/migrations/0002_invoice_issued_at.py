from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("run_sql_expression_default_bad_mysql", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE `run_sql_expression_default_bad_mysql_invoice` ADD COLUMN `issued_at` datetime(6) DEFAULT (CURRENT_TIMESTAMP(6)) NOT NULL",
            "ALTER TABLE `run_sql_expression_default_bad_mysql_invoice` DROP COLUMN `issued_at`",
        ),
    ]
