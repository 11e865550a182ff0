"""Benchmark: review a generated single-app history of 250/500/1000 migrations.

Every measurement runs in a fresh process. The floor is reading and ``ast.parse`` of the same files in a
fresh process; the review is ``migreview DIR`` (text output, as a person runs it), and again with
``--format json``, which also builds and prints every finding's zero-downtime plan, and again with
``--with-sql``, which also renders offline the SQL of every migration that has a finding (Django's schema
editor; importing Django is part of it). Printed: times, their ratios, peak RSS, and the time to review one
changed migration on top of the whole history (diff mode: the history is still replayed, only that file is
judged): in-process after start-up ("one changed"), and as pre-commit runs it, a whole ``migreview
--history-root DIR FILE`` process, without and with ``--with-sql``.

    python benchmarks/history.py            # 250, 500, 1000 migrations, best of 3 runs each
    python benchmarks/history.py --sizes 1000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import ast, os, sys
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as handle:
                ast.parse(handle.read())
"""

ONE_CHANGED = """
import sys, time
from dataclasses import replace
from reviewer import ReviewOptions, review_paths
start = time.perf_counter()
result = review_paths([sys.argv[1]], replace(ReviewOptions(), only_paths=frozenset([sys.argv[2]])))
print(time.perf_counter() - start, len(result.findings))
"""

HEADER = "from django.db import migrations, models\nimport django.db.models.deletion\n\n\n"


def operations_for(number: int) -> list[str]:
    """A realistic mix: new models, fields, alters, indexes, data migrations, renames, constraints."""
    model = f"item{number // 10}"
    kind = number % 10
    if kind == 0:
        return [
            f'migrations.CreateModel(\n            name="Item{number // 10}",\n            fields=[\n'
            '                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, '
            'verbose_name="ID")),\n'
            '                ("name", models.CharField(max_length=100)),\n'
            '                ("created", models.DateTimeField(auto_now_add=True)),\n'
            "            ],\n"
            '            options={"ordering": ["name"]},\n        )'
        ]
    if kind == 1:
        return [
            f'migrations.AddField(\n            model_name="{model}",\n            name="note",\n'
            "            field=models.TextField(blank=True, null=True),\n        )"
        ]
    if kind == 2:
        return [
            f'migrations.AlterField(\n            model_name="{model}",\n            name="name",\n'
            "            field=models.CharField(max_length=200),\n        )"
        ]
    if kind == 3:
        return [
            f'migrations.AddIndex(\n            model_name="{model}",\n'
            f'            index=models.Index(fields=["name"], name="{model}_name_idx"),\n        )'
        ]
    if kind == 4:
        return ["migrations.RunPython(forwards, migrations.RunPython.noop)"]
    if kind == 5:
        return [
            f'migrations.AddField(\n            model_name="{model}",\n            name="price",\n'
            "            field=models.DecimalField(decimal_places=2, default=0, max_digits=10),\n"
            "            preserve_default=False,\n        )"
        ]
    if kind == 6:
        return [
            f'migrations.RenameField(\n            model_name="{model}",\n            old_name="note",\n'
            '            new_name="remark",\n        )'
        ]
    if kind == 7:
        return [
            f'migrations.AddConstraint(\n            model_name="{model}",\n'
            f'            constraint=models.CheckConstraint(check=models.Q(("price__gte", 0)), '
            f'name="{model}_price_gte_0"),\n        )'
        ]
    if kind == 8:
        previous = f"item{max(number // 10 - 1, 0)}"
        return [
            f'migrations.AddField(\n            model_name="{model}",\n            name="parent",\n'
            "            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, "
            f'to="bench.{previous}"),\n        )'
        ]
    return [
        f'migrations.RemoveIndex(\n            model_name="{model}",\n            name="{model}_name_idx",\n        )',
        f'migrations.AlterModelOptions(\n            name="{model}",\n'
        '            options={"ordering": ["-created"]},\n        )',
    ]


def generate(root: Path, count: int) -> Path:
    folder = root / f"history_{count}" / "bench" / "migrations"
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    previous = None
    for number in range(count):
        name = f"{number + 1:04d}_step"
        dependencies = f'[("bench", "{previous}")]' if previous else "[]"
        body = ",\n        ".join(operations_for(number))
        text = (
            f"{HEADER}def forwards(apps, schema_editor):\n    pass\n\n\n"
            f"class Migration(migrations.Migration):\n    dependencies = {dependencies}\n\n"
            f"    operations = [\n        {body},\n    ]\n"
        )
        (folder / f"{name}.py").write_text(text)
        previous = name
    return folder.parent.parent


def measure(arguments: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one fresh child process."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{arguments} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def best(arguments: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(arguments) for _ in range(repeat)]
    return min(run[0] for run in runs), max(run[1] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'migrations':>10} {'floor s':>8} {'review s':>9} {'ratio':>6} {'json+plans s':>13} {'ratio':>6} "
        f"{'with-sql s':>10} {'ratio':>6} {'review RSS MB':>14} {'floor RSS MB':>13} {'one changed s':>14} "
        f"{'one CLI s':>10} {'one CLI with-sql s':>19}"
    )
    with tempfile.TemporaryDirectory(prefix="migreview-bench-") as scratch:
        for size in args.sizes:
            project = generate(Path(scratch), size)
            floor, floor_rss = best([sys.executable, "-c", FLOOR, str(project)], args.repeat)
            review, review_rss = best([sys.executable, "-m", "reviewer.cli", str(project)], args.repeat)
            with_plans, plans_rss = best(
                [sys.executable, "-m", "reviewer.cli", str(project), "--format", "json"], args.repeat
            )
            with_sql, sql_rss = best([sys.executable, "-m", "reviewer.cli", str(project), "--with-sql"], args.repeat)
            last = sorted((project / "bench" / "migrations").glob("0*.py"))[-1]
            pre_commit = [sys.executable, "-m", "reviewer.cli", "--history-root", str(project), str(last)]
            one_cli, _ = best(pre_commit, args.repeat)
            one_cli_sql, _ = best([*pre_commit, "--with-sql"], args.repeat)
            one = min(
                float(
                    subprocess.run(
                        [sys.executable, "-c", ONE_CHANGED, str(project), str(last)],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout.split()[0]
                )
                for _ in range(args.repeat)
            )
            print(
                f"{size:>10} {floor:>8.3f} {review:>9.3f} {review / floor:>6.2f} {with_plans:>13.3f} "
                f"{with_plans / floor:>6.2f} {with_sql:>10.3f} {with_sql / floor:>6.2f} "
                f"{max(review_rss, plans_rss, sql_rss):>14.1f} {floor_rss:>13.1f} {one:>14.3f} {one_cli:>10.3f} "
                f"{one_cli_sql:>19.3f}"
            )


if __name__ == "__main__":
    main()
