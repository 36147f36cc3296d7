"""Telegram delivery: aiogram routers, middlewares and the broadcast (Telegram only)."""
