"""Article identity: an exact content hash, and the "same story" signal.

Two reports are one story when they tell the same event, not when they share a person or a
theme: the Lavrov talks on Serbia, his veterans' awards and his India visit are three stories.
A follow-up (the damage estimate the day after a storm, a criminal case the day after a fire)
is a story of its own. Measured by `python -m bench.stories` on the labelled sets in
tests/fixtures/stories (the tuning set and the sets written without the weights).

- the share of content-word lemmas of title and text the two have in common (rewording keeps
  most of them; the words of one family, data/word_families.txt, count as one: «снизил» and
  «снижение»), counted exactly: the MinHash signatures only find the candidates quickly;
- plus the event's anchors: figures that agree (35 см = 35 сантиметров; rounded: "2 млрд 480
  млн" = "2,5 млрд"; a count under SMALL_COUNT only of the same thing), when at least half
  of the shorter list agrees, and shared people and organizations (not places: a country's
  name recurs in all of its news; not the outlet naming itself). Dates named in the text are
  no anchor: a follow-up repeats the schedule's dates as much as a rewrite does;
- plus a little for the same day: rewrites come within hours, follow-ups the next day;
- told headlines: two reports of the same day, each of whose headline's content words the
  other report's text mostly has (HEADLINES_TOLD), tell one event even when the rest of
  their words differ ("Тамбов остался без света из-за аварии на
  подстанции" and "Энергетики вернут электричество в дома Тамбова к утру" each say the
  other's headline in their text); only when nothing contradicts and some text is shared
  (TOLD_TEXT, with a shared name or figure below MIN_TEXT: an explainer, "что известно о
  пожаре", tells the next development's headline too). Half of each headline is enough
  (ANCHORED_TOLD) when the two share a name or a figure. Not the next day: a development's
  headline recaps the event it follows ("дело после взрыва на съёмках в Выборге");
- one scene: two reports of the same day whose headlines name the same place (not a federal
  city, where much of the news happens) and MIN_TEXT of shared words, when nothing
  contradicts and neither headline tells what followed an event;
- minus a penalty when both reports carry figures and none agrees (same minister, same day,
  one on the harvest, one on the export duty);
- vetoed when the anchors contradict (conflicts()): the headlines name different places, one
  headline names a foreign country the other report never names, the figures of the same
  thing differ, a next-day headline brings a new number; only a near copy outweighs that;
- never on shared names and figures alone: under MIN_TEXT of shared words, two reports of
  one long dispute name the same people in different events;
- only between reports at most MAX_DAYS apart: the same person's next meeting is a new story.
"""

from __future__ import annotations

import gettext
import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache

import numpy as np
import pycountry

from digest import nlp, regions
from digest.card import ArticleCard, Entity, Figure, FigureKind, Person
from digest.dates import extract_dates
from digest.figures import is_term
from digest.keys import fold, person_keys, typography_fold
from digest.wordlists import load_lines, load_words

NUM_PERM = 128
# What signature() computes. Bump it when that changes: storage treats signatures of another
# version as missing until `newsdigest reindex-stories` (or the bot at start) rebuilds them.
# 1 was MinHash of text lemma bigrams; 2 MinHash of title and text content-word lemmas; 3 the
# same with the words of a family (data/word_families.txt) counted as one; 4 a longer list.
SIGNATURE_VERSION = 4
MAX_DAYS = 1  # reports of one event: the same day or the next
NEAR_COPY = 0.6  # lemma similarity of a reprint: one story up to NEAR_COPY_DAYS apart
NEAR_COPY_DAYS = 7
# storage compares word sets (word_overlap) only where the MinHash estimate is within this of
# the floor: the estimate of 128 permutations is off by 0.03 (one σ) around 0.15
ESTIMATE_MARGIN = 0.05
# Weights and threshold tuned on the pair set; bench/stories.py prints the sweep around them.
FIGURE_WEIGHT = 0.10  # per shared figure value, at most two
FIGURES_AGREE = 0.5  # share of the shorter figure list that must be shared
NAME_WEIGHT = 0.03  # per shared person or organization, at most four
CONFLICT = 0.30  # see conflicts(): only a near copy (NEAR_COPY) outweighs it
FIGURE_MISMATCH = 0.10  # both give figures, of different things, and none agrees
SAME_STORY_SCORE = 0.24
TIE_SCORE = 0.26  # storage: a report matching half of a story's reports joins it this strongly
ONLY_STORY_SCORE = 0.20  # storage: a report that joins no story joins the only one in its reach
HEADLINES_TOLD = 0.6  # share of each headline's content words found in the other report
ANCHORED_TOLD = 0.5  # ...enough when the two also share a name or a figure
ONE_HEADLINE_TOLD = 0.75  # ...or one headline this much, with MIN_TEXT and a name or figure
HEADLINE_WORDS = 3  # a shorter headline is told by any report of its theme
TOLD_TEXT = 0.06  # text in common that told headlines need
CONTAINED = 0.5  # share of a short report's words in a long one that retells it: contained()
CONTAINED_ALONE = 0.6  # ...when the two share no name or figure (the post names neither)
SAME_DAY = 0.04  # rewrites of one event come within hours; its follow-ups, the next day,
NEXT_DAY = 0.04  # recapping it: a next-day report needs more in common to be a rewrite
HEADLINE_PLACE = 0.04  # the same day, a headline's place in the other report: the same scene
MIN_TEXT = 0.10  # below this, shared names and figures are coincidence (and a quick pre-filter)

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace, case, ё and typography folded
    (keys.typography_fold): equal for re-uploads and for copies that differ only in quotes,
    dashes, spaces or ё (a KOI8-R copy of a UTF-8 text)."""
    return hashlib.sha256(typography_fold(text).encode("utf-8")).hexdigest()


def _content_words(text: str) -> set[str]:
    stop = load_words("stopwords_ru")
    lemmas = {nlp.lemma(w) for w in _WORD.findall(text)}
    family = _families()
    return {family.get(w, w) for w in lemmas if (len(w) > 2 or w.isdigit()) and w not in stop}


@cache
def _families() -> dict[str, str]:
    """Each word of data/word_families.txt and the first word of its line: «снижение» and
    «понизить» count as «снизить»."""
    return {word: line.split()[0] for line in load_lines("word_families") for word in line.split()}


def word_hashes(text: str) -> np.ndarray:
    """The content-word lemmas of a text as sorted CRC-32 values: a compact set (4 bytes a
    word) to ask which of a headline's words a report has."""
    return _hashes(_content_words(text))


