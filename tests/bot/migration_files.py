"""Migration files used by the end-to-end tests (as a Django project would contain them)."""

from __future__ import annotations

INITIAL = """from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
            ],
        ),
    ]
"""

ADD_SKU = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="sku",
            field=models.CharField(max_length=10),
        ),
    ]
"""
"""An unsafe AddField: NOT NULL without a default on an existing table, lines 10 to 14."""

ADD_SKU_SAFE = ADD_SKU.replace("models.CharField(max_length=10)", "models.CharField(max_length=10, null=True)")

ADD_INDEX = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0002_add_sku"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="product",
            index=models.Index(fields=["name"], name="shop_product_name_idx"),
        ),
    ]
"""
"""An index built without CONCURRENTLY on an existing table, lines 10 to 13."""

BROKEN = """from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL("SELECT 1"
    ]
"""


def many_indexes(count: int, depends_on: str = "0001_initial") -> str:
    operations = "".join(
        f"""        migrations.AddIndex(
            model_name="product",
            index=models.Index(fields=["name"], name="shop_name_{i}_idx"),
        ),
"""
        for i in range(count)
    )
    return f'''from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "{depends_on}"),
    ]

    operations = [
{operations}    ]
'''


BASE = {
    "README.md": "# shop\n",
    "shop/__init__.py": "",
    "shop/models.py": "from django.db import models\n",
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": INITIAL,
}
