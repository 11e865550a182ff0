from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="item_count",
            field=models.IntegerField(default=0),
            preserve_default=False,
        ),
    ]
