"""Progress on stderr for long runs, shown only when stderr is a terminal.

It loads the files the way ``reviewer.loader.load_paths`` does, one at a time, so that it can count them; a
``\\r`` line is rewritten every ``EVERY`` files, which costs nothing measurable next to parsing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from reviewer.engine import review
from reviewer.loader import LoadedFiles
from reviewer.loader.discovery import find_migration_files
from reviewer.loader.model import ParsedMigration, ParseFailure
from reviewer.loader.parser import parse_migration
from reviewer.options import ReviewOptions
from reviewer.result import ReviewResult

EVERY = 50
CLEAR_LINE = "\r\033[K"


def review_paths_with_progress(paths: Iterable[str], options: ReviewOptions, stream: TextIO) -> ReviewResult:
    files = list(find_migration_files(paths))
    migrations: list[ParsedMigration] = []
    failures: list[ParseFailure] = []
    for number, found in enumerate(files, 1):
        with open(found.path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        parsed = parse_migration(found.path, text, found.app_label, found.name)
        if isinstance(parsed, ParseFailure):
            failures.append(parsed)
        else:
            migrations.append(parsed)
        if number % EVERY == 0 or number == len(files):
            stream.write(f"{CLEAR_LINE}migreview: parsed {number}/{len(files)} migration files")
            stream.flush()
    stream.write(f"{CLEAR_LINE}migreview: replaying {len(migrations)} migrations")
    stream.flush()
    try:
        return review(LoadedFiles(tuple(migrations), tuple(failures)), options)
    finally:
        stream.write(CLEAR_LINE)
        stream.flush()
