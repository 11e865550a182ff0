from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name="order",
            unique_together={("customer", "created_at")},
        ),
    ]
