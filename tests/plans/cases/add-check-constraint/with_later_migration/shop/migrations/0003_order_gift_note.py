from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_order_total_non_negative"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="gift_note",
            field=models.TextField(blank=True, null=True),
        ),
    ]
