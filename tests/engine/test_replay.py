"""The history replay knows every table and column at each operation."""

from __future__ import annotations

from reviewer.loader import load_sources
from reviewer.state import MigrationEnd, ProjectState, Step, order_history, replay
from tests.engine.builder import initial, migration


def final_state(*files: tuple[str, str], user_model: str = "auth.User") -> ProjectState:
    history = order_history(load_sources(dict(files)).migrations, user_model)
    state = ProjectState()
    for event in replay(history.migrations, user_model):
        if isinstance(event, MigrationEnd):
            state = event.state
    return state


def test_tables_columns_and_foreign_keys() -> None:
    state = final_state(initial())
    invoice = state.model("shop", "Invoice")
    assert invoice is not None and invoice.table == "shop_invoice"
    customer_field = invoice.field("customer")
    assert customer_field is not None
    assert customer_field.column == "customer_id" and customer_field.related_model == "shop.customer"
    assert customer_field.db_index and not customer_field.null
    assert invoice.created_in is not None and invoice.created_in.name == "0001_initial"


def test_renames_db_table_db_column_and_state_only_operations() -> None:
    state = final_state(
        initial(),
        migration(
            "0002_changes",
            """
            migrations.RenameField("invoice", "number", "code"),
            migrations.AlterField("invoice", "note", models.CharField(max_length=50, null=True, db_column="memo")),
            migrations.RenameField("invoice", "note", "remark"),
            migrations.RenameModel("Customer", "Client"),
            migrations.AlterModelTable("invoice", "billing_invoice"),
            migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField("invoice", "legacy")]),
            """,
        ),
    )
    invoice = state.model("shop", "invoice")
    assert invoice is not None and invoice.table == "billing_invoice"
    code = invoice.field("code")
    remark = invoice.field("remark")
    assert code is not None and code.column == "code"
    assert remark is not None and remark.column == "memo"  # explicit db_column survives the rename
    assert invoice.field("legacy") is None
    client = state.model("shop", "client")
    assert client is not None and client.table == "shop_client"
    customer = invoice.field("customer")
    assert customer is not None and customer.related_model == "shop.Client"


def test_each_step_sees_the_state_before_it() -> None:
    files = (
        initial(),
        migration(
            "0002_alter",
            """
            migrations.AlterField("invoice", "note", models.CharField(max_length=200, null=True)),
            migrations.AlterField("invoice", "note", models.TextField(null=True)),
            """,
        ),
    )
    history = order_history(load_sources(dict(files)).migrations)
    seen = []
    for event in replay(history.migrations):
        if isinstance(event, Step) and event.migration.name == "0002_alter":
            model = event.state.model("shop", "invoice")
            assert model is not None
            note = model.field("note")
            assert note is not None and note.call is not None
            seen.append((note.class_name, note.call.kwargs.get("max_length")))
    assert seen == [("CharField", 50), ("CharField", 200)]


def test_graph_orders_across_apps_merges_and_squashes() -> None:
    files = (
        initial(),
        migration("0002_a", 'migrations.RunSQL("SELECT 1", migrations.RunSQL.noop),'),
        migration("0002_b", 'migrations.RunSQL("SELECT 2", migrations.RunSQL.noop),'),
        ("shop/migrations/0003_merge.py", _merge("shop", "0002_a", "0002_b")),
        migration("0001_initial", "", depends_on=None, app="crm"),
        ("crm/migrations/0002_x.py", _depends("crm", [("crm", "0001_initial"), ("shop", "0003_merge")])),
    )
    history = order_history(load_sources(dict(files)).migrations)
    names = [str(m.key) for m in history.migrations]
    assert names.index("shop.0003_merge") > max(names.index("shop.0002_a"), names.index("shop.0002_b"))
    assert names.index("crm.0002_x") > names.index("shop.0003_merge")
    assert history.notes == ()


def test_squashed_migration_replaces_its_originals() -> None:
    squashed = migration(
        "0001_squashed_0002",
        'migrations.RunSQL("SELECT 1", migrations.RunSQL.noop),',
        depends_on=None,
        attributes='replaces = [("shop", "0001_initial"), ("shop", "0002_a")]',
    )
    files = (
        initial(),
        migration("0002_a", ""),
        squashed,
        ("shop/migrations/0003_b.py", _depends("shop", [("shop", "0002_a")])),
    )
    history = order_history(load_sources(dict(files)).migrations)
    assert [m.name for m in history.migrations] == ["0001_squashed_0002", "0003_b"]
    assert sorted(m.name for m in history.replaced) == ["0001_initial", "0002_a"]


def test_swappable_user_model_and_missing_apps_are_tolerated() -> None:
    text = (
        "from django.conf import settings\nfrom django.db import migrations, models\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL), ('shop', '0001_initial')]\n"
        "    operations = [migrations.AddField('invoice', 'owner', models.ForeignKey(on_delete=models.CASCADE,"
        " to=settings.AUTH_USER_MODEL, null=True))]\n"
    )
    history = order_history(
        load_sources(dict([initial(), ("shop/migrations/0002_owner.py", text)])).migrations, "accounts.User"
    )
    assert any("accounts" in note for note in history.notes)
    state = final_state(initial(), ("shop/migrations/0002_owner.py", text), user_model="accounts.User")
    owner = state.model("shop", "invoice").field("owner")  # type: ignore[union-attr]
    assert owner is not None and owner.related_model == "accounts.User"


def _merge(app: str, first: str, second: str) -> str:
    return _depends(app, [(app, first), (app, second)])


def _depends(app: str, dependencies: list[tuple[str, str]]) -> str:
    return (
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        f"    dependencies = {dependencies!r}\n    operations = []\n"
    )
