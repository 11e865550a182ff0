import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.EmailField(max_length=254)),
                ("name", models.CharField(max_length=200)),
                ("country", models.CharField(max_length=2)),
            ],
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(max_length=20)),
                ("status", models.CharField(default="new", max_length=12)),
                ("total", models.DecimalField(decimal_places=2, max_digits=10)),
                ("created_at", models.DateTimeField()),
                (
                    "customer",
                    models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="shop.customer"),
                ),
                ("referrer_id", models.BigIntegerField(null=True)),
            ],
            options={
                "indexes": [models.Index(fields=["created_at"], name="shop_order_created_idx")],
            },
        ),
    ]
