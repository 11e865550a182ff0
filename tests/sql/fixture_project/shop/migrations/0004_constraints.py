from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_alter_fields")]

    operations = [
        migrations.AddConstraint(
            "product", models.CheckConstraint(condition=models.Q(stock__gte=0), name="product_stock_gte_0")
        ),
        migrations.AddConstraint(
            "product", models.UniqueConstraint(fields=["name", "category"], name="product_name_category_uniq")
        ),
        migrations.AddIndex("product", models.Index(fields=["name"], name="product_name_idx")),
        migrations.RemoveField("product", "description"),
        migrations.RemoveField("product", "supplier"),
    ]
