"""The ``migreview`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace

from reviewer.api import review_paths
from reviewer.config import ConfigError, find_config, options_from_config_text
from reviewer.loader.discovery import find_migration_files
from reviewer.options import FailOn, ReviewOptions
from reviewer.report import render_json, render_text
from reviewer.rules import ALL_RULES, RULES_BY_ID
from reviewer.target import DatabaseTarget
from reviewer.vcs import GitError, changed_files
from reviewer.version import VERSION

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("review", "rules", "explain")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _review_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="migreview",
        description="Review Django migrations for operations that lock tables, break running code during a "
        "deploy, or cannot be rolled back. Files are parsed, never imported or executed.",
        epilog="Other commands: `migreview rules` lists the rules, `migreview explain RULE` documents one. "
        "Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage error.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="migration files or folders (searched at any depth)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--db", help="postgresql (default), mysql, mariadb or sqlite")
    parser.add_argument("--db-version", help="database version, e.g. 16 or 8.0.29 (default: 16 / 8.0.36)")
    parser.add_argument(
        "--fail-on",
        choices=[member.value for member in FailOn],
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    parser.add_argument(
        "--diff",
        metavar="REF",
        help="report only migrations added or changed since the merge base with REF (git); the whole history "
        "is still replayed",
    )
    parser.add_argument("--config", metavar="FILE", help="pyproject.toml or .migreview.toml to use")
    parser.add_argument("--no-config", action="store_true", help="ignore configuration files")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE", help="turn a rule off (repeatable)")
    parser.add_argument("--user-model", help="settings.AUTH_USER_MODEL (default: auth.User)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    parser.add_argument("--version", action="version", version=f"migreview {VERSION}")
    return parser


def _configured(args: argparse.Namespace) -> ReviewOptions:
    """Options from the configuration file (unless --no-config), then the command-line flags on top."""
    options = ReviewOptions()
    try:
        if args.config:
            if not os.path.isfile(args.config):
                raise UsageError(f"migreview: no such config file: {args.config}")
            with open(args.config, encoding="utf-8") as handle:
                options = options_from_config_text(args.config, handle.read())
        elif not args.no_config:
            found = find_config(args.paths[0])
            if found is not None:
                options = found.options
    except ConfigError as error:
        raise UsageError(f"migreview: {error}") from None
    if args.db or args.db_version:
        try:
            target = DatabaseTarget.from_names(args.db or options.target.backend.value, args.db_version)
        except ValueError as error:
            raise UsageError(f"migreview: {error}") from None
        options = replace(options, target=target)
    unknown = [rule for rule in args.disable if rule not in RULES_BY_ID]
    if unknown:
        raise UsageError(f"migreview: unknown rule id(s) for --disable: {', '.join(unknown)}")
    if args.disable:
        options = replace(options, disabled_rules=options.disabled_rules | frozenset(args.disable))
    if args.fail_on:
        options = replace(options, fail_on=FailOn(args.fail_on))
    if args.user_model:
        options = replace(options, user_model=args.user_model)
    if args.diff:
        options = replace(options, only_paths=_changed_migrations(args.paths, args.diff))
    return options


def _changed_migrations(paths: Sequence[str], ref: str) -> frozenset[str]:
    try:
        changed = changed_files(ref, cwd=paths[0] if os.path.isdir(paths[0]) else os.path.dirname(paths[0]) or ".")
    except GitError as error:
        raise UsageError(f"migreview --diff: {error}") from None
    return frozenset(found.path for found in find_migration_files(paths) if os.path.realpath(found.path) in changed)


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def run_review(argv: Sequence[str]) -> int:
    args = _review_parser().parse_args(argv)
    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        raise UsageError(f"migreview: no such file or folder: {', '.join(missing)}")
    options = _configured(args)
    if next(iter(find_migration_files(args.paths)), None) is None:
        raise UsageError(
            "migreview: no migration files found (expected *.py files in a folder named migrations/) under "
            + ", ".join(args.paths)
        )
    result = review_paths(args.paths, options)
    if args.format == "json":
        sys.stdout.write(render_json(result, options.fail_on, pretty=sys.stdout.isatty()))
    else:
        sys.stdout.write(render_text(result, colour=_use_colour(args.color)))
    return result.exit_code(options.fail_on)


def run_rules(argv: Sequence[str]) -> int:
    _Parser(prog="migreview rules", description="List every rule.").parse_args(argv)
    width = max(len(rule.id) for rule in ALL_RULES)
    for rule in ALL_RULES:
        sys.stdout.write(f"{rule.id:<{width}}  {rule.severity.label:<7}  {rule.summary}\n")
    return EXIT_OK


def run_explain(argv: Sequence[str]) -> int:
    parser = _Parser(prog="migreview explain", description="Print a rule's full documentation.")
    parser.add_argument("rule", metavar="RULE")
    args = parser.parse_args(argv)
    rule = RULES_BY_ID.get(args.rule)
    if rule is None:
        raise UsageError(f"migreview explain: unknown rule {args.rule!r}; `migreview rules` lists them")
    sys.stdout.write(f"{rule.id} ({rule.severity.label})\n\n{rule.documentation}\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] == "rules":
            return run_rules(arguments[1:])
        if arguments and arguments[0] == "explain":
            return run_explain(arguments[1:])
        if arguments and arguments[0] == "review":
            arguments = arguments[1:]
        return run_review(arguments)
    except UsageError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
