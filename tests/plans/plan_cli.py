"""The real CLI: ``migreview plan`` for the plan, ``migreview --fail-on error`` on the plan itself."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from reviewer.cli import main
from tests.plans.case_model import Case, ProofError

_CLI_LOCK = threading.Lock()


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


class _CallerOnly(io.StringIO):
    """Stands in for ``sys.stdout`` / ``sys.stderr`` during a CLI call: keeps what the calling thread
    writes and passes what any other thread writes on to the real stream."""

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self._real = real
        self._caller = threading.get_ident()

    def write(self, text: str) -> int:
        return super().write(text) if threading.get_ident() == self._caller else self._real.write(text)

    def isatty(self) -> bool:
        return False


def run_migreview(arguments: list[str], cwd: Path) -> CliResult:
    """``migreview ARGUMENTS`` run in ``cwd``: the CLI's entry point (what the ``migreview`` script calls)
    with its own argv, output and exit status, in this process: a subprocess costs 0.2 s of CPU per call,
    a third of the whole run's CPU over three calls per case. One call at a time, as the working directory
    belongs to the process; ``--no-config`` so that no configuration file around changes a rule."""
    argv = ["plan", "--no-config", *arguments[1:]] if arguments[0] == "plan" else ["--no-config", *arguments]
    with _CLI_LOCK, contextlib.chdir(cwd):
        stdout, stderr = _CallerOnly(sys.stdout), _CallerOnly(sys.stderr)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(argv)
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


@dataclass(frozen=True)
class GeneratedFile:
    app_label: str
    name: str
    filename: str
    source: str

    @property
    def path(self) -> str:
        return f"{self.app_label}/migrations/{self.filename}"


@dataclass(frozen=True)
class PlanOutput:
    plan_id: str
    data: dict[str, Any]
    files: tuple[GeneratedFile, ...]
    written: dict[str, str]
    """What ``--write`` put on disk for this plan: path under the plan's folder -> text."""

    @property
    def replaces(self) -> str:
        return str(self.data["replaces"])


def _json(result: CliResult, what: str) -> dict[str, Any]:
    if result.returncode not in (0, 1):
        raise ProofError(f"{what} exited {result.returncode}\n{result.stderr}")
    try:
        data: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise ProofError(f"{what} printed no JSON ({error}):\n{result.stdout}\n{result.stderr}") from error
    return data


def plan_for(case: Case, project: Path, write_dir: Path) -> PlanOutput:
    """The plan of the case's finding: ``migreview plan --format json --write`` gives the plans, the JSON
    report says which plan the finding of the case's rule references (one plan can resolve several
    findings, e.g. a callable default's plan also makes the column NOT NULL)."""
    report = _json(run_migreview([case.app_label, "--format", "json", "--fail-on", "never"], project), "migreview")
    printed = _json(
        run_migreview(["plan", case.app_label, "--format", "json", "--write", str(write_dir)], project),
        "migreview plan",
    )
    plans: dict[str, dict[str, Any]] = printed.get("plans", {})
    findings = [finding for finding in report["findings"] if finding["rule_id"] == case.rule]
    if not findings:
        rules = sorted({finding["rule_id"] for finding in report["findings"]})
        raise ProofError(f"{case.id}: migreview reports no {case.rule} finding (it reports {rules})")
    plan_ids = {finding["plan_id"] for finding in findings}
    if len(plan_ids) != 1 or None in plan_ids:
        raise ProofError(
            f"{case.id}: expected the {case.rule} finding to reference one plan, got {sorted(map(str, plan_ids))} "
            f"(plans printed: {[(key, plan['rule_id']) for key, plan in plans.items()]})"
        )
    plan_id = str(plan_ids.pop())
    if plan_id not in plans:
        raise ProofError(f"{case.id}: the finding references {plan_id}, which `migreview plan` does not print")
    plan = plans[plan_id]
    if plan != report["plans"].get(plan_id):
        raise ProofError(f"{case.id}: `migreview plan` and the JSON report disagree about {plan_id}")
    files = tuple(
        GeneratedFile(
            step["migration"]["app_label"],
            step["migration"]["name"],
            step["migration"]["filename"],
            step["migration"]["source"],
        )
        for step in plan["steps"]
        if step["migration"] is not None
    )
    folder = write_dir / f"{plan_id}_{plan['rule_id']}"
    written = (
        {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in folder.rglob("*.py")}
        if folder.is_dir()
        else {}
    )
    return PlanOutput(plan_id, plan, files, written)


