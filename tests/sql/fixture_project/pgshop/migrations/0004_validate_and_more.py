from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations, models


def forwards(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("pgshop", "0003_not_valid")]

    operations = [
        ValidateConstraint("booking", "booking_room_gte_0"),
        migrations.AddConstraint(
            "booking",
            ExclusionConstraint(name="booking_no_overlap", expressions=[("span", RangeOperators.OVERLAPS)]),
        ),
        migrations.RenameIndex("booking", new_name="booking_title_idx", old_name="booking_name_idx"),
        migrations.AlterField("booking", "name", models.CharField(max_length=50, unique=True)),
        migrations.AlterField("booking", "note", models.CharField(default="", max_length=50, null=True)),
        migrations.AlterUniqueTogether("booking", {("room", "note")}),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
