from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_relations")]

    operations = [
        migrations.AddField("account", "ref", models.CharField(db_index=True, max_length=10, null=True)),
        migrations.RenameField("account", "ref", "reference"),
        migrations.AlterModelTable("entry", "ledger_journal_entry"),
    ]
