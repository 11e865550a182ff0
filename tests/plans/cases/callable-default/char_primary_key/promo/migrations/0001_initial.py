from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Voucher",
            fields=[
                ("code", models.CharField(max_length=12, primary_key=True, serialize=False)),
                ("percent_off", models.PositiveSmallIntegerField()),
            ],
        ),
    ]
