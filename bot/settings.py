"""The bot's configuration, read once from environment variables and checked before start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

PUBLIC_API_URL = "https://api.github.com"


class SettingsError(ValueError):
    """A setting is missing or invalid; the message names the environment variable."""


@dataclass(frozen=True)
class RetrySettings:
    """How hard the GitHub client tries before giving up on one request."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_rate_limit_wait: float = 900.0
    """Longest the client sleeps for a rate limit inside a job; longer waits reschedule the job."""
    connect_timeout: float = 5.0
    read_timeout: float = 30.0


@dataclass(frozen=True)
class Settings:
    app_id: str
    private_key_pem: str
    webhook_secret: bytes
    github_api_url: str = PUBLIC_API_URL
    data_dir: Path = Path("/var/lib/migreview")
    queue_url: str = ""
    """Empty or ``sqlite://`` for the embedded SQLite queue; ``redis://...`` for the arq queue."""
    queue_name: str = "migreview:queue"
    review_drafts: bool = False
    max_body_bytes: int = 25 * 1024 * 1024
    workers: int = 4
    """Jobs run concurrently by this process."""
    job_attempts: int = 6
    job_retry_delay: float = 5.0
    job_lease_seconds: float = 60.0
    job_timeout: float = 300.0
    queue_fsync: bool = False
    """SQLite queue: fsync every commit (survives power loss) instead of relying on the WAL (survives crashes)."""
    """Longest one job attempt may run (arq cancels it; a crashed arq job is run again 10 s after this)."""
    run_worker: bool = True
    """Run the job worker inside the web process (set false when workers run elsewhere)."""
    retry: RetrySettings = RetrySettings()

    @property
    def uses_redis(self) -> bool:
        return self.queue_url.startswith(("redis://", "rediss://", "unix://"))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        reader = _Reader(env)
        app_id = reader.required("MIGREVIEW_APP_ID")
        private_key = _private_key(reader)
        secret = reader.required("MIGREVIEW_WEBHOOK_SECRET")
        api_url = reader.get("MIGREVIEW_GITHUB_API_URL", PUBLIC_API_URL).rstrip("/")
        if not api_url.startswith(("https://", "http://")):
            raise SettingsError(f"MIGREVIEW_GITHUB_API_URL must be an http(s) URL, got {api_url!r}")
        queue_url = reader.get("MIGREVIEW_QUEUE_URL", "")
        if queue_url and not queue_url.startswith(("redis://", "rediss://", "unix://", "sqlite://")):
            raise SettingsError(f"MIGREVIEW_QUEUE_URL must be empty or a redis:// or unix:// URL, got {queue_url!r}")
        return cls(
            app_id=app_id,
            private_key_pem=private_key,
            webhook_secret=secret.encode(),
            github_api_url=api_url,
            data_dir=Path(reader.get("MIGREVIEW_DATA_DIR", "/var/lib/migreview")),
            queue_url=queue_url,
            queue_name=reader.get("MIGREVIEW_QUEUE_NAME", "migreview:queue"),
            review_drafts=reader.boolean("MIGREVIEW_REVIEW_DRAFTS", False),
            max_body_bytes=reader.integer("MIGREVIEW_MAX_BODY_BYTES", 25 * 1024 * 1024),
            workers=reader.integer("MIGREVIEW_WORKERS", 4),
            job_attempts=reader.integer("MIGREVIEW_JOB_ATTEMPTS", 6),
            job_retry_delay=reader.number("MIGREVIEW_JOB_RETRY_DELAY", 5.0),
            job_lease_seconds=reader.number("MIGREVIEW_JOB_LEASE_SECONDS", 60.0),
            job_timeout=reader.number("MIGREVIEW_JOB_TIMEOUT", 300.0),
            queue_fsync=reader.boolean("MIGREVIEW_QUEUE_FSYNC", False),
            run_worker=reader.boolean("MIGREVIEW_RUN_WORKER", True),
            retry=RetrySettings(
                attempts=reader.integer("MIGREVIEW_HTTP_ATTEMPTS", 5),
                base_delay=reader.number("MIGREVIEW_HTTP_RETRY_DELAY", 0.5),
                max_delay=reader.number("MIGREVIEW_HTTP_MAX_RETRY_DELAY", 30.0),
                max_rate_limit_wait=reader.number("MIGREVIEW_MAX_RATE_LIMIT_WAIT", 900.0),
                connect_timeout=reader.number("MIGREVIEW_HTTP_CONNECT_TIMEOUT", 5.0),
                read_timeout=reader.number("MIGREVIEW_HTTP_READ_TIMEOUT", 30.0),
            ),
        )

    def load_private_key(self) -> RSAPrivateKey:
        return parse_private_key(self.private_key_pem)


def parse_private_key(pem: str) -> RSAPrivateKey:
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as error:
        raise SettingsError(f"MIGREVIEW_PRIVATE_KEY is not a PEM private key: {error}") from None
    if not isinstance(key, RSAPrivateKey):
        raise SettingsError("MIGREVIEW_PRIVATE_KEY must be an RSA key (GitHub App keys are RSA)")
    return key


def _private_key(reader: _Reader) -> str:
    inline = reader.get("MIGREVIEW_PRIVATE_KEY", "")
    path = reader.get("MIGREVIEW_PRIVATE_KEY_PATH", "")
    if inline and path:
        raise SettingsError("set only one of MIGREVIEW_PRIVATE_KEY and MIGREVIEW_PRIVATE_KEY_PATH")
    if path:
        try:
            inline = Path(path).read_text()
        except OSError as error:
            raise SettingsError(f"MIGREVIEW_PRIVATE_KEY_PATH cannot be read: {error}") from None
    if not inline:
        raise SettingsError("MIGREVIEW_PRIVATE_KEY or MIGREVIEW_PRIVATE_KEY_PATH must be set")
    # Platforms that cannot hold newlines in a variable pass the PEM with literal "\n".
    inline = inline.replace("\\n", "\n")
    parse_private_key(inline)
    return inline


class _Reader:
    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = env

    def get(self, name: str, default: str) -> str:
        return self._env.get(name, "").strip() or default

    def required(self, name: str) -> str:
        value = self._env.get(name, "").strip()
        if not value:
            raise SettingsError(f"{name} must be set")
        return value

    def integer(self, name: str, default: int) -> int:
        text = self.get(name, str(default))
        try:
            value = int(text)
        except ValueError:
            raise SettingsError(f"{name} must be an integer, got {text!r}") from None
        if value < 1:
            raise SettingsError(f"{name} must be at least 1, got {value}")
        return value

    def number(self, name: str, default: float) -> float:
        text = self.get(name, str(default))
        try:
            value = float(text)
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {text!r}") from None
        if value < 0:
            raise SettingsError(f"{name} must not be negative, got {value}")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        text = self.get(name, "true" if default else "false").lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name} must be true or false, got {text!r}")
