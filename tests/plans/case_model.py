"""A proof case as data: ``cases/<rule>/<variant>/case.toml`` and the app's migrations beside it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

CASES_DIR = Path(__file__).parent / "cases"


class ProofError(AssertionError):
    """A step of the proof failed; the message says which and shows the tool's output."""


@dataclass(frozen=True)
class ExpectedDifference:
    """A fact the plan changes on purpose, with both values spelled out and the recipe's reason."""

    fact: str
    original: str
    plan: str
    why: str


@dataclass(frozen=True)
class Renamed:
    """A table or column the plan leaves under another name on purpose (e.g. a rename kept in state only).

    The plan's facts are read with ``plan`` spelled ``original`` (whole identifiers only), so everything
    else about the table or column is still compared."""

    kind: str
    """``table`` or ``column``."""
    table: str
    """The table as the original migration leaves it (for a column: the table holding it)."""
    original: str
    plan: str
    why: str


@dataclass(frozen=True)
class RowCheck:
    """Seeded rows whose values are compared: ``values`` exactly, ``shape`` as counts (random values)."""

    table: str
    order_by: str
    values: tuple[str, ...]
    shape: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    rule: str
    variant: str
    directory: Path
    description: str
    app_label: str
    seed_after: str
    seed: tuple[str, ...]
    rows: tuple[RowCheck, ...]
    differences: tuple[ExpectedDifference, ...]
    installed_apps: tuple[str, ...]
    renames: tuple[Renamed, ...] = ()
    original_fails: str = ""
    """Text of the error with which Django's ``migrate`` rejects the unsafe migration itself. The schema
    the plan must reach is then the one of ``reference/`` (what the unsafe migration meant)."""
    reverse_to: str = ""
    """Migrate the plan back to this migration after the comparison; it must succeed and, when it is the
    seed point, leave the schema the seeded database had."""
    original_reverse_fails: str = ""
    """Text of the error with which migrating the original back to ``reverse_to`` fails."""

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.variant}"

    def migration_files(self, under: str = "") -> dict[str, str]:
        """``{"<app>/migrations/0001_initial.py": source}`` for every migration of the case."""
        folder = self.directory / under / self.app_label / "migrations"
        return {
            f"{self.app_label}/migrations/{path.name}": path.read_text(encoding="utf-8")
            for path in sorted(folder.glob("*.py"))
            if path.name != "__init__.py"
        }

    def reference_files(self) -> dict[str, str]:
        """The case's migrations with ``reference/`` overriding: what the unsafe migration meant to do."""
        return {**self.migration_files(), **self.migration_files("reference")}

    def plan_name(self, table: str, column: str | None = None) -> tuple[str, str | None]:
        """The plan's name of an original table (and column)."""
        plan_table, plan_column = table, column
        for renamed in self.renames:
            if renamed.kind == "table" and renamed.original == table:
                plan_table = renamed.plan
            if renamed.kind == "column" and renamed.table == table and renamed.original == column:
                plan_column = renamed.plan
        return plan_table, plan_column

    def as_original_names(self, facts: dict[str, str]) -> dict[str, str]:
        """The plan's facts with its renamed tables and columns spelled as in the original."""
        result = facts
        for renamed in self.renames:
            pattern = re.compile(rf"\b{re.escape(renamed.plan)}\b")
            plan_table = self.plan_name(renamed.table)[0]
            renamed_facts: dict[str, str] = {}
            for key, value in result.items():
                if key.startswith("state:"):
                    renamed_facts[key] = value
                elif renamed.kind == "table" or re.search(rf"[:]{re.escape(plan_table)}[.:]", key):
                    # Only after the fact's kind ("column:", "index:"...), which could spell a column name.
                    kind, rest = key.split(":", 1)
                    renamed_facts[f"{kind}:{pattern.sub(renamed.original, rest)}"] = pattern.sub(
                        renamed.original, value
                    )
                else:
                    renamed_facts[key] = value
            result = renamed_facts
        return result


CASE_KEYS = frozenset(
    {
        "description",
        "app",
        "installed_apps",
        "seed_after",
        "seed",
        "rows",
        "difference",
        "renamed",
        "original_fails",
        "reverse_to",
        "original_reverse_fails",
    }
)

TABLE_KEYS = {
    "rows": frozenset({"table", "order_by", "values", "shape"}),
    "difference": frozenset({"fact", "original", "plan", "why"}),
    "renamed": frozenset({"kind", "table", "original", "plan", "why"}),
}


def load_case(directory: Path) -> Case:
    try:
        data = tomllib.loads((directory / "case.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProofError(f"{directory / 'case.toml'}: {error}") from error
    unknown = set(data) - CASE_KEYS
    if unknown:
        raise ProofError(f"{directory / 'case.toml'}: unknown keys {sorted(unknown)} (known: {sorted(CASE_KEYS)})")
    for table, known in TABLE_KEYS.items():
        for item in data.get(table, ()):
            if set(item) - known:
                raise ProofError(f"{directory / 'case.toml'}: [[{table}]] has unknown keys {sorted(set(item) - known)}")
    for renamed in data.get("renamed", ()):
        if renamed.get("kind") not in ("table", "column"):
            raise ProofError(f"{directory / 'case.toml'}: [[renamed]] kind must be table or column: {renamed}")
    app_label = data["app"]
    return Case(
        rule=directory.parent.name,
        variant=directory.name,
        directory=directory,
        description=data["description"],
        app_label=app_label,
        seed_after=data.get("seed_after", "0001_initial"),
        seed=tuple(data.get("seed", ())),
        rows=tuple(
            RowCheck(
                table=row["table"],
                order_by=row.get("order_by", "id"),
                values=tuple(row.get("values", ())),
                shape=tuple(row.get("shape", ())),
            )
            for row in data.get("rows", ())
        ),
        differences=tuple(
            ExpectedDifference(item["fact"], item["original"], item["plan"], item["why"])
            for item in data.get("difference", ())
        ),
        installed_apps=(*data.get("installed_apps", ()), app_label),
        renames=tuple(
            Renamed(item["kind"], item["table"], item["original"], item["plan"], item["why"])
            for item in data.get("renamed", ())
        ),
        original_fails=data.get("original_fails", ""),
        reverse_to=data.get("reverse_to", ""),
        original_reverse_fails=data.get("original_reverse_fails", ""),
    )


def discover_cases() -> list[Case]:
    return [load_case(path.parent) for path in sorted(CASES_DIR.glob("*/*/case.toml"))]
