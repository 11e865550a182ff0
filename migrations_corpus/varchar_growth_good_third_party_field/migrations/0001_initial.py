import djstripe.enums
import djstripe.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("djstripe_id", models.BigAutoField(primary_key=True, serialize=False, verbose_name="ID")),
                ("id", djstripe.fields.StripeIdField(max_length=255, unique=True)),
                ("status", djstripe.fields.StripeEnumField(enum=djstripe.enums.InvoiceStatus, max_length=12)),
                ("amount_due", djstripe.fields.StripeDecimalCurrencyAmountField(decimal_places=2, max_digits=14)),
            ],
        ),
    ]
