"""The application core shared by the bot and the CLI: configuration and use cases.

Front ends (``bot/``, ``newsdigest/``) call these services and only translate between their
medium (Telegram updates, command lines) and plain values; nothing here imports aiogram.
"""
