"""SQLite storage (aiosqlite). All SQL of the project lives in this package: one repository
per aggregate, reached through `Archive`."""

from storage.archive import Archive
from storage.audit import AuditEntry, AuditLog
from storage.db import Tuning
from storage.errors import DatabaseUnusable, Failure, failure_kind
from storage.instance import AlreadyRunning, instance_lock
from storage.models import (
    AddResult,
    ArticleRef,
    PersonActivity,
    PersonCandidate,
    PersonQuote,
    PersonResult,
    Stats,
    StoredArticle,
    TopicResult,
)
from storage.outbox import Delivery, DeliveryStatus, NewDelivery, Outbox, RunStats
from storage.schema import SCHEMA_VERSION, SchemaError
from storage.subscribers import ChatKind, FollowKind, Subscriber, SubscriberRepo

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "AlreadyRunning",
    "Archive",
    "ArticleRef",
    "AuditEntry",
    "AuditLog",
    "ChatKind",
    "DatabaseUnusable",
    "Delivery",
    "DeliveryStatus",
    "Failure",
    "FollowKind",
    "NewDelivery",
    "Outbox",
    "PersonCandidate",
    "PersonActivity",
    "PersonQuote",
    "PersonResult",
    "RunStats",
    "SchemaError",
    "Stats",
    "StoredArticle",
    "Subscriber",
    "SubscriberRepo",
    "TopicResult",
    "Tuning",
    "failure_kind",
    "instance_lock",
]
