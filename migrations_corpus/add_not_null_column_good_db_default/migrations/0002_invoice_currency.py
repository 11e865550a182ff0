from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("add_not_null_column_good_db_default", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="currency",
            field=models.CharField(db_default="EUR", max_length=3),
        ),
    ]