@cache
def _ministry_pairs() -> tuple[np.ndarray, np.ndarray]:
    """The hashes of both words of every line of data/ministry_names.txt, sorted, and beside
    each the hash of its counterpart."""
    counterpart: dict[int, int] = {}
    for line in load_lines("ministry_names"):
        short, full = (zlib.crc32(word.encode()) for word in line.split())
        counterpart[short], counterpart[full] = full, short
    keys = sorted(counterpart)
    return (np.array(keys, dtype=np.uint32),
            np.array([counterpart[k] for k in keys], dtype=np.uint32))


def _with_ministries(words: np.ndarray) -> np.ndarray:
    """`words` and, for a ministry's short name or its full name's word, the other one."""
    keys, counterparts = _ministry_pairs()
    found = np.isin(keys, words, assume_unique=True)
    return np.union1d(words, counterparts[found]).astype(np.uint32) if found.any() else words


def _hashes(lemmas: Iterable[str]) -> np.ndarray:
    return np.unique(np.array([zlib.crc32(w.encode()) for w in lemmas], dtype=np.uint32))


def signature(text: str) -> list[int]:
    """MinHash signature (NUM_PERM unsigned 32-bit ints) of the text's content-word lemmas.
    Pass title and body together: the headline names the event."""
    return [int(v) for v in minhash(sorted(w.encode() for w in _content_words(text)) or [b""])]


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(items: Iterable[bytes]) -> np.ndarray:
    """MinHash of a set of byte strings: uint32[NUM_PERM].

    Bit for bit datasketch 2.0's MinHash(num_perm=NUM_PERM, seed=1) ("affine32": the first
    4 bytes of SHA-1, the MurmurHash3 finalizer, then a·h + b mod 2³² per permutation), so
    signatures stored before it replaced datasketch still compare. In numpy because
    datasketch imports scipy (≈50 MB and ≈1 s per process) for nothing we use."""
    hv = np.array([int.from_bytes(hashlib.sha1(item).digest()[:4], "little")
                   for item in items], dtype=np.uint32).reshape(-1, 1)
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    if not len(hv):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = _permutations()
    return (hv * a + b).min(axis=0)


def similarity(a: list[int] | np.ndarray, b: list[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (0..1): storage's quick pass over a
    day's reports (word_overlap() decides)."""
    if len(a) == 0 or len(b) == 0 or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


_NO_WORDS = np.empty(0, dtype=np.uint32)
_NO_WORDS.setflags(write=False)


@dataclass(frozen=True, slots=True)
class StoryKey:
    """What identifies the event an article reports, kept small enough to cache for a week."""

    day: date
    signature: np.ndarray  # uint32[NUM_PERM]
    names: frozenset[str]  # surnames and folded organization names
    figures: frozenset[tuple[float, str]]  # (value to 4 significant digits, kind)
    units: frozenset[str] = frozenset()  # what the figures count: "%", "RUB", "тонна"
    places: frozenset[str] = frozenset()  # lemmatized place names, "московский область"
    title_places: frozenset[str] = frozenset()  # the places the headline names
    title_figures: frozenset[tuple[float, str]] = frozenset()  # the figures the headline gives
    title_people: frozenset[str] = frozenset()  # surnames of the people the headline names
    title_orgs: frozenset[tuple[int, ...]] = frozenset()  # headline organizations, word_hashes
    source: str = ""  # the outlet, folded; "" when unknown
    title_words: np.ndarray = field(default_factory=lambda: _NO_WORDS)  # of the headline
    words: np.ndarray = field(default_factory=lambda: _NO_WORDS)  # of headline and text
    told_today: bool = False  # the lead dates the event on `day` itself: told_today()
    title_stages: frozenset[str] = frozenset()  # stages of a competition or a flight it names
    lead_places: frozenset[str] = frozenset()  # the places headline and lead name: lead_places()
    title_spots: frozenset[str] = frozenset()  # headline places that are streets: headline_spots()
    score: tuple[int, int] | None = None  # the one match score the report gives: match_score()
    title_overseers: frozenset[int] = frozenset()  # overseers(): the bodies the headline names
    overseers: frozenset[int] = frozenset()  # ...and those headline and text name


def story_names(
    people: list[Person], organizations: list[Entity], source: str = ""
) -> frozenset[str]:
    """Surnames and organization keys (org_keys), without the outlet's own: "сообщили ТАСС"
    in two TASS reports of two events is no anchor."""
    names = {keys[-1] for p in people if (keys := person_keys(p.name))}
    orgs = frozenset().union(*(org_keys(e.name) for e in organizations))
    return frozenset(names | orgs - (org_keys(source) if source else frozenset()))


_QUOTED_NAME = re.compile(r"«([^«»]+)»")
# words of a branch or a court whose initials name no body: «Тверской районный суд» and
# «Таганский районный суд» would both be ТРС
_GENERIC_BODY = frozenset({"суд", "управление", "районный", "городской", "областной",
                           "региональный", "краевой", "арбитражный"})
_NAME_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 14)
def org_keys(name: str) -> frozenset[str]:
    """The keys an organization's name matches by: the folded name; its «quoted» name
    without the legal form or the kind ("ООО «Лазурит Юг»", "строительная компания «Лазурит
    Юг»"); the initials of a name of three words or more ("Московский государственный
    университет" is МГУ), not of a court's or a branch's (_GENERIC_BODY); the first name of
    its line in data/org_aliases.txt (ЦБ, Банк России, Центробанк). A name written out the
    same way in both reports is one key more in common than its quoted part alone."""
    folded = fold(name)
    keys = {folded}
    if quoted := _QUOTED_NAME.search(folded):
        keys.add(quoted.group(1))
    words = _NAME_WORD.findall(folded)
    if len(words) >= 3 and _GENERIC_BODY.isdisjoint(nlp.lemma(w) for w in words) and len(
            initials := "".join(w[0] for w in words if len(w) > 2)) >= 3:
        keys.add(initials)
    if folded in _org_aliases():
        keys.add(_org_aliases()[folded])
    return frozenset(keys)


@cache
def _org_aliases() -> dict[str, str]:
    return {alias.strip(): line.split("|")[0].strip()
            for line in load_lines("org_aliases") for alias in line.split("|")}


# the unit abbreviations figures keep, spelled out: "35 см" = "35 сантиметров"
_UNIT_WORDS = {"км": "километр", "м": "метр", "см": "сантиметр", "мм": "миллиметр",
               "кг": "килограмм", "т": "тонна", "ц": "центнер", "га": "гектар", "л": "литр",
               "кв. м": "квадратный метр"}
_MEASURE_ADJECTIVES = ("квадратный", "кубический")
SMALL_COUNT = 100  # counts below this agree by chance unless they count the same thing


def _unit(f: Figure) -> str:
    if f.unit in _UNIT_WORDS:
        return _UNIT_WORDS[f.unit]
    return f.unit if " " in f.unit else nlp.lemma(f.unit)


def _counted(f: Figure) -> str:
    """What a count counts, loosely: the unit's first letters, since a plural's lemma can
    differ from the singular's ("38 очками" → "очки", "38 очков" → "очко"); a noun with its
    adjective counts the noun ("96 многоквартирных домов" = "96 домов", but a square metre is
    no metre); and counts of people are one thing whatever the noun ("39 депутатов" = "39
    человек")."""
    unit = _unit(f)
    if _animate(unit):
        return "people"
    if " " in unit and not unit.startswith(_MEASURE_ADJECTIVES):
        unit = unit.rsplit(" ", 1)[1]
    if unit.endswith("этажка") or unit == "высотка":  # "38 многоэтажек" = "38 домов"
        unit = "дом"
    return unit[:4] if len(unit) > 4 else unit[:3]


@lru_cache(maxsize=1 << 12)
def _animate(noun: str) -> bool:
    parses = nlp.morph_vocab().tag(noun)
    return bool(parses) and parses[0].POS == "NOUN" and "anim" in parses[0]


def _figure_key(f: Figure) -> tuple[float, str]:
    """(value to 4 significant digits, kind). Values, not units: "12 тыс. машин" and "12
    тысяч единиц техники" agree; but a small count keeps its noun in the kind, since "12
    групп" in a kindergarten and "12 котельных" the same morning are no common fact."""
    kind = str(f.kind)
    if f.kind == FigureKind.QUANTITY and abs(f.value) < SMALL_COUNT:
        kind = f"{kind}:{_counted(f)}"
    return (float(f"{f.value:.4g}"), kind)


def story_figures(figures: list[Figure]) -> frozenset[tuple[float, str]]:
    """The figures' keys; a range gives both ends ("5–6 см" agrees with "6 см")."""
    keys = set()
    for f in figures:
        value, kind = _figure_key(f)
        keys.add((value, kind))
        if f.upper is not None:
            keys.add((float(f"{f.upper:.4g}"), kind))
    return frozenset(keys)


def story_units(figures: list[Figure]) -> frozenset[str]:
    """What the figures measure, but people: reports of one crash count the passengers, the
    injured and those in hospital, so counts of people in both are no contradiction."""
    return frozenset(unit for f in figures if not _animate(unit := _unit(f)))


def _lemmas(text: str) -> list[str]:
    return [nlp.lemma(w) for w in _WORD.findall(text)]


def story_places(locations: list[Entity]) -> frozenset[str]:
    """The place keys; a street without its street word ("улица Малышева" → малышев), as a
    headline names it: "На Малышева ограбили магазин"."""
    keys = (regions.place_key(e.name).split() for e in locations)
    streets = regions.STREET_WORDS
    return frozenset(" ".join(words[1:] if len(words) > 1 and words[0] in streets else words)
                     for words in keys if words)


_QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"")


