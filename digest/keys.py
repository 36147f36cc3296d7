"""Lookup keys for people and lemmatized text for full-text search (pure, no database).

Keys are lower-case with ё folded to е. A canonical person name "Сергей Лавров" is stored
under "сергей лавров" and "лавров"; user input in any case and grammatical form is turned
into candidate keys of the same shape.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice, permutations, product

from digest import nlp
from digest.card import ArticleCard
from digest.wordlists import load_words

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_NAME_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")
# Russian surnames in -ов/-ев/-ёв/-ин/-ын: oblique case endings (masculine and feminine).
_SURNAME_FORM = re.compile(r"^(.{2,}?(?:ов|ев|ин|ын))(а|у|ым|ом|е|ой|ою|ую|ы|ых|ым|ыми)$")
_ADJECTIVE_SURNAME_FORM = re.compile(r"^(.{3,}(?:ск|цк|щ|ч|ж|ш))(ого|его|ому|ему|им|ым|ом|ем)$")
_FTS_OPERATORS = frozenset({"and", "or", "not", "near"})
_MAX_QUERY_WORDS = 8
_MAX_FULL_KEYS = 64  # per word order of a 3–4 word name


def fold(text: str) -> str:
    """Lower case, ё → е, whitespace collapsed."""
    return " ".join(text.lower().replace("ё", "е").split())


# Typography that differs between copies of one text (encodings without «» and —, editors,
# web pages): dropped or made one character by typography_fold.
_QUOTES = "«»„“”‟\"'‘’‚‛‹›`´″′"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width, BOM
_DROPPED = re.compile(f"[{re.escape(_QUOTES + _INVISIBLE)}]+")
# after fold: spaces are single
_DASH = re.compile(f" ?[{_DASHES}-] ?")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?)\]])")
_SPACE_AFTER_BRACKET = re.compile(r"([(\[]) ")


def typography_fold(text: str) -> str:
    """The text as `fold` makes it, also without its typography: quotes dropped, every dash
    and minus one hyphen, NBSP and other spaces one space, soft hyphens and zero-width
    characters gone, "…" three dots (NFKC). «Да» — сказал = "Да" - сказал = да-сказал."""
    text = fold(_DROPPED.sub("", unicodedata.normalize("NFKC", text)))
    text = _DASH.sub("-", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_BRACKET.sub(r"\1", text)


def person_identity(name: str) -> str:
    """What makes two display names one person: "Ольга Плетнёва" and "Ольга Плетнева" (and
    "ольга  плетнева") are one row of the people table."""
    return fold(name)


def with_yo_of(kept: str, other: str) -> str:
    """`kept` with ё wherever `other`, a spelling of the same name, writes ё: the display
    form keeps the letter if any source wrote it ("Плетнева" + "Плетнёва" → "Плетнёва")."""
    if len(kept) != len(other) or fold(kept) != fold(other):
        return kept
    return "".join(
        ("Ё" if k == "Е" else "ё") if k in "еЕ" and o in "ёЁ" else k
        for k, o in zip(kept, other, strict=True)
    )


def person_keys(name: str) -> list[str]:
    """Lookup keys for a canonical (nominative) person name.

    "Сергей Лавров" → ["сергей лавров", "лавров"]; "Касым-Жомарт Токаев" →
    ["касым-жомарт токаев", "токаев"]; "Владимир Владимирович Путин" additionally
    "владимир путин".
    """
    words = _NAME_WORD.findall(fold(name))
    if not words:
        return []
    keys = [" ".join(words)]
    if len(words) >= 3:
        keys.append(f"{words[0]} {words[-1]}")
    keys.append(words[-1])
    return list(dict.fromkeys(keys))


def _surname_bases(word: str) -> list[str]:
    """Nominative candidates of a possibly inflected -ов/-ин surname, or of one declined as
    an adjective ("непомнящего" → непомнящий; the dictionary may know neither)."""
    m = _SURNAME_FORM.match(word)
    if m:
        base = m.group(1)
        return [base, base + "а"]
    m = _ADJECTIVE_SURNAME_FORM.match(word)
    if m:
        return [m.group(1) + ending for ending in ("ий", "ой", "ый")]
    return []


def _word_forms(word: str) -> list[str]:
    """Possible dictionary forms of one name word (hyphenated parts handled separately)."""
    word = fold(word)
    if "-" in word:
        parts = [_word_forms(p) for p in word.split("-") if p]
        joined = ["-".join(c) for c in product(*parts)][:8]
        return list(dict.fromkeys([word, *joined]))
    forms = [word, *nlp.lemma_variants(word), *_surname_bases(word)]
    return list(dict.fromkeys(forms))


def query_person_keys(query: str) -> list[str]:
    """Candidate lookup keys for a person as a user typed it ("Лаврова", "Сергея Лаврова"),
    in any word order ("Громов Виктор", "Локоть Анатолий Евгеньевич").

    Multi-word keys come first (full name), then single-word (surname) keys: those of the
    last word that may be a surname (not only a first name or a patronymic).
    """
    words = _NAME_WORD.findall(query)[:4]
    if not words:
        return []
    per_word = [_word_forms(w) for w in words]
    keys: list[str] = []
    if len(words) >= 2:
        for first, last in permutations(per_word, 2):  # first name and surname, either order
            keys += [f"{a} {b}" for a, b in product(first, last)]
        if len(words) >= 3:
            for order in permutations(per_word):
                keys += [" ".join(c) for c in islice(product(*order), _MAX_FULL_KEYS)]
    keys += _word_forms(likely_surnames(words)[0])
    return list(dict.fromkeys(keys))


def likely_surnames(words: list[str]) -> list[str]:
    """The words of a typed name that may be surnames, the last first; all of them, the last
    first, when none may be ("Громов Виктор" → ["Громов"])."""
    found = [w for w in reversed(words) if _maybe_surname(w)]
    return found or words[::-1]


def _maybe_surname(word: str) -> bool:
    """Not a word the dictionary knows only as a first name or a patronymic."""
    parses = nlp.morph_vocab().parse(fold(word))
    if any("Surn" in p.tag for p in parses):
        return True
    return not any(("Name" in p.tag or "Patr" in p.tag) and p.is_known for p in parses)


def card_index_text(card: ArticleCard) -> tuple[str, str]:
    """(title, body) as the full-text index stores them: the subtitle is searched as title."""
    return index_text(" ".join(filter(None, [card.title, card.subtitle]))), index_text(card.text)


def index_text(text: str) -> str:
    """Lemmatized lower-case text for the FTS index ("Вакцины поступили" → "вакцина поступить")."""
    return " ".join(nlp.lemma(w) for w in _WORD.findall(text))


def query_lemmas(user_text: str) -> list[list[str]]:
    """Per searchable word of the user's text, its possible lemmas (stop words dropped)."""
    words = [w for w in _WORD.findall(user_text) if w.lower() not in _FTS_OPERATORS]
    groups: list[list[str]] = []
    for word in words[:_MAX_QUERY_WORDS]:
        forms = list(dict.fromkeys([nlp.lemma(word), *nlp.lemma_variants(word)]))
        if len(words) > 1 and all(f in load_words("stopwords_ru") for f in forms):
            continue
        if forms not in groups:
            groups.append(forms)
    return groups


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 MATCH expression: every lemma double-quoted, words AND-ed.

    Operators, quotes, `*`, parentheses and `-` in the input never become FTS syntax.
    Returns None when nothing searchable remains.
    """
    parts = []
    for forms in query_lemmas(user_text):
        quoted = [f'"{f}"' for f in forms if f and '"' not in f]
        if not quoted:
            continue
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(parts) if parts else None


def bare_first_name(name: str) -> bool:
    """A one-word name the dictionary knows as a first name and not as a surname: an
    eyewitness ("Ольга"), who tells a reader nothing among the people of the day. A surname
    alone ("Лавров") is a person."""
    if len(name.split()) != 1:
        return False
    parses = nlp.morph_vocab().parse(name.lower())
    return any("Name" in p.tag and p.is_known for p in parses) and not any(
        "Surn" in p.tag for p in parses
    )
