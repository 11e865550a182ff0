"""The one place the bot calls the review engine: repository content in, findings out.

The engine reads the files as text and never imports or executes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.sources import ConfigFile, Snapshot
from reviewer.api import review_sources
from reviewer.config import ConfigError, options_from_config_text
from reviewer.options import FailOn, ReviewOptions
from reviewer.result import ReviewResult


@dataclass(frozen=True)
class EngineOutcome:
    result: ReviewResult
    fail_on: FailOn
    config_error: str = ""
    """Why the repository's config was rejected (the defaults were used instead), or empty."""

    @property
    def fails(self) -> bool:
        return bool(self.config_error) or self.result.fails(self.fail_on)


def review_snapshot(snapshot: Snapshot, changed_paths: Iterable[str]) -> EngineOutcome:
    """Replay every migration of the snapshot and report on the changed ones only.

    Comments show the SQL Django runs for each finding (rendered offline) unless the repository's
    config says ``with_sql = false``.
    """
    options, config_error = DEFAULTS, ""
    if snapshot.config is not None:
        options, config_error = _options(snapshot.config)
    options = replace(options, only_paths=frozenset(changed_paths))
    result = review_sources(snapshot.migrations, options)
    return EngineOutcome(result, options.fail_on, config_error)


DEFAULTS = ReviewOptions(with_sql=True)


def _options(config: ConfigFile) -> tuple[ReviewOptions, str]:
    try:
        return options_from_config_text(config.name, config.text, DEFAULTS), ""
    except ConfigError as error:
        return DEFAULTS, f"{config.name}: {error}"
