"""Filters shared by routers."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject, User

from core.config import AppConfig


class IsAdmin(Filter):
    """True for users listed in ADMIN_IDS (the config injected by the Dispatcher)."""

    async def __call__(
        self, event: TelegramObject, config: AppConfig, event_from_user: User | None = None
    ) -> bool:
        return event_from_user is not None and event_from_user.id in config.admin_ids