def headline_places(title: str, places: frozenset[str]) -> frozenset[str]:
    """The places a headline names: places of the text whose every word it has, and its
    capitalized words the dictionary knows as place names ("В Башкирии …" → башкирия)."""
    words = set(regions.place_key(title).split())
    named = {p for p in places if set(p.split()) <= words}
    tags = nlp.morph_vocab().tag
    for word in _WORD.findall(_QUOTED.sub(" ", title)):  # «Китай-город» is a station
        if word[0].isupper() and (parses := tags(word)) and "Geox" in parses[0]:
            named.add(regions.place_word(word))
    return frozenset(named)


# words before a place in a headline that make it a spot in a town: "на Малышева", "на
# площади Маркса", "на Красном проспекте" (not a region: "на Камчатке"; nor a country: "на Кубе")
_SPOT_WORDS = frozenset({"на", "улица", "ул", "проспект", "площадь", "переулок", "шоссе",
                         "бульвар", "набережная", "проезд", "микрорайон"})


def headline_spots(title: str, title_places: frozenset[str]) -> frozenset[str]:
    """The headline's places that are spots in a town (streets, squares), not towns: a city
    site's "На Малышева ограбили магазин" and a wire's "…в Екатеринбурге" tell one robbery."""
    words = _WORD.findall(title)
    keys = [regions.place_word(w) for w in words]
    spots = set()
    for place in title_places:
        if regions.region_of(place) or place in foreign_countries():
            continue
        first = place.split()[0]
        at = next((i for i, k in enumerate(keys) if k == first), None)
        while at and words[at - 1][:1].isupper() and _adjective(words[at - 1]):
            at -= 1  # "На Большой Горной": the street's own adjectives
        if at and nlp.lemma(words[at - 1]) in _SPOT_WORDS:
            spots.add(place)
    return frozenset(spots)


def _adjective(word: str) -> bool:
    parses = nlp.morph_vocab().parse(word.lower())
    return bool(parses) and parses[0].tag.POS == "ADJF"


def lead_places(text: str, places: frozenset[str]) -> frozenset[str]:
    """The places of the text that its lead (LEAD_CHARS) names: where the report puts its
    event. A place further down may be a passing mention ("after last week's fire in …")."""
    words = set(regions.place_key(text[:LEAD_CHARS]).split())
    return frozenset(p for p in places if set(p.split()) <= words)


def headline_people(title: str, people: list[Person]) -> frozenset[str]:
    """Surnames of the story's people that the headline names, in any form ("Серохвостов
    уступил Латыпову" → латыпов, серохвостов)."""
    words = {form for w in _WORD.findall(title) if w[0].isupper() for form in
             (fold(w), *nlp.lemma_variants(w))}
    return frozenset(
        surname for p in people if (keys := person_keys(p.name)) and (surname := keys[-1])
        and (surname in words or not words.isdisjoint(nlp.lemma_variants(surname)))
    )


