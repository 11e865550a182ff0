from django.contrib.postgres.fields import IntegerRangeField
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Tag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.CharField(max_length=30)),
            ],
        ),
        migrations.CreateModel(
            name="Booking",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("room", models.IntegerField()),
                ("span", IntegerRangeField()),
                ("name", models.CharField(max_length=50)),
                ("note", models.CharField(default="", max_length=50)),
            ],
            options={"indexes": [models.Index(fields=["room"], name="booking_room_idx")]},
        ),
        migrations.AddField("booking", "tags", models.ManyToManyField(to="pgshop.tag")),
    ]
