"""Extractive summary with sumy, tokenized by razdel and stemmed by natasha lemmas."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from razdel import tokenize
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence

from digest import nlp
from digest.document import Body
from digest.sentences import Sentence, is_dialogue
from digest.wordlists import load_words

METHODS = ("lead-lexrank", "lexrank", "textrank", "lsa", "luhn", "lead")
DEFAULT_METHOD = "lead"  # the best ROUGE in bench/summary.py; see the README table
MAX_SENTENCE_CHARS = 400
MIN_WORDS = 5  # shorter units ("Об этом сообщает пресс-служба.") say nothing
MAX_RANKED = 80  # graph rankers are quadratic; a digest never needs sentences past the 80th
NEW_FACTS = 2  # a sentence must add this many content lemmas or numbers to the headline …
REDUNDANT = 0.6  # … and have less than this share of them in a sentence picked before it
# A quotation: at least four words inside «», „“ or straight quotes. A name in quotes
# («Аэрофлот», «Север — Юг») is not one.
_QUOTED = re.compile(r"[«„\"“]([^«»„“\"”]*)[»“\"”]")
# a sentence that only says where the news came from: "Об этом ТАСС сообщили в пресс-службе
# аэропорта.", "Об этом говорится в сообщении регулятора." (no figure, few words)
_ATTRIBUTION = re.compile(r"^Об этом\b[^\d]*$")
MAX_ATTRIBUTION_WORDS = 15
_FULL_NAME = re.compile(r"\b[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+")
# bullets and emoji a post opens its lines with ("▪️ поезд остановился…", "🔥 Крупный пожар")
_MARKERS = re.compile(r"^[^\w«„\"(–—-]+")
_WORD = re.compile(r"[^\W\d_]+")
_FACT = re.compile(r"[^\W\d_]+|\d+")


class RazdelTokenizer:
    """What sumy's sentence model calls (`to_words`), without NLTK data. Sentences come from
    digest.sentences, which keeps quotations whole, so `to_sentences` is never needed."""

    language = "russian"

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(t.text for t in tokenize(sentence) if any(ch.isalnum() for ch in t.text))


def stop_words() -> frozenset[str]:
    return load_words("stopwords_ru")


_TOKENIZER = RazdelTokenizer()


def _summarizers() -> dict[str, Callable[..., Any]]:
    # imported on first use: sumy.summarizers imports nltk and scipy.stats (≈2 s and ≈60 MB
    # per process), and the default method ("lead") ranks nothing
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer,
            "lsa": LsaSummarizer, "luhn": LuhnSummarizer}


@cache
def _summarizer(method: str):
    summarizer = _summarizers()[method](nlp.lemma)
    summarizer.stop_words = stop_words()
    return summarizer


def has_quotation(sentence: str) -> bool:
    """A sentence that carries a quotation or a piece of one: unbalanced quote marks, a
    quotation of four or more words, or direct speech opened by a dash."""
    text = sentence.strip()
    if text[:1] in "–—-":
        return True
    if text.count("«") != text.count("»") or text.count('"') % 2:
        return True
    if text.count("„") > text.count("“"):
        return True
    return any(len(_WORD.findall(m[1])) >= 4 for m in _QUOTED.finditer(text))


def says_nothing(sentence: str) -> bool:
    """A sentence with no fact of the story: where the news came from, when no one is named
    ("Об этом ТАСС сообщили в пресс-службе аэропорта."); what the newsroom does ("Разбираемся,
    как решение отразится на вкладчиках.": a verb in the first person plural opening it, and
    no figure); an item of a bulleted list ("▪️ погасли 412 домов;")."""
    text = _MARKERS.sub("", sentence.strip())
    if text.endswith(";") and (text != sentence.strip() or text[:1].islower()):
        return True
    if _ATTRIBUTION.match(text) and len(text.split()) <= MAX_ATTRIBUTION_WORDS:
        return not _FULL_NAME.search(text)  # "Об этом заявил министр Арман Шаккалиев": who
    first = _WORD.match(text)
    if first is None or any(ch.isdigit() for ch in text):
        return False  # "Напомним, магистраль прорвало во вторник, без тепла 212 домов": facts
    forms = nlp.morph_vocab().parse(first.group().lower())
    return bool(forms) and all(  # not "Двоим пассажирам…", a numeral too
        f.tag.POS == "VERB" and {"1per", "plur"} <= f.tag.grammemes
        and f.normal_form != "напомнить" for f in forms  # "Напомним, …": the recap is facts
    )


def content_lemmas(text: str) -> frozenset[str]:
    """Lemmas of the words that are not stop words, and the numbers."""
    return frozenset(nlp.lemma(w) for w in _FACT.findall(text)) - stop_words()


def _candidates(sentences: list[Sentence], text: str, body: Body | None) -> list[Sentence]:
    """Sentences fit for a summary: story paragraphs only (no dialogue lines, signatures),
    no quotations or their fragments, neither over-long nor telegraphic."""
    allowed: set[int] | None = None
    if body is not None and body.text == text:
        allowed = {s.start for p in body.paragraphs if p.role == "body" for s in p.sentences}
    picked = []
    for s in sentences:
        if allowed is not None and s.start not in allowed:
            continue
        brk = text.rfind("\n\n", 0, s.start)
        para_start = brk + 2 if brk >= 0 else 0
        if is_dialogue(text[para_start : s.stop]) or len(s.text) > MAX_SENTENCE_CHARS:
            continue
        if has_quotation(s.text) or says_nothing(s.text):
            continue
        picked.append(s)
    long_enough = [s for s in picked if len(s.text.split()) >= MIN_WORDS]
    return long_enough if len(long_enough) >= 2 else picked


def _ranking(method: str, candidates: list[Sentence]) -> list[int]:
    """Indices of `candidates`, best first, by one of sumy's summarizers."""
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(s.text, _TOKENIZER) for s in candidates])]
    )
    ranked: list = []

    def keep_all(infos):  # sumy calls this with every sentence, sorted best first
        ranked.extend(infos)
        return infos

    _summarizer(method)(document, keep_all)
    return [info.order for info in ranked]


