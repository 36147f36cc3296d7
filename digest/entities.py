"""Organizations and places of a card, in the nominative, merged by name.

natasha tags proper names (ORG, LOC). News also names an organization by an institution noun
(``data/org_nouns.txt``) that governs a name, where natasha tags only the name, or nothing:

- a genitive place, organization or person: "правительства Чили" → "правительство Чили",
  "федерациями Перу и Чили" → one organization per name, "пресс-службы Иванова";
- a place adjective: "чилийского правительства" → "чилийское правительство";
- a «quoted» name, or one in Latin script or not declined after a noun of a kind
  (компания, банк, агентство): "партии «Зелёный берег»" → "партия «Зелёный берег»" (a
  bare "Зелёный берег" is the same organization), "агентства Blueline";
- "в" and a place: "посольства в Лиме" → "посольство в Лиме".

A place whose head is an institution noun is an organization ("Европейский союз", and
compounds such as "Евросоюз"), so is one pymorphy's dictionary knows only as an organization
("ЕС", "ОПЕК"; it files "США" and "СНГ" as places). An abbreviation spelled by the initials
of an organization's name in the same text is that organization, also inside a longer name
("комиссия ЕС" = "комиссия Европейского союза"). The place inside "правительство Чили" stays a
place of the story too. A name goes to the nominative by its head: adjectives before it agree
with it, the genitive words after it stay as written; abbreviations keep their capitals
("МИДе" → "МИД").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from natasha import Doc

from digest import nlp, regions
from digest.card import Entity
from digest.keys import fold
from digest.wordlists import load_words

_REPUBLIC = re.compile(r"^Республик[аи]\s+(?=[А-ЯЁ])")
# list separators natasha sometimes tags across, and brackets: "Комитет защиты (КЗЖ)" is two
# names of one organization (the abbreviation then merges by its initials)
_SEPARATORS = {"•", "|", "/", ";", "·", "(", ")"}
_OPENING = {"«", '"', "„", "“"}
_CLOSING = {"»", '"', "“", "”"}
_MAX_QUOTED = 8
_MAX_CHAIN = 3  # genitive words between the institution and its name: "пресс-служба президента"
_MAX_ADJECTIVES = 3
_NAME_POS = {"NOUN", "PROPN"}
_ABBREVIATION = re.compile(r"^([A-ZА-ЯЁ]{2,})[a-zа-яё]{0,2}$")  # "МИД", "МИДе", "ФСБ"
_LATIN = re.compile(r"^[A-Za-z][\w&.'-]*$")
_WORD = re.compile(r"[\w]+(?:-[\w]+)*")
# "-ический"/"-еский" adjectives come from common nouns (исторический, дружеский), not places
_GEO_ADJECTIVE = re.compile(r"(?:[^е]ский|цкий|ской)$")


@dataclass(frozen=True, slots=True)
class OrgNoun:
    genitive: bool  # "правительство Чили"
    person: bool  # "администрация Обамы"
    adjective: bool  # "чилийское правительство"
    plural: bool  # "власти Чили" only in the plural
    place: bool  # "посольство в Лиме"
    kind: bool  # "фонд Blueline" is Blueline (but "отдел Blueline" is a part of it)


@cache
def org_nouns() -> dict[str, OrgNoun]:
    text = resources.files("digest").joinpath("data/org_nouns.txt").read_text("utf-8")
    out: dict[str, OrgNoun] = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            f = set(fields[1:])
            kind = "k" in f or "g" not in f
            out[fields[0]] = OrgNoun("g" in f, "p" in f, "a" in f, "pl" in f, "v" in f, kind)
    return out


@cache
def _org_suffixes() -> tuple[str, ...]:
    """Institution nouns long enough to end a compound ("Евросоюз", "Еврокомиссия")."""
    return tuple(n for n in org_nouns() if len(n) >= 4)


# --- names in the nominative -----------------------------------------------------------------


def _abbreviation(word: str) -> str | None:
    """The capitals of an abbreviation, a case ending dropped: "МИДе" → "МИД"."""
    m = _ABBREVIATION.match(word)
    return m.group(1) if m else None


def _keep_e(word: str, surface: str) -> str:
    return word if "ё" in surface.lower() else word.replace("ё", "е")


def _inflect(tok, grams: set[str]) -> str:
    return _inflected(tok.text, tok.feats.get("Case"), tok.feats.get("Number"), frozenset(grams))


@lru_cache(maxsize=20_000)
def _inflected(text: str, case: str | None, number: str | None, grams: frozenset[str]) -> str:
    """Like nlp.inflect, but reading the word as the tagger did (its case and number):
    "Большим театром" is "большой" (singular), not "больший" (plural dative). Cached, since
    pymorphy builds the whole paradigm for each inflection."""
    for form in nlp.morph_vocab()(text.lower()):
        if form.feats.get("Case") not in (case, None) or form.feats.get("Number") not in (
            number,
            None,
        ):
            continue
        try:
            result = form.inflect(grams)
        except (KeyError, ValueError):
            result = None
        if result is not None:
            word = _same_stem(text.lower(), result.word)
            return word[:1].upper() + word[1:] if text[:1].isupper() else word
    return nlp.inflect(text, set(grams))


def _common_prefix(a: str, b: str) -> int:
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


def _same_stem(surface: str, word: str) -> str:
    """`word` (an inflection of `surface`), or the form of its paradigm with the same tags that
    keeps the surface's stem: pymorphy files "высшей" under "высокий", whose nominative
    superlatives are "высочайшая" and "высшая" alike; "Высшей школы" is "Высшая школа"."""
    kept = _common_prefix(surface, word)
    if kept >= len(surface) - 1:
        return word
    for parse in nlp.morph_vocab().parse(surface):
        if "Supr" not in parse.tag:
            continue  # only superlatives share a paradigm with other stems
        lexeme = parse.lexeme
        tags = {str(f.tag) for f in lexeme if f.word == word}
        best = max((f.word for f in lexeme if str(f.tag) in tags),
                   key=lambda w: _common_prefix(surface, w), default=word)
        if _common_prefix(surface, best) > kept:
            return best
    return word


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    pos: str
    feats: dict


@lru_cache(maxsize=20_000)
def _name_nominative(text: str, pos: str, case: str | None, gender: str | None) -> str:
    feats = {k: v for k, v in (("Case", case), ("Gender", gender)) if v}
    return nlp.name_nominative(_Word(text, pos, feats))


def _nominative_word(tok, grams: set[str], name: bool = False) -> str:
    abbr = _abbreviation(tok.text)
    if abbr:
        return abbr
    if name and "Plur" not in grams:
        return _name_nominative(tok.text, tok.pos, tok.feats.get("Case"), tok.feats.get("Gender"))
    return _keep_e(_inflect(tok, grams), tok.text)


def _join(words: list[str], tokens: list) -> str:
    """Words joined with the text's own spacing (no space inside «…» or before a comma)."""
    if not words:
        return ""
    out = words[0]
    for prev, tok, word in zip(tokens, tokens[1:], words[1:], strict=False):
        out += (" " if tok.start > prev.stop else "") + word
    return out


