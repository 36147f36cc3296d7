"""Russia's regions (data/russian_regions.txt): which region a place name is, and which regions
a report places itself in. A headline naming a region and one naming a town may tell one event
(the town may lie in the region); two different regions may not."""

from __future__ import annotations

import re
from functools import cache

from digest import nlp
from digest.wordlists import load_lines, load_words

# Russia as a whole localizes nothing in a Russian outlet's news
RUSSIA = frozenset({"россия", "рф", "российский федерация"})
# the federal cities: a national outlet places so much of its news there that two of its
# headlines naming one tell two events as often as one
FEDERAL_CITIES = frozenset({"москва", "петербург", "санкт петербург", "питер", "севастополь"})
_REGION_WORDS = frozenset({"область", "край", "республика"})  # not "округ": a town's district too
# the words of a street's name that say it is one: "улица Менделеева", "проспект Победы"
STREET_WORDS = frozenset({"улица", "проспект", "площадь", "переулок", "бульвар", "набережная",
                          "шоссе", "проезд", "тупик"})
_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_STOP = re.compile(r"(\w+) «(.+)»")


def stop_name(place: str) -> str | None:
    """The «quoted» name of a stop or a station as the card names it (data/stop_nouns:
    "метро «Проспект Победы»" → "Проспект Победы"), else None."""
    m = _STOP.fullmatch(place)
    return m[2] if m and m[1] in load_words("stop_nouns") else None


def place_key(name: str) -> str:
    """A place name as the story keys hold it: its words' lemmas ("Ленинградской области" →
    "ленинградский область")."""
    return " ".join(place_word(w) for w in _WORD.findall(name))


_PLACE_ADJECTIVE = ("ский", "цкий", "ской", "цкой")


def place_word(word: str) -> str:
    """A word of a place name in its dictionary form, the same whatever its case: a
    capitalized word that may be a place adjective is one ("Тверская", read first as the
    street, is "тверской" as in "Тверской области")."""
    lemma = nlp.lemma(word)
    if word[:1].isupper() and not lemma.endswith(_PLACE_ADJECTIVE):
        variants = nlp.lemma_variants(word)
        return next((v for v in variants if v.endswith(_PLACE_ADJECTIVE)), lemma)
    return lemma


@cache
def _gazetteer() -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    """(every name of a region or part → its official name, regional capital → region,
    part of the country → its regions), all as lemmas."""
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    parts: dict[str, frozenset[str]] = {}
    for entry in load_lines("russian_regions"):
        line, _, held = entry.partition("<")
        aliases, _, capital = line.partition("@")
        lemmas = [place_key(name) for name in aliases.split("|")]
        names.update(dict.fromkeys(lemmas, lemmas[0]))
        if capital.strip():
            capitals[place_key(capital)] = lemmas[0]
        if held.strip():
            parts[lemmas[0]] = frozenset(place_key(region) for region in held.split(","))
    # a part lists its regions by any of their names
    parts = {part: frozenset(names[region] for region in held) for part, held in parts.items()}
    return names, capitals, parts


@cache
def water_bodies() -> frozenset[str]:
    """Rivers and lakes (data/water_bodies.txt) as place keys: no town, no region."""
    return frozenset(place_key(name) for name in load_lines("water_bodies"))


@cache
def nowhere() -> frozenset[str]:
    """Places that localize no story: Russia (everywhere in a Russian outlet's news) and its
    rivers and lakes (through many regions)."""
    return RUSSIA | water_bodies()


def region_of(place: str) -> str | None:
    """The region or part of the country a lemmatized place name is ("кузбасс" → "кемеровский
    область", "урал" → "уральский федеральный округ"), or None for a town, a district, a
    street. A name ending in область/край/республика that the list lacks is a region of
    its own."""
    names, _, _ = _gazetteer()
    if place in names:
        return names[place]
    if " " in place and place.rsplit(" ", 1)[1] in _REGION_WORDS:
        return place
    return None


@cache
def _towns() -> dict[str, str]:
    """Russian towns (data/russian_towns.txt, from GeoNames) → the region they lie in, by the
    official name bench/russian_towns.py writes."""
    return {town: region for town, _, region in
            (line.partition(" @ ") for line in load_lines("russian_towns"))}


def placed_in(places: frozenset[str] | set[str]) -> frozenset[str]:
    """The regions a report names, by name, by their capital (Краснодар → краснодарский
    край) or by a town of theirs (Вышний Волочек → тверской область); a part of the country
    stands for itself and every region it holds."""
    _, capitals, parts = _gazetteer()
    towns = _towns()
    found = {r for p in places if (r := region_of(p) or capitals.get(p) or towns.get(p))}
    return frozenset(found.union(*(parts.get(r, ()) for r in found)))


_DISTRICT_WORDS = ("район", "округ")
_NAME_ENDINGS = "аеёиоуыэюяйь"


def district_of(district: str, town: str) -> bool:
    """Whether `district` ("чишминский район") is named after `town` ("чишмы"), as a district
    usually is after its seat: «В Чишминском районе» and «под Чишмами» tell one place."""
    adjective, _, word = district.rpartition(" ")
    stem = town.rstrip(_NAME_ENDINGS)
    return (word in _DISTRICT_WORDS and " " not in adjective and " " not in town
            and len(stem) >= 4 and adjective.startswith(stem))


def district_and_town(places_a: frozenset[str], places_b: frozenset[str]) -> bool:
    """One side names a district after a town the other side names (district_of)."""
    return any(district_of(one, other) or district_of(other, one)
               for one in places_a for other in places_b)
