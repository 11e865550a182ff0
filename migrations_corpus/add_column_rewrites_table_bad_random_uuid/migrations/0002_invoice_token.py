import django.contrib.postgres.functions
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("add_column_rewrites_table_bad_random_uuid", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="token",
            field=models.UUIDField(db_default=django.contrib.postgres.functions.RandomUUID()),
        ),
    ]
