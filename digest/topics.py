"""Topics: the article's most salient nouns and adjective+noun phrases, weighed against news.

A noun's weight is its count in the story (headline and lead count double) times its inverse
document frequency in a background of general news (``data/background_df.txt``, built by
``bench/background.py``): words every story uses ("страна", "работа", "вопрос") sink, the
story's own terms rise. Nouns inside fixed expressions ("с точки зрения", "в течение") are not
topics (``data/idioms.txt``). Lemmas come from pymorphy through ``nlp.lemma`` (one cached pass
shared with the rest of the card); only the phrases kept are inflected. A noun the story only
uses in the plural is shown in the plural ("маслосемена", "переговоры").
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from natasha import Doc

from digest import nlp
from digest.roles import ROLE_NOUNS
from digest.summary import stop_words
from digest.wordlists import load_words

MAX_TOPICS = 8
LEAD_TOKENS = 60  # words of the headline and lead weigh double
# calendar words, units, offices and generic nouns say nothing about what a story is about
_NOT_TOPICS = ROLE_NOUNS | load_words("not_topics")


@cache
def background() -> tuple[int, dict[str, int]]:
    """(number of documents, noun lemma → documents it occurs in)."""
    text = resources.files("digest").joinpath("data/background_df.txt").read_text("utf-8")
    total, df = 1, {}
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) != 2:
            continue
        if parts[0] == "documents":
            total = int(parts[1])
        else:
            df[parts[0]] = int(parts[1])
    return total, df


def idf(lemma: str) -> float:
    total, df = background()
    return math.log((total + 1) / (df.get(lemma, 0) + 1)) + 1.0


@cache
def _idioms() -> dict[str, list[tuple[str, ...]]]:
    """Fixed expressions as lemma sequences, indexed by their first lemma."""
    text = resources.files("digest").joinpath("data/idioms.txt").read_text("utf-8")
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in text.splitlines():
        seq = tuple(line.split("#", 1)[0].split())
        if len(seq) >= 2:
            out.setdefault(seq[0], []).append(seq)
    return out


def _idiom_tokens(lemmas: list[str]) -> set[int]:
    """Indexes of tokens that belong to a fixed expression."""
    inside: set[int] = set()
    idioms = _idioms()
    for i, lemma in enumerate(lemmas):
        for seq in idioms.get(lemma, ()):
            if tuple(lemmas[i : i + len(seq)]) == seq:
                inside.update(range(i, i + len(seq)))
    return inside


def _plural_form(word: str) -> bool:
    """pymorphy reads the word as plural (the tagger calls "маслосемян" singular)."""
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and "plur" in forms[0].tag and "NOUN" in forms[0].tag


def _folded(word: str, surface: str) -> str:
    """Inflection may add ё ("договорённости"); keep the text's е when it wrote none."""
    return word if "ё" in surface.lower() else word.replace("ё", "е")


def _phrase(adj, noun, plural: bool) -> str:
    """Adjective + noun in the nominative, agreeing: "иностранные дела", "восходящая линия"."""
    if plural:
        grams = {"Nom", "Plur"}
        return f"{nlp.inflect(adj.text.lower(), grams)} {nlp.inflect(noun.text.lower(), grams)}"
    grams = {"Nom", "Sing", noun.feats.get("Gender") or "Masc"}
    return f"{nlp.inflect(adj.text.lower(), grams)} {nlp.lemma(noun.text)}"


def extract_topics(doc: Doc, person_offsets: set[int]) -> list[str]:
    """Up to 8 keywords or key phrases; phrases that recur outrank their single nouns."""
    stops = stop_words()
    tokens = doc.tokens
    lemmas = [nlp.lemma(t.text) if t.text.isalpha() else t.text.lower() for t in tokens]
    idiom = _idiom_tokens(lemmas)
    words: Counter[str] = Counter()
    plural_only: dict[str, bool] = {}
    surface: dict[str, Any] = {}  # a token, or (adjective, noun) tokens of a phrase
    phrases: Counter[str] = Counter()
    phrase_seen: Counter[str] = Counter()
    phrase_head: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.pos != "NOUN" or tok.start in person_offsets or not tok.text.isalpha():
            continue
        lemma = lemmas[i]
        if i in idiom or len(lemma) < 3 or lemma in stops or lemma in _NOT_TOPICS:
            continue
        weight = 2 if i < LEAD_TOKENS else 1
        words[lemma] += weight
        plural = tok.feats.get("Number") == "Plur" or _plural_form(tok.text)
        plural_only[lemma] = plural_only.get(lemma, True) and plural
        surface.setdefault(lemma, tok)
        first_seen.setdefault(lemma, i)
        prev = tokens[i - 1] if i else None
        if (
            prev is not None
            and prev.pos == "ADJ"
            and prev.text.isalpha()
            and lemmas[i - 1] not in stops
            and i - 1 not in idiom
        ):
            name = f"{lemmas[i - 1]} {lemma}"
            phrases[name] += weight
            phrase_seen[name] += 1
            phrase_head[name] = lemma
            first_seen.setdefault(name, i)
            surface.setdefault(name, (prev, tok))
    ranked: list[tuple[float, str]] = []
    for name, n in phrases.items():
        if phrase_seen[name] >= 2:  # a phrase is a topic only if the story repeats it
            ranked.append((n * 1.5 * idf(phrase_head[name]), name))
    for lemma, n in words.items():
        ranked.append((n * idf(lemma), lemma))
    ranked.sort(key=lambda item: (-item[0], first_seen[item[1]]))
    topics: list[str] = []
    heads: set[str] = set()
    for _, key in ranked:
        head = phrase_head.get(key, key)
        if head in heads:
            continue  # one entry per head noun: the phrase, if it ranked first
        heads.add(head)
        plural = plural_only.get(head, False)
        if key in phrase_head:
            adj, noun = surface[key]
            topics.append(_folded(_phrase(adj, noun, plural), adj.text + noun.text))
        else:
            tok = surface[key]
            shown = nlp.inflect(tok.text.lower(), {"Nom", "Plur"}) if plural else key
            topics.append(_folded(shown, tok.text))
        if len(topics) == MAX_TOPICS:
            break
    return topics
