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


def place_key(name: str, lists: bool = True) -> str:
    """A place name as the story keys hold it: its words' lemmas ("Ленинградской области" →
    "ленинградский область"). `lists=False` reads a nominative name without the town lists,
    as the scripts that write them do (bench/russian_towns.py)."""
    return " ".join(place_word(w, lists) for w in _WORD.findall(name))


_PLACE_ADJECTIVE = ("ский", "цкий", "ской", "цкой")


def place_word(word: str, lists: bool = True) -> str:
    """A word of a place name in its dictionary form, the same whatever its case: a
    capitalized word that may be a place adjective is one ("Тверская", read first as the
    street, is "тверской" as in "Тверской области")."""
    lemma = nlp.lemma(word)
    if word[:1].isupper() and not lemma.endswith(_PLACE_ADJECTIVE):
        variants = nlp.lemma_variants(word)
        return next((v for v in variants if v.endswith(_PLACE_ADJECTIVE)), None) or (
            _place_noun(word, None if lists else frozenset()) or lemma)
    return lemma


def _place_noun(word: str, known: frozenset[str] | None = None) -> str | None:
    """The dictionary form of a place name as a place name, the same in every case: "Лугой"
    and "Луга" are луга (not the meadow's луг), "Самару" is самара (not самар), "Кирове" is
    киров (not кирово). A word that is a place's own dictionary form stays; of an oblique
    form's readings, the one the town and capital lists know (_known_places), else the
    first."""
    folded = word.lower().replace("ё", "е")
    parses = nlp.morph_vocab().parse(word.lower())
    if parses and parses[0].tag.POS == "ADJF":
        return None  # "Горном Алтае", "Нижним Новгородом": an adjective of a name
    readings = [p for p in parses if "Geox" in p.tag]
    # a town's name is singular or plural only ("Кстово", "Чишмы"): such readings first
    readings.sort(key=lambda p: not {"Sgtm", "Pltm"} & p.tag.grammemes)
    normals = [p.normal.replace("ё", "е") for p in readings]
    if not normals:
        return None
    for names in _known_places() if known is None else (known,):
        if found := next((n for n in normals if n in names), None):
            return found
    return folded if folded in normals else normals[0]


@cache
def _known_places() -> tuple[frozenset[str], ...]:
    """Regional capitals, Russian towns (data/russian_towns.txt), then foreign towns
    (data/foreign_cities.txt), as place keys: "Оша" is the Kyrgyz town's, not «Оша»."""
    capitals = (line.partition("@")[2].partition("<")[0].strip()
                for line in load_lines("russian_regions"))
    foreign = frozenset(line.rsplit(" ", 1)[0] for line in load_lines("foreign_cities"))
    return (frozenset(_place_noun(name, frozenset()) or nlp.lemma(name)
                      for name in capitals if name and " " not in name),
            frozenset(_towns()), foreign)


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
