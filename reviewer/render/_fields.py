"""Parsed field calls -> Django field objects, with documented substitutions.

Substitutions, each reported in the operation's notes:

* A ``default`` that is not a literal (``uuid.uuid4``, ``timezone.now``, a project function) becomes a
  placeholder constant of the field's type (``""``, ``0``, ``2000-01-01``...). Django evaluates a
  callable default once and writes the result as a constant ``DEFAULT``, so the SQL has the same
  shape and the same lock facts; only the literal differs.
* ``on_delete`` that is not a Django name becomes ``CASCADE`` (Django 5.2 writes no ON DELETE clause).
* Arguments that never reach SQL (validators, choices, help texts, upload paths, related names...)
  are dropped when they are not literals.
* ``to=settings.AUTH_USER_MODEL`` becomes the configured user model.
* A field class outside Django becomes its Django base only when that base is certain
  (``reviewer.state.third_party_fields``: well-known packages whose fields subclass one Django field and
  only fill in its arguments). Any other class is "type unknown": a ``TextField`` stands in so that later operations
  still render, and the operation is flagged ``type_unknown``.
"""

from __future__ import annotations

import datetime
import decimal
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from reviewer.loader.model import Call, Expr, Value
from reviewer.render._values import SAFE_BUILTINS, Unresolved, ValueBuilder, resolve_path
from reviewer.state.third_party_fields import django_equivalent

SQL_IRRELEVANT = frozenset(
    {
        "validators", "choices", "help_text", "verbose_name", "upload_to", "storage", "limit_choices_to",
        "related_name", "related_query_name", "error_messages", "editable", "blank", "serialize",
        "encoder", "decoder", "path", "match", "recursive", "allow_files", "allow_folders",
        "width_field", "height_field", "auto_created",
    }
)  # fmt: skip


_UTC = datetime.UTC
PLACEHOLDER_DEFAULTS: dict[str, object] = {
    **dict.fromkeys(
        ("CharField", "TextField", "SlugField", "EmailField", "URLField", "FilePathField", "FileField", "ImageField"),
        "",
    ),
    **dict.fromkeys(
        (
            "IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
            "PositiveBigIntegerField", "PositiveSmallIntegerField", "ForeignKey", "OneToOneField",
        ),
        0,
    ),
    "FloatField": 0.0,
    "DecimalField": decimal.Decimal(0),
    "BooleanField": False,
    "DateTimeField": datetime.datetime(2000, 1, 1, tzinfo=_UTC),
    "DateField": datetime.date(2000, 1, 1),
    "TimeField": datetime.time(0, 0),
    "DurationField": datetime.timedelta(0),
    "UUIDField": uuid.UUID(int=0),
    "JSONField": {},
    "BinaryField": b"",
    "GenericIPAddressField": "0.0.0.0",
}  # fmt: skip
_UNEXPECTED = re.compile(r"unexpected keyword argument '(\w+)'")


@dataclass
class BuiltField:
    field: Any
    notes: list[str] = field(default_factory=list)
    type_unknown: bool = False


def _is_field_class(candidate: object) -> bool:
    from django.db.models import Field

    return isinstance(candidate, type) and issubclass(candidate, Field)


def build_field(name: str, call: Value, values: ValueBuilder, user_model: str) -> BuiltField:
    """The Django field for ``call``; a TextField stand-in flagged ``type_unknown`` when not certain."""
    if not isinstance(call, Call):
        return _stand_in(name, {}, f"field {name} is not a field call ({_source(call)})")
    notes: list[str] = []
    try:
        cls = resolve_path(call.path)
        if not _is_field_class(cls):
            raise Unresolved(f"{call.path} is not a field")
        third_party = False
    except Unresolved:
        equivalent = django_equivalent(call)
        if equivalent is None:
            return _stand_in(name, call.kwargs, f"field {name}: {call.path} is not a Django field, type unknown")
        notes.append(f"field {name}: {call.path} rendered as its Django base {equivalent.name}")
        call, cls, third_party = equivalent, resolve_path(equivalent.path), True
    kwargs: dict[str, Any] = {}
    placeholder = False
    for key, raw in call.kwargs.items():
        try:
            kwargs[key] = _field_argument(key, raw, values, user_model)
        except Unresolved:
            if key == "default":
                placeholder = True
            elif key == "on_delete":
                kwargs[key] = resolve_path("django.db.models.CASCADE")
            elif key not in SQL_IRRELEVANT:
                note = f"field {name}: {key}={_source(raw)} is not a literal, type unknown"
                return _stand_in(name, call.kwargs, note)
    try:
        args = [values.build(item) for item in call.args]
    except Unresolved:
        return _stand_in(name, call.kwargs, f"field {name}: positional arguments are not literals, type unknown")
    built = _construct(cls, args, kwargs, notes if third_party else None)
    if built is None:
        return _stand_in(name, call.kwargs, f"field {name}: {call.path} rejected its arguments, type unknown")
    if placeholder:
        _set_placeholder_default(name, built, call.kwargs.get("default"), notes)
    return BuiltField(built, notes)


def _field_argument(key: str, raw: Value, values: ValueBuilder, user_model: str) -> Any:
    if key == "to" and isinstance(raw, Expr) and "AUTH_USER_MODEL" in raw.source:
        return user_model
    if key == "default" and isinstance(raw, Expr) and raw.dotted in SAFE_BUILTINS:
        return SAFE_BUILTINS[raw.dotted]  # dict, list...: Django calls it and gets exactly {} or []
    if key == "default" and isinstance(raw, Expr) and raw.is_reference:
        raise Unresolved("a callable default")  # Django would call it: substitute a constant
    if key in ("base_field", "output_field") and isinstance(raw, Call):
        nested = build_field(key, raw, values, user_model)
        if nested.type_unknown:
            raise Unresolved(f"{key} type unknown")
        return nested.field
    return values.build(raw)


def _construct(cls: Any, args: list[Any], kwargs: dict[str, Any], notes: list[str] | None) -> Any:
    """Build the field; for a third-party fallback drop arguments its Django base does not take."""
    for _ in range(len(kwargs) + 1):
        try:
            return cls(*args, **kwargs)
        except TypeError as error:
            match = _UNEXPECTED.search(str(error))
            if notes is None or match is None or match.group(1) not in kwargs:
                return None
            kwargs.pop(match.group(1))
            notes.append(f"argument {match.group(1)} of the third-party class was dropped")
    return None


def _set_placeholder_default(name: str, built: Any, raw: Value, notes: list[str]) -> None:
    value = PLACEHOLDER_DEFAULTS.get(built.get_internal_type())
    source = _source(raw)
    if value is None:
        from django.db.models import NOT_PROVIDED

        built.default = NOT_PROVIDED
        notes.append(f"field {name}: default {source} is not a literal and was left out of the SQL")
        return
    built.default = value
    notes.append(f"field {name}: default {source} rendered as the placeholder {value!r}")


def _stand_in(name: str, kwargs: dict[str, Value], note: str) -> BuiltField:
    """A TextField with the column options that are literals, so later operations still render."""
    from django.db.models import TextField

    options = {
        key: value
        for key, value in kwargs.items()
        if key in ("null", "primary_key", "unique", "db_index", "db_column") and isinstance(value, bool | str)
    }
    return BuiltField(TextField(**options), [note], type_unknown=True)


def _source(value: Value) -> str:
    if isinstance(value, Call | Expr):
        return value.source
    return repr(value)
