"""Configuration from ``[tool.migreview]`` in ``pyproject.toml`` or from ``.migreview.toml``.

```toml
[tool.migreview]                 # in .migreview.toml the keys sit at the top level
database = "postgresql"          # postgresql | mysql | mariadb | sqlite
database_version = "16"
fail_on = "error"                # error | warning | never
disable = ["run-sql-without-reverse"]
enable = []                      # when non-empty, only these rules run
severity = { "remove-field" = "warning" }
exclude_apps = ["waffle"]        # replayed for history, never reported
exclude_paths = ["legacy/*"]     # glob patterns on the reported path
user_model = "accounts.User"     # settings.AUTH_USER_MODEL
baseline = ".migreview-baseline.json"
with_sql = true                  # show the SQL Django runs under each finding (needs Django installed)
```

The file is found by walking up from the reviewed path; command-line flags win over it. Unknown keys and
bad values are errors that name the key.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from typing import Any

from reviewer.findings import Severity
from reviewer.options import FailOn, ReviewOptions
from reviewer.rules import RULES_BY_ID
from reviewer.target import DatabaseTarget

CONFIG_FILES = (".migreview.toml", "pyproject.toml")
KEYS = frozenset(
    {
        "database",
        "database_version",
        "fail_on",
        "disable",
        "enable",
        "severity",
        "exclude_apps",
        "exclude_paths",
        "user_model",
        "with_sql",
        "baseline",
    }
)


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    options: ReviewOptions
    path: str
    """The file it came from (empty when built from text)."""
    baseline: str | None = None
    """Path of the baseline file, relative to the config file's folder."""


def _section(filename: str, text: str) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{filename}: invalid TOML: {error}") from None
    if os.path.basename(filename) == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("migreview") if isinstance(tool, dict) else None
        return section if isinstance(section, dict) else None
    return data


def _strings(filename: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{filename}: {key} must be a list of strings")
    return tuple(value)


def _rule_ids(filename: str, key: str, value: object) -> frozenset[str]:
    ids = _strings(filename, key, value)
    unknown = [rule_id for rule_id in ids if rule_id not in RULES_BY_ID]
    if unknown:
        raise ConfigError(f"{filename}: {key} names unknown rule(s): {', '.join(unknown)}")
    return frozenset(ids)


def parse_config(filename: str, section: dict[str, Any], base: ReviewOptions | None = None) -> Config:
    unknown = sorted(set(section) - KEYS)
    if unknown:
        raise ConfigError(f"{filename}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(KEYS))})")
    options = base or ReviewOptions()
    if "database" in section or "database_version" in section:
        database = section.get("database", "postgresql")
        version = section.get("database_version")
        if not isinstance(database, str) or (version is not None and not isinstance(version, str | int | float)):
            raise ConfigError(f"{filename}: database must be a string and database_version a string")
        try:
            target = DatabaseTarget.from_names(database, str(version) if version is not None else None)
        except ValueError as error:
            raise ConfigError(f"{filename}: {error}") from None
        options = replace(options, target=target)
    if "fail_on" in section:
        try:
            options = replace(options, fail_on=FailOn(section["fail_on"]))
        except ValueError:
            raise ConfigError(f"{filename}: fail_on must be error, warning or never") from None
    if "disable" in section:
        options = replace(options, disabled_rules=_rule_ids(filename, "disable", section["disable"]))
    if section.get("enable"):
        options = replace(options, enabled_rules=_rule_ids(filename, "enable", section["enable"]))
    if "severity" in section:
        severities = section["severity"]
        if not isinstance(severities, dict):
            raise ConfigError(f"{filename}: severity must be a table of rule = level")
        _rule_ids(filename, "severity", list(severities))
        try:
            overrides = {rule: Severity.parse(str(level)) for rule, level in severities.items()}
        except ValueError as error:
            raise ConfigError(f"{filename}: severity: {error}") from None
        options = replace(options, severity_overrides=overrides)
    if "exclude_apps" in section:
        options = replace(options, exclude_apps=frozenset(_strings(filename, "exclude_apps", section["exclude_apps"])))
    if "exclude_paths" in section:
        options = replace(options, exclude_paths=_strings(filename, "exclude_paths", section["exclude_paths"]))
    if "user_model" in section:
        user_model = section["user_model"]
        if not isinstance(user_model, str) or user_model.count(".") != 1:
            raise ConfigError(f"{filename}: user_model must look like 'app_label.ModelName'")
        options = replace(options, user_model=user_model)
    if "with_sql" in section:
        if not isinstance(section["with_sql"], bool):
            raise ConfigError(f"{filename}: with_sql must be true or false")
        options = replace(options, with_sql=section["with_sql"])
    baseline = section.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise ConfigError(f"{filename}: baseline must be a path")
    return Config(options=options, path=filename, baseline=baseline)


def options_from_config_text(filename: str, text: str, base: ReviewOptions | None = None) -> ReviewOptions:
    """Options from the text of a ``pyproject.toml`` or ``.migreview.toml`` (the bot reads them over HTTP)."""
    section = _section(filename, text)
    return parse_config(filename, section, base).options if section is not None else base or ReviewOptions()


def find_config(start: str) -> Config | None:
    """The nearest config file at or above ``start`` (a file or folder)."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                with open(candidate, encoding="utf-8") as handle:
                    section = _section(candidate, handle.read())
                if section is not None:
                    return parse_config(candidate, section)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