def _dependency(app_label: str, name: str) -> re.Pattern[str]:
    return re.compile(rf"""\(\s*["']{re.escape(app_label)}["']\s*,\s*["']{re.escape(name)}["']\s*\)""")


def plan_migration_files(case: Case, plan: PlanOutput) -> dict[str, str]:
    """The case's migrations with the replaced file swapped for the plan's files, and the migrations that
    depended on the replaced one pointed at the plan's last migration, as the plan tells the user to.

    The plan must name exactly those later migrations: one it forgets would leave two leaf nodes."""
    originals = case.migration_files()
    if plan.replaces not in originals:
        raise ProofError(f"{case.id}: the plan replaces {plan.replaces!r}, which is not one of the case's files")
    replaced = Path(plan.replaces).stem
    depends_on_replaced = _dependency(case.app_label, replaced)
    dependents = {
        f"{case.app_label}.{Path(path).stem}"
        for path, source in originals.items()
        if path != plan.replaces and depends_on_replaced.search(source)
    }
    if dependents != set(plan.data["later_migrations"]):
        raise ProofError(
            f"{case.id}: the plan's later_migrations are {sorted(plan.data['later_migrations'])}, but "
            f"{sorted(dependents)} depend on {replaced}"
        )
    last = plan.files[-1].name if plan.files else replaced
    files = {path: source for path, source in originals.items() if path != plan.replaces}
    for dependent in dependents:
        path = f"{case.app_label}/migrations/{dependent.split('.', 1)[1]}.py"
        files[path] = depends_on_replaced.sub(f'("{case.app_label}", "{last}")', files[path])
    for generated in plan.files:
        files[generated.path] = generated.source
    return files


def compile_errors(files: tuple[GeneratedFile, ...]) -> list[str]:
    errors = []
    for generated in files:
        try:
            ast.parse(generated.source, filename=generated.path)
            compile(generated.source, generated.path, "exec")
        except SyntaxError as error:
            errors.append(f"{generated.path}:{error.lineno}: {error.msg}")
    return errors


@dataclass(frozen=True)
class SelfReview:
    errors: list[str]
    """Error findings (or why the CLI did not exit 0): the plan is not proven."""
    warnings: list[str]
    """Warning findings: shown, not failing (the plan's bar is no error)."""


def _describe(item: dict[str, Any]) -> str:
    return (
        f"{item.get('path', '?')}:{item.get('start_line', '?')} "
        f"{item.get('rule_id', '?')} ({item.get('severity', '?')}): {item.get('message', '')}"
    )


def self_review(case: Case, project: Path) -> SelfReview:
    """The plan project reviewed by migreview: ``--fail-on error`` must exit 0."""
    result = run_migreview([case.app_label, "--fail-on", "error", "--format", "json"], project)
    try:
        findings: list[dict[str, Any]] = json.loads(result.stdout).get("findings", [])
    except json.JSONDecodeError:
        findings = []
    errors = [_describe(item) for item in findings if item.get("severity") == "error"]
    warnings = [_describe(item) for item in findings if item.get("severity") == "warning"]
    if result.returncode != 0 and not errors:
        errors = [f"migreview exited {result.returncode}:\n{result.stdout}\n{result.stderr}"]
    return SelfReview(errors, warnings)
