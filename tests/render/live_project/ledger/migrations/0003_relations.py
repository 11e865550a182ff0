import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_drop_constraints")]

    operations = [
        migrations.AlterField(
            "entry",
            "account",
            models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="ledger.account"),
        ),
        migrations.RemoveField("entry", "tags"),
        migrations.AlterField("account", "email", models.CharField(max_length=100, null=True)),
        migrations.AlterOrderWithRespectTo("entry", "account"),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AddIndex("entry", models.Index(fields=["memo"], name="entry_memo_idx"))],
            state_operations=[migrations.AddIndex("entry", models.Index(fields=["memo"], name="entry_memo_idx"))],
        ),
        migrations.RunSQL([("UPDATE ledger_account SET name = %s WHERE id = %s", ["it's 100%", 1])]),
        migrations.AddField("entry", "labels", models.ManyToManyField(to="ledger.label")),
    ]
