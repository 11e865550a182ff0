from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_after_renames")]

    operations = [
        migrations.AddField("account", "sku", models.CharField(max_length=12, null=True, unique=True)),
        migrations.AddField("account", "tag", models.CharField(db_index=True, max_length=12, null=True)),
    ]
