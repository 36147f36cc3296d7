"""One Router per concern; `all_routers()` builds them in the order they must be included.

Each module registers its handlers in `make_router()`: a Router can belong to one Dispatcher
only, and tests start a fresh Dispatcher per test."""

from __future__ import annotations

from aiogram import Router


def all_routers() -> list[Router]:
    from bot.routers import admin, digest, fallback, follow, search, start

    # admin before search: an admin's document must not fall through to a reader handler;
    # fallback last: it catches unknown commands and anything else
    modules = [start, admin, follow, digest, search, fallback]
    return [module.make_router() for module in modules]
