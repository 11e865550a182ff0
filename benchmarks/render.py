"""Benchmark: render the SQL of every operation of the generated 1000-migration history, offline.

Uses the generator of ``benchmarks/history.py``. Every measurement runs in a fresh process; the floor
is the same reading and ``ast.parse`` of the files. Rendering is ``render_sql_for_paths`` (Django's
schema editor per operation, no database), including the split of each statement and its lock-model
annotation; the figure includes importing Django. Wall and CPU time (user + system) are both printed:
on a loaded machine the CPU ratio is the stable one. Also printed: rendering only the last migration on
top of the whole history (diff mode: the earlier ones update the state without rendering SQL).

    python benchmarks/render.py                  # 1000 migrations, PostgreSQL and MySQL, best of 3
    python benchmarks/render.py --sizes 250 1000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history import FLOOR, generate  # a script next to this one, not a package

RENDER = """
import sys
from dataclasses import replace
from reviewer import ReviewOptions
from reviewer.render import render_sql_for_paths
from reviewer.target import DatabaseTarget
only = frozenset(sys.argv[3:]) or None
options = replace(ReviewOptions(), target=DatabaseTarget.from_names(sys.argv[2]), only_paths=only)
outcome = render_sql_for_paths([sys.argv[1]], options)
assert outcome.available, outcome.notes
operations = [op for op in outcome.operations if op.writes_sql]
failed = [op for op in operations if not op.available]
assert not failed, failed[0]
print(len(operations), sum(len(op.statements) for op in operations))
"""


def measure(arguments: list[str]) -> tuple[float, float, float]:
    """Wall time (s), CPU time (user + system, s) and peak RSS (MB) of one fresh child process.

    CPU time is printed too because wall time on a shared, loaded machine mostly measures the load.
    """
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{arguments[:3]} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def best(arguments: list[str], repeat: int) -> tuple[float, float, float]:
    runs = [measure(arguments) for _ in range(repeat)]
    return min(run[0] for run in runs), min(run[1] for run in runs), max(run[2] for run in runs)


def counts(project: Path, backend: str) -> tuple[int, int]:
    out = subprocess.run(
        [sys.executable, "-c", RENDER, str(project), backend], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1])


def one_changed(project: Path, backend: str, repeat: int) -> tuple[float, float]:
    last = sorted((project / "bench" / "migrations").glob("0*.py"))[-1]
    wall, cpu, _ = best([sys.executable, "-c", RENDER, str(project), backend, str(last)], repeat)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["postgresql", "mysql"])
    args = parser.parse_args()
    print(
        f"{'migrations':>10} {'backend':>10} {'operations':>10} {'statements':>10} {'floor s':>8} {'render s':>9} "
        f"{'ratio':>6} {'floor cpu':>9} {'render cpu':>10} {'cpu ratio':>9} {'RSS MB':>7} {'last only s (cpu)':>18}"
    )
    with tempfile.TemporaryDirectory(prefix="migreview-render-bench-") as scratch:
        for size in args.sizes:
            project = generate(Path(scratch), size)
            floor, floor_cpu, _ = best([sys.executable, "-c", FLOOR, str(project)], args.repeat)
            for backend in args.backends:
                operations, statements = counts(project, backend)
                render, render_cpu, rss = best([sys.executable, "-c", RENDER, str(project), backend], args.repeat)
                last, last_cpu = one_changed(project, backend, args.repeat)
                print(
                    f"{size:>10} {backend:>10} {operations:>10} {statements:>10} {floor:>8.3f} {render:>9.3f} "
                    f"{render / floor:>6.2f} {floor_cpu:>9.3f} {render_cpu:>10.3f} {render_cpu / floor_cpu:>9.2f} "
                    f"{rss:>7.1f} {last:>9.3f} ({last_cpu:.3f})"
                )


if __name__ == "__main__":
    main()