def headline_organizations(title: str, organizations: list[Entity]) -> frozenset[tuple[int, ...]]:
    """The organizations the headline names, each as the hashes of its words (word_hashes):
    "отозвал лицензию у Камского торгового банка" → (камский, торговый, банк)."""
    words = set(_lemmas(title))
    named = set()
    for org in organizations:
        lemmas = _content_words(org.name)  # as word_hashes() keeps them in the other report
        if lemmas and lemmas <= words:
            named.add(tuple(int(h) for h in _hashes(lemmas)))
    return frozenset(named)


@cache
def _stages() -> tuple[tuple[tuple[frozenset[str], ...], str], ...]:
    """(the words of a name, each as its possible lemmas; the stage) for every name of
    data/competition_stages.txt and data/flight_stages.txt. Possible lemmas, not the first:
    «пасьют» is read as a verb."""
    names = []
    for line in (*load_lines("competition_stages"), *load_lines("flight_stages")):
        aliases = line.split("|")
        names += [(_word_forms(name), aliases[0].strip()) for name in aliases]
    return tuple(names)


@cache
def _stage_forms() -> frozenset[str]:
    """Every possible lemma of every word of the stages' names."""
    return frozenset().union(*(forms for name, _ in _stages() for forms in name))


def _word_forms(text: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset((*nlp.lemma_variants(w), nlp.lemma(w), w.lower().replace("ё", "е")))
                 for w in _WORD.findall(text))


@cache
def _overseer_of() -> dict[str, int]:
    return {lemma: n for n, line in enumerate(load_lines("overseers")) for lemma in line.split()}


# an insurer ("СК «Согласие»": страховая компания) and a consequence ("как следствие") are no
# investigators
_NO_OVERSEER = re.compile(r"\bСК(?=\s*[«\"„])|\b[Кк]ак следствие\b")


def overseers(text: str) -> frozenset[int]:
    """The investigating and supervising bodies a text names, as lines of data/overseers.txt:
    "СК возбудил дело", "Возбуждено уголовное дело", "антимонопольщики запросили"."""
    overseer_of = _overseer_of()
    return frozenset(overseer_of[lemma] for w in _WORD.findall(_NO_OVERSEER.sub(" ", text))
                     if (lemma := nlp.lemma(w)) in overseer_of)


def headline_stages(title: str) -> frozenset[str]:
    """The stages of a competition or a space flight a headline names
    (data/competition_stages.txt, data/flight_stages.txt): "Зайцев выиграл гонку
    преследования" → "гонка преследования", "«Союз» пристыковался к станции" → "пристыковаться"."""
    words = _word_forms(title)
    if all(forms.isdisjoint(_stage_forms()) for forms in words):  # most headlines: at once
        return frozenset()
    return frozenset(
        stage for name, stage in _stages()
        if any(all(not words[i + j].isdisjoint(forms) for j, forms in enumerate(name))
               for i in range(len(words) - len(name) + 1))
    )


# a crowd counted in a headline («58 тысяч зрителей и победа на 88-й минуте») tells the
# event itself, not what followed it (see "follow-up figure" in conflicts)
_CROWD_UNITS = frozenset({"зритель", "болельщик"})


def headline_figures(title: str, figures: list[Figure]) -> frozenset[tuple[float, str]]:
    """The figures the headline states, a crowd's size aside: flagged by analysis, or (cards
    stored before the flag) written in the headline as in the text ("48 тыс. человек")."""
    folded = fold(title)
    return frozenset(
        _figure_key(f) for f in figures
        if (f.headline or (f.text and fold(f.text) in folded)) and f.unit not in _CROWD_UNITS
    )


def story_key(card: ArticleCard, day: date) -> StoryKey:
    """The key of an analysed card; `day` is its publication (else ingestion) date."""
    # a station's name anchors one incident's reports as an organization's does, whether
    # the text says «станция» or only quotes it ("между «Гвардейской» и …")
    stops = [Entity(regions.stop_name(e.name) or e.name, e.mentions) for e in card.locations
             if regions.stop_name(e.name) is not None or _quoted_in(e.name, card.text)]
    places = story_places([e for e in card.locations if regions.stop_name(e.name) is None])
    title_places = headline_places(card.title or "", places) - _surnames_as_places(card.people)
    figures = [f for f in card.figures if _story_figure(f)]
    return StoryKey(
        day=day,
        signature=np.asarray(card.signature, dtype=np.uint64).astype(np.uint32),
        names=story_names(card.people, card.organizations + stops, card.source or ""),
        figures=story_figures(figures),
        units=story_units(figures),
        places=places | title_places,
        title_places=title_places,
        title_figures=headline_figures(card.title or "", figures),
        title_people=headline_people(card.title or "", card.people),
        title_orgs=headline_organizations(card.title or "", card.organizations),
        source=fold(card.source or ""),
        title_words=word_hashes(card.title or ""),
        words=_with_ministries(word_hashes(f"{card.title or ''}\n{card.text}")),
        told_today=told_today(card.text, day),
        title_stages=headline_stages(card.title or ""),
        lead_places=lead_places(card.text, places) | title_places,
        title_spots=headline_spots(card.title or "", title_places),
        score=match_score(f"{card.title or ''}\n{card.text}"),
        title_overseers=overseers(card.title or ""),
        overseers=overseers(f"{card.title or ''}\n{card.text}"),
    )


def _quoted_in(name: str, text: str) -> bool:
    """The place is the whole of a quoted name in the text, in some case («Гвардейской»): a
    station, a ship, a club named after it, not the town itself."""
    stems = [re.escape(w[: max(3, len(w) - 2)]) + r"\w*" for w in _WORD.findall(name)]
    pattern = "[«\"]" + r"[\s-]+".join(stems) + "[»\"]"
    return bool(stems) and re.search(pattern, text) is not None


def _story_figure(f: Figure) -> bool:
    """Whether a figure identifies the event. Victims counted by a participle and a few
    people counted in words ("7 погибших", "трое пострадавших", "три человека") are left
    out: reports of one fire count the injured, the dead and the evacuated in turn, and the
    tolls change by the hour, so these counts would set reports of one event against each
    other (the figures conflict) more often than they tell two events apart. A sentence's
    term is left out too: the demand, the verdict and each defendant's term differ within
    one case (measured: included, 8 right pairs fewer and 6 false ones more)."""
    if f.unit in load_words("people_participles") or is_term(f):
        return False
    spelled = not any(c.isdigit() for c in f.text)
    return not (spelled and f.unit == "человек" and f.value < 1000)  # "трое", "три человека"


