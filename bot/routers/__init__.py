"""One Router per concern; `all_routers()` builds them in the order they must be included.

Each module registers its handlers in `make_router()`: a Router can belong to one Dispatcher
only, and tests start a fresh Dispatcher per test."""

from __future__ import annotations

from aiogram import Router

from bot.routers import admin, channels, digest, fallback, feeds, follow, search, start


def all_routers() -> list[Router]:
    # another bot's commands dropped first; then admin, with its refusal right behind: a
    # document or an admin command never falls through to a reader handler; fallback last:
    # unknown commands and anything else
    return [
        fallback.make_others_router(),
        admin.make_router(),
        admin.make_refusal_router(),
        feeds.make_router(),
        feeds.make_refusal_router(),
        channels.make_router(),
        channels.make_refusal_router(),
        channels.make_membership_router(),
        start.make_router(),
        follow.make_router(),
        digest.make_router(),
        search.make_router(),
        fallback.make_router(),
    ]
