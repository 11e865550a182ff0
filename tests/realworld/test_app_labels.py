"""Real-world app labels: many packages declare ``AppConfig.label`` different from the app's folder name
(wagtail's ``wagtail/images`` is ``wagtailimages``, ``wagtail/contrib/redirects`` is ``wagtailredirects``).

Named after their folder, such a package's own dependencies and ``replaces`` would not resolve (history
replayed out of order, ``wagtail/contrib/redirects`` colliding with ``django.contrib.redirects``). migreview
reads ``AppConfig.label`` from ``apps.py`` with ``ast`` (or infers it from the folder's own dependencies);
this test keeps that working.
"""

from __future__ import annotations

from pathlib import Path

from reviewer import ReviewOptions, review_paths

APPS = """from django.apps import AppConfig


class WagtailImagesAppConfig(AppConfig):
    name = "wagtail.images"
    label = "wagtailimages"
"""

INITIAL = """from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Image",
            fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))],
        ),
    ]
"""

SECOND = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wagtailimages", "0001_initial")]
    operations = [
        migrations.AddField("image", "title", models.CharField(max_length=255, null=True)),
    ]
"""


def test_a_package_depending_on_its_own_label_is_replayed_as_one_app(tmp_path: Path) -> None:
    app = tmp_path / "wagtail" / "images"
    (app / "migrations").mkdir(parents=True)
    (app / "apps.py").write_text(APPS)
    (app / "migrations" / "__init__.py").write_text("")
    (app / "migrations" / "0001_initial.py").write_text(INITIAL)
    (app / "migrations" / "0002_image_title.py").write_text(SECOND)

    result = review_paths([str(tmp_path)], ReviewOptions())

    assert result.notes == ()
