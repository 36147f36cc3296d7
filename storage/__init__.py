"""SQLite storage (aiosqlite). All SQL of the project lives in this package."""

from storage.archive import Archive
from storage.db import Tuning
from storage.models import (
    AddResult,
    ArticleRef,
    AuditEntry,
    Delivery,
    FollowKind,
    PersonCandidate,
    PersonResult,
    Stats,
    StoredArticle,
    Subscriber,
    TopicResult,
)
from storage.schema import SCHEMA_VERSION, SchemaError

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "Archive",
    "ArticleRef",
    "AuditEntry",
    "Delivery",
    "FollowKind",
    "PersonCandidate",
    "PersonResult",
    "SchemaError",
    "Stats",
    "StoredArticle",
    "Subscriber",
    "TopicResult",
    "Tuning",
]
