import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("promo", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="voucher",
            name="redeem_token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, null=True),
        ),
    ]
