# Minimal copy of wagtail 6.3.2: wagtail/migrations/0001_squashed_0016_change_page_url_path_to_text_field.py
# (PageRevision) and 0034_page_live_revision.py (Page.live_revision, related_name="+").

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PageRevision",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("content_json", models.TextField(verbose_name="content JSON")),
            ],
        ),
        migrations.CreateModel(
            name="Page",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=255)),
                (
                    "live_revision",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="realworld_wagtail_hidden_fk_rename.pagerevision",
                        verbose_name="live revision",
                    ),
                ),
            ],
        ),
    ]
