"""Which lines of a patch take a review comment."""

from __future__ import annotations

from bot.diff_lines import DiffLines

PATCH = "\n".join(
    [
        "@@ -1,4 +1,5 @@",
        " from django.db import migrations",
        "-old = 1",
        "+new = 1",
        "+more = 2",
        " ",
        " class Migration(migrations.Migration):",
        "@@ -20,3 +21,3 @@ class Migration(migrations.Migration):",
        "     operations = [",
        "-        a,",
        "+        b,",
        "     ]",
        "\\ No newline at end of file",
    ]
)


def test_added_and_context_lines_are_commentable_removed_are_not() -> None:
    diff = DiffLines.from_patch(PATCH)
    assert diff.hunks[0] == frozenset({1, 2, 3, 4, 5})
    assert diff.hunks[1] == frozenset({21, 22, 23})
    assert not diff.contains(6) and not diff.contains(20)


def test_a_range_must_sit_in_one_hunk() -> None:
    diff = DiffLines.from_patch(PATCH)
    assert diff.spans(2, 5)
    assert not diff.spans(5, 21)
    assert diff.first_in(10, 22) == 21


def test_a_new_file_is_one_hunk() -> None:
    diff = DiffLines.from_patch("@@ -0,0 +1,3 @@\n+a\n+b\n+c")
    assert diff.hunks == (frozenset({1, 2, 3}),)


def test_no_patch_means_no_commentable_line() -> None:
    assert DiffLines.from_patch(None).hunks == ()
