from django.contrib.postgres.functions import RandomUUID
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pgshop", "0004_validate_and_more")]

    operations = [
        migrations.AddField("booking", "token", models.UUIDField(db_default=RandomUUID())),
        migrations.AlterField("booking", "name", models.TextField(unique=True)),
    ]
