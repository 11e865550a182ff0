import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("add_column_rewrites_table_good_now", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="created",
            field=models.DateTimeField(db_default=django.db.models.functions.datetime.Now()),
        ),
    ]
