"""The analysis pipeline: bytes → Document → natasha parse → the pieces of an ArticleCard.

Each step is one small module; this file only wires them in order.
"""

from __future__ import annotations

from datetime import date

from digest import identity, nlp
from digest.card import ArticleCard, Document
from digest.dates import extract_dates
from digest.entities import read_entities, without_outlet
from digest.figures import extract_figures
from digest.people import group_people, to_people
from digest.prepare import prepare_bytes, prepare_text
from digest.quotes import extract_quotes
from digest.summary import DEFAULT_METHOD, summarize
from digest.topics import extract_topics


def analyze_document(
    document: Document,
    *,
    reference_date: date | None = None,
    summary_sentences: int = 3,
    summary_method: str = DEFAULT_METHOD,
) -> ArticleCard:
    """The full card of one cleaned document."""
    text = document.text
    doc = nlp.parse_doc(text)
    body = document.structure()
    sentences = body.sentences
    groups = group_people(doc)
    quotes = extract_quotes(text, groups)  # may fill roles from "— заявил глава государства"
    person_offsets = {t.start for s in doc.spans if s.type == "PER" for t in s.tokens}
    surnames = {g.surname for g in groups}
    anchor = document.published or reference_date
    entities = read_entities(doc, surnames)
    return ArticleCard(
        title=document.title or "",
        text=text,
        subtitle=document.subtitle,
        published=document.published,
        source=document.source,
        url=document.url,
        summary=summarize(
            text, sentences, count=summary_sentences, method=summary_method,
            title=document.title, body=body,
        ),
        people=to_people(groups),
        organizations=entities.organizations,
        locations=entities.locations,
        figures=extract_figures([s.text for s in sentences], title=document.title),
        dates=extract_dates(text, anchor, published=document.published),
        quotes=quotes,
        topics=extract_topics(
            doc, person_offsets, without_outlet(entities, document.source), title=document.title
        ),
        content_hash=identity.content_hash(text),
        signature=identity.signature(f"{document.title or ''}\n{text}"),
    )


def analyze_bytes(
    data: bytes, filename: str | None = None, *, reference_date: date | None = None, **options
) -> ArticleCard:
    """Decode, clean and analyze one uploaded file. Raises AnalysisError on bad input."""
    document = prepare_bytes(data, filename, reference_date=reference_date)
    return analyze_document(document, reference_date=reference_date, **options)


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    published: date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    reference_date: date | None = None,
    **options,
) -> ArticleCard:
    """Clean and analyze a text with optional known fields (JSON records, /add)."""
    document = prepare_text(
        text, title=title, subtitle=subtitle, published=published, source=source, url=url,
        reference_date=reference_date,
    )
    return analyze_document(document, reference_date=reference_date, **options)
