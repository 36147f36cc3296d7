"""An arrived article (feed entry or hand-sent link) → a card, computed in a worker process.

The linked page goes through the upload path (`analyze_bytes` with an .html name), so pages
and uploads are read alike; when the page could not be fetched or holds no article, the
entry's own content/summary is analyzed instead. What the feed says about the article (its
link, title, time, the source's name) wins over what the page guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from digest.card import AnalysisError, ArticleCard

NOTHING = "Ни страница, ни запись ленты не содержат текста статьи."


@dataclass(frozen=True, slots=True)
class Arrival:
    url: str
    page: bytes | None = None  # the fetched HTML; None when it could not be fetched
    page_error: str | None = None  # why not (Russian), for the report
    title: str | None = None
    published: datetime | None = None
    source: str | None = None
    fallback_text: str = ""  # the feed entry's content or summary, plain paragraphs


def analyze_arrival(arrival: Arrival) -> tuple[ArticleCard, tuple[str, str]]:
    """Worker function: the card and its index text. Raises AnalysisError (Russian)."""
    from digest.analyze import analyze_bytes, analyze_text
    from digest.keys import card_index_text

    day = arrival.published.date() if arrival.published else None
    card: ArticleCard | None = None
    reason = arrival.page_error
    if arrival.page is not None:
        try:
            card = analyze_bytes(arrival.page, "page.html", reference_date=day)
        except AnalysisError as exc:
            reason = str(exc)
    if card is None and arrival.fallback_text.strip():
        card = analyze_text(
            arrival.fallback_text, title=arrival.title, published=day, source=arrival.source,
            url=arrival.url, reference_date=day,
        )
    if card is None:
        raise AnalysisError(reason or NOTHING)
    card = replace(
        card,
        url=arrival.url,
        title=arrival.title or card.title,
        published=day or card.published,
        source=arrival.source or card.source,
    )
    return card, card_index_text(card)
