"""The rules judge Django operations; the SQL Django really writes for them must tell the same story.

For every finding of the corpus on a Django operation (RunSQL findings already come from their
statements), the operation's SQL is rendered offline and each statement classified and judged by the
lock model, exactly as a RunSQL body is. The finding's lock must be one the statements take, and a
rewrite or scan it claims must be one they cause. The few findings whose verdict cannot come from the
SQL alone are declared below with the reason.
"""

from __future__ import annotations

from pathlib import Path

from reviewer import ReviewOptions, review_paths
from reviewer.corpus import load_cases
from reviewer.findings import Finding, Impact
from reviewer.loader import load_sources
from reviewer.render import render_history, render_sql_for_paths, rendering_available
from reviewer.state import order_history
from reviewer.target import DatabaseTarget
from tests.engine.builder import initial, migration

CORPUS = Path(__file__).resolve().parent.parent.parent / "migrations_corpus"

DECLARED = {
    ("check_constraint_not_valid_bad_same_migration", "validate-in-same-transaction"): (
        "the VALIDATE itself takes SHARE UPDATE EXCLUSIVE; the finding is about the ACCESS EXCLUSIVE lock the "
        "earlier ADD CONSTRAINT of the same transaction still holds while VALIDATE scans"
    ),
    ("set_not_null_bad_mysql", "set-not-null"): (
        "MySQL restates the whole column (MODIFY ... NOT NULL): from the SQL alone it is a type change (COPY); "
        "the rule knows the type is unchanged, which MySQL does INPLACE"
    ),
}


def _agrees(impact: Impact, statements: list[Impact]) -> bool:
    return (
        impact.lock in {statement.lock for statement in statements}
        and (not impact.rewrite or any(statement.rewrite for statement in statements))
        and (not impact.scan or any(statement.scan or statement.rewrite for statement in statements))
    )


def _judged_by_operation(finding: Finding) -> bool:
    return finding.impact is not None and bool(finding.operation_index) and finding.operation not in ("RunSQL", "")


def test_every_operation_finding_matches_the_lock_facts_of_its_rendered_sql() -> None:
    agreed: list[tuple[str, str]] = []
    differ: dict[tuple[str, str], str] = {}
    for case in load_cases(str(CORPUS)):
        target = DatabaseTarget.from_names(case.db, case.db_version)
        if rendering_available(target.backend) is not None:
            continue  # SQLite: Django's SQLite editor rebuilds tables; the lock model has no rows to compare
        options = ReviewOptions(target=target, user_model=case.user_model, plans=False)
        findings = [f for f in review_paths([str(CORPUS / case.name)], options).findings if _judged_by_operation(f)]
        if not findings:
            continue
        rendered = render_sql_for_paths([str(CORPUS / case.name)], options).by_operation()
        for finding in findings:
            assert finding.impact is not None
            operation = rendered[(finding.app_label, finding.migration, finding.operation_index[0])]
            assert operation.available, (case.name, operation.notes)
            impacts = [impact for statement in operation.statements for impact in statement.impacts if impact]
            key = (case.name, finding.rule_id)
            if _agrees(finding.impact, impacts):
                agreed.append(key)
            else:
                differ[key] = f"{finding.impact.describe()} vs {[impact.describe() for impact in impacts]}"
    assert set(differ) == set(DECLARED), differ
    assert len(agreed) >= 135  # the corpus has 141 such findings today; fewer means cases stopped rendering


def test_an_options_change_of_a_model_never_created_does_not_stop_rendering() -> None:
    """django-oscar's communication app changes the options of a model created in another app's history:
    that one operation is reported as not rendered, the rest of the migration still is."""
    files = dict(
        (
            initial(),
            migration(
                "0002_subject",
                'migrations.AlterModelOptions(name="ghost", options={"ordering": ["id"]}),\n'
                '        migrations.AddIndex("invoice", models.Index(fields=["number"], name="invoice_number_idx")),',
            ),
        )
    )
    history = order_history(load_sources(files).migrations).migrations
    outcome = render_history(history, DatabaseTarget())
    options, index = (operation for operation in outcome.operations if operation.migration == "0002_subject")
    assert not options.available
    assert options.notes == ("not rendered: model shop.ghost is not in the state (an operation that creates it was not read)",)
    assert [statement.sql for statement in index.statements] == [
        'CREATE INDEX "invoice_number_idx" ON "shop_invoice" ("number");'
    ]
