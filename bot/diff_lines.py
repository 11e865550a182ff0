"""Which lines of a changed file a review comment may sit on, read from the file's ``patch``.

GitHub accepts a review comment on the RIGHT side only on a line that appears in a hunk of the diff, as
an added or a context line; a multi-line comment must start and end in the same hunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class DiffLines:
    """The RIGHT-side lines of one file's diff, grouped by hunk."""

    hunks: tuple[frozenset[int], ...]

    @classmethod
    def from_patch(cls, patch: str | None) -> DiffLines:
        if not patch:
            return cls(())
        hunks: list[frozenset[int]] = []
        current: set[int] | None = None
        line = 0
        for text in patch.splitlines():
            match = _HUNK.match(text)
            if match:
                if current is not None:
                    hunks.append(frozenset(current))
                current, line = set(), int(match.group(1))
                continue
            if current is None or text.startswith("\\"):
                continue  # before the first hunk, or "\ No newline at end of file"
            if text.startswith("-"):
                continue  # a removed line exists only on the LEFT side
            current.add(line)  # an added ("+") or context (" ") line
            line += 1
        if current is not None:
            hunks.append(frozenset(current))
        return cls(tuple(hunks))

    def contains(self, line: int) -> bool:
        return any(line in hunk for hunk in self.hunks)

    def spans(self, start: int, end: int) -> bool:
        """True when every line from ``start`` to ``end`` is in one hunk (a valid multi-line comment)."""
        return any(all(n in hunk for n in range(start, end + 1)) for hunk in self.hunks)

    def first_in(self, start: int, end: int) -> int | None:
        """The first commentable line of ``start..end``, if any."""
        return next((n for n in range(start, end + 1) if self.contains(n)), None)
