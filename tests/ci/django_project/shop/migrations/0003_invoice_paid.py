from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_invoice_currency")]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="paid",
            field=models.BooleanField(null=True),
        ),
    ]
