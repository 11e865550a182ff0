from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("pgshop", "0001_initial")]

    operations = [
        AddIndexConcurrently("booking", models.Index(fields=["name"], name="booking_name_idx")),
        RemoveIndexConcurrently("booking", "booking_room_idx"),
    ]
