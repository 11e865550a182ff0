from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0004_history_names")]

    operations = [
        migrations.AlterField("account", "reference", models.CharField(max_length=10, null=True)),
        migrations.AlterOrderWithRespectTo("entry", None),
        migrations.RemoveField("entry", "account"),
        migrations.DeleteModel("Entry"),
    ]
