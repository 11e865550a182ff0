import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Account",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=50, unique=True)),
                ("code", models.CharField(db_index=True, max_length=10)),
                ("email", models.CharField(max_length=100, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="Tag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.CharField(max_length=20)),
            ],
        ),
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=10)),
                ("memo", models.CharField(max_length=20)),
                ("account", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="ledger.account")),
                ("tags", models.ManyToManyField(to="ledger.tag")),
            ],
            options={"ordering": ["id"]},
        ),
        migrations.AddConstraint(
            "entry", models.CheckConstraint(condition=models.Q(amount__gte=0), name="entry_amount_gte_0")
        ),
        migrations.AlterUniqueTogether("entry", {("account", "memo")}),
        migrations.AlterModelOptions("entry", {"ordering": ["-id"]}),
    ]
