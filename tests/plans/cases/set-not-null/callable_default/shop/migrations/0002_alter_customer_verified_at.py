import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="customer",
            name="verified_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
    ]
