"""Benchmark: migreview over the migrations that popular Django packages ship in their wheels.

Each pinned wheel is downloaded once (``pip download --no-deps --only-binary=:all:``) into a cache folder
outside the repository, unpacked with ``zipfile``, and reviewed in-process through the public API: one
``review_paths`` run per package over its whole tree, so the package's full history is replayed. Django's
own contrib migrations (from the installed ``django``) and the wheels a package's migrations depend on
(e.g. wagtail -> django-taggit) are added as history only; ``only_paths`` restricts the report to the
package's own files. Printed per package: files, operations, crashes (exceptions), parse errors
(``syntax-error``), ``unknown-operation`` / ``unreadable-code`` / ``internal-error`` counts, findings per
rule, and time.

Several packages use an app label other than the app's folder name (wagtail's ``wagtail/images`` is
``wagtailimages``). Each migrations folder is laid out (symlinks) as ``<label>/migrations/``, the label read
from the ``label = "..."`` of the app's ``apps.py``, so the benchmark does not depend on the engine reading
labels; ``--no-relabel`` reviews the wheel tree as is, which checks that the engine does (it does since
8e46973; before, wagtail's own dependencies did not resolve).
Test and sample apps shipped in wheels (``tests/``, ``test/``, ``testapp/``, ``sample_*``) are skipped.

    python benchmarks/realworld.py                      # all packages, summary table + findings per rule
    python benchmarks/realworld.py --package wagtail    # one package
    python benchmarks/realworld.py --findings error     # also list every finding at or above a severity
    python benchmarks/realworld.py --sample 50 --seed 7 # print a seeded random sample of error findings
    python benchmarks/realworld.py --json out.json      # every finding, for review
    python benchmarks/realworld.py --with-sql           # also render each finding's SQL offline: counts
                                                        # findings with SQL, without it, and render failures
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import subprocess
import sys
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import django

from reviewer import Finding, ReviewOptions, Severity, review_paths

DEFAULT_CACHE = os.path.join(os.path.expanduser("~"), ".cache", "migreview-realworld")
DJANGO_CONTRIB = os.path.join(os.path.dirname(django.__file__), "contrib")
SKIPPED_PARTS = frozenset({"test", "tests", "testapp", "testproject", "example", "examples"})
COUNTED_RULES = ("syntax-error", "unknown-operation", "unreadable-code", "internal-error")


@dataclass(frozen=True)
class Package:
    name: str
    """The distribution name on PyPI."""
    version: str
    history: tuple[str, ...] = ()
    """Other packages (by ``name``) whose migrations this one depends on: replayed, never reported."""


PACKAGES: tuple[Package, ...] = (
    Package("django-taggit", "6.1.0"),
    Package("wagtail", "6.3.2", history=("django-taggit",)),
    Package("django-oscar", "3.2.5"),
    Package("dj-stripe", "2.9.0"),
    Package("django-cms", "4.1.4"),
    Package("django-allauth", "65.13.0"),
    Package("django-celery-beat", "2.7.0"),
    Package("django-filer", "3.3.1"),
    Package("django-reversion", "5.1.0"),
    Package("django-guardian", "2.4.0"),
    Package("django-axes", "7.0.1"),
    Package("django-otp", "1.5.4"),
    Package("django-oauth-toolkit", "3.0.1"),
)


@dataclass
class PackageResult:
    package: Package
    files: int = 0
    operations: int = 0
    crashes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    sources: dict[str, str] = field(default_factory=dict)
    """Reviewed path (in the layout) -> path inside the unpacked wheel, for reading findings."""

    def count(self, rule_id: str) -> int:
        return sum(1 for finding in self.findings if finding.rule_id == rule_id)


def wheel_folder(cache: str, package: Package) -> str:
    """Download (once) and unpack (once) the pinned wheel; return the unpacked folder."""
    target = os.path.join(cache, "unpacked", f"{package.name}-{package.version}")
    if os.path.isdir(target):
        return target
    wheels = os.path.join(cache, "wheels")
    os.makedirs(wheels, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            f"{package.name}=={package.version}",
            "-d",
            wheels,
        ],
        check=True,
    )
    stem = package.name.replace("-", "_").lower()
    matches = [
        name
        for name in os.listdir(wheels)
        if name.lower().startswith(f"{stem}-{package.version}-") and name.endswith(".whl")
    ]
    if not matches:
        raise RuntimeError(f"no wheel for {package.name}=={package.version} in {wheels}")
    with zipfile.ZipFile(os.path.join(wheels, matches[0])) as archive:
        archive.extractall(target + ".partial")
    os.replace(target + ".partial", target)
    return target


def migration_folders(root: str) -> Iterator[str]:
    """Every ``migrations`` folder holding migration files, skipping test and sample apps."""
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        relative = Path(os.path.relpath(folder, root)).parts
        if any(part in SKIPPED_PARTS or part.startswith("sample_") for part in relative):
            subfolders.clear()
            continue
        if relative and relative[-1] == "migrations" and any(_is_migration(name) for name in files):
            yield folder


def _is_migration(name: str) -> bool:
    return name.endswith(".py") and name != "__init__.py"


def app_label(migrations_folder: str) -> str:
    """The ``label`` an AppConfig in the app's ``apps.py`` declares, else the folder name (Django's default)."""
    app_folder = os.path.dirname(migrations_folder)
    apps_file = os.path.join(app_folder, "apps.py")
    if os.path.isfile(apps_file):
        with open(apps_file, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if (
                        isinstance(statement, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "label" for t in statement.targets)
                        and isinstance(statement.value, ast.Constant)
                        and isinstance(statement.value.value, str)
                    ):
                        return statement.value.value
    return os.path.basename(app_folder)


def lay_out(cache: str, package: Package, root: str, relabel: bool) -> dict[str, str]:
    """Symlink every migration file as ``<layout>/<label>/migrations/<file>``; layout path -> wheel path."""
    layout = os.path.join(cache, "layout" if relabel else "as-is", f"{package.name}-{package.version}")
    mapping: dict[str, str] = {}
    for folder in migration_folders(root):
        if relabel:
            label = app_label(folder)
            destination = os.path.join(layout, label, "migrations")
        else:
            destination = os.path.join(layout, os.path.relpath(folder, root))
        os.makedirs(destination, exist_ok=True)
        for name in sorted(os.listdir(folder)):
            if not _is_migration(name):
                continue
            link = os.path.join(destination, name)
            source = os.path.join(folder, name)
            if os.path.lexists(link) and os.path.realpath(link) != os.path.realpath(source):
                raise RuntimeError(
                    f"{package.name}: two apps labelled {os.path.basename(os.path.dirname(destination))}"
                )
            if not os.path.lexists(link):
                os.symlink(source, link)
            mapping[os.path.normpath(link)] = os.path.relpath(source, root)
    return mapping


def review_package(cache: str, package: Package, relabel: bool, options: ReviewOptions) -> PackageResult:
    result = PackageResult(package)
    by_name = {candidate.name: candidate for candidate in PACKAGES}
    try:
        mapping = lay_out(cache, package, wheel_folder(cache, package), relabel)
        history = [DJANGO_CONTRIB]
        for other in package.history:
            other_mapping = lay_out(cache, by_name[other], wheel_folder(cache, by_name[other]), relabel)
            history.extend(sorted({os.path.dirname(os.path.dirname(path)) for path in other_mapping}))
        roots = sorted({os.path.dirname(os.path.dirname(path)) for path in mapping})
        start = time.perf_counter()
        reviewed = review_paths([*history, *roots], replace(options, only_paths=frozenset(mapping)))
        result.seconds = time.perf_counter() - start
    except Exception:  # the benchmark reports crashes, it does not stop on them
        result.crashes.append(traceback.format_exc())
        return result
    result.files = len(reviewed.files_reviewed)
    result.operations = reviewed.operations_reviewed
    result.findings = list(reviewed.findings)
    result.notes = reviewed.notes
    result.sources = mapping
    return result


def print_table(results: Sequence[PackageResult]) -> None:
    header: tuple[str, ...] = (
        "package",
        "files",
        "ops",
        "crash",
        "syntax",
        "unknown-op",
        "unreadable",
        "internal",
        "err",
        "warn",
        "info",
        "time s",
    )
    rows: list[tuple[str, ...]] = [header]
    for item in results:
        rows.append(
            (
                f"{item.package.name}=={item.package.version}",
                str(item.files),
                str(item.operations),
                str(len(item.crashes)),
                *(str(item.count(rule)) for rule in COUNTED_RULES),
                *(
                    str(sum(1 for f in item.findings if f.severity == s))
                    for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                ),
                f"{item.seconds:.2f}",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    for row in rows:
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |")
        if row is header:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


def print_sql_coverage(results: Sequence[PackageResult]) -> None:
    """How many findings on Django operations got their SQL, and why the others did not."""
    wanting = [
        finding
        for item in results
        for finding in item.findings
        if finding.operation_index and finding.operation not in ("RunSQL", "RunPython")
    ]
    with_sql = sum(1 for finding in wanting if finding.sql)
    reasons = Counter(
        detail
        for finding in wanting
        if not finding.sql
        for detail in finding.details
        if detail.startswith(("SQL not", "Django runs no SQL"))
    )
    failed = [note for item in results for note in item.notes if note.startswith("SQL not shown")]
    print()
    print(f"SQL attached to {with_sql} of {len(wanting)} findings on Django operations; render failures: {len(failed)}")
    for reason, number in reasons.most_common(10):
        print(f"  {number:4}  {reason}")
    for note in failed:
        print(f"  {note}")


def wheel_path(item: PackageResult, finding: Finding) -> str:
    return f"{item.package.name}: {item.sources.get(finding.location.path, finding.location.path)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", default=os.environ.get("MIGREVIEW_REALWORLD_CACHE", DEFAULT_CACHE))
    parser.add_argument("--package", action="append", help="only these packages (repeatable)")
    parser.add_argument("--no-relabel", action="store_true", help="review the wheel tree as is (folder = label)")
    parser.add_argument("--findings", choices=("error", "warning", "info"), help="list findings at or above")
    parser.add_argument("--sample", type=int, default=0, help="print N error findings chosen at random")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", help="write every finding to this file")
    parser.add_argument("--with-sql", action="store_true", help="render each finding's SQL (ReviewOptions.with_sql)")
    args = parser.parse_args(argv)

    packages = [p for p in PACKAGES if not args.package or p.name in args.package]
    results: list[PackageResult] = []
    for package in packages:
        results.append(review_package(args.cache, package, not args.no_relabel, ReviewOptions(with_sql=args.with_sql)))

    print(
        f"migreview real-world benchmark: {len(results)} packages, cache {args.cache}, "
        f"Django contrib from {DJANGO_CONTRIB} (history only)\n"
    )
    print_table(results)
    total = Counter[str]()
    for item in results:
        total.update(finding.rule_id for finding in item.findings)
    print("\nfindings per rule (all packages):")
    for rule_id, number in sorted(total.items(), key=lambda pair: (-pair[1], pair[0])):
        per_package = ", ".join(f"{item.package.name} {item.count(rule_id)}" for item in results if item.count(rule_id))
        print(f"  {rule_id:35} {number:5}   ({per_package})")
    crashes = sum(len(item.crashes) for item in results)
    internal = sum(item.count("internal-error") for item in results)
    print(
        f"\ncrashes: {crashes}   internal-error findings: {internal}   "
        f"files: {sum(i.files for i in results)}   operations: {sum(i.operations for i in results)}   "
        f"time: {sum(i.seconds for i in results):.2f} s"
    )
    if args.with_sql:
        print_sql_coverage(results)
    for item in results:
        for crash in item.crashes:
            print(f"\nCRASH in {item.package.name}:\n{crash}")
        for finding in item.findings:
            if finding.rule_id == "internal-error":
                print(f"\nINTERNAL ERROR {wheel_path(item, finding)}:{finding.location.start_line} {finding.message}")
    if args.findings:
        threshold = Severity.parse(args.findings)
        print()
        for item in results:
            for finding in item.findings:
                if finding.severity >= threshold:
                    print(
                        f"{wheel_path(item, finding)}:{finding.location.start_line} [{finding.rule_id}] "
                        f"{finding.message}"
                    )
    if args.sample:
        errors = [
            (item, finding) for item in results for finding in item.findings if finding.severity == Severity.ERROR
        ]
        picked = random.Random(args.seed).sample(errors, min(args.sample, len(errors)))
        print(f"\nrandom sample of {len(picked)} error findings (seed {args.seed}, of {len(errors)}):")
        for number, (item, finding) in enumerate(picked, 1):
            print(
                f"{number:3}. {wheel_path(item, finding)}:{finding.location.start_line} [{finding.rule_id}] "
                f"{finding.message}"
            )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(
                [
                    {
                        "package": item.package.name,
                        "path": item.sources.get(f.location.path, f.location.path),
                        "layout_path": f.location.path,
                        "line": f.location.start_line,
                        "rule": f.rule_id,
                        "severity": f.severity.label,
                        "message": f.message,
                        "operation": f.operation,
                        "table": f.table,
                        "column": f.column,
                    }
                    for item in results
                    for f in item.findings
                ],
                handle,
                indent=1,
            )
    return 1 if crashes or internal else 0


if __name__ == "__main__":
    sys.exit(main())
