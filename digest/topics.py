"""Topics: the article's most salient lemmatized nouns and adjective+noun phrases."""

from __future__ import annotations

from collections import Counter

from natasha import Doc

from digest import nlp
from digest.people import ROLE_NOUNS
from digest.summary import stop_words
from digest.wordlists import load_words

MAX_TOPICS = 8
LEAD_TOKENS = 60  # words of the headline and lead weigh double
# calendar words, units and offices say nothing about what a story is about
_NOT_TOPICS = ROLE_NOUNS | load_words("not_topics")


def _phrase(adj, noun, noun_lemma: str) -> str:
    """Adjective + noun in the nominative, agreeing: "иностранные дела", "восходящая линия"."""
    if noun.feats.get("Number") == "Plur":
        grams = {"Nom", "Plur"}
        return f"{nlp.inflect(adj.text.lower(), grams)} {nlp.inflect(noun.text.lower(), grams)}"
    grams = {"Nom", "Sing", noun.feats.get("Gender") or "Masc"}
    return f"{nlp.inflect(adj.text.lower(), grams)} {noun_lemma}"


def extract_topics(doc: Doc, person_offsets: set[int]) -> list[str]:
    """Up to 8 keywords or key phrases; phrases that recur outrank their single nouns."""
    stops = stop_words()
    words: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    phrase_seen: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    tokens = doc.tokens
    for i, tok in enumerate(tokens):
        if tok.pos != "NOUN" or tok.start in person_offsets or not tok.text.isalpha():
            continue
        lemma = nlp.lemma(tok.text)
        if len(lemma) < 3 or lemma in stops or lemma in _NOT_TOPICS:
            continue
        weight = 2 if i < LEAD_TOKENS else 1
        words[lemma] += weight
        first_seen.setdefault(lemma, i)
        prev = tokens[i - 1] if i else None
        if (
            prev is not None
            and prev.pos == "ADJ"
            and prev.text.isalpha()
            and nlp.lemma(prev.text) not in stops
        ):
            key = _phrase(prev, tok, lemma)
            phrases[key] += weight
            phrase_seen[key] += 1
            first_seen.setdefault(key, i)
    ranked: list[tuple[float, str]] = []
    for phrase, n in phrases.items():
        if phrase_seen[phrase] >= 2:  # a phrase is a topic only if the story repeats it
            ranked.append((n * 1.5, phrase))
    for word, n in words.items():
        ranked.append((float(n), word))
    ranked.sort(key=lambda item: (-item[0], first_seen[item[1]]))
    topics: list[str] = []
    for _, term in ranked:
        head = nlp.lemma(term.split()[-1])
        if any(head == nlp.lemma(t.split()[-1]) for t in topics):
            continue  # one entry per head noun: the phrase, if it ranked first
        topics.append(term)
        if len(topics) == MAX_TOPICS:
            break
    return topics
