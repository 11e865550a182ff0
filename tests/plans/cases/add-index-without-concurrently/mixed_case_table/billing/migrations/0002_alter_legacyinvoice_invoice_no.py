from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="legacyinvoice",
            name="invoice_no",
            field=models.CharField(db_column="InvoiceNo", db_index=True, max_length=20),
        ),
    ]
