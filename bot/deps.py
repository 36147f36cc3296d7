"""What the Dispatcher injects into handlers, filters and hooks, by name and type.

aiogram passes workflow data to handlers by keyword; this TypedDict names each of our own
dependencies once (aiogram's ``MiddlewareData`` types its own: ``bot``, ``event_from_user``…).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from bot.delivery import Broadcaster
    from bot.feed_poller import FeedPollJob
    from bot.scheduler import DigestScheduler
    from core.channels import Channels
    from core.config import AppConfig
    from core.feeds.poller import Feeds
    from core.person_chart import PersonCharts
    from core.search import QueryTokens
    from core.subscriptions import Subscriptions
    from digest.pool import AnalysisPool
    from storage import Archive


class BotDeps(TypedDict):
    config: AppConfig
    archive: Archive
    pool: AnalysisPool
    searches: QueryTokens
    subscriptions: Subscriptions
    channels: Channels
    charts: PersonCharts
    broadcaster: Broadcaster
    scheduler: DigestScheduler
    feeds: Feeds
    feed_job: FeedPollJob
    run_scheduler: bool  # False in tests: they drive the scheduler with tick(now=...)
