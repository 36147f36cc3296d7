"""The structured article body: paragraphs → sentences, segmented once, offsets kept.

Every later step (people, quotes, figures, summary, topics) reads this structure instead of
splitting `Document.text` again. Offsets are character positions in `Body.text`, the same text
natasha parses, so a sentence, a quote and an entity span can be compared directly.

Line roles are decided once, in digest.clean / digest.meta; the body keeps only the roles a
reader sees as the story ("body", "quote" for a dialogue line set off by a dash, "signature" for
a closing name-and-office line). Headline, deck, dateline, byline, caption and furniture lines
are kept in `Page.lines` for the record but never reach the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.sentences import Sentence, is_dialogue, split_sentences

ROLES = ("headline", "deck", "dateline", "byline", "caption", "body", "signature", "furniture")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page as it came in, with the role the cleaner gave it."""

    text: str
    role: str  # one of ROLES
    why: str = ""  # the feature that decided a non-body role ("nav row", "credit", …)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    start: int  # offset of the paragraph in Body.text
    stop: int
    role: str  # "body" | "quote" | "signature"
    sentences: tuple[Sentence, ...]


@dataclass(slots=True)
class Body:
    """The story text and its paragraphs and sentences, built once by `build_body`."""

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def paragraph_of(self, sentence: Sentence) -> Paragraph | None:
        for p in self.paragraphs:
            if p.start <= sentence.start < p.stop:
                return p
        return None


def build_body(text: str, roles: list[str] | None = None) -> Body:
    """Segment a clean body (paragraphs separated by blank lines) once.

    `roles`, when given, holds one role per paragraph as decided by the cleaner; without it a
    paragraph set off by a dash is "quote" and everything else "body".
    """
    sentences = split_sentences(text)
    paragraphs: list[Paragraph] = []
    offset = 0
    index = 0
    for i, chunk in enumerate(text.split("\n\n")):
        start, stop = offset, offset + len(chunk)
        offset = stop + 2
        own = []
        while index < len(sentences) and sentences[index].start < stop:
            own.append(sentences[index])
            index += 1
        if not chunk.strip():
            continue
        if roles is not None and i < len(roles):
            role = roles[i]
        else:
            role = "quote" if is_dialogue(chunk) else "body"
        paragraphs.append(Paragraph(chunk, start, stop, role, tuple(own)))
    return Body(text, paragraphs)