def _surnames_as_places(people: list[Person]) -> frozenset[str]:
    """The people's surnames as place keys: "Бабушкин потребовал…" names the governor, not
    the town of Бабушкин; "Ланская" is a blogger, not a place."""
    return frozenset(regions.place_key(words[-1]) for p in people if (words := p.name.split()))


# "2:1", "(3:2 ОТ)"; not a time ("в 9:15", "19:05", "10:15 мск") nor a race time ("2:12.48")
_SCORE = re.compile(
    r"(?<![\d:.,])(?<!\b[вкс] )(?<!\bдо )(\d{1,2}):(\d{1,2})(?![\d:]|[.,]\d)"
    r"(?!\s*(?:мск|час|ч\b))"
)
MAX_GOALS = 15


def match_score(text: str) -> tuple[int, int] | None:
    """The match score a report gives, lower number first, when it gives exactly one: the
    evening's report and the next morning's column of one match share it, and a round-up of
    the week's games or a series recap gives several."""
    found = set()
    for m in _SCORE.finditer(text):
        home, away = m.group(1), m.group(2)
        if len(away) == 2 and away.startswith("0") or max(int(home), int(away)) > MAX_GOALS:
            continue
        found.add((min(int(home), int(away)), max(int(home), int(away))))
    return found.pop() if len(found) == 1 else None


LEAD_CHARS = 400  # the lead: where a report says when its event happened
_EVE = re.compile(r"(?<!\w)накануне(?!\w)", re.IGNORECASE)


def told_today(text: str, day: date) -> bool:
    """The lead dates the event on the day of publication ("в четверг" on a Thursday,
    "сегодня", its date) and never on the day before ("вчера", "накануне", the day before's
    weekday or date). A next-day rewrite retells yesterday's event; a report of today's
    event the day after another is a development (the rebound after the fall, the pursuit
    after the sprint)."""
    lead = text[:LEAD_CHARS]
    days = {m.value for m in extract_dates(lead, published=day)}
    return day.isoformat() in days and (day - timedelta(days=1)).isoformat() not in days and (
        not _EVE.search(lead))


@lru_cache(maxsize=1 << 16)
def _step(value: float) -> float:
    """The place of a figure's last significant digit: 2,5 млрд → 0,1 млрд, 412,6 → 0,1."""
    if value == 0:
        return 0.0
    mantissa, exponent = f"{abs(value):.2e}".split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    return 10.0 ** (int(exponent) - len(digits) + 1)


def figures_match(a: tuple[float, str], b: tuple[float, str], loose: bool = False) -> bool:
    """Equal, or one is the other rounded to its own last digit: "2 млрд 480 млн" ~ "2,5
    млрд", "128,3 млрд" ~ "128 млрд" (not 68,5 ~ 68: that is a different price). A one-digit
    figure must be equal (20 см is not 25 см), unless `loose`: then "более 6 км" and "6,2 км"
    do not contradict each other, nor a truncated figure and a rounded one ("412 млрд" and
    "412,6 млрд")."""
    if a[1] != b[1]:
        return False
    if a[0] == b[0]:
        return True
    coarse = max(_step(a[0]), _step(b[0]))
    if loose:
        return abs(a[0] - b[0]) < coarse
    if coarse >= max(abs(a[0]), abs(b[0])) / 10:  # one significant digit
        return False
    return abs(a[0] - b[0]) < coarse / 2


_KIND_CODES: dict[str, int] = {}


@lru_cache(maxsize=1 << 14)
def _figure_arrays(figures: frozenset[tuple[float, str]]) -> tuple[np.ndarray, ...]:
    """(values, kind codes, last-digit steps) of a figure set, computed once per set: every
    report is compared with dozens of others while it is in the window."""
    ordered = sorted(figures)
    return (
        np.asarray([v for v, _ in ordered], dtype=np.float64),
        np.asarray([_KIND_CODES.setdefault(k, len(_KIND_CODES)) for _, k in ordered]),
        np.asarray([_step(v) for v, _ in ordered], dtype=np.float64),
    )


def _shared(
    a: frozenset[tuple[float, str]], b: frozenset[tuple[float, str]], loose: bool = False
) -> int:
    """How many figures of `a` have an equal (or equally rounded) figure in `b`:
    figures_match for every pair at once."""
    if not a or not b:
        return 0
    va, ka, sa = _figure_arrays(a)
    vb, kb, sb = _figure_arrays(b)
    x, y = va[:, None], vb[None, :]
    coarse = np.maximum(sa[:, None], sb[None, :])
    if loose:
        close = np.abs(x - y) < coarse
    else:  # a one-digit figure must be equal
        close = (np.abs(x - y) < coarse / 2) & (coarse < np.maximum(np.abs(x), np.abs(y)) / 10)
    match = (ka[:, None] == kb[None, :]) & (close | (x == y))
    return int(match.any(axis=1).sum())


@lru_cache(maxsize=1 << 14)
def _place_words(places: frozenset[str]) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """All words of the places, and each place's words."""
    each = tuple(frozenset(p.split()) for p in places)
    return frozenset().union(*each), each


def _place_in(place: str, places: frozenset[str]) -> bool:
    """One of `places` is `place`, within it or around it ("курский" ~ "курский область")."""
    if place in places:
        return True
    everything, each = _place_words(places)
    words = frozenset(place.split())
    if words.isdisjoint(everything):  # no word in common: neither can hold the other
        return False
    return any(words <= p or p <= words for p in each)


@lru_cache(maxsize=1 << 14)
def _kinds(figures: frozenset[tuple[float, str]]) -> frozenset[str]:
    return frozenset(k for _, k in figures)


# kinds whose values are comparable whatever the noun
_EXACT_KINDS = frozenset({"money", "percent"})


