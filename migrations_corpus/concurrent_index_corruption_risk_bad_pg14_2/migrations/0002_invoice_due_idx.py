from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("concurrent_index_corruption_risk_bad_pg14_2", "0001_initial"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="invoice",
            index=models.Index(fields=["due_date"], name="invoice_due_date_idx"),
        ),
    ]
