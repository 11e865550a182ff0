"""The column type a Django field maps to, and whether changing one type into another rewrites the table.

Types follow Django's backends (``data_types`` of ``django/db/backends/*/base.py``). A field class that
is not Django's gives ``None``: the type is unknown and rules stay conservative.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

from reviewer.loader.model import Call
from reviewer.state.fields import FieldState, field_state
from reviewer.state.project import ProjectState
from reviewer.target import Backend, DatabaseTarget


@dataclass(frozen=True)
class ColumnType:
    name: str
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    unsigned: bool = False
    """MySQL's positive integer fields are UNSIGNED; PostgreSQL adds a CHECK instead (same type)."""

    def __str__(self) -> str:
        if self.length is not None:
            return f"{self.name}({self.length})"
        if self.precision is not None:
            return f"{self.name}({self.precision}, {self.scale})"
        return self.name


class TypeChange(enum.Enum):
    SAME = "same"
    COERCIBLE = "coercible"
    """A change the database makes in the catalog only (no rewrite)."""
    REWRITE = "rewrite"
    UNKNOWN = "unknown"


FIXED_TYPES: dict[str, str] = {
    "AutoField": "integer",
    "BigAutoField": "bigint",
    "SmallAutoField": "smallint",
    "BinaryField": "bytea",
    "BooleanField": "boolean",
    "NullBooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "timestamp with time zone",
    "DurationField": "interval",
    "FloatField": "double precision",
    "IntegerField": "integer",
    "BigIntegerField": "bigint",
    "SmallIntegerField": "smallint",
    "PositiveIntegerField": "integer",
    "PositiveBigIntegerField": "bigint",
    "PositiveSmallIntegerField": "smallint",
    "IPAddressField": "inet",
    "GenericIPAddressField": "inet",
    "JSONField": "jsonb",
    "TextField": "text",
    "TimeField": "time",
    "UUIDField": "uuid",
    "CICharField": "citext",
    "CIEmailField": "citext",
    "CITextField": "citext",
    "HStoreField": "hstore",
    "IntegerRangeField": "int4range",
    "BigIntegerRangeField": "int8range",
    "DecimalRangeField": "numrange",
    "DateTimeRangeField": "tstzrange",
    "DateRangeField": "daterange",
    "SearchVectorField": "tsvector",
}

VARCHAR_DEFAULT_LENGTH: dict[str, int | None] = {
    "CharField": None,
    "EmailField": 254,
    "SlugField": 50,
    "URLField": 200,
    "FileField": 100,
    "ImageField": 100,
    "FilePathField": 100,
    "CommaSeparatedIntegerField": None,
}

DJANGO_PREFIXES = ("django.db.models.", "django.contrib.postgres.fields.", "django.contrib.gis.db.models.")

MYSQL_LENGTH_BYTE_LIMIT = 255
MYSQL_BYTES_PER_CHAR = 4  # utf8mb4


def column_type(field: FieldState, state: ProjectState, depth: int = 0) -> ColumnType | None:
    """The column type of ``field``, or None when it cannot be known statically."""
    if not field.db_class_path.startswith(DJANGO_PREFIXES) or field.many_to_many or depth > 5:
        return None
    name = field.db_class_name
    if field.is_relation:
        target = state.model_by_reference(field.related_model)
        to_field = field.kwarg("to_field")
        if target is None or (to_field is not None and not isinstance(to_field, str)):
            return None  # e.g. to_field=settings.SOME_SETTING: the referenced column is not known
        referenced = target.field(to_field) if isinstance(to_field, str) else target.primary_key()
        return column_type(referenced, state, depth + 1) if referenced is not None else None
    if name in FIXED_TYPES:
        return ColumnType(FIXED_TYPES[name], unsigned=name.startswith("Positive"))
    if name in VARCHAR_DEFAULT_LENGTH:
        kwargs = field.db_call.kwargs if field.db_call else {}
        if "max_length" not in kwargs:
            return ColumnType("varchar", length=VARCHAR_DEFAULT_LENGTH[name])
        length = kwargs["max_length"]
        if length is None:
            return ColumnType("varchar")
        if isinstance(length, int) and not isinstance(length, bool):
            return ColumnType("varchar", length=length)
        return None
    if name == "DecimalField":
        digits, places = field.kwarg("max_digits"), field.kwarg("decimal_places")
        if isinstance(digits, int) and isinstance(places, int):
            return ColumnType("numeric", precision=digits, scale=places)
        return ColumnType("numeric")
    if name == "ArrayField":
        base = field.kwarg("base_field")
        if isinstance(base, Call):
            base_type = column_type(field_state("base", base, "", "", state.user_model), state, depth + 1)
            return ColumnType(f"{base_type}[]") if base_type else None
        return None
    return None


