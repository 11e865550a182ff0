from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="currency",
            field=models.CharField(max_length=3, null=True),
        ),
        migrations.RunSQL(
            "UPDATE shop_order SET currency = 'EUR' WHERE currency IS NULL",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
