import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField("product", "description", models.TextField(null=True)),
        migrations.AddField("product", "stock", models.IntegerField(default=0)),
        migrations.AddField(
            "product",
            "supplier",
            models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="shop.customer"),
        ),
        migrations.AddField(
            "product",
            "owner",
            models.ForeignKey(
                default=1, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="shop.customer"
            ),
        ),
        migrations.AddField("product", "barcode", models.CharField(max_length=30, null=True, unique=True)),
        migrations.AddField("product", "slug", models.SlugField(null=True)),
    ]
