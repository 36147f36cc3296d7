"""The one configuration of the bot and the CLI: the environment and ``.env`` (environment wins).

``load_config()`` returns ``AppConfig`` or raises ``ConfigError`` with one line per problem
naming the variable, in Russian, and never echoing the token. The default digest time and zone,
and the HH:MM and zone checks, are defined here and nowhere else.
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_RE = re.compile(r"^\d+:[\w-]+$", re.ASCII)
PLACEHOLDER_TOKEN = "123456789:replace-with-your-token"  # the value in .env.example
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_TIME = "09:00"  # a new subscriber's digest time unless DIGEST_TIME says otherwise
DEFAULT_ZONE = "Europe/Moscow"
DEFAULT_DATABASE = Path("data/newsdigest.sqlite3")


class ConfigError(Exception):
    """Settings are missing or invalid; ``str()`` is a one-line message for the user."""

    def __init__(self, message: str, variables: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.variables = variables


# \d is any Unicode decimal digit (fullwidth ８, Arabic-Indic ٨…): int() reads them all, so the
# result is always rebuilt from ASCII digits; "：" is the fullwidth colon of the same keyboards
_HHMM = re.compile(r"(\d{1,2})\s*[:.：．]\s*(\d{2})")


def parse_hhmm(value: str) -> str | None:
    """"8:30" / "08.30" / "８:３０" / "٠٨:٣٠" → "08:30"; None for anything not a time of day."""
    m = _HHMM.fullmatch(value.strip())
    if not m:
        return None
    hours, minutes = int(m[1]), int(m[2])
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def known_zone(name: str) -> bool:
    """True for an IANA zone this machine knows ("Europe/Moscow"; not "../etc/passwd")."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name over 255 bytes
        return False
    return True


