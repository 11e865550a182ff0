"""Known third-party field classes are judged as the Django field they are in the database."""

from __future__ import annotations

from pathlib import Path

from reviewer import ReviewOptions, review_paths
from reviewer.loader.model import Call, Expr
from reviewer.render import render_sql_for_paths
from reviewer.state.fields import field_state
from reviewer.state.third_party_fields import KNOWN_FIELDS, django_equivalent

CORPUS = Path(__file__).resolve().parent.parent.parent / "migrations_corpus"


def call(path: str, **kwargs: object) -> Call:
    return Call(path, (), dict(kwargs), f"{path}(...)", 1)  # type: ignore[arg-type]


def test_defaults_fill_in_forced_values_win_and_constructor_only_arguments_go() -> None:
    enum = Expr("djstripe.enums.InvoiceStatus", "djstripe.enums.InvoiceStatus")
    equivalent = django_equivalent(call("djstripe.fields.StripeEnumField", enum=enum))
    assert equivalent is not None
    assert (equivalent.path, equivalent.kwargs) == ("django.db.models.CharField", {"max_length": 255})
    explicit = django_equivalent(call("djstripe.fields.StripeEnumField", enum=enum, max_length=12))
    assert explicit is not None and explicit.kwargs == {"max_length": 12}
    forced = django_equivalent(call("oscar.models.fields.NullCharField", max_length=64, null=False))
    assert forced is not None and forced.kwargs == {"max_length": 64, "null": True, "blank": True}
    renamed = django_equivalent(call("django_extensions.db.fields.RandomCharField", length=8, lowercase=True))
    assert renamed is not None and renamed.kwargs == {"max_length": 8, "blank": True, "editable": False}
    assert django_equivalent(call("django.db.models.CharField", max_length=3)) is None
    assert django_equivalent(call("someproject.fields.MoneyField")) is None


def test_every_entry_names_a_django_field_and_its_source() -> None:
    for path, known in KNOWN_FIELDS.items():
        assert known.base.startswith("django.db.models.") and known.read_from, path


def test_field_state_keeps_the_declared_call_and_judges_the_django_one() -> None:
    declared = call("djstripe.fields.StripeForeignKey", to="djstripe.customer", null=True)
    state = field_state("customer", declared, "djstripe", "charge", "auth.User")
    assert state.call is declared and state.class_name == "StripeForeignKey"  # plans write the declared call
    assert state.db_class_name == "ForeignKey" and state.is_relation and state.column == "customer_id"
    assert state.db_index and state.null


def test_review_and_rendering_agree_on_a_third_party_char_field() -> None:
    case = CORPUS / "varchar_growth_good_third_party_field"
    assert review_paths([str(case)], ReviewOptions()).findings == ()  # varchar growth: no "type unknown"
    rendered = render_sql_for_paths([str(case)]).operations
    alter = next(operation for operation in rendered if operation.kind == "AlterField")
    assert [statement.sql for statement in alter.statements] == [
        'ALTER TABLE "varchar_growth_good_third_party_field_invoice" ALTER COLUMN "status" TYPE varchar(20);'
    ]
    assert not alter.type_unknown
