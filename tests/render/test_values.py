"""Only whitelisted Django names are built; everything else is substituted and said so."""

from __future__ import annotations

import sys

from reviewer.loader import load_sources
from reviewer.render import OperationSql, render_history
from reviewer.state import order_history
from reviewer.target import DatabaseTarget

PG = DatabaseTarget.from_names("postgresql", "16")
HEADER = "import uuid\nimport myproject.fields\nimport myproject.utils\nfrom django.conf import settings\n"
HEADER += "from django.db import migrations, models\n\n\n"


def _render(operations: str, target: DatabaseTarget = PG) -> list[OperationSql]:
    initial = (
        HEADER + "class Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n"
        "    operations = [\n        migrations.CreateModel(\n            name='Book',\n            fields=[\n"
        "                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),\n"
        "                ('title', models.CharField(max_length=10)),\n            ],\n        ),\n    ]\n"
    )
    second = (
        HEADER + "class Migration(migrations.Migration):\n    dependencies = [('lib', '0001_initial')]\n"
        f"    operations = [\n{operations}\n    ]\n"
    )
    loaded = load_sources({"lib/migrations/0001_initial.py": initial, "lib/migrations/0002_more.py": second})
    history = order_history(loaded.migrations).migrations
    outcome = render_history(history, target, wanted=lambda migration: migration.name == "0002_more")
    return list(outcome.operations)


def _sql(operation: OperationSql) -> list[str]:
    return [statement.sql for statement in operation.statements]


def test_callable_default_becomes_a_typed_placeholder_and_the_module_is_never_imported() -> None:
    (operation,) = _render(
        "migrations.AddField('book', 'code', models.UUIDField(default=uuid.uuid4)),\n"
        "migrations.AddField('book', 'n', models.IntegerField(default=myproject.utils.next_number)),"
    )[:1]
    assert _sql(operation)[0] == (
        """ALTER TABLE "lib_book" ADD COLUMN "code" uuid DEFAULT '00000000000000000000000000000000'::uuid NOT NULL;"""
    )
    assert any("placeholder" in note for note in operation.notes)
    assert "myproject" not in sys.modules and "myproject.utils" not in sys.modules


def test_unknown_field_class_is_type_unknown_with_a_stand_in_column() -> None:
    operation, after = _render(
        "migrations.AddField('book', 'money', myproject.fields.MoneyField(max_digits=10, null=True)),\n"
        "migrations.RemoveField('book', 'money'),"
    )
    assert operation.type_unknown
    assert "type unknown" in operation.notes[0]
    assert _sql(operation) == ['ALTER TABLE "lib_book" ADD COLUMN "money" text NULL;']
    assert _sql(after) == ['ALTER TABLE "lib_book" DROP COLUMN "money" CASCADE;']
    assert "myproject.fields" not in sys.modules


def test_known_third_party_field_renders_as_its_django_base() -> None:
    (operation,) = _render(
        "migrations.AddField('book', 'phone', "
        "phonenumber_field.modelfields.PhoneNumberField(max_length=128, region=None, null=True)),"
    )
    assert not operation.type_unknown
    assert _sql(operation) == ['ALTER TABLE "lib_book" ADD COLUMN "phone" varchar(128) NULL;']
    assert any("Django base CharField" in note for note in operation.notes)


def test_django_expressions_written_as_code_are_evaluated_over_the_whitelist() -> None:
    (operation,) = _render(
        "migrations.AddField('book', 'twice', models.GeneratedField(expression=models.F('id') * 2, "
        "output_field=models.BigIntegerField(), db_persist=True)),"
    )
    assert _sql(operation) == [
        'ALTER TABLE "lib_book" ADD COLUMN "twice" bigint GENERATED ALWAYS AS (("id" * 2)) STORED;'
    ]


def test_foreign_key_to_a_model_outside_the_paths_assumes_an_integer_key() -> None:
    (operation,) = _render(
        "migrations.AddField('book', 'author', models.ForeignKey(null=True, "
        "on_delete=myproject.utils.custom_delete, to=settings.AUTH_USER_MODEL)),"
    )
    assert _sql(operation)[0].startswith('ALTER TABLE "lib_book" ADD COLUMN "author_id" integer NULL CONSTRAINT')
    assert 'REFERENCES "auth_user"("id")' in _sql(operation)[0]


def test_non_django_operation_and_computed_sql_are_unavailable_not_guessed() -> None:
    custom, computed, after = _render(
        "myproject.utils.CustomOperation('book'),\n"
        "migrations.RunSQL(myproject.utils.SQL),\n"
        "migrations.AlterField('book', 'title', models.CharField(max_length=20)),"
    )
    assert not custom.available and not computed.available
    assert after.available
    assert _sql(after) == ['ALTER TABLE "lib_book" ALTER COLUMN "title" TYPE varchar(20);']


def test_run_python_is_not_sql() -> None:
    (operation,) = _render("migrations.RunPython(myproject.utils.forwards, migrations.RunPython.noop),")
    assert not operation.writes_sql and operation.statements == ()


def test_statements_carry_lock_facts_for_the_target() -> None:
    pg, my = (
        _render("migrations.AlterField('book', 'title', models.TextField()),", target)[0]
        for target in (PG, DatabaseTarget.from_names("mysql", "8.0.36"))
    )
    (pg_statement,) = pg.statements
    assert pg_statement.impacts and pg_statement.impacts[0] is not None
    assert pg_statement.impacts[0].lock == "ACCESS EXCLUSIVE"
    assert my.statements[0].sql == "ALTER TABLE `lib_book` MODIFY `title` longtext NOT NULL;"
    assert my.statements[0].classified


def test_outcome_is_indexed_like_the_replay() -> None:
    from reviewer.render import render_sql_for_paths
    from tests.render.helpers import PROJECT

    outcome = render_sql_for_paths([str(PROJECT / "shop")])
    by_operation = outcome.by_operation()
    assert by_operation[("shop", "0003_alter_fields", 3)].kind == "RenameField"
    assert len(by_operation) == len(outcome.operations)
