from django.db import migrations
from django.db.models.functions import Lower


def lowercase_emails(apps, schema_editor):
    Customer = apps.get_model("shop", "Customer")
    Customer.objects.update(email=Lower("email"))


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lowercase_emails),
    ]
