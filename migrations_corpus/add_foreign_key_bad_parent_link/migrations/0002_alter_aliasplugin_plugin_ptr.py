import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("add_foreign_key_bad_parent_link", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="aliasplugin",
            name="plugin_ptr",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                parent_link=True,
                primary_key=True,
                related_name="alias",
                serialize=False,
                to="add_foreign_key_bad_parent_link.plugin",
            ),
        ),
    ]
