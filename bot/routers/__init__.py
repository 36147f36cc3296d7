"""One Router per concern; `all_routers()` gives them in the order they must be included."""

from __future__ import annotations

from aiogram import Router


def all_routers() -> list[Router]:
    from bot.routers import admin, fallback, follow, search, start

    # admin before search: an admin's document must not fall through to a reader handler;
    # fallback last: it catches unknown commands and anything else
    return [start.router, admin.router, follow.router, search.router,
            fallback.router]
