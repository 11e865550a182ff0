"""Start-up configuration: every missing or invalid setting is named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def env(private_pem: str, **extra: str) -> dict[str, str]:
    return {
        "MIGREVIEW_APP_ID": "12345",
        "MIGREVIEW_PRIVATE_KEY": private_pem,
        "MIGREVIEW_WEBHOOK_SECRET": "s3cret",
        **extra,
    }


def test_defaults(private_pem: str) -> None:
    settings = Settings.from_env(env(private_pem))
    assert settings.github_api_url == "https://api.github.com"
    assert not settings.uses_redis and not settings.review_drafts


def test_enterprise_server_and_redis(private_pem: str, tmp_path: Path) -> None:
    key = tmp_path / "app.pem"
    key.write_text(private_pem)
    values = env("", MIGREVIEW_PRIVATE_KEY_PATH=str(key))
    values["MIGREVIEW_GITHUB_API_URL"] = "https://ghe.example.com/api/v3/"
    values["MIGREVIEW_QUEUE_URL"] = "redis://127.0.0.1:6379/0"
    settings = Settings.from_env(values)
    assert settings.github_api_url == "https://ghe.example.com/api/v3"
    assert settings.uses_redis
    assert settings.private_key_pem == private_pem


def test_escaped_newlines_in_an_inline_key(private_pem: str) -> None:
    settings = Settings.from_env(env(private_pem.replace("\n", "\\n")))
    settings.load_private_key()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"MIGREVIEW_APP_ID": ""}, "MIGREVIEW_APP_ID"),
        ({"MIGREVIEW_WEBHOOK_SECRET": ""}, "MIGREVIEW_WEBHOOK_SECRET"),
        ({"MIGREVIEW_PRIVATE_KEY": ""}, "MIGREVIEW_PRIVATE_KEY"),
        ({"MIGREVIEW_PRIVATE_KEY": "not a key"}, "MIGREVIEW_PRIVATE_KEY"),
        ({"MIGREVIEW_PRIVATE_KEY_PATH": "/nonexistent/key.pem"}, "MIGREVIEW_PRIVATE_KEY"),
        ({"MIGREVIEW_GITHUB_API_URL": "ftp://x"}, "MIGREVIEW_GITHUB_API_URL"),
        ({"MIGREVIEW_QUEUE_URL": "amqp://x"}, "MIGREVIEW_QUEUE_URL"),
        ({"MIGREVIEW_WORKERS": "many"}, "MIGREVIEW_WORKERS"),
        ({"MIGREVIEW_REVIEW_DRAFTS": "perhaps"}, "MIGREVIEW_REVIEW_DRAFTS"),
    ],
)
def test_bad_settings_are_named(private_pem: str, change: dict[str, str], named: str) -> None:
    values = env(private_pem)
    values.update(change)
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(values)


def test_uvicorn_refuses_to_start_and_names_the_setting(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "uvicorn", "bot.app:app", "--port", "0"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[2])},
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "MIGREVIEW_APP_ID must be set" in result.stderr
