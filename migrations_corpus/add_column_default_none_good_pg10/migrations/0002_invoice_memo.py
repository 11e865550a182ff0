from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("add_column_default_none_good_pg10", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="memo",
            field=models.TextField(default=None, null=True),
        ),
    ]
