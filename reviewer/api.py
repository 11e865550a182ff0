"""The engine's entry points: review files on disk, or in-memory sources (the GitHub App)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reviewer.engine import review
from reviewer.loader import load_paths, load_sources
from reviewer.options import ReviewOptions
from reviewer.result import ReviewResult


def review_paths(paths: Iterable[str], options: ReviewOptions | None = None) -> ReviewResult:
    """Review every migration found under ``paths`` (files or folders)."""
    return review(load_paths(paths), options or ReviewOptions())


def review_sources(sources: Mapping[str, str], options: ReviewOptions | None = None) -> ReviewResult:
    """Review in-memory files: ``{"shop/migrations/0002_x.py": text, ...}``. Never executes them."""
    return review(load_sources(sources), options or ReviewOptions())
