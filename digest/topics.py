"""Topics: the story's subject organizations and places, and its most salient nouns and
adjective+noun phrases, weighed against news.

A noun's weight is its count in the story (headline and lead count double) times its inverse
document frequency in a background of general news (``data/background_df.txt``, built by
``bench/background.py``): words every story uses ("страна", "работа", "вопрос") sink, the
story's own terms rise. Nouns inside fixed expressions ("с точки зрения", "в течение") are not
topics (``data/idioms.txt``). Lemmas come from pymorphy through ``nlp.lemma`` (one cached pass
shared with the rest of the card); only the phrases kept are inflected. A noun the story only
uses in the plural is shown in the plural ("маслосемена", "переговоры").

An organization or place of the card (digest.entities) is a topic when it is the story's
subject: named in the headline or the lead, or more than once. It is weighed like a noun, by
its rarest word's background frequency (a country every story names sinks), and shown as the
card names it ("правительство Чили"); the words of a name are never topics on their own ("дом"
of "Белый дом"), nor a noun or place a chosen name already covers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from natasha import Doc

from digest import nlp
from digest.entities import Entities
from digest.roles import ROLE_NOUNS
from digest.summary import stop_words
from digest.wordlists import load_words

MAX_TOPICS = 8
MAX_NAMED_TOPICS = 3  # organizations and places; the rest say what happened
_WORD = re.compile(r"\w+(?:-\w+)*")
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


@cache
def _adverb_form(word: str) -> bool:
    return any(f.tag.POS == "ADVB" for f in nlp.morph_vocab().parse(word.lower()))


@cache
def _noun_lemma(word: str) -> str | None:
    """The lemma of a word the tagger read as a noun, as a noun: pymorphy's first reading of
    "нападающего" is the participle of "нападать", of "стали" the verb "стать". A participle
    or adjective used as a noun with no noun entry ("пострадавших") is named by its masculine
    nominative (None if it has none); any other word keeps its lemma."""
    forms = nlp.morph_vocab().parse(word.lower())
    if not forms or forms[0].tag.POS == "NOUN":
        return nlp.lemma(word)
    noun = next((f for f in forms if f.tag.POS == "NOUN"), None)
    if noun is not None:
        return noun.normal_form.replace("ё", "е")
    if forms[0].tag.POS in {"PRTF", "ADJF"}:
        named = forms[0].inflect({"Nom", "Sing", "Masc"})
        return named.word.replace("ё", "е") if named is not None else None
    return nlp.lemma(word)  # an abbreviation or a word pymorphy does not know: "НПЗ"


def _plural_form(word: str) -> bool:
    """pymorphy reads the word as plural (the tagger calls "маслосемян" singular)."""
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and "plur" in forms[0].tag and "NOUN" in forms[0].tag


def _folded(word: str, surface: str) -> str:
    """Inflection may add ё ("договорённости"); keep the text's е when it wrote none. An
    abbreviation stays in capitals ("НПЗ", not "нпз")."""
    if surface.isupper() and len(surface) > 1 and word.lower() == surface.lower():
        return surface
    return word if "ё" in surface.lower() else word.replace("ё", "е")


def _phrase(adj, noun, plural: bool) -> str:
    """Adjective + noun in the nominative, agreeing: "иностранные дела", "восходящая линия"."""
    if plural:
        grams = {"Nom", "Plur"}
        return f"{nlp.inflect(adj.text.lower(), grams)} {nlp.inflect(noun.text.lower(), grams)}"
    grams = {"Nom", "Sing", noun.feats.get("Gender") or "Masc"}
    return f"{nlp.inflect(adj.text.lower(), grams)} {nlp.lemma(noun.text)}"


def _named_candidates(
    entities: Entities, title: str | None, stops: frozenset[str] | set[str]
) -> list[tuple[float, int, str, tuple[str, ...]]]:
    """(score, first token, name, content lemmas) of the subject organizations and places."""
    headline = {nlp.lemma(w) for w in _WORD.findall(title or "")}
    out = []
    for named in entities.named:
        words = tuple(w for w in named.key if w not in stops and w.isalpha())
        if not words:
            continue
        in_headline = all(w in headline for w in words)
        in_lead = named.first < LEAD_TOKENS
        mentions = named.entity.mentions
        if not (in_headline or in_lead or mentions >= 2):
            continue
        weight = mentions + in_lead + 2 * in_headline
        score = weight * 1.5 * max(idf(w) for w in words)
        out.append((score, named.first, named.entity.name, words))
    return out


def extract_topics(
    doc: Doc,
    person_offsets: set[int],
    entities: Entities | None = None,
    title: str | None = None,
) -> list[str]:
    """Up to 8 keywords, key phrases or subject names; phrases that recur outrank their
    single nouns. `entities`: the card's organizations and places; `title`: the headline."""
    stops = stop_words()
    tokens = doc.tokens
    inside_names = entities.covered if entities is not None else set()
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
        if tok.start in inside_names:
            continue  # "дом" of "Белый дом": the name is the topic, if any
        lemma = _noun_lemma(tok.text)
        if lemma is None or i in idiom or len(lemma) < 3 or lemma in stops or lemma in _NOT_TOPICS:
            continue
        if _adverb_form(tok.text):
            continue  # "зимой", "утром", "весной": when it happened, not what
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
    ranked: list[tuple[float, int, str]] = []
    for name, n in phrases.items():
        if phrase_seen[name] >= 2:  # a phrase is a topic only if the story repeats it
            ranked.append((n * 1.5 * idf(phrase_head[name]), first_seen[name], name))
    for lemma, n in words.items():
        ranked.append((n * idf(lemma), first_seen[lemma], lemma))
    named: dict[str, tuple[str, ...]] = {}
    if entities is not None:
        for score, first, name, name_lemmas in _named_candidates(entities, title, stops):
            named[name] = name_lemmas
            ranked.append((score, first, name))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    topics: list[str] = []
    heads: set[str] = set()
    named_kept = 0
    for _, _, key in ranked:
        if key in named:
            covers = set(named[key])
            # one entry per word: "правительство Чили" covers "Чили" and "правительство"
            if named_kept == MAX_NAMED_TOPICS or heads & covers:
                continue
            heads.update(covers)
            named_kept += 1
            topics.append(key)
            if len(topics) == MAX_TOPICS:
                break
            continue
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