class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        hide_input_in_errors=True,
    )

    # None only for commands that never talk to Telegram (load_config(need_token=False))
    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    database_path: Path = DEFAULT_DATABASE
    admin_ids: Annotated[set[int], NoDecode] = Field(default_factory=set)
    digest_time: time = time.fromisoformat(DEFAULT_TIME)
    timezone: str = DEFAULT_ZONE
    broadcast_rate: float = Field(default=25.0, gt=0, le=30)
    log_level: str = "INFO"
    # SQLite page cache per connection and memory-mapped I/O; modest by default (a small VPS)
    sqlite_cache_mb: int = Field(default=8, ge=1, le=4096)
    sqlite_mmap_mb: int = Field(default=0, ge=0, le=65536)
    # touched by every scheduler tick (30 s): a health check reads its age
    heartbeat_file: Path | None = None
    # analysis workers and their models (~250 MB) are released after this long without work
    analysis_idle_seconds: float = Field(default=300, gt=0)
    # feeds and links may reach loopback/private addresses (tests, an intranet feed)
    fetch_allow_private: bool = False

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, value: Any) -> Any:
        raw = value.get_secret_value() if isinstance(value, SecretStr) else value
        if raw is None:
            return None
        if not isinstance(raw, str) or not raw.strip():
            raise ValueError("missing")
        raw = raw.strip()
        if raw == PLACEHOLDER_TOKEN:
            raise ValueError("placeholder")
        if not TOKEN_RE.match(raw):
            raise ValueError("format")
        return raw

    @field_validator("telegram_api_url", mode="before")
    @classmethod
    def _api_url(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        url = str(value).strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+", url):
            raise ValueError(f"«{value}» — не http(s)-адрес")
        return url

    @field_validator("database_path", mode="before")
    @classmethod
    def _database_path(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise ValueError("empty")
        return value

    @field_validator("heartbeat_file", mode="before")
    @classmethod
    def _heartbeat_file(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: Any) -> Any:
        if value is None:
            return set()
        if isinstance(value, int):
            return {value}
        if isinstance(value, str):
            items = [item for item in re.split(r"[\s,;]+", value.strip()) if item]
        else:
            items = list(value)
        ids: set[int] = set()
        for item in items:
            if isinstance(item, int) and not isinstance(item, bool):
                ids.add(item)
            elif isinstance(item, str) and re.fullmatch(r"-?\d+", item):
                ids.add(int(item))
            else:
                raise ValueError(f"«{item}» не число")
        return ids

    @field_validator("digest_time", mode="before")
    @classmethod
    def _digest_time(cls, value: Any) -> Any:
        if isinstance(value, time):
            return value
        hhmm = parse_hhmm(str(value))
        if hhmm is None:
            raise ValueError(f"«{value}» — не время ЧЧ:ММ")
        return time.fromisoformat(hhmm)

    @field_validator("timezone", mode="before")
    @classmethod
    def _timezone(cls, value: Any) -> Any:
        name = str(value).strip()
        if not known_zone(name):
            raise ValueError(f"неизвестный часовой пояс «{name}»")
        return name

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> Any:
        level = str(value).strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"«{value}» — не уровень логирования")
        return level

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def digest_hhmm(self) -> str:
        """DIGEST_TIME as subscribers store it: "09:00"."""
        return self.digest_time.strftime("%H:%M")

    @property
    def token(self) -> str:
        """The bot token (load_config() with need_token=True guarantees there is one)."""
        if self.bot_token is None:
            raise ConfigError(_MISSING_TOKEN, ("BOT_TOKEN",))
        return self.bot_token.get_secret_value()


_MISSING_TOKEN = "BOT_TOKEN не задан: получите токен у @BotFather и укажите его в .env"


_HINTS = {
    "telegram_api_url": "ожидается адрес вида http://host:port или пусто для api.telegram.org",
    "database_path": "укажите путь к файлу SQLite",
    "admin_ids": "ожидаются числовые id через запятую, например «123, 456»",
    "digest_time": "ожидается время ЧЧ:ММ, например 09:00",
    "timezone": "ожидается часовой пояс IANA, например Europe/Moscow",
    "broadcast_rate": "ожидается число сообщений в секунду больше 0 и не больше 30",
    "log_level": "ожидается один из " + ", ".join(LOG_LEVELS),
    "sqlite_cache_mb": "ожидается целое число мегабайт от 1 до 4096",
    "sqlite_mmap_mb": "ожидается целое число мегабайт, 0 — выключено",
}


def _describe(error: ErrorDetails) -> tuple[str, str]:
    field = str(error["loc"][0]) if error.get("loc") else "?"
    variable = field.upper()
    if field == "bot_token":
        reason = (
            str(error.get("ctx", {}).get("error", "")) if error["type"] == "value_error" else ""
        )
        if error["type"] == "missing" or reason == "missing":
            return variable, _MISSING_TOKEN
        if reason == "placeholder":
            return variable, (
                "BOT_TOKEN — заглушка из .env.example: укажите настоящий токен от @BotFather"
            )
        return variable, (
            "BOT_TOKEN имеет неверный формат: ожидается «<число>:<ключ>», как его выдаёт @BotFather"
        )
    if error["type"] == "value_error":
        detail = str(error.get("ctx", {}).get("error", "")).strip()
    elif isinstance(error.get("input"), str | int | float):
        detail = f"неверное значение «{error['input']}»"
    else:
        detail = "неверное значение"
    detail = detail.replace("\n", " ")
    hint = _HINTS.get(field, "")
    message = f"{variable}: {detail}" + (f" ({hint})" if hint else "")
    return variable, message


def load_config(
    env_file: str | Path | None = ".env", *, need_token: bool = True, **overrides: Any
) -> AppConfig:
    """Read the configuration from the environment and ``env_file`` (None: environment only).

    The bot needs BOT_TOKEN; the CLI (``need_token=False``) ignores it, set or not.
    Keyword ``overrides`` take precedence over both (for tests and the CLI).
    Raises ``ConfigError`` with a one-line message naming each bad variable.
    """
    if not need_token:
        overrides["bot_token"] = None
    try:
        config = AppConfig(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        seen: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            variable, message = _describe(error)
            seen.setdefault(variable, message)
        raise ConfigError("; ".join(seen.values()), tuple(seen)) from None
    if need_token and config.bot_token is None:
        raise ConfigError(_MISSING_TOKEN, ("BOT_TOKEN",))
    return config
