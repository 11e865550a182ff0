from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_renames")]

    operations = [
        migrations.AlterField("account", "sku", models.CharField(max_length=12, null=True)),
        migrations.AlterField("account", "label", models.CharField(max_length=12, null=True)),
    ]