def conflicts(a: StoryKey, b: StoryKey) -> list[str]:
    """What says a and b tell different events even if their words agree.

    - headline places: both headlines name a place and neither report's lead names a place
      of the other's headline (two warehouse fires, two regions' school budgets, even when
      the second report recalls the first fire further down). Places in the text alone are
      no evidence: one report names the district, another the city. Russia and rivers
      (data/water_bodies.txt) localize nothing, a foreign country holds its towns, and a
      region against a town counts only when the town's report places itself in another
      region (data/russian_regions.txt: by the region's name or capital);
    - headline regions: the headlines name two different regions ("Костромская область",
      "Амурская область"), even if one report mentions the other region in passing (the
      second governor replaced this week, "after Kostroma");
    - foreign country: one headline names a foreign country the other report never names,
      nor a town of it (the central bank of Kazakhstan and Russia's, the same day, the same
      rate; but Ош is in Kyrgyzstan: data/foreign_cities.txt);
    - headline organizations: each headline names an organization the other report never
      names (two banks' licences revoked the same morning, both "by the Bank of Russia");
    - headline people: both headlines name people and not one of them the same (the sprint
      won by one biathlete, the pursuit the next day by another; two governors replaced the
      same week). The actor and the object of one event ("Путин сменил губернатора" beside
      "Назначен Кузьмин") are lost to it: a missed merge is the cheaper error;
    - headline stages: the headlines name different stages of a competition or a space
      flight (data/competition_stages.txt, data/flight_stages.txt): the sprint and, next day,
      the pursuit, with the same athletes; the all-around and the apparatus finals; the
      launch and, three hours later, the docking of the same ship and crew;
    - figures: both count the same thing (sums, percentages, tonnes; not people, of whom one
      event counts several groups) and no figure of one is in the other (two banks' results
      the same morning; the harvest and the export duty).
      Figures of different things (points in the table, spectators) do not contradict, nor
      do figures when same-day headlines tell each other and the reports share a name: then
      they count different things of one event (the council's 35 deputies and the 7 who voted
      against the mayor; the bank's assets and the sum of the transit it lost its licence for);
    - follow-up figure: a report of the next day whose headline gives a number the earlier
      report, which has numbers, does not (a metro line opened; next day, its first day's
      passengers). A rewrite of yesterday's event repeats yesterday's number;
    - follow-up person: a report of the next day whose headline names a person the earlier
      report never names (a minister arrested; next day, "the governor dismissed the arrested
      minister"): a new actor is a development;
    - follow-up action: a report of the next day whose headline says what followed the event
      (data/follow_up_words.txt: a case opened, an arrest, repairs finished) in words the
      earlier report never uses;
    - follow-up day: a report of the next day whose lead dates its event on its own day
      (told_today): the market's rebound on Thursday after Wednesday's fall;
    - headline overseer: one headline names an investigating or supervising body
      (data/overseers.txt) the other report never names: the criminal case opened hours after
      the blast, the antitrust inquiry after the price record, the prosecutors' check after
      the blackout, each beside the event's own reports, which recap it;
    - same outlet, another day: an outlet does not retell its own report of yesterday in new
      words; its next-day report on the event brings a development (the aftershocks after
      the quake, the criminal case after the fire). A reprint is a near copy and still joins.
    """
    return list(_conflict_reasons(a, b))


def contradict(a: StoryKey, b: StoryKey) -> bool:
    """Whether conflicts(a, b) finds anything; stops at the first (cheapest first)."""
    return next(_conflict_reasons(a, b), None) is not None


def _conflict_reasons(a: StoryKey, b: StoryKey) -> Iterator[str]:
    if a.source and a.source == b.source and a.day != b.day:
        yield "same outlet, another day"
    if not (a.title_overseers <= b.overseers and b.title_overseers <= a.overseers):
        yield "headline overseer"
    if _headline_places_differ(a, b):
        yield "headline places"
    regions_a, regions_b = _regions(a.title_places), _regions(b.title_places)
    if regions_a and regions_b and regions_a.isdisjoint(regions_b):
        yield "headline regions"
    for one, other in ((a, b), (b, a)):
        abroad = _foreign(one.title_places)
        if abroad and not any(_place_in(p, other.places) for p in abroad) and (
            _countries_of(abroad).isdisjoint(_countries_of(other.places))
        ):
            yield "foreign country"
            break
    if a.title_people and b.title_people and a.title_people.isdisjoint(b.title_people) and not (
            a.day == b.day and b.title_people <= a.names and a.title_people <= b.names):
        # unless, the same day, each report names the other headline's people too: «Текслер
        # уволил министра» and «Ерохин уволен» (the sprint and the next day's pursuit,
        # each naming both winners, stay two)
        yield "headline people"
    if _names_unknown_org(a, b) and _names_unknown_org(b, a):
        yield "headline organizations"
    if a.title_stages and b.title_stages and a.title_stages.isdisjoint(b.title_stages):
        yield "headline stages"
    kinds = _kinds(a.figures) & _kinds(b.figures) & _EXACT_KINDS
    if (kinds or a.units & b.units) and not _any_shared(a.figures, b.figures) and not (
        a.day == b.day and headlines_told(a, b) and _anchored(a, b)
    ):
        yield "figures"
    earlier, later = sorted((a, b), key=lambda k: k.day)
    if later.day > earlier.day and later.title_figures and earlier.figures and not _any_shared(
        later.title_figures, earlier.figures
    ):
        yield "follow-up figure"
    if later.day > earlier.day and not later.title_people <= earlier.names:
        yield "follow-up person"
    if later.day > earlier.day and _tells_a_development(later, earlier):
        yield "follow-up action"
    if later.day - earlier.day == timedelta(days=1) and later.told_today:
        yield "follow-up day"


def _headline_places_differ(a: StoryKey, b: StoryKey) -> bool:
    """Both headlines name a place (Russia aside) and neither report's lead names a place of
    the other's headline: a mention further down is in passing ("after last week's fire in
    Podolsk", "Buryatia's fires have spread too"). A region against a town counts only when
    the town's report places itself in another region: Шерегеш lies in Кузбасс, Динская (near
    Краснодар) not in the Leningrad region. Regions against regions count when neither holds
    the other: Урал holds the Chelyabinsk region, Татарстан does not hold Башкирия."""
    places_a = a.title_places - regions.nowhere() - a.title_spots
    places_b = b.title_places - regions.nowhere() - b.title_spots
    if not (places_a and places_b) or _headline_place_told(a, b, lead=True):
        return False
    if regions.district_and_town(places_a, places_b) or regions.district_and_town(
            places_a, b.lead_places) or regions.district_and_town(places_b, a.lead_places):
        return False  # "В Адлере …" and "В Сочи …" whose lead is in the Адлерский район
    if not _countries_of(places_a).isdisjoint(_countries_of(places_b)) and (
            _names_a_country(places_a) or _names_a_country(places_b)):
        return False  # Киргизия and Ош, Анкара and Анталья; not Самарканд and Бухара
    wide_a = {p for p in places_a if regions.region_of(p)}  # regions and parts of the country
    wide_b = {p for p in places_b if regions.region_of(p)}
    if places_a - wide_a and places_b - wide_b:  # towns in both
        return True
    if wide_a and wide_b:
        return regions.placed_in(wide_a).isdisjoint(regions.placed_in(wide_b))
    town_report, named = (b, places_a) if wide_a else (a, places_b)
    own = regions.placed_in(town_report.places)
    return bool(own) and own.isdisjoint(regions.placed_in(named))


