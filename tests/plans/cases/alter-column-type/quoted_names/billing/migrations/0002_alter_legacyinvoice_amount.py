from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="legacyinvoice",
            name="amount",
            field=models.DecimalField(db_column="Amount", decimal_places=3, max_digits=12),
        ),
    ]
