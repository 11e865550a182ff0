from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [
        migrations.AlterField("account", "name", models.CharField(max_length=50)),
        migrations.AlterField("account", "code", models.CharField(max_length=10)),
        migrations.RemoveConstraint("entry", "entry_amount_gte_0"),
        migrations.AlterUniqueTogether("entry", set()),
        migrations.AlterField("entry", "amount", models.DecimalField(decimal_places=2, max_digits=12)),
        migrations.RenameModel("Tag", "Label"),
        migrations.AlterField("account", "email", models.CharField(max_length=100, null=True, unique=True)),
    ]
