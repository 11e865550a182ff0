"""Small in-memory projects for engine tests: an initial migration and subject migrations as text."""

from __future__ import annotations

import textwrap
from dataclasses import replace

from reviewer import ReviewOptions, ReviewResult, review_sources
from reviewer.findings import Finding
from reviewer.target import DatabaseTarget

HEADER = "from django.db import migrations, models\nimport django.db.models.deletion\n\n\n"

INITIAL_OPERATIONS = """
migrations.CreateModel(
    name="Customer",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("email", models.EmailField(max_length=254)),
    ],
),
migrations.CreateModel(
    name="Invoice",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("number", models.CharField(max_length=20)),
        ("amount", models.DecimalField(decimal_places=2, max_digits=10)),
        ("note", models.CharField(max_length=50, null=True)),
        ("legacy", models.IntegerField(null=True, db_index=True)),
        ("customer", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.customer")),
    ],
),
"""


def migration(
    name: str, operations: str, *, depends_on: str | None = "0001_initial", app: str = "shop", attributes: str = ""
) -> tuple[str, str]:
    """A migration file ``(path, text)`` whose ``operations`` list holds the given source."""
    dependencies = f'[("{app}", "{depends_on}")]' if depends_on else "[]"
    body = textwrap.indent(textwrap.dedent(operations).strip(), " " * 8)
    extra = textwrap.indent(textwrap.dedent(attributes).strip(), " " * 4)
    text = (
        f"{HEADER}class Migration(migrations.Migration):\n"
        + (f"{extra}\n" if extra.strip() else "")
        + f"    dependencies = {dependencies}\n\n    operations = [\n{body}\n    ]\n"
    )
    return f"{app}/migrations/{name}.py", text


def initial(app: str = "shop", operations: str = INITIAL_OPERATIONS) -> tuple[str, str]:
    return migration("0001_initial", operations, depends_on=None, app=app, attributes="initial = True")


def review(*files: tuple[str, str], db: str = "postgresql", db_version: str | None = None) -> ReviewResult:
    options = replace(ReviewOptions(), target=DatabaseTarget.from_names(db, db_version))
    return review_sources(dict(files), options)


def review_subject(operations: str, *, attributes: str = "", **target: str) -> list[Finding]:
    """Review one subject migration on top of the standard initial migration; findings of the subject only."""
    subject = migration("0002_subject", operations, attributes=attributes)
    result = review(initial(), subject, **target)
    return [finding for finding in result.findings if finding.location.path == subject[0]]


def rule_ids(findings: list[Finding]) -> list[str]:
    return sorted(finding.rule_id for finding in findings)