@cache
def _follow_up_actions() -> tuple[np.ndarray, dict[int, int]]:
    """The follow-up words' hashes, and the action (line of data/follow_up_words.txt) of each."""
    family = _families()
    action_of = {int(h): n for n, line in enumerate(load_lines("follow_up_words"))
                 for h in _hashes(family.get(w, w) for w in line.split())}
    return np.array(sorted(action_of), dtype=np.uint32), action_of


def _tells_a_development(later: StoryKey, earlier: StoryKey) -> bool:
    """The later headline tells a follow-up action (data/follow_up_words.txt) the earlier
    report never does, in any of its words: "задержали", "возбудил дело", "завершила ремонт"."""
    hashes, action_of = _follow_up_actions()
    said = later.title_words[np.isin(later.title_words, hashes, assume_unique=True)]
    if not len(said):
        return False
    known = earlier.words[np.isin(earlier.words, hashes, assume_unique=True)]
    told = {action_of[int(h)] for h in known}
    return any(action_of[int(h)] not in told for h in said)


def tells_what_followed(key: StoryKey) -> bool:
    """The headline names an overseer (data/overseers.txt) or a follow-up action
    (data/follow_up_words.txt): "СК возбудил дело…", "Отопление вернули…"."""
    return bool(key.title_overseers) or bool(
        np.isin(key.title_words, _follow_up_actions()[0], assume_unique=True).any()
    )


def _names_unknown_org(one: StoryKey, other: StoryKey) -> bool:
    """One's headline names an organization whose words the other report never writes."""
    return any(
        not np.isin(np.array(org, dtype=np.uint32), other.words, assume_unique=True).all()
        for org in one.title_orgs
    )


@cache
def _countries() -> dict[str, str]:
    """Lemmas of the countries' Russian names (pycountry's ISO 3166 translations), but Russia's,
    each with its ISO code."""
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    names = dict(_USUAL_NAMES)
    for country in pycountry.countries:
        if country.alpha_2 == "RU":
            continue
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if english and (name := russian.gettext(english)) != english:
                names[" ".join(_lemmas(name))] = country.alpha_2
    return names


@cache
def foreign_countries() -> frozenset[str]:
    """Lemmas of the foreign countries' Russian names. A headline naming a foreign country
    localizes its story: a report of the same event names that country too, or a town of it
    (Russia is everywhere in a Russian outlet's news, so it localizes nothing)."""
    return frozenset(_countries())


# what Russian news calls the countries whose ISO names it rarely uses
_USUAL_NAMES = {"сша": "US", "великобритания": "GB", "белоруссия": "BY", "кнр": "CN",
                "оаэ": "AE", "кндр": "KP", "юар": "ZA"}


@cache
def _foreign_towns() -> dict[str, frozenset[str]]:
    """The foreign towns of data/foreign_cities.txt (GeoNames' towns of 100,000 people and
    more, by their Russian names as place keys: bench/foreign_cities.py), each with the codes
    of the countries that have a town of that name."""
    return {town: frozenset(codes.split(",")) for town, _, codes in
            (line.rpartition(" ") for line in load_lines("foreign_cities"))}


@cache
def _foreign_capitals() -> frozenset[str]:
    """The foreign capitals (data/foreign_capitals.txt, bench/foreign_cities.py) as place
    keys: news names a government by its capital («Анкара предложила площадку»)."""
    return frozenset(line.rpartition(" ")[0] for line in load_lines("foreign_capitals"))


def _names_a_country(places: frozenset[str]) -> bool:
    """A foreign country is named, by its name or by its capital's."""
    return bool(_foreign(places) or places & _foreign_capitals())


@lru_cache(maxsize=1 << 14)
def _countries_of(places: frozenset[str]) -> frozenset[str]:
    """The ISO codes of the foreign countries the places are or lie in: Анкара → TR."""
    countries, towns = _countries(), _foreign_towns()
    codes = {countries[p] for p in places if p in countries}
    return frozenset(codes.union(*(towns.get(p, ()) for p in places)))


_REGION_WORDS = frozenset({"область", "край", "республика", "округ"})


@lru_cache(maxsize=1 << 14)
def _regions(places: frozenset[str]) -> frozenset[str]:
    """The regions named in full: "костромской область", "хабаровский край"."""
    return frozenset(p for p in places if " " in p and p.rsplit(" ", 1)[1] in _REGION_WORDS)


@lru_cache(maxsize=1 << 14)
def _foreign(places: frozenset[str]) -> frozenset[str]:
    return places & foreign_countries()


def _any_shared(a: frozenset[tuple[float, str]], b: frozenset[tuple[float, str]]) -> bool:
    """Whether a figure of `a` is in `b`, rounded or not (loosely: see figures_match)."""
    return not a.isdisjoint(b) or _shared(a, b, loose=True) > 0


def story_score(a: StoryKey, b: StoryKey, text_similarity: float | None = None) -> float:
    """Evidence that a and b report one event; ≥ SAME_STORY_SCORE means they do.
    `text_similarity` saves recomputing word_overlap() when the caller has it."""
    days = abs((a.day - b.day).days)
    text = word_overlap(a, b) if text_similarity is None else text_similarity
    if days > MAX_DAYS:
        return text if days <= NEAR_COPY_DAYS and text >= NEAR_COPY else 0.0
    if text < candidate_text(days):
        return text
    if contradict(a, b):  # the anchors contradict: only the words of a near copy count
        return text - CONFLICT
    if text < MIN_TEXT:  # (the same day only) names and figures alone are coincidence; with
        anchored = _anchored(a, b)  # told headlines, not
        return SAME_STORY_SCORE if anchored and _retold(a, b, anchored) else text
    score = _evidence(a, b, text, days)
    if score < SAME_STORY_SCORE and days == 0:
        anchored = _anchored(a, b)
        if _retold(a, b, anchored) or (
            anchored and headline_told_once(a, b) >= ONE_HEADLINE_TOLD
        ) or _one_scene(a, b):
            return SAME_STORY_SCORE
    return score


