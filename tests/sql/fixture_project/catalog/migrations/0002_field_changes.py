import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.AddField(
            "item",
            "box",
            models.OneToOneField(null=True, on_delete=django.db.models.deletion.SET_NULL, to="catalog.box"),
        ),
        migrations.AddField(
            "item",
            "double_stock",
            models.GeneratedField(
                expression=models.F("stock") * 2, output_field=models.BigIntegerField(), db_persist=True
            ),
        ),
        migrations.AlterField("item", "slug", models.SlugField(default="x")),
        migrations.AlterField("item", "price", models.DecimalField(decimal_places=2, max_digits=12, null=True)),
        migrations.AlterField("item", "name", models.CharField(db_index=True, max_length=50)),
        migrations.AlterModelTable("item", "catalog_stock_item"),
    ]
