"""Diff mode: which files changed since the merge base with a git ref (renames and untracked files count)."""

from __future__ import annotations

import os
import subprocess


class GitError(RuntimeError):
    pass


def _git(arguments: list[str], cwd: str) -> str:
    try:
        completed = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if completed.returncode != 0:
        raise GitError(f"git {' '.join(arguments)}: {completed.stderr.strip() or 'failed'}")
    return completed.stdout


def changed_files(ref: str, cwd: str = ".") -> frozenset[str]:
    """Absolute real paths of files added, copied, modified or renamed since ``merge-base(ref, HEAD)``,
    including uncommitted and untracked ones."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    base = _git(["merge-base", ref, "HEAD"], cwd).strip()
    names = _git(["diff", "--name-only", "--diff-filter=ACMR", "-M", base, "--"], top).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"], top).splitlines()
    return frozenset(os.path.realpath(os.path.join(top, name)) for name in names if name)
