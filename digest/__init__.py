"""Text analysis and digest composition: bytes in, ArticleCard out.

Pure library: imports neither aiogram nor aiosqlite.
"""

from digest.card import ArticleCard

__all__ = ["ArticleCard"]
