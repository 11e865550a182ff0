"""What a field means for the database, read from its parsed constructor call."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reviewer.loader.model import Call, Expr, MigrationKey, Value
from reviewer.state.third_party_fields import django_equivalent

INDEXED_BY_DEFAULT = frozenset({"SlugField"})
"""Fields whose ``db_index`` defaults to True (besides foreign keys)."""
RELATED_FIELDS = frozenset({"ForeignKey", "OneToOneField", "ParentalKey", "TreeForeignKey"})
MANY_TO_MANY_FIELDS = frozenset({"ManyToManyField", "ParentalManyToManyField", "TreeManyToManyField"})
NOT_PROVIDED = "django.db.models.NOT_PROVIDED"
USER_MODEL_SETTING = "django.conf.settings.AUTH_USER_MODEL"


@dataclass(frozen=True)
class DefaultValue:
    """A field's ``default`` or ``db_default``: a literal, a callable reference, or an expression."""

    source: str
    is_callable: bool
    """A reference (``uuid.uuid4``, ``timezone.now``): Django calls it to get the value."""

    @classmethod
    def of(cls, value: Value) -> DefaultValue | None:
        if value is None:
            return cls("None", False)
        if isinstance(value, Expr):
            if value.dotted == NOT_PROVIDED:
                return None
            return cls(value.source, value.is_reference)
        if isinstance(value, Call):
            return cls(value.source, False)
        return cls(repr(value), False)


@dataclass(frozen=True)
class FieldState:
    name: str
    class_path: str
    column: str
    null: bool = False
    default: DefaultValue | None = None
    db_default: DefaultValue | None = None
    unique: bool = False
    db_index: bool = False
    primary_key: bool = False
    related_model: str | None = None
    """``app_label.ModelName`` for relations (lower-cased model part is resolved by the state)."""
    db_constraint: bool = True
    many_to_many: bool = False
    through: str | None = None
    call: Call | None = None
    imports: tuple[str, ...] = ()
    """Import lines of the file that defined the field (its source may name modules imported there)."""
    added_in: MigrationKey | None = None
    """The MigrationKey of the migration that added the field to an existing model (None: with its model)."""
    django_call: Call | None = None
    """For a known third-party class, the Django field call it is in the database (``third_party_fields``)."""

    @property
    def class_name(self) -> str:
        """The class as the migration names it (``StripeEnumField``)."""
        return self.class_path.rsplit(".", 1)[-1]

    @property
    def db_call(self) -> Call | None:
        """The call that says what the column is: the Django equivalent of a known third-party class."""
        return self.django_call or self.call

    @property
    def db_class_path(self) -> str:
        return self.django_call.path if self.django_call else self.class_path

    @property
    def db_class_name(self) -> str:
        """The Django class the column is judged as (``CharField`` for ``StripeEnumField``)."""
        return self.db_class_path.rsplit(".", 1)[-1]

    @property
    def is_relation(self) -> bool:
        return self.related_model is not None and not self.many_to_many

    @property
    def has_column(self) -> bool:
        return not self.many_to_many

    def kwarg(self, key: str) -> Value:
        """An argument as the database sees it (with a known third-party class's defaults filled in)."""
        call = self.db_call
        return call.kwargs.get(key) if call else None

    def renamed(self, new_name: str) -> FieldState:
        explicit_column = isinstance(self.kwarg("db_column"), str)
        column = self.column if explicit_column else column_name(new_name, self.is_relation)
        return replace(self, name=new_name, column=column)


def column_name(field_name: str, is_relation: bool) -> str:
    return f"{field_name}_id" if is_relation else field_name


def _flag(call: Call, key: str, default: bool = False) -> bool:
    value = call.kwargs.get(key, default)
    return value if isinstance(value, bool) else default


def related_target(value: Value, app_label: str, user_model: str) -> str | None:
    """Normalise a relation target to ``app_label.ModelName``."""
    if isinstance(value, Expr) and value.dotted == USER_MODEL_SETTING:
        return user_model
    if isinstance(value, str):
        if value == "self":
            return None
        return value if "." in value else f"{app_label}.{value}"
    if isinstance(value, Expr) and value.dotted:
        return value.dotted.rsplit(".", 1)[-1]
    return None


def field_state(
    name: str,
    call: Call,
    app_label: str,
    model_name: str,
    user_model: str,
    imports: tuple[str, ...] = (),
    added_in: MigrationKey | None = None,
) -> FieldState:
    """The database-relevant facts of ``name = call`` on model ``app_label.model_name``."""
    declared, equivalent = call, django_equivalent(call)
    call = equivalent or call
    class_name = call.name
    many_to_many = class_name in MANY_TO_MANY_FIELDS
    relation = class_name in RELATED_FIELDS or many_to_many
    related = None
    if relation:
        target = call.kwargs.get("to")
        related = (
            f"{app_label}.{model_name}"
            if target == "self"
            else related_target(target, app_label, user_model) or "unknown.unknown"
        )
    db_column = call.kwargs.get("db_column")
    is_fk = relation and not many_to_many
    column = db_column if isinstance(db_column, str) else column_name(name, is_fk)
    primary_key = _flag(call, "primary_key")
    unique = _flag(call, "unique") or class_name == "OneToOneField"
    through = call.kwargs.get("through")
    return FieldState(
        name=name,
        class_path=declared.path,
        column=column,
        null=_flag(call, "null"),
        default=DefaultValue.of(call.kwargs["default"]) if "default" in call.kwargs else None,
        db_default=DefaultValue.of(call.kwargs["db_default"]) if "db_default" in call.kwargs else None,
        unique=unique and not primary_key,
        db_index=_flag(call, "db_index", default=is_fk or class_name in INDEXED_BY_DEFAULT)
        and not unique
        and not primary_key,
        primary_key=primary_key,
        related_model=related,
        db_constraint=_flag(call, "db_constraint", default=True),
        many_to_many=many_to_many,
        through=through if isinstance(through, str) else None,
        call=declared,
        imports=imports,
        added_in=added_in,
        django_call=equivalent,
    )


def unknown_field(name: str, source: str) -> FieldState:
    """A field whose definition could not be read (kept so the column is still known)."""
    return FieldState(name=name, class_path=f"<unknown: {source}>", column=name, null=True)
