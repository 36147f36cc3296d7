"""core.config: every variable's parsing, .env support and one-line errors without the token."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from core.config import AppConfig, ConfigError, load_config

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
VARIABLES = (
    "BOT_TOKEN",
    "TELEGRAM_API_URL",
    "DATABASE_PATH",
    "ADMIN_IDS",
    "DIGEST_TIME",
    "TIMEZONE",
    "BROADCAST_RATE",
    "LOG_LEVEL",
    "SQLITE_CACHE_MB",
    "SQLITE_MMAP_MB",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the checkout


def error_for(monkeypatch: pytest.MonkeyPatch, **env: str) -> ConfigError:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_config(env_file=None)
    message = str(info.value)
    assert "\n" not in message
    token = env.get("BOT_TOKEN")
    if token:
        assert token not in message
        secret = token.split(":")[-1].strip()
        assert not secret or secret not in message
    return info.value


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    settings = load_config(env_file=None)
    assert settings.bot_token.get_secret_value() == TOKEN
    assert settings.telegram_api_url is None
    assert settings.database_path == Path("data/newsdigest.sqlite3")
    assert settings.admin_ids == set()
    assert settings.digest_time == time(9, 0)
    assert settings.timezone == "Europe/Moscow" and str(settings.tz) == "Europe/Moscow"
    assert settings.broadcast_rate == 25
    assert settings.log_level == "INFO"
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)


def test_every_variable_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "BOT_TOKEN": " 123456:TEST ",
        "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
        "DATABASE_PATH": "/var/lib/nd/db.sqlite3",
        "ADMIN_IDS": "1, 2,3",
        "DIGEST_TIME": "7:05",
        "TIMEZONE": "Asia/Yekaterinburg",
        "BROADCAST_RATE": "12.5",
        "LOG_LEVEL": "debug",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = load_config(env_file=None)
    assert settings.bot_token.get_secret_value() == "123456:TEST"
    assert settings.telegram_api_url == "http://127.0.0.1:8081"
    assert settings.database_path == Path("/var/lib/nd/db.sqlite3")
    assert settings.admin_ids == {1, 2, 3}
    assert settings.digest_time == time(7, 5)
    assert settings.timezone == "Asia/Yekaterinburg"
    assert settings.broadcast_rate == 12.5
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", set()), ("  ", set()), ("42", {42}), ("1;2 3,,4", {1, 2, 3, 4}), ("-100123", {-100123})],
)
def test_admin_ids(monkeypatch: pytest.MonkeyPatch, raw: str, expected: set[int]) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ADMIN_IDS", raw)
    assert load_config(env_file=None).admin_ids == expected


def test_empty_api_url_means_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", "")
    assert load_config(env_file=None).telegram_api_url is None


def test_env_file_and_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"BOT_TOKEN={TOKEN}\nDIGEST_TIME=08:30\nADMIN_IDS=5,6\nTIMEZONE=Europe/Kaliningrad\n"
        "UNRELATED=1\n",
        encoding="utf-8",
    )
    settings = load_config(env_file=env_file)
    assert settings.digest_time == time(8, 30) and settings.admin_ids == {5, 6}
    assert load_config().timezone == "Europe/Kaliningrad"  # ./.env by default (cwd)
    monkeypatch.setenv("DIGEST_TIME", "10:15")
    assert load_config(env_file=env_file).digest_time == time(10, 15)
    assert load_config(env_file=env_file, digest_time="11:00").digest_time == time(11, 0)


def test_missing_token(monkeypatch: pytest.MonkeyPatch) -> None:
    error = error_for(monkeypatch)
    assert str(error) == "BOT_TOKEN не задан: получите токен у @BotFather и укажите его в .env"
    assert error.variables == ("BOT_TOKEN",)
    assert "не задан" in str(error_for(monkeypatch, BOT_TOKEN="   "))


@pytest.mark.parametrize(
    "token", ["supersecretvalue", "abc:def", "123456:", "123456:has space", "123:секрет"]
)
def test_malformed_token_not_echoed(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    error = error_for(monkeypatch, BOT_TOKEN=token)
    assert str(error).startswith("BOT_TOKEN имеет неверный формат")


def test_placeholder_token(monkeypatch: pytest.MonkeyPatch) -> None:
    error = error_for(monkeypatch, BOT_TOKEN="123456789:replace-with-your-token")
    assert "заглушка" in str(error)


@pytest.mark.parametrize("value", ["25:99", "9", "09:60", "24:00", "noon", "09:00:00x"])
def test_bad_time(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    error = error_for(monkeypatch, BOT_TOKEN=TOKEN, DIGEST_TIME=value)
    assert str(error).startswith(f"DIGEST_TIME: «{value}» — не время ЧЧ:ММ")
    assert error.variables == ("DIGEST_TIME",)


def test_unknown_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    error = error_for(monkeypatch, BOT_TOKEN=TOKEN, TIMEZONE="Mars/Olympus")
    assert str(error).startswith("TIMEZONE: неизвестный часовой пояс «Mars/Olympus»")
    assert "TIMEZONE" in str(error_for(monkeypatch, BOT_TOKEN=TOKEN, TIMEZONE="../etc/passwd"))


@pytest.mark.parametrize("value", ["1, two", "1.5", "[1,2]"])
def test_bad_admin_ids(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    error = error_for(monkeypatch, BOT_TOKEN=TOKEN, ADMIN_IDS=value)
    assert str(error).startswith("ADMIN_IDS: «")
    assert "через запятую" in str(error)


@pytest.mark.parametrize("value", ["0", "-1", "31", "fast"])
def test_bad_broadcast_rate(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    error = error_for(monkeypatch, BOT_TOKEN=TOKEN, BROADCAST_RATE=value)
    assert str(error).startswith(f"BROADCAST_RATE: неверное значение «{value}»")


def test_bad_log_level_and_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert str(error_for(monkeypatch, BOT_TOKEN=TOKEN, LOG_LEVEL="loud")).startswith("LOG_LEVEL:")
    error = error_for(monkeypatch, BOT_TOKEN=TOKEN, TELEGRAM_API_URL="ftp://x")
    assert str(error).startswith("TELEGRAM_API_URL: «ftp://x» — не http(s)-адрес")


def test_several_errors_one_line_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    error = error_for(monkeypatch, BOT_TOKEN="oops-secret", DIGEST_TIME="25:99", TIMEZONE="X/Y")
    assert error.variables == ("BOT_TOKEN", "DIGEST_TIME", "TIMEZONE")
    assert str(error).count("; ") == 2
    assert "oops-secret" not in repr(error)


def test_config_class_direct(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = AppConfig(bot_token=TOKEN, _env_file=None)  # type: ignore[call-arg]
    assert settings.bot_token.get_secret_value() == TOKEN