def word_overlap(a: StoryKey, b: StoryKey) -> float:
    """The Jaccard similarity of the two reports' content words: what the MinHash signatures
    estimate, exactly. Two rewrites near the line must not fall on either side of it by the
    luck of 128 permutations."""
    common = np.intersect1d(a.words, b.words, assume_unique=True).size
    union = a.words.size + b.words.size - common
    return common / union if union else 0.0


def _retold(a: StoryKey, b: StoryKey, anchored: bool) -> bool:
    """(The same day) each headline told by the other report, or the shorter report retold in
    the longer: a channel's three-line post shares few of the wire report's words, but the
    wire report has most of the post's. A post that names no one and gives no figure must be
    told the more for it (CONTAINED_ALONE)."""
    return _told(a, b, anchored) or contained(a, b) >= (CONTAINED if anchored else CONTAINED_ALONE)


def _one_scene(a: StoryKey, b: StoryKey) -> bool:
    """(The same day, with MIN_TEXT in common and nothing contradicting) both headlines name
    one place, not a federal city (regions.FEDERAL_CITIES) nor a foreign country (a week of
    one country's news is no scene), and neither tells what followed
    an event: «Астрахань осталась без света» and «В Астрахани произошло массовое отключение
    электроэнергии» share the scene more than their words."""
    places_a = a.title_places - _no_scene() - regions.FEDERAL_CITIES
    places_b = b.title_places - _no_scene() - regions.FEDERAL_CITIES
    return bool(places_a & places_b or regions.district_and_town(places_a, places_b)) and not (
        tells_what_followed(a) or tells_what_followed(b))


def contained(a: StoryKey, b: StoryKey) -> float:
    """The share of the shorter report's content words that the longer one has."""
    short, long = sorted((a, b), key=lambda k: len(k.words))
    if not len(short.words):
        return 0.0
    return float(np.isin(short.words, long.words, assume_unique=True).mean())


def _told(a: StoryKey, b: StoryKey, anchored: bool) -> bool:
    """Headlines told: each mostly, or each half when the two share a name or a figure."""
    told = headline_cover(a, b)
    return told >= HEADLINES_TOLD or (anchored and told >= ANCHORED_TOLD)


def _anchored(a: StoryKey, b: StoryKey) -> bool:
    """The two share a person or organization, or a figure."""
    return (not a.names.isdisjoint(b.names) or _shared(a.figures, b.figures) > 0
            or _headline_named(a, b) > 0)


def _headline_named(a: StoryKey, b: StoryKey) -> int:
    """How many one-word names (surnames, «Цифроград») of one report the other report's
    headline writes though its text does not name them: «Адвокаты Дроздецкого пошли в
    областной суд» over a text that calls him «бывший руководитель администрации»."""
    return sum(
        int(np.isin(_hashes(n for n in one.names - other.names if " " not in n),
                    other.title_words).sum())
        for one, other in ((a, b), (b, a))
    )


def candidate_text(days: int) -> float:
    """The least word overlap at which two reports `days` apart can be one story."""
    if days == 0:
        return TOLD_TEXT
    return MIN_TEXT if days <= MAX_DAYS else NEAR_COPY


def headlines_told(a: StoryKey, b: StoryKey, share: float = HEADLINES_TOLD) -> bool:
    """At least `share` of each headline's content words are in the other report."""
    return headline_cover(a, b) >= share


def headline_told_once(a: StoryKey, b: StoryKey) -> float:
    """The larger of the two shares of a headline's content words found in the other report:
    a wire headline retold in the column whose own headline is a pun ("Облако перегрелось").
    A headline shorter than HEADLINE_WORDS counts 0."""
    return max((float(np.isin(one.title_words, other.words, assume_unique=True).mean())
                for one, other in ((a, b), (b, a)) if len(one.title_words) >= HEADLINE_WORDS),
               default=0.0)


def headline_cover(a: StoryKey, b: StoryKey) -> float:
    """The smaller of the two shares of a headline's content words found in the other report;
    0 when a headline is shorter than HEADLINE_WORDS."""
    if min(len(a.title_words), len(b.title_words)) < HEADLINE_WORDS:
        return 0.0
    return float(min(np.isin(one.title_words, other.words, assume_unique=True).mean()
                     for one, other in ((a, b), (b, a))))


def _evidence(a: StoryKey, b: StoryKey, text: float, days: int) -> float:
    shared = _shared(a.figures, b.figures)
    # figures of different things do not contradict, but a report of the same event
    # usually repeats at least one of the other's numbers
    mismatch = bool(a.figures and b.figures and not shared)
    if shared < FIGURES_AGREE * min(len(a.figures), len(b.figures)):
        shared = 0
    return (
        text
        + SAME_DAY * (days == 0)
        - NEXT_DAY * (days == 1)
        + HEADLINE_PLACE * (days == 0 and _headline_place_told(a, b, scene=True))
        + FIGURE_WEIGHT * min(shared, 2)
        + NAME_WEIGHT * min(len(a.names & b.names) + _headline_named(a, b), 4)
        + FIGURE_WEIGHT * (a.score is not None and a.score == b.score)
        - FIGURE_MISMATCH * mismatch
    )


@cache
def _no_scene() -> frozenset[str]:
    """Places a headline names without naming a scene: Russia, rivers, foreign countries."""
    return regions.nowhere() | foreign_countries()


def _headline_place_told(
    a: StoryKey, b: StoryKey, lead: bool = False, scene: bool = False
) -> bool:
    """A place one headline names (Russia and rivers aside: two towns' ice jams on the Lena)
    is in the other report (in its lead). `scene`: not a foreign country either: «Япония» in
    the headlines of the ambassador's recall and of the premier's promise the same week is
    no common scene."""
    places_a, places_b = (a.lead_places, b.lead_places) if lead else (a.places, b.places)
    ignored = _no_scene() if scene else regions.nowhere()
    return any(_place_in(p, places_b) for p in a.title_places - ignored) or any(
        _place_in(p, places_a) for p in b.title_places - ignored
    )


def same_story(a: StoryKey, b: StoryKey) -> bool:
    return story_score(a, b) >= SAME_STORY_SCORE
