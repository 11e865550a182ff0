from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="channel",
            field=models.CharField(blank=True, max_length=20, null=True),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["channel", "created_at"], name="shop_order_channel_idx"),
        ),
        migrations.AlterField(
            model_name="order",
            name="status",
            field=models.CharField(default="new", max_length=16),
        ),
    ]
