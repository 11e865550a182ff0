"""The typed model of a migration file, as read by the parser without executing anything."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expr:
    """A value the parser did not evaluate (a name, attribute, lambda, call of a non-Django function...)."""

    source: str
    dotted: str | None = None
    """The resolved dotted name when the value is a plain reference, e.g. ``uuid.uuid4``."""

    @property
    def is_reference(self) -> bool:
        """A bare name or attribute chain: as a ``default`` this is a callable Django calls."""
        return self.dotted is not None


@dataclass(frozen=True)
class Call:
    """A call of a class or function by dotted path, e.g. ``django.db.models.CharField(max_length=10)``."""

    path: str
    args: tuple[Value, ...]
    kwargs: dict[str, Value]
    source: str
    line: int

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    def get(self, key: str, default: Value = None) -> Value:
        return self.kwargs.get(key, default)


Value = (
    None
    | bool
    | int
    | float
    | complex
    | str
    | bytes
    | tuple["Value", ...]
    | list["Value"]
    | dict[object, "Value"]
    | Call
    | Expr
)


@dataclass(frozen=True)
class Operation:
    """One entry of ``Migration.operations`` with its arguments bound to parameter names."""

    kind: str
    """The class name for Django's operations (``AddField``); the dotted path for anything else."""
    path: str
    known: bool
    arguments: dict[str, Value]
    start_line: int
    end_line: int
    source: str
    database_operations: tuple[Operation, ...] = ()
    """Nested operations that run against the database (SeparateDatabaseAndState)."""
    state_operations: tuple[Operation, ...] = ()
    """Nested operations that only change Django's state (SeparateDatabaseAndState, RunSQL, RunPython)."""
    unbound: tuple[str, ...] = ()
    """Arguments that did not fit the operation's signature (kept as source)."""
    column: int = 0
    """Column where the operation starts on its first line (its source's later lines keep the file's
    indentation)."""
    indent: int | None = None
    """Columns of indentation when the operation stands alone on its lines (a line-based suggestion can
    replace them); None when other code shares its first or last line."""

    def arg(self, name: str, default: Value = None) -> Value:
        return self.arguments.get(name, default)

    def text(self, name: str) -> str | None:
        value = self.arguments.get(name)
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Dependency:
    app_label: str
    name: str
    """A migration name, ``__first__`` or ``__latest__``."""
    swappable_setting: str | None = None
    """``AUTH_USER_MODEL`` for ``migrations.swappable_dependency(settings.AUTH_USER_MODEL)``."""


@dataclass(frozen=True)
class MigrationKey:
    app_label: str
    name: str

    def __str__(self) -> str:
        return f"{self.app_label}.{self.name}"


@dataclass(frozen=True)
class LoaderNote:
    """Something the parser could not model; reported at info level, never a crash."""

    line: int
    message: str


@dataclass(frozen=True)
class ParsedMigration:
    path: str
    app_label: str
    name: str
    dependencies: tuple[Dependency, ...]
    operations: tuple[Operation, ...]
    replaces: tuple[MigrationKey, ...] = ()
    run_before: tuple[MigrationKey, ...] = ()
    initial: bool | None = None
    atomic: bool = True
    origin: str = "python"
    """``python`` for a migration file; ``sqlmigrate`` for SQL printed by ``manage.py sqlmigrate``."""
    atomic_unknown: bool = False
    """``atomic`` is set to something the parser cannot evaluate; ``atomic`` then holds Django's default."""
    class_line: int = 1
    comments: dict[int, str] = field(default_factory=dict)
    """Comment text by line number (used for ``# migreview: ignore[...]``)."""
    notes: tuple[LoaderNote, ...] = ()
    imports: tuple[str, ...] = ()
    """Source of the file's top-level import statements (plans reuse them)."""
    functions: dict[str, str] = field(default_factory=dict)
    """Source of the file's module-level functions and classes by name (RunPython code, helpers)."""
    dependency_sources: tuple[str, ...] = ()
    """Source of each entry of ``dependencies``, as written."""

    @property
    def key(self) -> MigrationKey:
        return MigrationKey(self.app_label, self.name)


@dataclass(frozen=True)
class ParseFailure:
    """A file that could not be read as a migration (syntax error, no Migration class)."""

    path: str
    app_label: str
    name: str
    line: int
    message: str
    no_migration_class: bool = False
    """Valid Python without a Migration class (a helper module, or a package that only looks like migrations)."""
