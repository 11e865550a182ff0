"""The rules that have a zero-downtime recipe, known without loading the recipes.

Text output tells the user that ``migreview plan`` can write a plan for these findings; loading every
recipe for that would cost each plain review a third of its start-up. ``tests/planning`` checks that
this list and ``planner.RECIPES`` agree.
"""

PLANNED_RULES = frozenset(
    {
        "add-check-constraint",
        "add-foreign-key",
        "add-index-without-concurrently",
        "add-not-null-column",
        "add-unique-constraint",
        "alter-column-type",
        "callable-default",
        "concurrent-in-atomic-migration",
        "delete-model",
        "mixed-schema-and-data",
        "remove-field",
        "remove-index-without-concurrently",
        "rename-column",
        "rename-table",
        "run-python-without-reverse",
        "run-sql-without-reverse",
        "set-not-null",
    }
)
