from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="shipped_at",
            field=models.DateTimeField(null=True),
        ),
        AddIndexConcurrently(
            model_name="order",
            index=models.Index(fields=["status", "total"], name="shop_order_status_total_idx"),
        ),
    ]
