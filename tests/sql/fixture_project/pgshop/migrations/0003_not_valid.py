from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models
from django.db.models.functions import Now


class Migration(migrations.Migration):
    dependencies = [("pgshop", "0002_concurrent")]

    operations = [
        AddConstraintNotValid(
            "booking", models.CheckConstraint(condition=models.Q(room__gte=0), name="booking_room_gte_0")
        ),
        migrations.AddField("booking", "created", models.DateTimeField(db_default=Now())),
    ]
