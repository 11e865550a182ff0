from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("identifier_too_long_bad_constraint", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="InvoiceArchive",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(max_length=20)),
            ],
        ),
        migrations.AddConstraint(
            model_name="invoicearchive",
            constraint=models.UniqueConstraint(
                fields=("number",), name="invoice_archive_number_must_be_unique_across_every_fiscal_year_and_branch"
            ),
        ),
    ]
