"""The ``migreview`` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import replace

from reviewer.api import review_paths, review_sql
from reviewer.baseline import DEFAULT_BASELINE, BaselineError, read_baseline, write_baseline
from reviewer.config import Config, ConfigError, find_config, options_from_config_text, parse_config
from reviewer.loader.discovery import find_migration_files
from reviewer.options import FailOn, ReviewOptions
from reviewer.progress import review_paths_with_progress
from reviewer.report import FORMATS, render_report
from reviewer.report.plans import plan_to_dict, render_plans_text, write_plans
from reviewer.result import ReviewResult
from reviewer.rules import ALL_RULES, RULES_BY_ID
from reviewer.target import DatabaseTarget
from reviewer.vcs import GitError, changed_files
from reviewer.version import VERSION

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("review", "rules", "explain", "baseline")


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
        epilog="Other commands: `migreview rules` lists the rules, `migreview explain RULE` documents one, "
        "`migreview baseline PATH` accepts the current findings. "
        "Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="migration files or folders (searched at any depth)")
    parser.add_argument(
        "--sql",
        metavar="FILE",
        help="review `manage.py sqlmigrate` output from FILE (- for stdin); PATHs give the history",
    )
    parser.add_argument(
        "--migration",
        metavar="FILE",
        help="with --sql: the migration file the SQL was printed from (findings point at its operations)",
    )
    parser.add_argument(
        "--show-sql",
        action="store_true",
        help="print the SQL Django would run for each operation (rendered offline, needs Django) with its lock",
    )
    parser.add_argument(
        "--with-sql",
        action="store_true",
        help="show under each finding the SQL Django runs for its operation, with each statement's lock "
        "(rendered offline, needs Django installed)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
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
    parser.add_argument(
        "--history-root",
        metavar="DIR",
        help="replay every migration under DIR for history, report only the PATHs given (pre-commit passes the "
        "changed files)",
    )
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline file")
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
            found = find_config(args.paths[0] if args.paths else args.migration or ".")
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
    if args.with_sql:
        options = replace(options, with_sql=True)
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
    _check_paths_exist(args.paths)
    if args.sql:
        return _run_sql_review(args)
    if not args.paths:
        raise UsageError("migreview: give at least one PATH (or --sql FILE); see migreview --help")
    paths, options = _with_history_root(args, _configured(args))
    if next(iter(find_migration_files(paths)), None) is None:
        raise UsageError(
            "migreview: no migration files found (expected *.py files in a folder named migrations/) under "
            + ", ".join(paths)
        )
    if args.show_sql:
        return _show_sql(paths, options)
    # Only JSON carries the plans themselves; the other formats point at `migreview plan`.
    result = _review(paths, replace(options, plans=args.format == "json"))
    baseline = _baseline_file(args)
    if baseline is not None:
        try:
            result = read_baseline(baseline).filter(result)
        except BaselineError as error:
            raise UsageError(f"migreview: {error}") from None
    sys.stdout.write(_render(result, args.format, options, colour=_use_colour(args.color)))
    return result.exit_code(options.fail_on)


def _run_sql_review(args: argparse.Namespace) -> int:
    if args.sql == "-":
        sql_path, text = "<stdin>", sys.stdin.read()
    elif os.path.isfile(args.sql):
        sql_path = args.sql
        with open(args.sql, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    else:
        raise UsageError(f"migreview: no such SQL file: {args.sql}")
    if args.migration and not os.path.isfile(args.migration):
        raise UsageError(f"migreview: no such migration file: {args.migration}")
    options = _configured(args)
    try:
        result = review_sql(sql_path, text, args.paths, args.migration, options)
    except ValueError as error:
        raise UsageError(f"migreview: {error}") from None
    sys.stdout.write(_render(result, args.format, options, colour=_use_colour(args.color)))
    return result.exit_code(options.fail_on)


def _show_sql(paths: Sequence[str], options: ReviewOptions) -> int:
    """--show-sql: offline-rendered SQL per operation with its lock annotation (imports Django lazily)."""
    from reviewer.render import format_text, render_sql_for_paths

    outcome = render_sql_for_paths(paths, options)
    if not outcome.available:
        raise UsageError(f"migreview --show-sql: {'; '.join(outcome.notes)}")
    sys.stdout.write(format_text(outcome))
    return 0


def _review(paths: Sequence[str], options: ReviewOptions) -> ReviewResult:
    if sys.stderr.isatty():
        return review_paths_with_progress(paths, options, sys.stderr)
    return review_paths(paths, options)


def _render(result: ReviewResult, output: str, options: ReviewOptions, colour: bool) -> str:
    return render_report(result, output, options.fail_on, colour=colour, pretty=sys.stdout.isatty())


def _with_history_root(args: argparse.Namespace, options: ReviewOptions) -> tuple[list[str], ReviewOptions]:
    """With --history-root, replay everything under it and report only the migration files among PATHs."""
    if not args.history_root:
        return list(args.paths), options
    if not os.path.isdir(args.history_root):
        raise UsageError(f"migreview: --history-root is not a folder: {args.history_root}")
    given = {os.path.realpath(found.path): found.path for found in find_migration_files(args.paths)}
    under_root = list(find_migration_files([args.history_root]))
    inside = {os.path.realpath(found.path) for found in under_root}
    reported = {found.path for found in under_root if os.path.realpath(found.path) in given}
    outside = [path for real, path in given.items() if real not in inside]
    reported |= set(outside)
    if options.only_paths is not None:
        changed = {os.path.realpath(path) for path in options.only_paths}
        reported = {path for path in reported if os.path.realpath(path) in changed}
    return [args.history_root, *outside], replace(options, only_paths=frozenset(reported))


def _baseline_file(args: argparse.Namespace) -> str | None:
    """--baseline, else the ``baseline`` key of the configuration file (relative to that file's folder)."""
    if args.baseline:
        return str(args.baseline)
    if args.no_config:
        return None
    try:
        config = _load_config(args.config) if args.config else find_config(args.paths[0] if args.paths else ".")
    except ConfigError as error:
        raise UsageError(f"migreview: {error}") from None
    if config is None or config.baseline is None:
        return None
    return os.path.join(os.path.dirname(os.path.abspath(config.path)), config.baseline)


def _load_config(path: str) -> Config | None:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    if os.path.basename(path) == "pyproject.toml":
        section = data.get("tool", {}).get("migreview")
        return parse_config(path, section) if isinstance(section, dict) else None
    return parse_config(path, data)


def _check_paths_exist(paths: Sequence[str]) -> None:
    missing = [path for path in paths if not os.path.exists(path)]
    if missing:
        raise UsageError(f"migreview: no such file or folder: {', '.join(missing)}")


def _require_paths(paths: Sequence[str], command: str) -> None:
    if not paths:
        raise UsageError(f"{command}: give at least one PATH; see {command} --help")
    _check_paths_exist(paths)


def run_baseline(argv: Sequence[str]) -> int:
    parser = _review_parser()
    parser.prog = "migreview baseline"
    parser.description = "Write the current findings to a baseline file; reviews given it report only new ones."
    parser.add_argument("--output", metavar="FILE", help=f"where to write it (default: {DEFAULT_BASELINE})")
    args = parser.parse_args(argv)
    _require_paths(args.paths, "migreview baseline")
    paths, options = _with_history_root(args, _configured(args))
    result = _review(paths, options)
    output = args.output or _baseline_file(args) or DEFAULT_BASELINE
    write_baseline(result, output)
    sys.stderr.write(f"migreview: wrote {len(result.findings)} finding(s) to {output}\n")
    return EXIT_OK


def run_plan(argv: Sequence[str]) -> int:
    parser = _review_parser()
    parser.prog = "migreview plan"
    parser.description = (
        "Print the zero-downtime plan of every finding that has one: the ordered steps, each with its deploy "
        "boundary and the migration file it needs, with the real names."
    )
    parser.add_argument("--write", metavar="DIR", help="also write the plans' migration files under DIR")
    args = parser.parse_args(argv)
    if args.format not in ("text", "json"):
        raise UsageError("migreview plan: --format must be text or json")
    _require_paths(args.paths, "migreview plan")
    paths, options = _with_history_root(args, _configured(args))
    result = _review(paths, options)
    if args.format == "json":
        plans = {plan_id: plan_to_dict(plan) for plan_id, plan in result.plans.items()}
        sys.stdout.write(json.dumps({"plans": plans}, indent=2 if sys.stdout.isatty() else None) + "\n")
    else:
        sys.stdout.write(render_plans_text(result))
    if args.write:
        for path in write_plans(result, args.write):
            sys.stderr.write(f"migreview: wrote {path}\n")
    return EXIT_OK


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
        if arguments and arguments[0] == "baseline":
            return run_baseline(arguments[1:])
        if arguments and arguments[0] == "plan":
            return run_plan(arguments[1:])
        if arguments and arguments[0] == "review":
            arguments = arguments[1:]
        return run_review(arguments)
    except UsageError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
