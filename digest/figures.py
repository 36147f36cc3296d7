"""Key figures (money, percentages, counted quantities) from Russian news sentences.

One combined yargy grammar (money | percent | quantity) scans each sentence once; the parser
is built lazily, once per process, on top of the shared natasha ``MorphVocab``. Sentences
without a digit are skipped, and only the words around numbers are parsed (see ``_windows``
and ``_AnchoredParser``): about 2 ms for a typical 3–5 KB article and about 6 ms for a
2.5 KB one with 20 figures (``bench/figures_speed.py``; models loaded beforehand).

Decisions worth knowing:

* ``text`` is the figure as written: number, multiplier and unit ("27,8 миллиарда долларов",
  "$24,2 млрд", "2,8%"); leading words such as "на" or "более" are not part of it. A final
  period is kept only after abbreviations that take one ("300 руб.", "150 тыс."), never after
  "млн", "млрд", "км" and the like, whose period can only end the sentence.
* ``value`` is the number times its multiplier (тыс./тысяча 1e3 … трлн/триллион 1e12). Signs
  ("минус", "-5%") are not read: values are magnitudes.
* ``unit``: ISO code for money ("USD", "RUB", "BYN", …); "%" for percent, "п.п." for
  percentage points, "б.п." for basis points; for quantities the counted noun in the nominative
  singular ("доза", "проект"; pymorphy's lemma, so "людей" → "человек"), the abbreviation as
  written ("км", "МВт", "кв. м"), or a fixed adjective + noun term from ``COMPOUND_UNITS``
  ("рабочее место", "квадратный метр"). Other adjectives stay in ``text`` only.
* Not figures: years, dates ("30 января", "27.11.2024", "2025-01-30"), times ("14:25"),
  phone numbers, numbers glued to words ("Су-57", "COVID-19"), numbers after "№", ordinals
  ("3-й", Roman numerals). Periods of time are skipped as well: any quantity whose noun is a
  calendar unit (год, месяц, неделя, день, сутки, час, минута, квартал…) or a month name, so
  "за 10 месяцев 2024 года" yields nothing. Bare multipliers with no unit ("150 тысяч") and
  spelled-out numbers ("два проекта") are not extracted, but for people counted ("три
  человека", "семеро пострадавших": ``PEOPLE_PARTICIPLES``). A number whose noun is left out
  ("и 14 получили травмы") is not a figure either.
* Compound amounts are one figure: "1 млрд 266 млн тенге"; a currency and its hundredths,
  "5 рублей 40 копеек" (5.4 RUB); periods of one scale written together, "3 часа 20 минут"
  (200, unit "минута") — a duration stated to the minute is a measured quantity, unlike "за
  10 месяцев".
* Thousands may be grouped with a space, no-break space, thin or narrow no-break space
  ("2 500 000"); decimals use a comma (a dot is accepted too).
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from digest import nlp  # must come before natasha/yargy: sets up pymorphy2's dictionaries
from digest.card import Figure, FigureKind
from digest.figure_context import figure_clause
from digest.wordlists import load_words

# isort: split
from yargy import Parser, and_, not_, or_, rule
from yargy.morph import Form, MorphAnalyzer
from yargy.parser import Chart, Column, State
from yargy.predicates import (
    caseless,
    dictionary,
    eq,
    gram,
    in_,
    in_caseless,
    is_lower,
    length_eq,
)
from yargy.predicates import type as token_type
from yargy.predicates.bank import Predicate
from yargy.rule.bnf import BNFRule, is_rule
from yargy.rule.constructors import Production, Rule
from yargy.token import Token
from yargy.tokenizer import EOL, LATIN, OTHER, PUNCT, RUSSIAN, MorphTokenizer, TokenRule
from yargy.tree import Node

__all__ = ["extract_figures"]

# --- vocabulary -----------------------------------------------------------------------------

MULTIPLIER_ABBRS = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
MULTIPLIER_WORDS = {"тысяча": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "₽": "RUB", "£": "GBP", "¥": "CNY", "₸": "KZT",
                    "₴": "UAH"}
# surface forms (lower case): abbreviations and words pymorphy does not lemmatize well
CURRENCY_SURFACE = {
    "руб": "RUB", "р": "RUB", "долл": "USD", "дол": "USD", "тенге": "KZT", "тг": "KZT",
    "евро": "EUR", "грн": "UAH", "лари": "GEL", "сомони": "TJS", "песо": "MXN",
    "usd": "USD", "eur": "EUR", "rub": "RUB", "kzt": "KZT", "cny": "CNY", "uah": "UAH",
    "byn": "BYN", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "try": "TRY", "uzs": "UZS",
    "kgs": "KGS",
}
CURRENCY_LEMMAS = {
    "доллар": "USD", "рубль": "RUB", "юань": "CNY", "сом": "KGS", "сум": "UZS",
    "гривна": "UAH", "гривня": "UAH", "иена": "JPY", "йена": "JPY", "фунт": "GBP",
    "франк": "CHF", "лира": "TRY", "рупия": "INR", "драм": "AMD", "манат": "AZN",
    "злотый": "PLN", "крона": "SEK", "дирхам": "AED", "риал": "IRR", "вона": "KRW",
}
# adjective + currency noun that changes the code: "белорусских рублей"
CURRENCY_ADJECTIVES = {
    ("белорусский", "рубль"): "BYN", ("российский", "рубль"): "RUB",
    ("американский", "доллар"): "USD", ("канадский", "доллар"): "CAD",
    ("австралийский", "доллар"): "AUD", ("гонконгский", "доллар"): "HKD",
    ("сингапурский", "доллар"): "SGD", ("новозеландский", "доллар"): "NZD",
    ("тайваньский", "доллар"): "TWD", ("киргизский", "сом"): "KGS", ("кыргызский", "сом"): "KGS",
    ("узбекский", "сум"): "UZS", ("турецкий", "лира"): "TRY", ("индийский", "рупия"): "INR",
    ("швейцарский", "франк"): "CHF", ("японский", "иена"): "JPY", ("китайский", "юань"): "CNY",
    ("казахстанский", "тенге"): "KZT", ("армянский", "драм"): "AMD",
    ("азербайджанский", "манат"): "AZN", ("туркменский", "манат"): "TMT",
    ("таджикский", "сомони"): "TJS", ("шведский", "крона"): "SEK", ("чешский", "крона"): "CZK",
    ("норвежский", "крона"): "NOK", ("датский", "крона"): "DKK", ("польский", "злотый"): "PLN",
    ("украинский", "гривна"): "UAH", ("грузинский", "лари"): "GEL",
}

# abbreviations used as units after a number, and how to write the unit
UNIT_ABBRS = {
    "км": "км", "м": "м", "см": "см", "мм": "мм", "кг": "кг", "т": "т", "ц": "ц", "га": "га",
    "л": "л", "квт": "кВт", "мвт": "МВт", "гвт": "ГВт", "твт": "ТВт", "гкал": "Гкал",
    "чел": "человек", "шт": "штука", "ед": "единица", "тнэ": "тнэ",
    # parts of compound amounts ("2 ч 30 мин", "4 руб. 20 коп."); alone, periods are no figure
    "ч": "час", "мин": "минута", "сек": "секунда", "коп": "копейка",
}
POWER_ABBRS = {"квт": "кВт·ч", "мвт": "МВт·ч", "гвт": "ГВт·ч", "твт": "ТВт·ч"}
SPEED_ABBRS = {("км", "ч"): "км/ч", ("м", "с"): "м/с"}
SPEED_WORDS = {("километр", "час"): "км/ч", ("метр", "секунда"): "м/с"}
# abbreviations whose period is part of them ("300 руб.", "150 тыс. человек")
KEEP_DOT = {"руб", "долл", "дол", "тыс", "чел", "шт", "ед", "р", "кв", "куб", "п", "коп", "мин",
            "сек"}

COMPOUND_UNITS = {
    ("рабочий", "место"): "рабочее место",
    ("квадратный", "метр"): "квадратный метр",
    ("кубический", "метр"): "кубический метр",
    ("квадратный", "километр"): "квадратный километр",
    ("погонный", "метр"): "погонный метр",
    ("транспортный", "средство"): "транспортное средство",
    ("учебный", "заведение"): "учебное заведение",
    ("населенный", "пункт"): "населенный пункт",
    ("населённый", "пункт"): "населённый пункт",
    ("многоквартирный", "дом"): "многоквартирный дом",
    ("жилой", "дом"): "жилой дом",
    ("малый", "предприятие"): "малое предприятие",
    ("условный", "единица"): "условная единица",
}

# people counted by a participle used as a noun ("7 пострадавших", "двое погибших"); pymorphy
# gives their verb as the lemma, so the counted forms are spelled out here: surface -> unit
PEOPLE_PARTICIPLES = {
    f"{word[:-2]}{ending}": word
    for word in load_words("people_participles")
    for ending in (("их", "ие") if word.endswith("ий") else ("ых", "ые"))
}

# a sentence's term is a figure though it counts years or months: "7,5 года колонии общего
# режима", "3 года лишения свободы условно", "до 10 лет лишения свободы"
_PUNISHMENT = (
    r"колони\w*(?:-поселени\w*)?|лишени\w+\s+свободы|ограничени\w+\s+свободы|тюрьм\w*|заключени\w*"
    r"|(?:строгого|общего|особого)\s+режима|(?:принудительн|исправительн|обязательн)\w+\s+работ"
    r"|условно\w*"
)
_TERM_AFTER = re.compile(
    rf"\s+(?:{_PUNISHMENT})(?:\s+(?:(?:строгого|общего|особого)\s+режима|условно))?(?!\w)",
    re.IGNORECASE,
)
TERM_UNITS = {"год": "год", "лето": "год", "месяц": "месяц"}
_PUNISHMENT_WORD = re.compile(rf"(?<!\w)(?:{_PUNISHMENT})(?!\w)", re.IGNORECASE)


def is_term(figure: Figure) -> bool:
    """A sentence's term ("7,5 года колонии"), as this module extracts it."""
    return figure.unit in TERM_UNITS.values() and bool(_PUNISHMENT_WORD.search(figure.text))

