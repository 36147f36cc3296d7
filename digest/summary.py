"""Extractive summary with sumy, tokenized by razdel and stemmed by natasha lemmas."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from razdel import tokenize
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from digest import nlp
from digest.sentences import Sentence, is_dialogue
from digest.wordlists import load_words

METHODS = ("lexrank", "textrank", "lsa", "luhn", "lead")
DEFAULT_METHOD = "lexrank"
MAX_SENTENCE_CHARS = 400
MIN_WORDS = 7  # longer units (merged long quotes) read badly in a digest


class RazdelTokenizer:
    """What sumy's sentence model calls (`to_words`), without NLTK data. Sentences come from
    digest.sentences, which keeps quotations whole, so `to_sentences` is never needed."""

    language = "russian"

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(t.text for t in tokenize(sentence) if any(ch.isalnum() for ch in t.text))


def stop_words() -> frozenset[str]:
    return load_words("stopwords_ru")


_TOKENIZER = RazdelTokenizer()
_SUMMARIZERS: dict[str, Callable[[], object]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
}


@cache
def _summarizer(method: str):
    summarizer = _SUMMARIZERS[method](nlp.lemma)
    summarizer.stop_words = stop_words()
    return summarizer


def _candidates(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Sentences fit for a summary: not dialogue lines, not over-long merged quotes."""
    picked = []
    for s in sentences:
        brk = text.rfind("\n\n", 0, s.start)
        para_start = brk + 2 if brk >= 0 else 0
        if is_dialogue(text[para_start : s.stop]) or len(s.text) > MAX_SENTENCE_CHARS:
            continue
        if len(s.text.split()) < MIN_WORDS:  # "Об этом сообщает пресс-служба." says nothing
            continue
        picked.append(s)
    return picked if len(picked) >= 2 else sentences


def summarize(
    text: str, sentences: list[Sentence], *, count: int = 3, method: str = DEFAULT_METHOD
) -> list[str]:
    """`count` sentences (2–4 is the useful range) in the article's order."""
    if method not in METHODS:
        raise ValueError(f"unknown summary method {method!r}; choose from {METHODS}")
    candidates = _candidates(sentences, text)
    if len(candidates) <= count:
        return [s.text for s in candidates]
    if method == "lead":
        return [s.text for s in candidates[:count]]
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(s.text, _TOKENIZER) for s in candidates])]
    )
    chosen = {str(s) for s in _summarizer(method)(document, count)}
    return [s.text for s in candidates if s.text in chosen][:count]
