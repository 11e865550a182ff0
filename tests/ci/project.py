"""A small migration project on disk for the CI-surface tests, written from the engine test builder."""

from __future__ import annotations

from pathlib import Path

from tests.engine.builder import migration

UNSAFE = migration(
    "0002_currency", 'migrations.AddField("invoice", "currency", models.CharField(max_length=3, default="EUR")),'
)
RENAME = migration("0003_rename", 'migrations.RenameField("invoice", "number", "code"),', depends_on="0002_currency")


def write(root: Path, *files: tuple[str, str]) -> list[Path]:
    written = []
    for path, text in files:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        written.append(target)
    init = root / "shop" / "migrations" / "__init__.py"
    if not init.exists():
        init.write_text("")
    return written


def shift_lines(path: Path, count: int = 3) -> None:
    """Edit unrelated lines: comments above the class move every operation down by ``count`` lines."""
    path.write_text("# an unrelated edit\n" * count + path.read_text())
