"""Fixtures for the bot's tests: an App key, the GitHub stand-in on real uvicorn, settings pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.settings import RetrySettings, Settings
from tests.bot.github_standin import GitHubStandIn, ServerThread
from tests.bot.helpers import APP_ID, SECRET


@pytest.fixture(scope="session")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def private_pem(private_key: rsa.RSAPrivateKey) -> str:
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def standin(private_key: rsa.RSAPrivateKey) -> Iterator[GitHubStandIn]:
    github = GitHubStandIn(private_key.public_key(), APP_ID)
    with ServerThread(github.app) as server:
        github.url = server.url  # type: ignore[attr-defined]
        yield github
    # Every answer the bot was tested against must have GitHub's documented shape.
    assert github.schema_violations == [], sorted(set(github.schema_violations))


@pytest.fixture
def settings(standin: GitHubStandIn, private_pem: str, tmp_path: Path) -> Settings:
    """Settings for a bot talking to the stand-in, with retry delays shrunk to keep the suite fast."""
    return Settings(
        app_id=APP_ID,
        private_key_pem=private_pem,
        webhook_secret=SECRET.encode(),
        github_api_url=standin.url,  # type: ignore[attr-defined]
        data_dir=tmp_path / "data",
        workers=2,
        job_attempts=5,
        job_retry_delay=0.05,
        job_lease_seconds=1.5,
        retry=RetrySettings(attempts=4, base_delay=0.01, max_delay=0.1, max_rate_limit_wait=5, read_timeout=2.0),
    )
