# From wagtail 6.3.2 wagtail/migrations/0070_rename_pagerevision_revision.py (line 27). Page.live_revision
# points here with related_name="+": Options.related_objects skips hidden relations (not M2M), so
# RenameModel.database_forwards never calls alter_field on it and its FK constraint is left as is.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("realworld_wagtail_hidden_fk_rename", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(
            old_name="PageRevision",
            new_name="Revision",
        ),
    ]