@lru_cache(maxsize=20_000)
def _reads_as_adjective(word: str) -> bool:
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and ("ADJF" in forms[0].tag or "PRTF" in forms[0].tag)


def _adjective(tok) -> bool:
    """An adjective, also one the tagger took for a name ("Соединённых Штатов")."""
    return tok.pos == "ADJ" or (tok.pos == "PROPN" and _reads_as_adjective(tok.text))


def _head_nominative(tok, number: str) -> str:
    if tok.pos == "PROPN" and number == "Sing":
        word = _nominative_word(tok, set(), True)
        if word != tok.text or tok.feats.get("Case") in (None, "Nom"):
            return word
    return _nominative_word(tok, {"Nom", number})


def nominative_phrase(tokens: list, head: int, number: str | None = None) -> str:
    """Adjectives before the head agree with it in the nominative, the head goes to the
    nominative, words after it (genitive dependents) stay as written; a proper name's words
    in the head's case go along ("Нижнего Новгорода", "Коста Рики")."""
    head_tok = tokens[head]
    number = number or head_tok.feats.get("Number", "Sing")
    head_grams = {"Nom", number}
    adj_grams = set(head_grams)
    if number == "Sing":
        adj_grams.add(head_tok.feats.get("Gender") or "Masc")
    words = [_nominative_word(t, adj_grams) for t in tokens[:head]]
    words.append(_head_nominative(head_tok, number))
    case = head_tok.feats.get("Case")
    along = head_tok.pos == "PROPN" and case not in (None, "Nom") and _proper(head_tok.text)
    for tok in tokens[head + 1 :]:
        along = along and tok.pos == "PROPN" and tok.feats.get("Case") == case
        words.append(_nominative_word(tok, head_grams, True) if along else tok.text)
    return _join(words, tokens)


