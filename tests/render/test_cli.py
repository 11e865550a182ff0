"""``migreview --show-sql`` prints each operation's SQL with its lock; core works without Django."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reviewer.cli import main
from tests.render.helpers import PROJECT, ROOT


def test_show_sql_prints_statements_with_lock_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    status = main([str(PROJECT / "shop"), "--show-sql", "--no-config"])
    out = capsys.readouterr().out
    assert status == 0
    assert "0002_add_fields.py:10: AddField - Add field stock to product" in out
    assert '  ALTER TABLE "shop_product" ADD COLUMN "stock" integer DEFAULT 0 NOT NULL;' in out
    assert "    -> add_column_default: ACCESS EXCLUSIVE lock (blocks reads and writes)" in out
    assert '  [deferred] CREATE INDEX "shop_product_slug_30bd2d5d" ON "shop_product" ("slug");' in out


def test_show_sql_follows_db_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    status = main([str(PROJECT / "shop"), "--show-sql", "--no-config", "--db", "mysql", "--db-version", "8.0.29"])
    out = capsys.readouterr().out
    assert status == 0
    assert "ALTER TABLE `shop_product` ADD COLUMN `stock` integer DEFAULT 0 NOT NULL;" in out
    assert "MySQL 8.0.29" in out


def test_without_django_rendering_is_unavailable_and_review_still_works() -> None:
    """``sys.modules['django'] = None`` makes every Django import fail, as if it were not installed."""
    script = (
        "import sys, importlib.util\n"
        "sys.modules['django'] = None\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name.split('.')[0] == 'django' else real(name, *a)\n"
        "from reviewer import review_paths\n"
        "from reviewer.render import render_sql_for_paths\n"
        f"result = review_paths([{str(PROJECT / 'shop')!r}])\n"
        "assert result.operations_reviewed > 0\n"
        f"outcome = render_sql_for_paths([{str(PROJECT / 'shop')!r}])\n"
        "assert not outcome.available, outcome\n"
        "print(outcome.notes[0])\n"
    )
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stderr
    assert "needs Django installed" in process.stdout


def test_show_sql_for_sqlite_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status = main([str(PROJECT / "shop"), "--show-sql", "--no-config", "--db", "sqlite"])
    assert status == 2
    assert "not SQLite" in capsys.readouterr().err


def test_lock_annotation_names_the_referenced_table(capsys: pytest.CaptureFixture[str]) -> None:
    main([str(PROJECT / "shop"), "--show-sql", "--no-config"])
    out = capsys.readouterr().out
    assert 'also SHARE ROW EXCLUSIVE on "shop_category"' in out
    assert "create_table: none (new table) (blocks no reads or writes) [PostgreSQL 16" in out
