# Minimal copy of django-oscar 3.2.5 oscar/apps/catalogue/migrations/0001_initial.py (AttributeOption only).

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AttributeOption",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("option", models.CharField(max_length=255, verbose_name="Option")),
            ],
        ),
    ]
