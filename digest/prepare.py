"""Front end of analysis: an upload (bytes) or a record's text → a clean `Document`."""

from __future__ import annotations

from datetime import date
from email.utils import parsedate_to_datetime

from digest.card import AnalysisError, Document
from digest.clean import clean
from digest.dates import parse_date
from digest.decode import MAX_BYTES, Decoded, check_lines, convert, decode
from digest.document import Line
from digest.meta import extract_meta, split_glued_stamp

__all__ = ["MAX_BYTES", "prepare_bytes", "prepare_decoded", "prepare_text"]

MIN_WORDS = 12  # shorter is a note or a headline, not an article to summarize
TOO_SHORT = "Слишком короткий текст: в статье должно быть хотя бы одно-два предложения."
NO_STORY = "В тексте не нашлось самой статьи — только служебные строки (меню, подписи, ссылки)."


def prepare_bytes(
    data: bytes, filename: str | None = None, *, reference_date: date | None = None
) -> Document:
    """Decode an uploaded file (txt/html/md in any common Russian encoding) and clean it.
    Raises AnalysisError with a Russian message for empty, binary or oversized input."""
    return _build(decode(data, filename), reference_date=reference_date)


def prepare_text(
    text: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    published: date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    reference_date: date | None = None,
) -> Document:
    """Clean a text whose metadata may be known (JSON/JSONL records); given fields win."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise AnalysisError("Текст слишком большой: максимум — 2 МБ.")
    if not text.strip():
        raise AnalysisError("Текст статьи пустой.")
    decoded = convert(text)
    if isinstance(published, str):
        published = _published(published, reference_date)
    return _build(
        decoded,
        title=title.strip() if title and title.strip() else None,
        subtitle=subtitle.strip() if subtitle and subtitle.strip() else None,
        published=published,
        source=source.strip() if source and source.strip() else None,
        url=url or None,
        reference_date=reference_date,
    )


def _published(value: str, reference_date: date | None) -> date | None:
    """A record's date as written: "2046-01-19", "19 января", or RSS's RFC 822 ("Mon, 19
    Jan 2046 10:15:00 +0300"), whose English names parse_date does not read."""
    if not value.strip():
        return None
    found = parse_date(value, reference_date)
    if found is None:
        try:
            found = parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError):
            return None
    return found


def prepare_decoded(decoded: Decoded, *, reference_date: date | None = None) -> Document:
    """Clean text that another extractor already took out of its page (bench/quality.py)."""
    return _build(decoded, reference_date=reference_date)


def _with_dateline(lines: list[Line], dateline: str | None) -> list[Line]:
    """The lead's "ГОРОД, дата. /Агентство/." prefix as a line of its own, role "dateline"."""
    if not dateline:
        return lines
    out = list(lines)
    for i, line in enumerate(out):
        if line.role == "body" and line.text.startswith(dateline):
            rest = line.text[len(dateline) :].strip()
            out[i : i + 1] = [Line(dateline, "dateline"), *([Line(rest, "body")] if rest else [])]
            break
    return out


def _with_headline_stamp(lines: list[Line], headline: str | None, title: str | None) -> list[Line]:
    """A headline with a stamp glued on ("…шоссе12:40, 5 июня 2025") as the headline itself
    and its stamp, role "byline"."""
    if not headline or not title or headline == title or title not in headline:
        return lines
    at = headline.index(title)
    before, after = headline[:at].strip(" ,|·•—–-"), headline[at + len(title) :].strip(" ,|·•—–-")
    parts = [Line(before, "byline")] * bool(before) + [Line(title, "headline")]
    parts += [Line(after, "byline")] * bool(after)
    out = list(lines)
    for i, line in enumerate(out):
        if line.role == "headline" and line.text == headline:
            out[i : i + 1] = parts
            break
    return out


def _build(
    decoded: Decoded,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    reference_date: date | None = None,
) -> Document:
    check_lines(decoded.text)
    known_title, title_stamp = title, None
    if not title and decoded.title:  # a page's <h1> may carry its date span glued on
        known_title, title_stamp = split_glued_stamp(decoded.title)
    cleaned = clean(decoded.text, known_title=known_title)
    meta = extract_meta(
        cleaned.paragraphs, known_title=known_title, headline=cleaned.title, deck=cleaned.deck
    )
    body = "\n\n".join(meta.body).strip()
    if not body or not any(ch.isalpha() for ch in body):
        raise AnalysisError(NO_STORY)
    if len(body.split()) < MIN_WORDS:
        raise AnalysisError(TOO_SHORT)
    ref = reference_date or date.today()
    if published is None:
        stamps = [decoded.published, *cleaned.dates, *meta.dates, title_stamp]
        for stamp in filter(None, stamps):
            published = parse_date(stamp, ref)
            if published:
                break
    sources = [decoded.source, *meta.sources, *cleaned.sources, *cleaned.outlets, *cleaned.sites]
    lines = _with_dateline(cleaned.lines, meta.dateline)
    lines = _with_headline_stamp(lines, cleaned.title, meta.title)
    return Document(
        text=body,
        title=meta.title,
        subtitle=subtitle or meta.subtitle,
        published=published,
        source=source or next(filter(None, sources), None),
        url=url or decoded.url,
        lines=lines,
    )
