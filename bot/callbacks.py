"""CallbackData factories for inline buttons (64-byte callback_data limit), Enum fields."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from storage import FollowKind

# out-of-range numbers fail to unpack, so no handler takes them (fallback: "button stale");
# SQLite integers stop at 2**63 - 1
ArticleId = Annotated[int, Field(ge=1, le=2**63 - 1)]
Epoch = Annotated[int, Field(ge=0, le=2**40)]
Index = Annotated[int, Field(ge=0, le=100_000)]
GroupChatId = Annotated[int, Field(ge=-(2**63), le=-1)]  # groups and channels are negative
# article ids joined by ".", "" for none
LeadIds = Annotated[str, Field(pattern=r"^(?:[1-9][0-9]{0,18}(?:\.[1-9][0-9]{0,18}){0,4})?$")]


class SubscribeAction(StrEnum):
    ON = "on"
    OFF = "off"


class DeleteAction(StrEnum):
    CONFIRM = "yes"
    CANCEL = "no"


class ChannelAction(StrEnum):
    ASK = "ask"  # "detach?" from the /channels list
    DETACH = "off"
    KEEP = "keep"


class CommonZone(StrEnum):
    """The zones /time offers as buttons (Russia west to east, then Kazakhstan)."""

    KALININGRAD = "Europe/Kaliningrad"
    MOSCOW = "Europe/Moscow"
    SAMARA = "Europe/Samara"
    YEKATERINBURG = "Asia/Yekaterinburg"
    OMSK = "Asia/Omsk"
    NOVOSIBIRSK = "Asia/Novosibirsk"
    KRASNOYARSK = "Asia/Krasnoyarsk"
    IRKUTSK = "Asia/Irkutsk"
    YAKUTSK = "Asia/Yakutsk"
    VLADIVOSTOK = "Asia/Vladivostok"
    MAGADAN = "Asia/Magadan"
    KAMCHATKA = "Asia/Kamchatka"
    ALMATY = "Asia/Almaty"


class ZoneCB(CallbackData, prefix="tz"):
    """Set the digest's time zone, keeping its time."""

    zone: CommonZone


class CardCB(CallbackData, prefix="card"):
    """Open an article's full card."""

    article_id: ArticleId


class DigestPageCB(CallbackData, prefix="dpage"):
    """The next page of a digest: its article window (UTC epoch seconds) and first story.

    Older buttons (and a fallback when DigestMoreCB does not fit): the page is rebuilt with
    the reader's current follows."""

    since: Epoch
    until: Epoch
    start: Index


class DigestMoreCB(CallbackData, prefix="dmore"):
    """The next page of a digest as it was made: its window, first story, and the lead
    articles of its "Вы следите" block in order. The reader's follows may have changed since;
    the rest of the digest is ranked without them, so these ids are all a page needs."""

    since: Epoch
    until: Epoch
    start: Index
    followed: LeadIds


class PageCB(CallbackData, prefix="page"):
    """Another page of a search. `token` names a query kept by the bot (queries don't fit)."""

    kind: FollowKind
    token: str
    page: Index


class SubscribeCB(CallbackData, prefix="sub"):
    action: SubscribeAction


class DeleteCB(CallbackData, prefix="del"):
    """An admin's answer to "delete article #N?"."""

    action: DeleteAction
    article_id: ArticleId


class ChannelCB(CallbackData, prefix="chan"):
    """A bot admin detaching a group or channel from the digest (/channels, /channel_off)."""

    action: ChannelAction
    chat_id: GroupChatId
