import django_extensions.db.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("add_not_null_column_bad_creation_datetime", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="created",
            field=django_extensions.db.fields.CreationDateTimeField(verbose_name="created"),
        ),
    ]
