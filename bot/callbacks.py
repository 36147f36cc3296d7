"""CallbackData factories for inline buttons (64-byte callback_data limit), Enum fields."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from storage import FollowKind


class SubscribeAction(StrEnum):
    ON = "on"
    OFF = "off"


class DeleteAction(StrEnum):
    CONFIRM = "yes"
    CANCEL = "no"


class CardCB(CallbackData, prefix="card"):
    """Open an article's full card."""

    article_id: int


class DigestPageCB(CallbackData, prefix="dpage"):
    """The next page of a digest: its article window (UTC epoch seconds) and first story."""

    since: int
    until: int
    start: int


class PageCB(CallbackData, prefix="page"):
    """Another page of a search. `token` names a query kept by the bot (queries don't fit)."""

    kind: FollowKind
    token: str
    page: int


class SubscribeCB(CallbackData, prefix="sub"):
    action: SubscribeAction


class DeleteCB(CallbackData, prefix="del"):
    """An admin's answer to "delete article #N?"."""

    action: DeleteAction
    article_id: int
