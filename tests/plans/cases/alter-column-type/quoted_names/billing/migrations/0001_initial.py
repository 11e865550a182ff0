from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="LegacyInvoice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("invoice_no", models.CharField(db_column="InvoiceNo", max_length=20)),
                ("amount", models.DecimalField(db_column="Amount", decimal_places=2, max_digits=10)),
            ],
            options={
                "db_table": "LegacyInvoice",
            },
        ),
    ]
