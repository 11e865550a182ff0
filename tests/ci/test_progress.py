"""Progress goes to stderr only when it is a terminal, and never changes the report."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.ci.project import RENAME, UNSAFE, write
from tests.cli.test_cli import run
from tests.engine.builder import initial


def test_progress_on_a_terminal_only(tmp_path: Path) -> None:
    write(tmp_path, initial(), UNSAFE, RENAME)
    quiet = run("shop", "--format", "json", cwd=tmp_path)
    assert quiet.stderr == ""

    controller, terminal = pty.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "reviewer.cli", "shop", "--format", "json"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=60,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO once the terminal side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(controller)
    progress = b"".join(chunks).decode()
    assert "\r\033[Kmigreview: parsed 3/3 migration files" in progress
    assert "\r\033[Kmigreview: replaying 3 migrations" in progress
    assert progress.endswith("\r\033[K")  # the line is cleared before the report
    assert completed.stdout == quiet.stdout and completed.returncode == quiet.returncode == 1
