# From django-oscar 3.2.5 oscar/apps/catalogue/migrations/0027_attributeoption_code_attributeoptiongroup_code_and_more.py
# (unique=True left out so that the case isolates the NOT NULL question). oscar.models.fields.NullCharField:
#     def __init__(self, *args, **kwargs):
#         kwargs["null"] = kwargs["blank"] = True
#     def deconstruct(self):
#         del kwargs["null"]; del kwargs["blank"]
# so the column is NULL-able although the migration does not say null=True.

import oscar.models.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("realworld_oscar_nullcharfield", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="attributeoption",
            name="code",
            field=oscar.models.fields.NullCharField(max_length=255, verbose_name="Unique identifier"),
        ),
    ]