@lru_cache(maxsize=20_000)
def _proper(word: str) -> bool:
    """A word the dictionary knows only as a name, or not at all ("Новгорода", "Коста"): the
    words after it in its case are parts of the name. After a common noun ("Банка России")
    they are its genitive dependents."""
    forms = nlp.morph_vocab().parse(word.lower())
    common = [f for f in forms if f.is_known and "NOUN" in f.tag
              and not {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(f.tag.grammemes)]
    return not common


HONORIFIC_RANKS = load_words("honorific_ranks")


def _street_name(tokens: list) -> bool:
    """A street's own name after "улица": a noun in the genitive that is no place ("улице
    Менделеева", "проспекте Победы"; not "улицы Архангельска", the town's streets, nor
    "улице Комсомольской", an adjective agreeing with the street)."""
    head = tokens[0]
    if head.feats.get("Case") != "Gen" or head.pos not in {"NOUN", "PROPN"}:
        return False
    return not any("Geox" in f.tag or f.tag.POS == "ADJF"
                   for f in nlp.morph_vocab().parse(head.text.lower()))


def _named_after_person(tokens: list) -> bool:
    """A place named after a person, in the genitive as the street sign has it: "Льва
    Толстого", "Белы Куна", "Маршала Чуйкова". Put in the nominative it would be the person
    ("Лев Толстой") or, half-inflected, no name at all ("Маршал Чуйкова")."""
    if not 2 <= len(tokens) <= 3 or tokens[0].feats.get("Case") in (None, "Nom"):
        return False
    if not all(t.text[:1].isupper() and t.text.isalpha() for t in tokens):
        return False
    first = nlp.morph_vocab().parse(tokens[0].text.lower())
    opens = any(
        f.is_known and "gent" in f.tag and "sing" in f.tag
        and ("Name" in f.tag or f.normal_form in HONORIFIC_RANKS)
        for f in first
    )
    return opens and all(_may_be_surname(t.text) for t in tokens[1:])


def _may_be_surname(word: str) -> bool:
    """Not a word the dictionary knows only as a place ("Нижнего Новгорода")."""
    forms = nlp.morph_vocab().parse(word.lower())
    person = any("Surn" in f.tag or "Name" in f.tag for f in forms)
    return person or not any("Geox" in f.tag for f in forms)


def span_name(tokens: list, normal: str | None, organization: bool = False) -> str:
    """The nominative name of a natasha span (or a part of one)."""
    if len(tokens) == 1:
        return _abbreviation(tokens[0].text) or _one_word_name(tokens[0], normal, organization)
    head = next((i for i, t in enumerate(tokens) if t.pos in _NAME_POS and not _adjective(t)), None)
    if head is None or not all(_adjective(t) for t in tokens[:head]):
        return normal or _join([t.text for t in tokens], tokens)
    return nominative_phrase(tokens, head)


def _one_word_name(tok, normal: str | None, organization: bool = False) -> str:
    """natasha leaves a rare hyphenated place in its case ("в обход Каменска-Уральского"):
    then the dictionary puts each part in the nominative. (A one-part name stays natasha's:
    guessed by shape, "в Тоттенхэме" or "в Афины" would come out wrong.) An organization's
    name natasha left in its case may end in an institution noun ("на Мосбирже")."""
    case = tok.feats.get("Case")
    if organization and normal is not None and normal == tok.text and "-" not in tok.text:
        return _compound_nominative(tok.text, case) or (
            case in _OBLIQUE and _oblique_name(tok.text)) or normal
    if not organization and tok.pos in {"NOUN", "PROPN"} and case not in (None, "Nom") and (
            place := _dictionary_place(tok.text)):
        return place
    if "-" not in tok.text or normal != tok.text or case in (None, "Nom"):
        return normal or nlp.name_nominative(tok)
    parts = []
    for part in tok.text.split("-"):
        form = next((f for f in nlp.morph_vocab().parse(part.lower())
                     if f.feats.get("Case") == case and f.feats.get("Number") == "Sing"), None)
        word = form.inflect({"Nom"}) if form is not None else None
        parts.append(_keep_e(word.word, part).capitalize() if word and part[:1].isupper()
                     else part)
    return "-".join(parts)


_UD_CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


@lru_cache(maxsize=5_000)
def _dictionary_place(word: str) -> str | None:
    """The one place name the dictionary knows the word as a form of: "Бибиреве" →
    "Бибирево", "Чишмами" → "Чишмы", "Тушине" → "Тушино" (natasha keeps the case of a name it
    does not know, or makes a man of it: "Тушин")."""
    if "-" in word:
        return None  # "Санкт-Петербурге": natasha's, its parts capitalized
    places = {p.normal_form for p in nlp.morph_vocab().parse(word.lower())
              if p.is_known and "Geox" in p.tag and p.tag.POS == "NOUN"}
    if len(places) != 1:
        return None
    place = places.pop()
    if "ё" not in word.lower():
        place = place.replace("ё", "е")
    return place[:1].upper() + place[1:]


_OBLIQUE = frozenset({"Gen", "Dat", "Ins", "Loc"})


@lru_cache(maxsize=5_000)
def _oblique_name(word: str) -> str | None:
    """An organization's one-word name natasha left in an oblique case (as the tagger reads
    it), when no reading of it is a nominative and every reading gives one: «Известиям» →
    «Известия», «Дальптице» → «Дальптица», «Атомфлота» → «Атомфлот». A form that may be a
    nominative stays as written («Дальптицы», «Ростелеком»). The letters the two forms share
    keep their capitals."""
    if not word.isalpha() or not word[:1].isupper():
        return None
    forms = nlp.morph_vocab().parse(word.lower())
    if not forms or any("nomn" in f.tag for f in forms):
        return None
    if word.endswith("е") and not any(f.is_known for f in forms):
        return None  # «Трабзонспоре», «Удинезе»: a guess cannot tell -е, -а or nothing
    common = [f for f in forms if not {"Name", "Surn", "Patr"} & f.tag.grammemes]
    nominatives = {n.word for f in common or forms if (n := f.inflect({"Nom"})) is not None}
    if len(nominatives) != 1:
        return None  # «СеверАвиаЛинку»: «СеверАвиаЛинк» or «СеверАвиаЛинка», the dictionary
    new = nominatives.pop()  # cannot tell
    same = next((i for i, (x, y) in enumerate(zip(word.lower(), new, strict=False)) if x != y),
                min(len(word), len(new)))
    return word[:same] + new[same:]


def _compound_nominative(word: str, case: str | None) -> str | None:
    """A name natasha left in its case that ends in an institution noun ("на Мосбирже" →
    "Мосбиржа", "в Росбанке" → "Росбанк"); None for any other, and for a noun that may be a
    genitive or a nominative: "Минсвязи" is "министерство связи" in any
    case, "Ростелеком" is the name itself. The tagger's case is checked when it has one
    (it may take "Мосбирже" for a nominative)."""
    wanted = _UD_CASES.get(case or "")
    for split in range(2, len(word) - 3):
        tail = word[split:]
        if not tail.islower():
            continue
        forms = nlp.morph_vocab().parse(tail)
        if any("gent" in f.tag or "nomn" in f.tag for f in forms):
            continue
        for form in forms:
            if (form.is_known and "NOUN" in form.tag and "sing" in form.tag
                    and form.normal_form in org_nouns()
                    and (wanted is None or wanted in form.tag)):
                nominative = form.inflect({"Nom"})
                if nominative is not None:
                    return word[:split] + nominative.word
    return None


# --- reading the tokens ----------------------------------------------------------------------


class _Lazy:
    """A phrase put in the nominative only when it is used (inflection is the costly part)."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make()
        return self._text


@dataclass(slots=True)
class _Found:
    kind: str  # ORG | LOC
    name: str
    first: int  # token index
    key_text: str  # the words that identify it: a quoted name, else the name
    stop: int  # token index after the mention
    alias: _Found | None = None  # the mention whose other name this is
    described: bool = False  # "партия «Зелёный берег»": the name with what it names


def _key(text: str, expand: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Lemmas of the name's words, abbreviations spelled out when the text spells them."""
    key: list[str] = []
    for word in _WORD.findall(text):
        if word in expand:
            key.extend(expand[word])
        else:
            key.append(nlp.lemma(word) if word.isalpha() else word.lower())
    return tuple(key)


def _initials(name: str) -> str:
    """"Европейский союз" → "ЕС", "Hewlett-Packard" → "HP" (small function words skipped)."""
    parts = re.findall(r"\w+", name)
    return "".join(w[0] for w in parts if len(w) > 2 or w[:1].isupper()).upper()


@lru_cache(maxsize=20_000)
def _dictionary_marks(word: str) -> frozenset[str]:
    """Whether pymorphy's dictionary knows the word as an organization or a place name."""
    return frozenset(
        mark for form in nlp.morph_vocab().parse(word.lower()) for mark in ("Orgn", "Geox")
        if mark in form.tag
    )


@lru_cache(maxsize=20_000)
def _fixed(word: str) -> bool:
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and "Fixd" in forms[0].tag


@lru_cache(maxsize=20_000)
def _compound_org(lemma: str) -> bool:
    """"евросоюз", "еврокомиссия": a prefix and an institution noun."""
    return any(lemma.endswith(n) and len(lemma) - len(n) >= 3 for n in _org_suffixes())


@lru_cache(maxsize=5_000)
def _plural_only(word: str) -> bool:
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and "Pltm" in forms[0].tag


def _is_geo_adjective(tok) -> bool:
    """A relational adjective such as a place gives: "чилийский", "московский"."""
    return _adjective(tok) and bool(_GEO_ADJECTIVE.search(nlp.lemma(tok.text)))


def _place_adjective(tok) -> bool:
    """natasha tags "Чилийское" (sentence-initial, capitalized) as a place."""
    return _reads_as_adjective(tok.text) and bool(_GEO_ADJECTIVE.search(nlp.lemma(tok.text)))


_LIST_GAP = re.compile(r"^[\s,;•·|▪]*$")


def misread_place(doc: Doc, k: int) -> bool:
    """Whether doc.spans[k], tagged PER, is a place the tagger misread: a "name" listed
    between two places ("• Чили • Коста Рика • Эквадор")."""
    spans = doc.spans
    if k == 0 or k + 1 >= len(spans):
        return False
    before, span, after = spans[k - 1], spans[k], spans[k + 1]
    return (
        before.type == after.type == "LOC"
        and bool(_LIST_GAP.match(doc.text[before.stop : span.start]))
        and bool(_LIST_GAP.match(doc.text[span.stop : after.start]))
    )


def misread_office(doc: Doc, k: int) -> bool:
    """Whether doc.spans[k], tagged PER, is a town's office the tagger misread: a word the
    dictionary does not know followed by a town in the genitive that it knows only as a place
    ("Хокимият Самарканда", "Акимат Шымкента"); "Ивана Самарканда" has a known first name."""
    words = [t.text for t in doc.spans[k].tokens]
    if len(words) != 2:
        return False
    parse = nlp.morph_vocab().parse
    first, last = parse(words[0]), parse(words[1])
    return (
        not any(p.is_known for p in first)
        and bool(last) and all(p.is_known and "Geox" in p.tag for p in last)
        and "gent" in last[0].tag
    )


def misread_person(doc: Doc, k: int) -> bool:
    """Whether doc.spans[k], tagged LOC or ORG, is a person the tagger misread: two or three
    capitalized words opening with a first name the dictionary is sure of and closing with a
    surname, an unknown word or a surname shaped like an adjective ("архиепископ Лонгин
    Клинский", "президента Ахмат-Хаджи Кадырова"). Not in quotes: «Лев Яшин» names a thing."""
    span = doc.spans[k]
    words = [t.text for t in span.tokens]
    if span.type not in {"LOC", "ORG"} or not 2 <= len(words) <= 3:
        return False
    if not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    if doc.text[span.start - 1 : span.start] in _OPENING_QUOTES:
        return False
    parse = nlp.morph_vocab().parse
    first, last = parse(words[0]), parse(words[-1])
    if not first or "Name" not in first[0].tag or first[0].score < 0.5:
        return False
    return (
        any("Surn" in p.tag for p in last)
        or not any(p.is_known for p in last)
        or last[0].tag.POS == "ADJF"
    )


_OPENING_QUOTES = {"«", '"', "„", "“", "'"}
_CLOSING_QUOTES = {"»", '"', "“", "”", "'"}


class _Reader:
    """The name spans and lemmas of a parsed document, read once."""

    def __init__(self, doc: Doc) -> None:
        self.tokens = doc.tokens
        self.text = doc.text
        index = {t.start: i for i, t in enumerate(self.tokens)}
        self.spans: list[tuple[str, int, int, str | None]] = []  # type, first, stop, normal
        # "Всемирная организация (ВОЗ)": the bracketed part names the same body
        self.alias_of: dict[int, int] = {}  # first token of a bracketed part → of the name
        for k, span in enumerate(doc.spans):
            first, last = index.get(span.tokens[0].start), index.get(span.tokens[-1].start)
            if first is None or last is None:
                continue
            kind = span.type
            if span.type == "PER" and misread_place(doc, k):
                kind = "LOC"
            elif misread_person(doc, k):
                kind = "PER"
            # a list run together ("Чили • Перу") is one name per item; stray brackets go
            run, named = first, None
            for i in range(first, last + 2):
                if i == last + 1 or self.tokens[i].text in _SEPARATORS:
                    a, b = run, i
                    while a < b and not self.tokens[a].text[0].isalnum():
                        a += 1
                    while b > a and not self._closed(a, b):
                        b -= 1
                    a, b = self._paired(a, b)
                    if b > a and not (b - a == 1 and self.tokens[a].text in _OPENING | _CLOSING):
                        whole = (a, b) == (first, last + 1)
                        self.spans.append((kind, a, b, span.normal if whole else None))
                        if named is not None and self.tokens[a - 1].text == "(":
                            self.alias_of[a] = named
                        named = a if named is None or self.tokens[i - 1].text != ")" else named
                    run = i + 1
        self.span_at: dict[int, tuple[str, int, int, str | None]] = {}
        for s in self.spans:
            for i in range(s[1], s[2]):
                self.span_at[i] = s
        self.lemmas = [nlp.lemma(t.text) if t.text[:1].isalpha() else "" for t in self.tokens]

    def _closed(self, a: int, b: int) -> bool:
        """tokens[a:b] end in a word, or in a quote they opened."""
        last = self.tokens[b - 1].text
        if last[-1].isalnum():
            return True
        inner = {t.text for t in self.tokens[a : b - 1]}
        return last in _CLOSING and bool(inner & _OPENING)

    def _paired(self, a: int, b: int) -> tuple[int, int]:
        """tokens[a:b] with a quote opened inside closed: natasha ends "АЭС «Аккую»" before
        its closing mark. Without a closing mark right after it, the name starts after the
        opening one ("Омский «Авангард, СКА" is "Авангард")."""
        opened = [i for i in range(a, b) if self.tokens[i].text == "«"]
        closed = sum(self.tokens[i].text == "»" for i in range(a, b))
        if len(opened) <= closed:
            return a, b
        if b < len(self.tokens) and self.tokens[b].text == "»":
            return a, b + 1
        return opened[-1] + 1, b

    def _sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        prev = self.tokens[i - 1]
        gap = self.text[prev.stop : self.tokens[i].start]
        return prev.text in {".", "!", "?", "…"} or "\n" in gap

    def _undeclined(self, span) -> bool:
        """A name that has no case to read: Latin script, an abbreviation, or a word the
        dictionary marks indeclinable ("Перу", "Нетаньяху")."""
        word = self.tokens[span[2] - 1].text
        return bool(_LATIN.match(word)) or _abbreviation(word) == word or _fixed(word)

    def _name_at(self, i: int, kinds: set[str]):
        """A name span of one of `kinds` starting at token i, in the genitive or undeclined."""
        span = self.span_at.get(i)
        if span is None or span[1] != i or span[0] not in kinds:
            return None
        if self.tokens[i].feats.get("Case") == "Gen" or self._undeclined(span):
            return span
        return None

    def _names(self, i: int, kinds: set[str]) -> list[tuple[int, int]]:
        """Genitive names from token i on, with coordinated ones ("Перу, Чили и Боливии")."""
        out: list[tuple[int, int]] = []
        span = self._name_at(i, kinds)
        while span is not None:
            out.append((span[1], span[2]))
            j = span[2]
            if j < len(self.tokens) and self.tokens[j].text in {",", "и"}:
                span = self._name_at(j + 1, {span[0]})
            else:
                span = None
        return out

    def _quoted(self, i: int) -> int | None:
        """Index of the closing quote of «…» opening at token i."""
        if i >= len(self.tokens) or self.tokens[i].text not in _OPENING:
            return None
        for j in range(i + 1, min(i + 2 + _MAX_QUOTED, len(self.tokens))):
            text = self.tokens[j].text
            if text in _CLOSING and j > i + 1:
                return j
            if text in {".", "!", "?"}:
                return None
        return None

    def _apposition(self, i: int) -> int | None:
        """End of an ORG name at token i that stands beside the noun instead of depending
        on it: Latin script or not declined ("агентства Blueline", "агентства Синьхуа")."""
        span = self.span_at.get(i)
        if span is None or span[1] != i:
            return None
        # natasha calls some teams and media people ("команды Феррари")
        if span[0] != "ORG" and "Orgn" not in _dictionary_marks(self.tokens[i].text):
            return None
        tokens = self.tokens[span[1] : span[2]]
        if all(_LATIN.match(t.text) for t in tokens) or self._undeclined(span):
            return span[2]
        return None

    def _place_in(self, i: int) -> list[tuple[int, int]]:
        """"в Лиме" at token i, as [(i, end)]."""
        span = self.span_at.get(i + 1)
        if i < len(self.tokens) and self.lemmas[i] == "в" and span and span[:2] == ("LOC", i + 1):
            return [(i, span[2])]
        return []

    def _head_phrase(self, start: int, head: int, plural: bool) -> _Lazy:
        def make() -> str:
            # "главы правительств Чили и Перу": each is "правительство", one a name
            number = "Plur" if plural else "Sing"
            text = nominative_phrase(self.tokens[start : head + 1], head - start, number)
            if self._sentence_initial(start) and _abbreviation(self.tokens[start].text) is None:
                text = text[:1].lower() + text[1:]  # "Правительство Чили заявило" mid-list
            return text

        return _Lazy(make)

    def institutions(self) -> tuple[list[_Found], set[int]]:
        """Organizations named through an institution noun; also the first token indexes of
        natasha spans they absorb (a bare "Судом", a quoted name)."""
        found: list[_Found] = []
        absorbed: set[int] = set()
        tokens, nouns = self.tokens, org_nouns()
        for i, tok in enumerate(tokens):
            spec = nouns.get(self.lemmas[i])
            if spec is None or tok.pos not in _NAME_POS:
                continue
            own = self.span_at.get(i)
            if own is not None and (own[0] == "PER" or own[2] - own[1] > 1):
                continue  # inside a person's or a longer name
            if spec.plural and tok.feats.get("Number") != "Plur":
                continue
            start, case = i, tok.feats.get("Case")
            while start > 0 and i - start < _MAX_ADJECTIVES:
                prev = tokens[start - 1]
                if (
                    not _adjective(prev)
                    or prev.feats.get("Case") != case
                    or (start - 1 in self.span_at and not _place_adjective(prev))
                ):
                    break
                start -= 1
                if start in self.span_at:
                    absorbed.add(start)  # "Чилийское правительство": natasha's place
            head = self._head_phrase(start, i, spec.plural or _plural_only(tok.text))
            geo = any(_is_geo_adjective(t) for t in tokens[start:i])
            # «Name» or a Latin name right after the noun
            close = self._quoted(i + 1)
            beside = None if close is not None or not spec.kind else self._apposition(i + 1)
            if close is not None or beside is not None:
                inner = tokens[i + 2 : close] if close is not None else tokens[i + 1 : beside]
                name = _join([t.text for t in inner], inner)
                shown = f"{head} «{name}»" if close is not None else f"{head} {name}"
                stop = (close + 1) if close is not None else (beside or i + 1)
                found.append(_Found("ORG", shown, start, name, stop, described=True))
                absorbed.update(range(i, (close or beside or i) + 1))
                continue
            stop = i + 1  # the genitive chain: "пресс-служба президента Чили"
            while (
                stop < len(tokens)
                and stop - i <= _MAX_CHAIN
                and stop not in self.span_at
                and tokens[stop].pos in {"NOUN", "ADJ"}
                and tokens[stop].feats.get("Case") == "Gen"
                and tokens[stop].text.isalpha()
            ):
                stop += 1
            chain = _join([t.text for t in tokens[i + 1 : stop]], tokens[i + 1 : stop])
            chain = f" {chain}" if chain else ""
            named: list[tuple[int, int]] = []
            if spec.genitive:
                kinds = {"LOC", "ORG"} | ({"PER"} if spec.person else set())
                named = self._names(stop, kinds)
            if not named and spec.place and stop == i + 1:
                named = self._place_in(stop)
            for first, end in named:
                name = _join([t.text for t in tokens[first:end]], tokens[first:end])
                full = f"{head}{chain} {name}"
                found.append(_Found("ORG", full, start, full, end))
            if not named and geo:
                while stop > i + 1 and tokens[stop - 1].pos != "NOUN":
                    stop -= 1
                if spec.adjective or stop > i + 1:  # "чилийский музей авиации"
                    rest = _join([t.text for t in tokens[i + 1 : stop]], tokens[i + 1 : stop])
                    full = f"{head} {rest}" if stop > i + 1 else str(head)
                    found.append(_Found("ORG", full, start, full, stop))
                    named = [(i, stop)]
            if named and own is not None:
                absorbed.add(i)
        return found, absorbed


def _quoted_part(name: str) -> str:
    """"ООО «Алтек»" is known by "Алтек"."""
    m = re.search(r"«([^»]+)»", name)
    return m.group(1) if m else name


@dataclass(slots=True)
class NamedEntity:
    """One organization or place of the story, with what topics need to judge it."""

    entity: Entity
    kind: str  # ORG | LOC
    key: tuple[str, ...]  # lemmas of its name, abbreviations spelled out
    first: int  # token index of its first mention


@dataclass(slots=True)
class Entities:
    organizations: list[Entity]
    locations: list[Entity]
    named: list[NamedEntity]  # both, most mentioned first
    covered: set[int]  # character offsets of the tokens inside any mention


# a site named as a source or an actor: "сообщает baltinfo.ru", "по данным Lenta.ru"; not a
# part of a link or of an e-mail address
_WEBSITE = re.compile(
    r"(?<![\w@/.:-])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*"
    r"\.(?:ru|su|com|net|org|info|ua|by|kz|uz|tv|fm|io|media|news)(?![\w@/-]|\.\w)",
    re.IGNORECASE,
)


def _websites(doc: Doc, tokens: list, mentions: list[_Found]) -> list[_Found]:
    """Websites written in the text, as organizations (natasha leaves them out); not the site
    in brackets after the name it belongs to ("РИА Новости (ria.ru)")."""
    taken = {m.first for m in mentions}
    ends = {m.stop for m in mentions}
    starts = {t.start: i for i, t in enumerate(tokens)}
    stops = {t.stop: i for i, t in enumerate(tokens)}
    found = []
    for match in _WEBSITE.finditer(doc.text):
        first, last = starts.get(match.start()), stops.get(match.end())
        if first is None or last is None or first in taken:
            continue
        if first >= 2 and tokens[first - 1].text == "(" and first - 1 in ends:
            continue
        found.append(_Found("ORG", match.group(), first, match.group(), last + 1))
    return found


# abbreviations of common nouns that natasha tags as organizations when they stand alone
GENERIC_ABBREVIATIONS = load_words("generic_abbreviations")


# nouns of places that coordinated adjectives share: "в Приволжском и Советском районах"
_SHARED_HEADS = frozenset({"район", "область", "округ", "край", "республика", "улица",
                           "шоссе", "проспект", "переулок", "тракт"})


def _shared_heads(reader: _Reader) -> dict[int, str]:
    """Names of places whose coordinated adjectives share one plural noun, by first token:
    "в Приволжском и Советском районах" → "Приволжский район", "Советский район" (natasha
    gives "Приволжский" and "Советские районы"); "в Северо-Западном и Центральном
    федеральных округах" → "Северо-Западный федеральный округ", "Центральный …"."""
    tokens, names = reader.tokens, {}
    ending_at = {stop: (first, kind) for kind, first, stop, _ in reader.spans}
    for kind, first, stop, _ in reader.spans:
        if kind != "LOC" or reader.lemmas[stop - 1] not in _SHARED_HEADS:
            continue
        if tokens[stop - 1].feats.get("Number") != "Plur":
            continue
        tail = next(i for i in range(first, stop) if tokens[i].feats.get("Number") == "Plur")
        if tail == first or not all(t.pos == "ADJ" for t in tokens[first:tail]):
            continue
        forms = nlp.morph_vocab().parse(reader.lemmas[stop - 1])
        gender = next((f.feats.get("Gender") for f in forms if f.feats.get("Gender")), "Masc")
        shared = " ".join(
            [nlp.inflect(t.text, {"Nom", "Sing", gender}) for t in tokens[tail : stop - 1]]
            + [nlp.inflect(tokens[stop - 1].text, {"Nom", "Sing"})])

        def own(a: int, b: int, words: str = shared, gender: str = gender) -> str:
            adjectives = [_as_written(nlp.inflect(t.text, {"Nom", "Sing", gender}), t.text)
                          for t in tokens[a:b]]
            return " ".join([*adjectives, words])

        names[first] = own(first, tail)
        k = first - 1  # the conjuncts before: "Самарской, Саратовской и Ульяновской областях"
        while k >= 1 and tokens[k].text in {",", "и"} and k in ending_at:
            before, before_kind = ending_at[k]
            if before_kind != "LOC" or not all(t.pos == "ADJ" for t in tokens[before:k]):
                break
            names[before] = own(before, k)
            k = before - 1
    return names


def _as_written(word: str, surface: str) -> str:
    """Each hyphenated part capitalized as in the text: "Северо-Западный"."""
    parts, written = word.split("-"), surface.split("-")
    if len(parts) != len(written):
        return word
    return "-".join(p[:1].upper() + p[1:] if w[:1].isupper() else p
                    for p, w in zip(parts, written, strict=True))


def _noun_before_quoted(reader: _Reader, first: int) -> int | None:
    """The token index of the word right before the span's opening quote, or before the list
    of «quoted» names the span ends ("постановки «Сад», «Онегин» и «Весна»")."""
    tokens = reader.tokens
    quote = first - 1
    if quote < 1 or tokens[quote].text not in _OPENING_QUOTES:
        return None
    k = quote - 1
    while k >= 0 and tokens[k].text in {",", "и", ":"} | _CLOSING_QUOTES:
        if tokens[k].text in _CLOSING_QUOTES:
            k = next((j for j in range(k - 1, max(k - 2 - _MAX_QUOTED, -1), -1)
                      if tokens[j].text in _OPENING_QUOTES), -1) - 1
            if k < 0:
                return None
        else:
            k -= 1
    return k if k >= 0 else None


def _names_a_thing(reader: _Reader, first: int) -> bool:
    """The span is a «quoted» name right after a noun of a thing that is no organization
    (data/thing_nouns.txt): a play, an app, a prize."""
    k = _noun_before_quoted(reader, first)
    return k is not None and reader.lemmas[k] in load_words("thing_nouns")


_NUMBERED = re.compile(r"\w+-\d+")  # "Луна-30", "Чанъэ-9": a spacecraft's series and number
_SPACECRAFT = frozenset({"космический", "межпланетный", "автоматический", "орбитальный",
                         "лунный", "марсианский"})


def _stop_named(reader: _Reader, first: int, stop: int) -> str | None:
    """"у метро «Проспект Победы»", "на подстанции «Лесная»": the place a «quoted» name after
    a noun of a stop or a station (data/stop_nouns.txt) names, with that noun, as a place:
    "метро «Проспект Победы»". The name stays as written («Мира» is no «Мир»). "" for a
    spacecraft, which the card lists neither as a place nor as an organization."""
    k = _noun_before_quoted(reader, first)
    if k is None or reader.lemmas[k] not in load_words("stop_nouns"):
        return None
    tokens = reader.tokens
    if k and reader.lemmas[k - 1] in _SPACECRAFT or reader.lemmas[k] == "станция" and (
            _NUMBERED.fullmatch("".join(t.text for t in tokens[first:stop]))
            or reader.lemmas[max(k - 2, 0):k] == ["на", "борт"]):
        return ""  # "станция «Луна-30»", "на борту станции «Мир»": a spacecraft
    if stop >= len(tokens) or tokens[stop].text not in _CLOSING_QUOTES:
        return None  # the span is not the whole quoted name
    if stop - first == 1 and _owner(tokens[first].text):
        return None  # "водозаборная станция «Водоканала»": the station's owner
    noun = nlp.inflect(tokens[k].text.lower(), {"Nom", "Sing"})
    return f"{noun} «{_join([t.text for t in tokens[first:stop]], tokens[first:stop])}»"


def _brand_and_noun(tokens: list, name: str) -> str | None:
    """A brand and a noun it names, the noun left in its case: "на Лукойл Арене", "в Яндекс
    Облаке" → «Лукойл Арена», «Яндекс Облако». Only capitalized words after a proper name
    that is no common noun, the last in the dative, instrumental or prepositional: «Банк
    России» and «Крылья Советов» hold a genitive."""
    words = name.split()
    if (len(tokens) < 2 or len(words) != len(tokens) or tokens[0].pos != "PROPN"
            or not all(t.text[:1].isupper() for t in tokens)
            or tokens[-1].feats.get("Case") not in {"Dat", "Ins", "Loc"}
            or _common_noun(tokens[0].text)):
        return None  # "Банк России", "Крылья Советов": a head and its genitive
    last = _oblique_name(tokens[-1].text)
    return " ".join([*words[:-1], last]) if last else None


def _common_noun(word: str) -> bool:
    """The dictionary knows the word as a common noun («Банк», «Институт», «Совет»)."""
    return any(f.is_known and f.tag.POS == "NOUN"
               and not {"Name", "Surn", "Patr", "Geox", "Orgn"} & f.tag.grammemes
               for f in nlp.morph_vocab().parse(word.lower()))


def _owner(word: str) -> bool:
    """A common noun of the dictionary in the genitive that no reading makes a nominative:
    «Водоканала» names whose station it is; a name («Амирхана», after проспект Амирхана) or
    a word unknown to the dictionary («Аккую») may be the station's own."""
    forms = nlp.morph_vocab().parse(word.lower())
    return any(f.is_known and "gent" in f.tag and not {"Name", "Surn", "Patr"} & f.tag.grammemes
               for f in forms) and not any("nomn" in f.tag for f in forms)


def read_entities(doc: Doc, exclude: frozenset[str] | set[str] = frozenset()) -> Entities:
    """Organizations and places of a parsed document, most mentioned first.

    `exclude`: folded names that are people's surnames ("пресс-служба Бектенова" tagged ORG)."""
    reader = _Reader(doc)
    institutions, absorbed = reader.institutions()
    shared = _shared_heads(reader)
    mentions: list[_Found] = []
    for kind, first, stop, normal in reader.spans:
        if kind not in {"ORG", "LOC"} or first in absorbed:
            continue
        tokens = reader.tokens[first:stop]
        name = shared.get(first) or span_name(tokens, normal, kind == "ORG")
        if kind == "ORG" and (branded := _brand_and_noun(tokens, name)):
            name = branded  # "на ВЭБ Арене": «ВЭБ Арена»
        if name.lower().replace("ё", "е") in exclude:
            continue
        if len(tokens) == 1 and name.lower() in GENERIC_ABBREVIATIONS:
            continue  # "на трёх НПЗ": a kind of plant, not a name ("Туапсинский НПЗ" is one)
        if (stop_name := _stop_named(reader, first, stop)) is not None:
            if stop_name:
                mentions.append(_Found("LOC", stop_name, first, _quoted_part(stop_name), stop))
            continue
        if kind == "ORG" and _names_a_thing(reader, first) and (
                len(tokens) == 1 or name == _join([t.text for t in tokens], tokens)):
            # "спектакль «Сад»", "приложение «Метро Москвы»": no organization; a declined
            # name of words is the thing's owner: "спектакль «Омского академического театра»"
            continue
        if kind == "LOC" and _named_after_person(tokens):
            name = _join([t.text for t in tokens], tokens)  # "на улице Маршала Чуйкова"
        street = reader.lemmas[first - 1] if first else ""
        if kind == "LOC" and street in regions.STREET_WORDS and _street_name(tokens):
            # "на улице Менделеева": the street, not the chemist «Менделеев»
            name = f"{street} {_join([t.text for t in tokens], tokens)}"
        if kind == "LOC":
            name = _REPUBLIC.sub("", name)
            head = next((i for i, t in enumerate(tokens) if t.pos in _NAME_POS), None)
            lemma = reader.lemmas[first + head] if head is not None else ""
            if (
                lemma in org_nouns()
                or _compound_org(lemma)
                or (len(tokens) == 1 and _dictionary_marks(tokens[0].text) == {"Orgn"})
            ):
                kind = "ORG"  # "Европейский союз", "Еврокомиссия", "ЕС"
                if len(tokens) == 1:
                    name = span_name(tokens, normal, True)  # "на Мосбирже": "Мосбиржа"
        mentions.append(_Found(kind, name, first, _quoted_part(name), stop))
    mention_at = {m.first: m for m in mentions}
    for part, whole in reader.alias_of.items():
        if part in mention_at and whole in mention_at:
            mention_at[part].alias = mention_at[whole]
    mentions.extend(institutions)
    mentions.extend(_websites(doc, reader.tokens, mentions))
    mentions.sort(key=lambda m: m.first)
    # an abbreviation of an organization's name in this text stands for that name
    expand: dict[str, tuple[str, ...]] = {}
    for m in mentions:
        if m.kind == "ORG" and re.search(r"[\s-]", m.name) and _abbreviation(m.name) is None:
            expand.setdefault(_initials(m.name), _key(m.name, {}))
    counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
    names: dict[tuple[str, tuple[str, ...]], str] = {}
    first_at: dict[tuple[str, tuple[str, ...]], int] = {}
    covered: set[int] = set()
    for m in mentions:
        named_as = m.alias or m
        key = _key(named_as.key_text, expand)
        kind = "ORG" if m.kind == "ORG" or (m.name in expand and len(m.name) > 1) else "LOC"
        kind = named_as.kind if m.alias else kind
        counts[kind, key] += 1
        first_at.setdefault((kind, key), m.first)
        covered.update(t.start for t in reader.tokens[m.first : m.stop])
        shown = names.get((kind, key))
        if (
            shown is None
            or (_abbreviation(shown) == shown and _abbreviation(m.name) != m.name)
            or (m.described and shown == m.key_text)
        ):
            names[kind, key] = m.name  # the first mention, spelled out or described if ever
    named = [
        NamedEntity(Entity(names[k], n), k[0], k[1], first_at[k]) for k, n in counts.most_common()
    ]
    return Entities(
        [n.entity for n in named if n.kind == "ORG"],
        [n.entity for n in named if n.kind == "LOC"],
        named,
        covered,
    )


def without_outlet(found: Entities, source: str | None) -> Entities:
    """The entities but the outlet itself ("собеседник «Ведомостей»" in a Vedomosti report):
    a true mention of an organization, but the card's byline, never one of its topics."""
    own = fold(source or "")
    if not own:
        return found
    named = [n for n in found.named if fold(n.entity.name) != own]
    if len(named) == len(found.named):
        return found
    return Entities(
        [n.entity for n in named if n.kind == "ORG"],
        [n.entity for n in named if n.kind == "LOC"],
        named,
        found.covered,
    )


def extract_entities(
    doc: Doc, exclude: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Entity], list[Entity]]:
    """(organizations, places) of a parsed document, most mentioned first."""
    found = read_entities(doc, exclude)
    return found.organizations, found.locations
