"""The database a review is judged for: backend and version."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Backend(enum.Enum):
    POSTGRESQL = "postgresql"
    MYSQL = "mysql"
    SQLITE = "sqlite"

    @property
    def display(self) -> str:
        return {"postgresql": "PostgreSQL", "mysql": "MySQL", "sqlite": "SQLite"}[self.value]


DEFAULT_VERSIONS: dict[Backend, tuple[int, ...]] = {
    Backend.POSTGRESQL: (16,),
    Backend.MYSQL: (8, 0, 36),
    Backend.SQLITE: (3, 45),
}

BACKEND_ALIASES = {
    "postgresql": Backend.POSTGRESQL,
    "postgres": Backend.POSTGRESQL,
    "pg": Backend.POSTGRESQL,
    "mysql": Backend.MYSQL,
    "mariadb": Backend.MYSQL,
    "sqlite": Backend.SQLITE,
    "sqlite3": Backend.SQLITE,
}


def parse_version(text: str) -> tuple[int, ...]:
    """``"16"`` -> ``(16,)``, ``"8.0.29"`` -> ``(8, 0, 29)``; raises ValueError with a clear message."""
    try:
        parts = tuple(int(part) for part in text.strip().split("."))
    except ValueError:
        raise ValueError(f"invalid database version {text!r} (expected digits and dots, e.g. 16 or 8.0.29)") from None
    if not parts or any(part < 0 for part in parts):
        raise ValueError(f"invalid database version {text!r}")
    return parts


@dataclass(frozen=True)
class DatabaseTarget:
    backend: Backend = Backend.POSTGRESQL
    version: tuple[int, ...] = DEFAULT_VERSIONS[Backend.POSTGRESQL]
    mariadb: bool = False

    @classmethod
    def from_names(cls, backend: str, version: str | None = None) -> DatabaseTarget:
        key = backend.strip().lower()
        if key not in BACKEND_ALIASES:
            raise ValueError(f"unknown database {backend!r} (expected postgresql, mysql, mariadb or sqlite)")
        chosen = BACKEND_ALIASES[key]
        parsed = parse_version(version) if version else DEFAULT_VERSIONS[chosen]
        if key == "mariadb" and not version:
            parsed = (10, 11)
        return cls(chosen, parsed, mariadb=key == "mariadb")

    def at_least(self, *version: int) -> bool:
        return self.version >= version

    @property
    def lock_model_version(self) -> tuple[int, ...]:
        """The version the lock model's rows are matched against.

        MariaDB shares the MySQL rows, but its version numbers are its own: its InnoDB added instant
        ADD COLUMN (last position) in 10.3.2, and instant ADD/DROP COLUMN anywhere in 10.4 (MariaDB
        knowledge base, "InnoDB Online DDL Operations with the INSTANT Alter Algorithm"), which is
        what MySQL's 8.0.12 and 8.0.29 thresholds mark. Earlier MariaDB is matched as MySQL 5.7.
        """
        if not self.mariadb:
            return self.version
        if self.version >= (10, 4):
            return (8, 0, 29)
        if self.version >= (10, 3, 2):
            return (8, 0, 12)
        return (5, 7)

    @property
    def display(self) -> str:
        name = "MariaDB" if self.mariadb else self.backend.display
        return f"{name} {'.'.join(str(part) for part in self.version)}"

    @property
    def is_postgresql(self) -> bool:
        return self.backend is Backend.POSTGRESQL
