"""The analysis pipeline: bytes → Document → natasha parse → the pieces of an ArticleCard.

Each step is one small module; this file only wires them in order.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from digest import identity, nlp
from digest.card import ArticleCard, Document, Entity
from digest.dates import extract_dates
from digest.figures import extract_figures
from digest.people import group_people, to_people
from digest.prepare import prepare_bytes, prepare_text
from digest.quotes import extract_quotes
from digest.summary import DEFAULT_METHOD, summarize
from digest.topics import extract_topics

_REPUBLIC = re.compile(r"^Республик[аи]\s+(?=[А-ЯЁ])")


def _normal_name(span) -> str:
    """natasha's normal form, except for noun-headed phrases, where only the head noun changes.

    natasha inflects every word of "Министерства экономического развития" and breaks the
    agreement ("Министерство экономическое развитие"); the dependents are already right.
    """
    tokens = span.tokens
    if len(tokens) > 1 and tokens[0].pos in {"NOUN", "PROPN"} and tokens[1].pos != "PROPN":
        head = nlp.inflect(tokens[0].text, {"Nom", tokens[0].feats.get("Number", "Sing")})
        return " ".join([head, *(t.text for t in tokens[1:])])
    return span.normal


def _entities(doc, kind: str, exclude: frozenset[str] | set[str] = frozenset()) -> list[Entity]:
    """ORG or LOC spans merged by name; "Республика Казахстан" counts as "Казахстан"."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for span in doc.spans:
        if span.type != kind or not span.normal:
            continue
        name = _REPUBLIC.sub("", _normal_name(span)) if kind == "LOC" else _normal_name(span)
        key = name.lower().replace("ё", "е")
        if key in exclude:
            continue  # "пресс-служба Бектенова": a person's surname tagged as an organization
        counts[key] += 1
        names.setdefault(key, name)
    return [Entity(names[k], n) for k, n in counts.most_common()]


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
        organizations=_entities(doc, "ORG", surnames),
        locations=_entities(doc, "LOC"),
        figures=extract_figures([s.text for s in sentences], title=document.title),
        dates=extract_dates(text, anchor, published=document.published),
        quotes=quotes,
        topics=extract_topics(doc, person_offsets),
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
