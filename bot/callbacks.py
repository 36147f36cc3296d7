"""CallbackData factories for inline buttons (64-byte callback_data limit)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class CardCB(CallbackData, prefix="card"):
    """Open an article's full card."""

    article_id: int


class PageCB(CallbackData, prefix="page"):
    """Another page of a search. `token` names a query kept by the bot (queries don't fit)."""

    kind: str  # "person" | "topic"
    token: str
    page: int


class SubscribeCB(CallbackData, prefix="sub"):
    action: str  # "on" | "off"
