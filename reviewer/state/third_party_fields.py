"""Field classes of well-known packages, and the Django field each one is in the database.

A migration names the package's class (``djstripe.fields.StripeEnumField(enum=..., max_length=12)``) and
migreview never imports it. Where the class subclasses one Django field and only fills in arguments,
the review and the offline renderer judge it as that Django field, called with: the migration's
arguments, the defaults the constructor fills in when they are left out (``StripeIdField`` is
``max_length=255``), the values it forces (django-oscar's ``NullCharField`` is always NULL), argument
names it translates (django-extensions' ``length`` is ``max_length``), and without the
constructor-only arguments that never reach SQL (``enum=``, ``populate_from=``). Every entry was read
from the package's source at the version named; any other class stays "type unknown" and the rules
stay conservative.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.loader.model import Call, Expr, Value

MODELS = "django.db.models."
NOW = Expr("django.utils.timezone.now", "django.utils.timezone.now")


@dataclass(frozen=True)
class KnownField:
    base: str
    """The Django field class it subclasses."""
    read_from: str
    defaults: tuple[tuple[str, Value], ...] = ()
    forced: tuple[tuple[str, Value], ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    dropped: frozenset[str] = frozenset()


_SLUG = frozenset(
    {"populate_from", "separator", "overwrite", "allow_duplicates", "slugify_function", "overwrite_on_add",
     "max_unique_query_attempts", "uppercase"}
)  # fmt: skip
_RANDOM_CHAR = frozenset(
    {"lowercase", "uppercase", "include_digits", "include_alpha", "include_punctuation", "keep_default",
     "max_unique_query_attempts"}
)  # fmt: skip
_UUID = frozenset({"auto", "version", "node", "clock_seq", "namespace", "uuid_name"})
_EXTENSIONS = "django-extensions 4.1, django_extensions/db/fields/__init__.py"
_MODEL_UTILS = "django-model-utils 5.0.0, model_utils/fields.py"
_STRIPE = "dj-stripe 2.9.0, djstripe/fields.py"

KNOWN_FIELDS: dict[str, KnownField] = {
    "django_extensions.db.fields.AutoSlugField": KnownField(
        f"{MODELS}SlugField", _EXTENSIONS, defaults=(("blank", True), ("editable", False)), dropped=_SLUG
    ),
    "django_extensions.db.fields.RandomCharField": KnownField(
        f"{MODELS}CharField",
        _EXTENSIONS,
        defaults=(("blank", True), ("editable", False)),
        renamed=(("length", "max_length"),),
        dropped=_RANDOM_CHAR,
    ),
    "django_extensions.db.fields.CreationDateTimeField": KnownField(
        f"{MODELS}DateTimeField",
        _EXTENSIONS,
        defaults=(("editable", False), ("blank", True), ("auto_now_add", True)),
    ),
    "django_extensions.db.fields.ModificationDateTimeField": KnownField(
        f"{MODELS}DateTimeField", _EXTENSIONS, defaults=(("auto_now", True),)
    ),
    "django_extensions.db.fields.ShortUUIDField": KnownField(
        f"{MODELS}CharField", _EXTENSIONS, defaults=(("max_length", 22),), dropped=_UUID
    ),
    "django_extensions.db.fields.UUIDField": KnownField(
        f"{MODELS}CharField", _EXTENSIONS, defaults=(("max_length", 36),), dropped=_UUID
    ),
    "model_utils.fields.AutoCreatedField": KnownField(
        f"{MODELS}DateTimeField", _MODEL_UTILS, defaults=(("editable", False), ("default", NOW))
    ),
    "model_utils.fields.AutoLastModifiedField": KnownField(
        f"{MODELS}DateTimeField", _MODEL_UTILS, defaults=(("editable", False), ("default", NOW))
    ),
    # Its default is ``now`` unless null=True; Django writes the default it had into the migration.
    "model_utils.fields.MonitorField": KnownField(
        f"{MODELS}DateTimeField", _MODEL_UTILS, dropped=frozenset({"monitor", "when"})
    ),
    "model_utils.fields.StatusField": KnownField(
        f"{MODELS}CharField",
        _MODEL_UTILS,
        defaults=(("max_length", 100),),
        dropped=frozenset({"no_check_for_status", "choices_name"}),
    ),
    "model_utils.fields.UUIDField": KnownField(
        f"{MODELS}UUIDField",
        _MODEL_UTILS,
        defaults=(
            ("primary_key", True),
            ("editable", False),
            ("default", Expr("uuid.uuid4", "uuid.uuid4")),
        ),
        dropped=frozenset({"version"}),
    ),
    "phonenumber_field.modelfields.PhoneNumberField": KnownField(
        f"{MODELS}CharField",
        "django-phonenumber-field 9.0.0, phonenumber_field/modelfields.py",
        defaults=(("max_length", 128),),
        dropped=frozenset({"region"}),
    ),
    "modelcluster.fields.ParentalKey": KnownField(
        f"{MODELS}ForeignKey", "django-modelcluster 6.5, modelcluster/fields.py"
    ),
    "modelcluster.fields.ParentalManyToManyField": KnownField(
        f"{MODELS}ManyToManyField", "django-modelcluster 6.5, modelcluster/fields.py"
    ),
    "mptt.fields.TreeForeignKey": KnownField(f"{MODELS}ForeignKey", "django-mptt 0.20.0, mptt/fields.py"),
    "mptt.fields.TreeOneToOneField": KnownField(f"{MODELS}OneToOneField", "django-mptt 0.20.0, mptt/fields.py"),
    "mptt.fields.TreeManyToManyField": KnownField(f"{MODELS}ManyToManyField", "django-mptt 0.20.0, mptt/fields.py"),
    "oscar.models.fields.NullCharField": KnownField(
        f"{MODELS}CharField",
        "django-oscar 3.2.5, oscar/models/fields/__init__.py",
        forced=(("null", True), ("blank", True)),
    ),
    "oscar.models.fields.autoslugfield.AutoSlugField": KnownField(
        f"{MODELS}SlugField",
        "django-oscar 3.2.5, oscar/models/fields/autoslugfield.py",
        defaults=(("blank", True), ("editable", False)),
        dropped=_SLUG,
    ),
    "djstripe.fields.StripeForeignKey": KnownField(f"{MODELS}ForeignKey", _STRIPE),
    "djstripe.fields.PaymentMethodForeignKey": KnownField(
        f"{MODELS}ForeignKey", _STRIPE, defaults=(("to", "DjstripePaymentMethod"),)
    ),
    "djstripe.fields.InvoiceOrLineItemForeignKey": KnownField(
        f"{MODELS}ForeignKey", _STRIPE, defaults=(("to", "InvoiceOrLineItem"),)
    ),
    "djstripe.fields.StripePercentField": KnownField(
        f"{MODELS}DecimalField", _STRIPE, defaults=(("decimal_places", 2), ("max_digits", 5))
    ),
    "djstripe.fields.StripeCurrencyCodeField": KnownField(
        f"{MODELS}CharField", _STRIPE, defaults=(("max_length", 3),)
    ),
    "djstripe.fields.StripeQuantumCurrencyAmountField": KnownField(f"{MODELS}BigIntegerField", _STRIPE),
    "djstripe.fields.StripeDecimalCurrencyAmountField": KnownField(
        f"{MODELS}DecimalField", _STRIPE, defaults=(("decimal_places", 2), ("max_digits", 14))
    ),
    "djstripe.fields.StripeEnumField": KnownField(
        f"{MODELS}CharField", _STRIPE, defaults=(("max_length", 255),), dropped=frozenset({"enum"})
    ),
    "djstripe.fields.StripeIdField": KnownField(
        f"{MODELS}CharField", _STRIPE, defaults=(("max_length", 255), ("blank", False), ("null", False))
    ),
    "djstripe.fields.StripeDateTimeField": KnownField(f"{MODELS}DateTimeField", _STRIPE),
    "djstripe.fields.JSONField": KnownField(f"{MODELS}JSONField", _STRIPE),
}


def django_equivalent(call: Call) -> Call | None:
    """The Django field call ``call`` amounts to in the database; None for Django's own and unknown classes."""
    known = KNOWN_FIELDS.get(call.path)
    if known is None:
        return None
    renamed = dict(known.renamed)
    kwargs = {renamed.get(key, key): value for key, value in call.kwargs.items() if key not in known.dropped}
    for key, value in known.defaults:
        kwargs.setdefault(key, value)
    kwargs.update(known.forced)
    return Call(known.base, call.args, kwargs, call.source, call.line)
