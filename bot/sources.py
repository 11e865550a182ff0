"""The repository content a review needs at the head commit: every migration file and the config.

Files are read through the git trees and blobs API and never executed. Blobs are immutable and named by
their sha, so they are cached on disk: a push that changes one migration re-downloads one file.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.github.repo import RepoApi, TreeEntry

CONFIG_FILES = (".migreview.toml", "pyproject.toml")
MAX_FILE_BYTES = 1024 * 1024
FETCH_CONCURRENCY = 8
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


def is_migration_path(path: str) -> bool:
    """Any ``*.py`` below a folder named ``migrations``, except package markers."""
    parts = PurePosixPath(path).parts
    return len(parts) >= 2 and parts[-1].endswith(".py") and parts[-1] != "__init__.py" and "migrations" in parts[:-1]


@dataclass(frozen=True)
class ConfigFile:
    name: str
    text: str


@dataclass(frozen=True)
class Snapshot:
    migrations: dict[str, str]
    config: ConfigFile | None
    notes: tuple[str, ...]


class BlobCache:
    """Blob contents by sha in ``directory``; a miss or an unreadable entry just means fetching again."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def get(self, sha: str) -> bytes | None:
        if not _SHA.match(sha):
            return None
        try:
            return (self._directory / sha[:2] / sha).read_bytes()
        except OSError:
            return None

    def put(self, sha: str, content: bytes) -> None:
        if not _SHA.match(sha):
            return
        folder = self._directory / sha[:2]
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{sha}.tmp"
        temporary.write_bytes(content)
        temporary.replace(folder / sha)  # atomic: a reader never sees half a file


async def fetch_snapshot(api: RepoApi, head_sha: str, cache: BlobCache) -> Snapshot:
    entries, truncated = await api.tree(head_sha)
    notes: list[str] = []
    if truncated:
        notes.append("The repository tree is too large for one listing; some migrations may not have been read.")
    wanted: list[TreeEntry] = []
    for entry in entries:
        if not is_migration_path(entry.path):
            continue
        if entry.size > MAX_FILE_BYTES:
            notes.append(f"`{entry.path}` is larger than {MAX_FILE_BYTES // 1024} KiB and was not read.")
            continue
        wanted.append(entry)
    by_path = {entry.path: entry for entry in entries}
    config_entry = next((by_path[name] for name in CONFIG_FILES if name in by_path), None)

    limit = asyncio.Semaphore(FETCH_CONCURRENCY)

    async def read(entry: TreeEntry) -> str:
        cached = cache.get(entry.sha)
        if cached is None:
            async with limit:
                cached = await api.blob(entry.sha)
            cache.put(entry.sha, cached)
        return cached.decode("utf-8", errors="replace")

    texts = await asyncio.gather(*(read(entry) for entry in wanted))
    config = None
    if config_entry is not None:
        text = await read(config_entry)
        # A pyproject.toml without our table is someone else's file, not a migreview config.
        if config_entry.path != "pyproject.toml" or "[tool.migreview" in text:
            config = ConfigFile(config_entry.path, text)
    return Snapshot(dict(zip((entry.path for entry in wanted), texts, strict=True)), config, tuple(notes))