def summarize(
    text: str,
    sentences: list[Sentence],
    *,
    count: int = 3,
    method: str = DEFAULT_METHOD,
    title: str | None = None,
    body: Body | None = None,
) -> list[str]:
    """`count` sentences (2–4 is the useful range) in the article's order.

    Every method picks from the same candidates and skips a sentence that repeats the headline
    or a sentence already picked. "lead-lexrank" takes the lead (the first candidate that is not
    the headline again) and fills up with LexRank's best; "lead" takes candidates in order.
    """
    if method not in METHODS:
        raise ValueError(f"unknown summary method {method!r}; choose from {METHODS}")
    candidates = _candidates(sentences, text, body)[:MAX_RANKED]
    headline = content_lemmas(title) if title else frozenset()
    lemmas = [content_lemmas(s.text) for s in candidates]

    def repeats(i: int, chosen: list[int]) -> bool:
        own = lemmas[i]
        if not own:
            return True
        if len(own - headline) < NEW_FACTS:
            return True
        return any(len(own & lemmas[j]) >= REDUNDANT * len(own) for j in chosen)

    if method == "lead":
        order = list(range(len(candidates)))
    elif method == "lead-lexrank":
        order = list(range(len(candidates)))
        lead = next((i for i in order if not repeats(i, [])), None)
        rest = _ranking("lexrank", candidates) if len(candidates) > 1 else order
        order = ([lead] if lead is not None else []) + [i for i in rest if i != lead]
    else:
        order = _ranking(method, candidates) if len(candidates) > 1 else [0] * len(candidates)
    chosen: list[int] = []
    for i in order:
        if len(chosen) == count:
            break
        if not repeats(i, chosen):
            chosen.append(i)
    return [_MARKERS.sub("", candidates[i].text) for i in sorted(chosen)]
