from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_add_fields")]

    operations = [
        migrations.AlterField("product", "name", models.CharField(max_length=100)),
        migrations.AlterField("product", "stock", models.BigIntegerField(default=0)),
        migrations.AlterField("product", "quantity", models.IntegerField()),
        migrations.RenameField("product", "sku", "code"),
    ]