# "к 4 годам и 6 месяцам колонии" is one term (_join); years in words before the months
# are not read
_YEARS_IN_WORDS = re.compile(r"(?<![\d\s])\s+(?:год\w*|лет)\s+и\s+$", re.IGNORECASE)

TIME_UNITS = {
    "год", "лето", "месяц", "неделя", "день", "сутки", "час", "часы", "минута", "секунда",
    "квартал", "полугодие", "век", "столетие", "десятилетие", "пятилетка", "г", "гг",
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
    "октябрь", "ноябрь", "декабрь",
}

# --- tokenizer --------------------------------------------------------------------------------

NUM = "NUM"
SKIP = "SKIP"  # dates, times, phones, numbers glued to words: never part of a figure
_SEP = "[ \u00a0\u2007\u2009\u202f]"
TOKEN_RULES = [
    TokenRule(SKIP, r"\+\d[\d \u00a0()\-]{8,}\d"),  # +7 (495) 123-45-67
    TokenRule(SKIP, r"\b8[ \-]?\(?\d{3}\)?[ \-]?\d{3}[ \-]\d{2}[ \-]\d{2}\b"),
    TokenRule(SKIP, r"\b\d{3}-\d{2}-\d{2}\b"),
    TokenRule(SKIP, r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?"),
    TokenRule(SKIP, r"[^\W\d_]+-?\d+\w*(?:-\w+)*|\d+[^\W\d_]\w*"),  # Су-57, COVID-19, 5G
    TokenRule(SKIP, r"\d+/\d+"),  # a fraction or a ratio: "1/8 финала", "1/3 жителей", "24/7"
    TokenRule(NUM, rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"),
    TokenRule(RUSSIAN, r"[а-яё]+"),
    TokenRule(LATIN, r"[a-z]+"),
    TokenRule(PUNCT, r"[-\\/!#$%&()\[\]\*\+,\.:;<=>?@^_`{|}~№…\"'«»„“ʼʻ”]"),
    TokenRule(EOL, r"[\n\r]+"),
    TokenRule(OTHER, r"\S"),
]


class _SharedMorph(MorphAnalyzer):
    """yargy's morphology adapter over natasha's process-wide MorphVocab, with a cache."""

    @lru_cache(maxsize=50_000)  # noqa: B019  (one instance per process)
    def __call__(self, word: str) -> list[Form]:
        return super().__call__(word)


# --- grammar ----------------------------------------------------------------------------------


_MULTIPLIER = or_(in_caseless(MULTIPLIER_ABBRS), dictionary(set(MULTIPLIER_WORDS)))
_SYMBOL = in_(set(CURRENCY_SYMBOLS))
_CURRENCY = or_(dictionary(set(CURRENCY_LEMMAS)), in_caseless(CURRENCY_SURFACE))
_PERCENT_WORD = dictionary({"процент"})


def _grammar() -> Rule:
    """money | percent | quantity as `number tail` (or `$ number`).

    The grammar is kept flat: optional parts are spelled out as alternatives that start with
    a terminal, so the parser's lookahead prunes almost every alternative on the spot.
    """
    num = token_type(NUM)
    number = or_(rule(num), *_dotted(num, _MULTIPLIER))
    tail = or_(*_money_tail(), *_percent_tail(), *_quantity_tail())
    return or_(rule(_SYMBOL, number), rule(number, tail))


def _dotted(*items: object) -> list[Rule]:
    """`items` and `items .`: abbreviations may carry a period."""
    return [rule(*items), rule(*items, eq("."))]


def _money_tail() -> list[Rule]:
    adjective = dictionary({adj for adj, _ in CURRENCY_ADJECTIVES})
    usa = caseless("США")
    rules = [rule(_SYMBOL)]
    for head in ([], [adjective]):
        rules += _dotted(*head, _CURRENCY)
        rules += [rule(*head, _CURRENCY, usa), rule(*head, _CURRENCY, eq("."), usa)]
    return rules


def _percent_tail() -> list[Rule]:
    return [
        rule(eq("%")),
        rule(_PERCENT_WORD),
        rule(dictionary({"процентный", "базисный"}), dictionary({"пункт"})),
        *_dotted(in_caseless({"п", "б"}), eq("."), caseless("п")),
        rule(in_caseless({"пп", "бп"})),
    ]


def _quantity_tail() -> list[Rule]:
    # one- and two-letter words parse as abbreviations ("и", "в", "т"): never a counted noun
    # or its adjective, so "2710 дорожных рабочих и 340 инженеров" ends before "и"
    word = not_(or_(length_eq(1), length_eq(2)))
    people = in_caseless(PEOPLE_PARTICIPLES)
    adjective = and_(or_(gram("ADJF"), gram("PRTF")), is_lower(), word, not_(people))
    adjective_word = or_(rule(adjective), rule(token_type(RUSSIAN), eq("-"), adjective))
    # "были" parses as a noun too ("быль"): a word read first as a verb is never the unit
    noun = and_(gram("NOUN"), is_lower(), word, not_(_MULTIPLIER), not_(_CURRENCY),
                not_(_PERCENT_WORD), not_(_ReadAsVerb()))
    # "12 погибших шахтёров", "три погибших горняка"; in "7 задержанных полицией" the count
    # ends at the participle
    counted_people = and_(noun, gram("gent"))
    power = in_caseless(POWER_ABBRS)
    return [
        *(rule(*[adjective_word] * count, noun) for count in range(4)),
        *_dotted(in_caseless(UNIT_ABBRS)),
        rule(people),
        *(rule(people, *[adjective_word] * count, counted_people) for count in range(3)),
        *_dotted(in_caseless({"кв", "куб"}), eq("."), in_caseless({"м", "км"})),
        rule(power, caseless("ч")),
        rule(power, in_({"·", "*", "-", "⋅"}), caseless("ч")),
        rule(in_caseless({"км", "м"}), eq("/"), in_caseless({"ч", "с"})),
        rule(dictionary({"километр", "метр"}), caseless("в"), dictionary({"час", "секунда"})),
    ]


class _ReadAsVerb(Predicate):
    """The word's most likely reading is a verb form ("были", "стали")."""

    __attributes__: list[str] = []

    def __call__(self, token: Token) -> bool:
        forms: list[Form] = getattr(token, "forms", None) or []
        return bool(forms) and "VERB" in forms[0].grams

    @property
    def label(self) -> str:
        return "read_as_verb()"


class _AnchoredParser(Parser):
    """yargy's Earley parser (0.16) with two standard prunings; the matches are unchanged.

    * ``chart``: yargy predicts the root rule before every token, which dominated the cost
      (~0.1 ms per token with this grammar). Every figure starts with a number or a currency
      sign, so the root is predicted only before such tokens. The rest is yargy's own loop
      (``Parser.chart`` with ``all=True``), so ``findall`` works unchanged.
    * ``predict``: each rule once per column (yargy re-predicts it for every parent and then
      drops the duplicate states), with one-token lookahead: a production whose first term
      is a predicate that rejects the next token would die at the next scan, so it is not
      created at all.
    """

    def __init__(self, root: Rule, tokenizer: MorphTokenizer) -> None:
        super().__init__(root, tokenizer=tokenizer)
        self._keys: dict[int, str] = {}  # id(predicate) -> repr, for the lookahead cache

    def chart(self, text: str, all: bool = True) -> Chart:  # yargy's signature
        chart = Chart(self.tagger(self.tokenizer(text)))
        for column, next_column in chart:
            if next_column is not None and _can_start(next_column.token):
                self.predict(column, next_column, self.rule)
            for state in column:
                if state.completed:
                    self.complete(column, state)
                    continue
                next_term = state.next_term
                if is_rule(next_term):
                    self.predict(column, next_column, next_term)
                elif next_column:
                    self.scan(next_column, next_term, state)
        return chart

    def predict(self, column: Column, next_column: Column | None, rule: BNFRule) -> None:
        predicted = column.__dict__.setdefault("predicted", set())
        if id(rule) in predicted:
            return  # yargy would only re-create states that Column.append drops as duplicates
        predicted.add(id(rule))
        if next_column is None:  # end of text: empty productions may still complete
            super().predict(column, next_column, rule)
            return
        seen = column.__dict__.setdefault("lookahead", {})
        for index, production in enumerate(rule.productions):
            if not self._lookahead(production, next_column.token, seen):
                continue
            node = Node(rule, production, rank=index, children=[])
            column.append(State(rule, production, 0, column, column, node))

    def _lookahead(self, production: Production, token: Token, seen: dict[str, bool]) -> bool:
        """Can `production` start with `token`? Equal predicates are evaluated once a column."""
        if not production.terms or is_rule(production.terms[0]):
            return True
        first = production.terms[0]
        key = self._keys.get(id(first))
        if key is None:
            key = self._keys[id(first)] = repr(first)
        if key not in seen:
            seen[key] = bool(first(token))
        return seen[key]


def _can_start(token: Token) -> bool:
    return token.type == NUM or token.value in CURRENCY_SYMBOLS


_lock = threading.Lock()
_parser: Parser | None = None


def parser() -> Parser:
    """The process-wide combined figures parser (built on first use)."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                morph = _SharedMorph(raw=nlp.morph_vocab())
                tokenizer = MorphTokenizer(rules=TOKEN_RULES, morph=morph)
                _parser = _AnchoredParser(_grammar(), tokenizer=tokenizer)
    return _parser


# --- extraction -------------------------------------------------------------------------------

_HAS_DIGIT = re.compile(r"\d")
_CHUNK = re.compile(r"\S+")
_TRIGGER = re.compile("[\\d" + "".join(CURRENCY_SYMBOLS) + "]")
WINDOW_AFTER = 8  # words after a number: more than the longest figure the grammar matches


def extract_figures(sentences: Sequence[str], *, title: str | None = None) -> list[Figure]:
    """All money, percent and quantity figures, in order, deduplicated per sentence.

    ``context`` is the figure's clause of its sentence, as written (``figure_context``). With
    a ``title``, the headline's
    figures come first: a headline figure the body repeats (same value, range and unit, in any
    wording: "$2 млрд" and "2 миллиарда долларов") is the body's figure, with the body's
    context, listed once; one the body lacks keeps the headline as its context. See the module
    docstring for what counts as a figure.
    """
    body = _unique(f for sentence in sentences for f in _sentence_figures(sentence))
    if not title:
        return body
    lead: list[Figure] = []
    for figure in _unique(_sentence_figures(title)):
        same = next((f for f in body if _same_figure(f, figure)), None)
        if same is not None:
            body.remove(same)
            figure = same
        if not any(_same_figure(f, figure) for f in lead):
            figure.headline = True
            lead.append(figure)
    return lead + body


def _unique(figures: Iterable[Figure]) -> list[Figure]:
    seen: set[tuple[str, float, float | None, str, str]] = set()
    out: list[Figure] = []
    for figure in figures:
        key = (figure.kind, figure.value, figure.upper, figure.unit, figure.context)
        if key not in seen:
            seen.add(key)
            out.append(figure)
    return out


def _same_figure(a: Figure, b: Figure) -> bool:
    return (a.kind, a.value, a.upper, a.unit) == (b.kind, b.value, b.upper, b.unit)


@dataclass(slots=True)
class _Part:
    """One grammar match in its sentence; a lone period of time ("3 часа") is no figure but
    may open a compound one ("3 часа 20 минут")."""

    figure: Figure
    start: int
    end: int
    time_unit: str | None = None
    compound: bool = False
    term: bool = False  # a sentence's term: "7,5 года колонии"

    @property
    def shown(self) -> bool:
        return self.time_unit is None or self.compound or self.term


def _sentence_figures(written: str) -> list[Figure]:
    sentence, moves = spell_out(written)
    if not _HAS_DIGIT.search(sentence):
        return []  # every figure has a digit: skip the parser entirely
    parts: list[_Part] = []
    for start, stop in _windows(sentence):
        for match in parser().findall(sentence[start:stop]):
            part = _part(match.tokens, sentence, start)
            if part is None:
                continue
            between = sentence[parts[-1].end:part.start].strip() if parts else None
            if between == "" or (between == "и" and part.term):
                joined = _join(parts[-1], part, sentence)
                if joined is not None:
                    parts[-1] = joined
                    continue
            parts.append(part)
    if moves:
        parts = [_as_written(p, written, moves) for p in parts]
    figures: list[Figure] = []
    for part in parts:  # "5%, потом снова 5%": once a sentence
        if part.shown and _finite(part.figure) and not any(
            _same_figure(f, part.figure) for f in figures
        ):
            figures.append(part.figure)
    return figures


def _finite(figure: Figure) -> bool:
    """A number of 400 digits reads as infinity: no figure (JSON would store `Infinity`,
    which SQLite's JSON functions reject)."""
    return math.isfinite(figure.value) and (figure.upper is None or math.isfinite(figure.upper))


# --- numbers in words -------------------------------------------------------------------------

# cardinals by lemma; only before a percent, a multiplier or a currency are they read as a
# figure ("пятнадцати процентов", "двух миллиардов рублей"): "три причала" is left to the text
NUMBER_WORDS = {
    "один": 1, "полтора": 1.5, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    # collective numerals count people only: "трое пострадавших"
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
}
_PEOPLE_STEMS = sorted({surface[:-2] for surface in PEOPLE_PARTICIPLES}, key=len, reverse=True)
# ... and before people counted: "три человека погибли", "семь пострадавших"
_AFTER_NUMBER = re.compile(
    r"(?<![а-яё])(?:процент|тысяч|миллион|миллиард|триллион|млн|млрд|трлн|рубл|доллар|евро|"
    rf"человека?\b|(?:{'|'.join(_PEOPLE_STEMS)})(?:их|ие|ых|ые)\b"
    rf"|(?:год|года|годам|лет|месяц|месяца|месяцев|месяцам)(?=\s+(?:{_PUNISHMENT})))",
    re.IGNORECASE,
)
_WORD_BEFORE_SPACE = re.compile(r"(?<![а-яё])([а-яё]+)\s+$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _word_value(word: str) -> float | None:
    for form in nlp.morph_vocab().parse(word.lower()):
        lemma = form.normal.replace("ё", "е")
        if lemma in NUMBER_WORDS and ("NUMR" in form.tag or lemma == "полтора"):
            return NUMBER_WORDS[lemma]
    return None


@dataclass(frozen=True, slots=True)
class _Move:
    """A number in words written in digits: where it is in the new sentence and the old."""

    start: int
    end: int
    old_start: int
    old_end: int


def spell_out(sentence: str) -> tuple[str, list[_Move]]:
    """The sentence with the numbers in words before a percent, a multiplier or a currency
    written in digits ("на прежних пятнадцати процентах" → "на прежних 15 процентах"), and
    where each replacement went."""
    runs: list[tuple[int, int, float]] = []  # old start, old end, value
    for keyword in _AFTER_NUMBER.finditer(sentence):
        # number words right before it, separated by spaces only: "двадцать пять процентов"
        start, end, value = keyword.start(), None, 0.0
        while (m := _WORD_BEFORE_SPACE.search(sentence, 0, start)) is not None:
            word_value = _word_value(m[1])
            if word_value is None:
                break
            start, end, value = m.start(1), end or m.end(1), value + word_value
        if end is not None and (not runs or runs[-1][1] <= start):
            runs.append((start, end, value))
    if not runs:
        return sentence, []
    out: list[str] = []
    moves: list[_Move] = []
    last = length = 0  # length: of the new sentence so far
    for old_start, old_end, value in runs:
        digits = f"{value:g}".replace(".", ",")
        out.append(sentence[last:old_start])
        length += old_start - last
        moves.append(_Move(length, length + len(digits), old_start, old_end))
        out.append(digits)
        length += len(digits)
        last = old_end
    out.append(sentence[last:])
    return "".join(out), moves


def _old_position(position: int, moves: list[_Move], end: bool) -> int:
    shift = 0
    for move in moves:
        if position < move.start or (end and position == move.start):
            break
        if position < move.end or (end and position == move.end):
            return move.old_end if end else move.old_start
        shift = move.old_end - move.end
    return position + shift


def _as_written(part: _Part, written: str, moves: list[_Move]) -> _Part:
    """A part found in the spelled-out sentence, with the words and clause as written."""
    start = _old_position(part.start, moves, end=False)
    end = _old_position(part.end, moves, end=True)
    figure = replace(part.figure, text=written[start:end],
                     context=figure_clause(written, start, end))
    return _Part(figure, start, end, part.time_unit, part.compound, part.term)


# a currency's hundredth: "5 рублей 40 копеек" is 5.4 RUB
SUBUNITS = {
    "копейка": {"RUB", "BYN", "UAH"}, "цент": {"USD", "EUR", "CAD", "AUD", "HKD", "SGD", "NZD"},
    "евроцент": {"EUR"}, "тиын": {"KZT", "KGS"}, "тийин": {"KZT", "KGS", "UZS"},
    "грош": {"PLN"}, "пенни": {"GBP"}, "тетри": {"GEL"}, "лума": {"AMD"}, "гяпик": {"AZN"},
}
# periods of one scale, in their smallest unit: "3 часа 20 минут" is 200 минут
TIME_SCALES = (
    {"секунда": 1, "минута": 60, "час": 3600, "сутки": 86400, "день": 86400, "неделя": 604800},
    {"месяц": 1, "год": 12, "лето": 12},
)


def _join(first: _Part, second: _Part, sentence: str) -> _Part | None:
    """`first second` as one figure ("5 рублей 40 копеек", "3 часа 20 минут"), else None."""
    a, b = first.figure, second.figure
    if a.upper is not None or b.upper is not None or b.value < 0:
        return None
    text = sentence[first.start:second.end]
    if first.time_unit is None:
        codes = SUBUNITS.get(b.unit, set())
        if a.kind != FigureKind.MONEY or a.unit not in codes or second.time_unit:
            return None
        if not (b.value.is_integer() and 0 < b.value < 100):
            return None
        sign = -1.0 if a.value < 0 else 1.0
        figure = Figure(text=text, value=a.value + sign * b.value / 100, unit=a.unit,
                        kind=a.kind, context=figure_clause(sentence, first.start, second.end))
        return _Part(figure, first.start, second.end)
    scale = next((s for s in TIME_SCALES if first.time_unit in s), {})
    if second.time_unit not in scale or scale[second.time_unit] >= scale[first.time_unit]:
        return None
    ratio = scale[first.time_unit] // scale[second.time_unit]
    figure = Figure(text=text, value=a.value * ratio + b.value, unit=b.unit,
                    kind=FigureKind.QUANTITY, context=figure_clause(sentence, first.start,
                                                                    second.end))
    return _Part(figure, first.start, second.end, second.time_unit, compound=True)


def _windows(sentence: str) -> list[tuple[int, int]]:
    """Disjoint stretches of the sentence that can hold figures, in order.

    A figure starts at a number or a currency sign and runs at most a few words further, so
    only the words from each such word to WINDOW_AFTER words after it (overlaps merged) are
    tokenized and parsed. Windows start and end at whitespace, so their tokens are the same
    as the full sentence's.
    """
    chunks = [m.span() for m in _CHUNK.finditer(sentence)]
    windows: list[tuple[int, int]] = []
    for i, (start, stop) in enumerate(chunks):
        if not _TRIGGER.search(sentence, start, stop):
            continue
        end = chunks[min(i + WINDOW_AFTER, len(chunks) - 1)][1]
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


_NUMBER = r"\d+(?:[.,]\d+)?"
# a number whose thousands may be grouped with a space, as the tokenizer reads it ("12 000")
_GROUPED = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?:,\d+)?(?!\d)|{_NUMBER}"
# "10–15%", "20-25 тысяч", "от 80 до 120 тысяч рублей", "от 1 500 до 12 000 рублей": the lower
# end before the figure
_RANGE_BEFORE = re.compile(
    rf"(?:(?<![\d.,])({_GROUPED})\s?[–—-]\s?|\bот\s+({_GROUPED})\s+до\s+)$")
# "1 млрд 266 млн тенге", "1 тысячу 200 рублей": a larger round part before the figure
_LARGER_PART = re.compile(rf"(?<![\d.,])({_NUMBER})\s+(\w+)\.?\s+$")
_MINUS = re.compile(r"(?:\bминус\s+|(?<![\w\d])[−-])$", re.IGNORECASE)
# nouns that follow a number without being counted things: "60 летие"
# not what a number counts: "10-летие", "3-кратный"; a time of day ("к 9 утра", "в 11 вечера",
# "в 2 ночи")
NOT_UNITS = {"летие", "летний", "кратный", "утро", "вечер", "ночь"}


def _lower_end(before: str) -> tuple[float | None, int]:
    m = _RANGE_BEFORE.search(before)
    if not m:
        return None, len(before)
    return _number(m[1] or m[2]), m.start()


def _larger_part(before: str, factor: float) -> tuple[float, int]:
    """A leading "1 млрд " of "1 млрд 266 млн": its value (0 if none) and where it starts."""
    m = _LARGER_PART.search(before)
    if not m:
        return 0.0, len(before)
    word = m[2].lower()
    lemmas = nlp.lemma_variants(word)
    big = MULTIPLIER_ABBRS.get(word) or next(
        (MULTIPLIER_WORDS[lemma] for lemma in lemmas if lemma in MULTIPLIER_WORDS), None
    )
    if big is None or big <= max(factor, 1.0):
        return 0.0, len(before)
    return _number(m[1]) * big, m.start()


def _part(tokens: list[Token], sentence: str, offset: int) -> _Part | None:
    index = next(i for i, t in enumerate(tokens) if t.type == NUM)
    start = offset + tokens[0].span.start
    if _after_number_sign(sentence, start):
        return None
    value = _number(tokens[index].value)
    factor, rest = _multiplier(tokens[index + 1:])
    before = sentence[:start]
    if before.endswith(":") or before.rstrip().endswith(":") and before[-2:-1].isspace():
        return None  # a score: "3:0", "2 : 1"
    lower, range_start = _lower_end(before)
    larger, larger_start = (0.0, start) if lower is not None else _larger_part(before, factor)
    sign = -1.0 if lower is None and not larger and _MINUS.search(before) else 1.0
    head = tokens[:index]
    kind_unit = _money(head + rest) or _percent(rest) or _quantity(rest, tokens[index], factor)
    if kind_unit is None:
        return None
    kind, unit = kind_unit
    text = _text(tokens, sentence, offset)
    first = min(range_start, larger_start)
    if first < start:
        text = sentence[first:start] + text
    begin = min(first, start)
    end = begin + len(text)
    time_unit = unit if unit in TIME_UNITS else None
    term = _TERM_AFTER.match(sentence, end) if unit in TERM_UNITS else None
    if term is not None:
        if unit == "месяц" and _YEARS_IN_WORDS.search(sentence, 0, begin):
            return None  # "четырём годам и 6 месяцам колонии": the term is not 6 months
        end, text, unit = term.end(), sentence[begin:term.end()], TERM_UNITS[unit]
    context = figure_clause(sentence, begin, end)
    if lower is not None:
        figure = Figure(text=text, value=lower * factor, unit=unit, kind=kind, context=context,
                        upper=value * factor)
    else:
        figure = Figure(text=text, value=sign * (larger + value * factor), unit=unit, kind=kind,
                        context=context)
    return _Part(figure, begin, end, time_unit, term=term is not None)


# a number right after these names a part, a house or a route: "части 3 статьи 159",
# "ч. 2 ст. 105", "пункту 5", "д. 12", "маршрут 42"
LABEL_NOUNS = {"часть", "статья", "пункт", "подпункт", "глава", "раздел", "параграф", "абзац",
               "том", "маршрут", "корпус", "номер"}
LABEL_ABBRS = {"ч", "ст", "п", "пп", "гл", "разд", "д", "корп", "стр"}
_WORD_BEFORE = re.compile(r"(\w+)(\.?)\s*$")


def _after_number_sign(sentence: str, start: int) -> bool:
    before = sentence[:start].rstrip()
    if before.endswith("№") or before.lower().endswith("no."):
        return True
    m = _WORD_BEFORE.search(before)
    if m is None:
        return False
    word = m[1].lower()
    if m[2]:
        return word in LABEL_ABBRS
    return not LABEL_NOUNS.isdisjoint(nlp.lemma_variants(word))


def _number(raw: str) -> float:
    digits = re.sub(_SEP, "", raw).replace(",", ".")
    return float(digits)


def _multiplier(tokens: list[Token]) -> tuple[float, list[Token]]:
    """The multiplier right after the number (1 if none) and the tokens after it."""
    if not tokens:
        return 1.0, tokens
    first = tokens[0]
    factor = MULTIPLIER_ABBRS.get(first.value.lower())
    if factor is None:
        factor = next(
            (MULTIPLIER_WORDS[f.normalized] for f in _forms(first)
             if f.normalized in MULTIPLIER_WORDS), None)
    if factor is None:
        return 1.0, tokens
    rest = tokens[1:]
    if rest and rest[0].value == "." and first.value.lower() in MULTIPLIER_ABBRS:
        rest = rest[1:]
    return factor, rest


def _forms(token: Token) -> list[Form]:
    return getattr(token, "forms", None) or []


def _lemmas(token: Token) -> list[str]:
    return [f.normalized for f in _forms(token)]


def _money(tokens: list[Token]) -> tuple[FigureKind, str] | None:
    adjectives: list[str] = []
    for token in tokens:
        symbol = CURRENCY_SYMBOLS.get(token.value)
        if symbol:
            return FigureKind.MONEY, symbol
        code = _currency(token, adjectives)
        if code:
            return FigureKind.MONEY, code
        adjectives = _lemmas(token)
    return None


def _currency(token: Token, adjectives: list[str]) -> str | None:
    surface = token.value.lower()
    lemmas = _lemmas(token)
    for lemma in [surface, *lemmas]:
        for adjective in adjectives:
            code = CURRENCY_ADJECTIVES.get((adjective, lemma))
            if code:
                return code
    if surface in CURRENCY_SURFACE:
        return CURRENCY_SURFACE[surface]
    return next((CURRENCY_LEMMAS[lemma] for lemma in lemmas if lemma in CURRENCY_LEMMAS), None)


def _percent(tokens: list[Token]) -> tuple[FigureKind, str] | None:
    if not tokens:
        return None
    first = tokens[0]
    if first.value == "%" or "процент" in _lemmas(first):
        return FigureKind.PERCENT, "%"
    surface = first.value.lower()
    if "процентный" in _lemmas(first) or surface in {"п", "пп"}:
        return FigureKind.PERCENT, "п.п."
    if "базисный" in _lemmas(first) or surface in {"б", "бп"}:
        return FigureKind.PERCENT, "б.п."
    return None


def _quantity(tokens: list[Token], number: Token, factor: float) -> tuple[FigureKind, str] | None:
    words = [t for t in tokens if t.value not in {".", "-", "·", "*", "⋅"}]
    if not words:
        return None
    unit = _abbreviation_unit(words)
    if unit is None:
        unit = _noun_unit(words, _year_like(number.value, factor))
    if unit is None or unit in NOT_UNITS:
        return None
    return FigureKind.QUANTITY, unit


def _abbreviation_unit(words: list[Token]) -> str | None:
    lowered = [t.value.lower() for t in words]
    if len(words) == 2 and lowered[0] in POWER_ABBRS and lowered[1] == "ч":
        return POWER_ABBRS[lowered[0]]
    if len(words) == 3 and lowered[1] == "/":
        return SPEED_ABBRS.get((lowered[0], lowered[2]))
    if len(words) == 3 and lowered[1] == "в":
        lemmas = (_forms(words[0])[0].normalized, _forms(words[2])[0].normalized)
        return SPEED_WORDS.get(lemmas)
    if len(words) == 2 and lowered[0] in {"кв", "куб"}:
        return f"{lowered[0]}. {lowered[1]}"
    if len(words) == 1 and lowered[0] in UNIT_ABBRS:
        return UNIT_ABBRS[lowered[0]]
    if len(words) == 1 and lowered[0] in PEOPLE_PARTICIPLES:
        return PEOPLE_PARTICIPLES[lowered[0]]
    return None


def _noun_unit(words: list[Token], year_like: bool) -> str | None:
    noun = words[-1]
    if len(noun.value) < 3:
        return None  # "и", "в", "по" parse as abbreviations: a counted noun is a real word
    forms = [f for f in _forms(noun) if "NOUN" in f.grams]
    if not forms or not _agrees_with_number(forms, year_like):
        return None
    lemma = forms[0].normalized
    if len(words) >= 2:
        adjective = next((f.normalized for f in _forms(words[-2])
                          if "ADJF" in f.grams or "PRTF" in f.grams), None)
        compound = COMPOUND_UNITS.get((adjective, lemma)) if adjective else None
        if compound:
            return compound
    return lemma


def _agrees_with_number(forms: list[Form], year_like: bool) -> bool:
    """A noun counted by a numeral is never in the nominative/accusative plural ("2024 россияне");
    after a year-like number only the genitive is accepted ("2050 рабочих мест")."""
    if year_like:
        return any("gent" in f.grams for f in forms)
    return any(
        "Fixd" in f.grams or "plur" not in f.grams or not ({"nomn", "accs"} & f.grams.values)
        for f in forms
    )


def _year_like(raw: str, factor: float) -> bool:
    return factor == 1.0 and raw.isdigit() and 1800 <= int(raw) <= 2100


def _text(tokens: list[Token], sentence: str, offset: int) -> str:
    end = tokens[-1].span.stop
    if tokens[-1].value == "." and (len(tokens) < 2 or tokens[-2].value.lower() not in KEEP_DOT):
        end = tokens[-2].span.stop
    return sentence[offset + tokens[0].span.start:offset + end]
