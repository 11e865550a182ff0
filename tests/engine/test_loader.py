"""The loader reads real-world migration files with ast only."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from reviewer.loader import load_paths, load_sources
from reviewer.loader.model import Call, Expr, ParsedMigration, ParseFailure
from reviewer.loader.parser import parse_migration


def parse(text: str) -> ParsedMigration:
    parsed = parse_migration("shop/migrations/0002_x.py", textwrap.dedent(text), "shop", "0002_x")
    assert isinstance(parsed, ParsedMigration), parsed
    return parsed


def test_reads_migration_attributes_dependencies_and_spans() -> None:
    parsed = parse(
        """
        from django.conf import settings
        from django.db import migrations, models


        class Migration(migrations.Migration):
            atomic = False
            initial = True
            replaces = [("shop", "0001_a"), ("shop", "0002_b")]
            run_before = [("other", "0001_initial")]
            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
                ("shop", "__first__"),
            ]
            operations = [
                migrations.AddField(
                    model_name="invoice",
                    name="note",
                    field=models.TextField(null=True),
                ),
                migrations.RemoveField("invoice", "legacy"),
            ]
        """
    )
    assert parsed.atomic is False and parsed.initial is True
    assert [(key.app_label, key.name) for key in parsed.replaces] == [("shop", "0001_a"), ("shop", "0002_b")]
    assert parsed.run_before[0].app_label == "other"
    assert parsed.dependencies[0].swappable_setting == "AUTH_USER_MODEL"
    assert (parsed.dependencies[1].app_label, parsed.dependencies[1].name) == ("shop", "__first__")
    add, remove = parsed.operations
    assert (add.kind, add.start_line, add.end_line) == ("AddField", 16, 20)
    field = add.arg("field")
    assert isinstance(field, Call) and field.path == "django.db.models.TextField" and field.kwargs == {"null": True}
    assert remove.arguments == {"model_name": "invoice", "name": "legacy"}
    assert (remove.start_line, remove.end_line) == (21, 21)


def test_resolves_directly_imported_names_and_nested_operations() -> None:
    parsed = parse(
        """
        from django.contrib.postgres.operations import AddIndexConcurrently
        from django.db.migrations import RunSQL, SeparateDatabaseAndState
        from django.db.migrations.operations.fields import RemoveField
        import django.db.models as m


        class Migration(migrations.Migration):
            operations = [
                AddIndexConcurrently("invoice", m.Index(fields=["number"], name="number_idx")),
                SeparateDatabaseAndState(
                    database_operations=[RunSQL(["SELECT 1", ("SELECT %s", [1])], RunSQL.noop)],
                    state_operations=[RemoveField("invoice", "legacy")],
                ),
            ]
        """
    )
    concurrent, separate = parsed.operations
    assert concurrent.kind == "AddIndexConcurrently" and concurrent.known
    index = concurrent.arg("index")
    assert isinstance(index, Call) and index.path == "django.db.models.Index"
    assert separate.kind == "SeparateDatabaseAndState"
    (run_sql,) = separate.database_operations
    assert run_sql.arg("sql") == ["SELECT 1", ("SELECT %s", [1])]
    reverse = run_sql.arg("reverse_sql")
    assert isinstance(reverse, Expr) and reverse.dotted == "django.db.migrations.RunSQL.noop"
    assert [operation.kind for operation in separate.state_operations] == ["RemoveField"]


def test_keeps_unknown_fields_lambdas_and_custom_operations_without_crashing() -> None:
    parsed = parse(
        """
        from django.db import migrations
        import phonenumber_field.modelfields
        from myapp.operations import CreateView
        FIELDS = [("phone", phonenumber_field.modelfields.PhoneNumberField(max_length=128, region=None))]


        class Migration(migrations.Migration):
            operations = [
                migrations.CreateModel("Contact", FIELDS),
                migrations.RunPython(lambda apps, schema_editor: None),
                CreateView("sales"),
                migrations.AddField("contact", "x", make_field(**OPTIONS)),
            ]
        """
    )
    create, run_python, custom, add = parsed.operations
    fields = create.arg("fields")
    assert isinstance(fields, list)
    phone = fields[0][1]
    assert isinstance(phone, Call) and phone.path == "phonenumber_field.modelfields.PhoneNumberField"
    assert phone.kwargs == {"max_length": 128, "region": None}
    code = run_python.arg("code")
    assert isinstance(code, Expr) and code.source.startswith("lambda")
    assert (custom.known, custom.kind) == (False, "myapp.operations.CreateView")
    assert isinstance(add.arg("field"), Expr)


def test_operations_built_by_code_are_a_note_not_a_crash() -> None:
    parsed = parse(
        """
        from django.db import migrations


        class Migration(migrations.Migration):
            operations = [migrations.RemoveField("invoice", name) for name in ("a", "b")]
        """
    )
    assert parsed.operations == ()
    assert parsed.notes and "not a literal list" in parsed.notes[0].message


def test_syntax_error_is_reported_with_its_line() -> None:
    failure = parse_migration("a/migrations/0002_x.py", "class Migration(\n    x = [\n", "a", "0002_x")
    assert isinstance(failure, ParseFailure)
    assert failure.line >= 1 and "syntax error" in failure.message


def test_discovery_names_apps_by_the_folder_that_holds_migrations(tmp_path: Path) -> None:
    for relative in ("src/shop/migrations/0001_initial.py", "src/shop/migrations/__init__.py", "billing/models.py"):
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("from django.db import migrations\nclass Migration(migrations.Migration):\n    pass\n")
    loaded = load_paths([str(tmp_path)])
    assert [(m.app_label, m.name) for m in loaded.migrations] == [("shop", "0001_initial")]
    in_memory = load_sources({"x/migrations/0001_initial.py": "class Migration: pass", "README.md": "# hi"})
    assert [m.key.app_label for m in in_memory.migrations] == ["x"]


def test_hostile_migration_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    folder = tmp_path / "evil" / "migrations"
    folder.mkdir(parents=True)
    (folder / "0001_initial.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "import os\n"
        f"os.system('touch {marker}')\n"
        "from django.db import migrations\n"
        "class Migration(migrations.Migration):\n"
        f"    operations = [migrations.RunPython(exec(\"open({str(marker)!r}, 'w')\"))]\n"
        f"    dependencies = [__import__('os').system('touch {marker}')]\n"
    )
    from reviewer import review_paths

    result = review_paths([str(tmp_path)])
    assert not marker.exists()
    assert not os.path.exists(marker)
    assert result.files_reviewed == (str(folder / "0001_initial.py"),)
