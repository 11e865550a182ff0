from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ledger", "0006_more_names")]

    operations = [
        migrations.RenameField("account", "tag", "label"),
        migrations.AlterModelTable("account", "ledger_client"),
    ]
