"""Topics: the article's most salient lemmatized nouns and adjective+noun phrases."""

from __future__ import annotations

from collections import Counter

from natasha import Doc

from digest import nlp
from digest.summary import stop_words

MIN_TOPICS, MAX_TOPICS = 3, 8
LEAD_TOKENS = 60  # words of the headline and lead weigh double


def _phrase(adj_text: str, noun_lemma: str, gender: str | None, plural: bool) -> str:
    grams = {"Nom", "Plur"} if plural else {"Nom", "Sing", gender or "Masc"}
    return f"{nlp.inflect(adj_text.lower(), grams)} {noun_lemma}"


def extract_topics(doc: Doc, person_offsets: set[int]) -> list[str]:
    """3–8 keywords or key phrases; phrases that recur outrank their single nouns."""
    stops = stop_words()
    words: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    tokens = doc.tokens
    for i, tok in enumerate(tokens):
        if tok.pos != "NOUN" or tok.start in person_offsets or not tok.text.isalpha():
            continue
        lemma = nlp.lemma(tok.text)
        if len(lemma) < 3 or lemma in stops:
            continue
        weight = 2 if i < LEAD_TOKENS else 1
        words[lemma] += weight
        first_seen.setdefault(lemma, i)
        prev = tokens[i - 1] if i else None
        if prev is not None and prev.pos == "ADJ" and nlp.lemma(prev.text) not in stops:
            plural = tok.feats.get("Number") == "Plur" and prev.feats.get("Number") == "Plur"
            key = _phrase(prev.text, lemma, tok.feats.get("Gender"), plural and lemma.endswith("ы"))
            phrases[key] += weight
            first_seen.setdefault(key, i)
    ranked: list[tuple[float, str]] = []
    for phrase, n in phrases.items():
        if n >= 2:
            ranked.append((n * 1.5, phrase))
    for word, n in words.items():
        ranked.append((float(n), word))
    ranked.sort(key=lambda item: (-item[0], first_seen[item[1]]))
    topics: list[str] = []
    for _, term in ranked:
        head = term.split()[-1]
        if any(head == t.split()[-1] for t in topics):
            continue  # one entry per head noun: the phrase, if it ranked first
        topics.append(term)
        if len(topics) == MAX_TOPICS:
            break
    return topics[: max(MIN_TOPICS, min(MAX_TOPICS, len(topics)))]
