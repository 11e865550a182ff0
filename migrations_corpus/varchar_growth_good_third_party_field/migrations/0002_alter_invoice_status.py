import djstripe.enums
import djstripe.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("varchar_growth_good_third_party_field", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invoice",
            name="status",
            field=djstripe.fields.StripeEnumField(enum=djstripe.enums.InvoiceStatus, max_length=20),
        ),
    ]
