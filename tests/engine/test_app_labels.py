"""App labels come from apps.py (AppConfig.label) or from how a folder's migrations name each other."""

from __future__ import annotations

from reviewer.loader import load_sources
from reviewer.loader.app_labels import label_from_apps_module

MIGRATION = "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = {deps}\n"


def test_label_from_apps_module_reads_a_literal_only() -> None:
    assert label_from_apps_module('class A(AppConfig):\n    name = "x.images"\n    label = "wagtailimages"\n') == "wagtailimages"
    assert label_from_apps_module('class A(AppConfig):\n    label = make_label()\n') is None
    assert label_from_apps_module("this is not python(") is None


def test_label_from_apps_py_beside_the_migrations_folder() -> None:
    loaded = load_sources(
        {
            "wagtail/images/apps.py": 'class Config(AppConfig):\n    label = "wagtailimages"\n',
            "wagtail/images/migrations/0001_initial.py": MIGRATION.format(deps="[]"),
        }
    )
    assert [m.app_label for m in loaded.migrations] == ["wagtailimages"]


def test_label_inferred_from_sibling_dependencies_but_not_from_same_named_migrations_elsewhere() -> None:
    loaded = load_sources(
        {
            "pkg/images/migrations/0001_initial.py": MIGRATION.format(deps='[("sites", "0001_initial")]'),
            "pkg/images/migrations/0002_more.py": MIGRATION.format(deps='[("wagtailimages", "0001_initial")]'),
            "pkg/flat/migrations/0001_initial.py": MIGRATION.format(deps='[("sites", "0001_initial")]'),
        }
    )
    assert sorted((m.app_label, m.name) for m in loaded.migrations) == [
        ("flat", "0001_initial"),
        ("wagtailimages", "0001_initial"),
        ("wagtailimages", "0002_more"),
    ]