SQL_TYPE_SYNONYMS = {
    "int": "integer",
    "int4": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "character varying": "varchar",
    "timestamptz": "timestamp with time zone",
    "float8": "double precision",
    "bool": "boolean",
    "decimal": "numeric",
}
SQL_TYPE = re.compile(r"^\s*([a-z][a-z0-9 ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*(?:USING\b.*)?$", re.I | re.S)


def parse_sql_type(text: str) -> ColumnType | None:
    """``varchar(100)``, ``numeric(12, 2)``, ``bigint USING ...`` -> ColumnType; None when not understood."""
    match = SQL_TYPE.match(text)
    if match is None:
        return None
    name = " ".join(match.group(1).lower().split())
    name = SQL_TYPE_SYNONYMS.get(name, name)
    first, second = match.group(2), match.group(3)
    if name == "varchar":
        return ColumnType("varchar", length=int(first) if first else None)
    if name == "numeric":
        if first is None:
            return ColumnType("numeric")
        return ColumnType("numeric", precision=int(first), scale=int(second or 0))
    return ColumnType(name) if first is None else None


def pattern_opclass(column: ColumnType | None) -> str | None:
    """Django adds a second ``_like`` index with a pattern opclass for varchar and text columns."""
    if column is None:
        return None
    return {"varchar": "varchar_pattern_ops", "text": "text_pattern_ops"}.get(column.name)


def classify_change(old: ColumnType, new: ColumnType, target: DatabaseTarget) -> TypeChange:
    """Whether turning column type ``old`` into ``new`` rewrites the table on ``target``."""
    if old == new:
        return TypeChange.SAME
    if target.backend is Backend.POSTGRESQL and replace(old, unsigned=False) == replace(new, unsigned=False):
        return TypeChange.SAME
    if target.backend is Backend.MYSQL:
        return _mysql_change(old, new)
    if target.backend is Backend.SQLITE:
        return TypeChange.REWRITE
    return _postgresql_change(old, new)


def _postgresql_change(old: ColumnType, new: ColumnType) -> TypeChange:
    if old.name == "varchar" and new.name == "varchar":
        if new.length is None or (old.length is not None and new.length >= old.length):
            return TypeChange.COERCIBLE
        return TypeChange.REWRITE
    if old.name == "varchar" and new.name == "text":
        return TypeChange.COERCIBLE
    if old.name == "text" and new.name == "varchar" and new.length is None:
        return TypeChange.COERCIBLE
    if old.name == "numeric" and new.name == "numeric":
        if new.precision is None:
            return TypeChange.COERCIBLE  # typmod removal
        if old.precision is not None and new.scale == old.scale and new.precision >= old.precision:
            return TypeChange.COERCIBLE
        return TypeChange.REWRITE
    return TypeChange.REWRITE


def _mysql_length_bytes(column: ColumnType) -> int:
    if column.length is None:
        return 1 << 16
    return 1 if column.length * MYSQL_BYTES_PER_CHAR <= MYSQL_LENGTH_BYTE_LIMIT else 2


def _mysql_change(old: ColumnType, new: ColumnType) -> TypeChange:
    both_bounded = old.name == new.name == "varchar" and old.length is not None and new.length is not None
    if both_bounded and new.length >= old.length and _mysql_length_bytes(old) == _mysql_length_bytes(new):  # type: ignore[operator]
        return TypeChange.COERCIBLE
    return TypeChange.REWRITE
