"""The words a figure is shown with: its own clause, not its sentence and not a type label.

A sentence is cut into clauses at punctuation that ends one (", " ; : ( ) and a spaced dash);
the figure's clause is the one holding it, joined with the clause before when it says nothing
but the figure ("…на 230 рублей, или на 4%"). Morphology only (no syntax parse): a clause
boundary is punctuation, so this costs microseconds per figure.

Shown as (``figure_phrase``):

* "38 тыс. рублей — средняя зарплата в регионе" when the clause only names what the figure
  is: "Средняя зарплата в регионе составила 38 тыс. рублей", "Тираж книги — 50 тысяч
  экземпляров";
* else the clause as written, trimmed to a phone line: "Власти края выделят 2 миллиарда
  долларов на строительство портов" — a verb such as "выделят" or "замедлилась до" carries
  meaning that "figure — noun" would drop.
"""

from __future__ import annotations

import re
from functools import lru_cache

from digest import nlp

__all__ = ["figure_clause", "figure_phrase"]

# ", " ; ": " ( ) a spaced dash, and a sentence end inside the string ("млрд. В целях")
_BREAK = re.compile(r",(?=\s)|;|:(?=\s)|[()\[\]]|\s[—–-]\s|[.!?…](?=\s+[«\"]?[А-ЯЁA-Z])")
_LEADING = re.compile(r"[\s—–\-•·*]+")  # a list dash or bullet before the clause
_DASH = re.compile(r"\s[—–-]\s$")
# verbs that only say "is": the clause before them names what the figure measures ("превысить"
# is not one: "5% — инфляция" of "Инфляция превысит 5%" would say it equals 5%)
LINKING = frozenset({
    "составить", "составлять", "достичь", "достигнуть", "достигать",
    "насчитывать", "равняться", "исчисляться", "оцениваться", "стоить",
})
# what a figure measures is a noun phrase: a word of these parts of speech ("не", "уже",
# "должны") belongs to the verb that "figure — noun" would drop
_NOT_NAMING = frozenset({"PRCL", "ADVB", "ADJS", "PRED", "COMP", "INTJ", "VERB", "INFN", "GRND"})
_JOINERS = frozenset({"PREP", "CONJ", "PRCL"})
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init"})
MAX_CHARS = 90  # a phrase longer than this is trimmed (about two lines on a phone)
MAX_WORDS = 12  # "figure — what it measures" only when that is short
_DANGLING = _JOINERS | {"ADJF", "PRTF", "NUMR"}


@lru_cache(maxsize=50_000)
def _tag(word: str):
    forms = nlp.morph_vocab().parse(word.strip(".,!?…\"'«»()"))
    return forms[0].tag if forms else None


def _pos(word: str) -> str | None:
    tag = _tag(word)
    return tag.POS if tag is not None else None


def _content(words: list[str]) -> bool:
    """Any word that is not a preposition, conjunction or particle."""
    return any(re.search(r"\w", w) and _pos(w) not in _JOINERS for w in words)


def figure_clause(sentence: str, start: int, end: int) -> str:
    """The clause of `sentence` that holds the figure at [start, end), as written, but for
    asides before it that would part it from its subject ("Средняя зарплата, по данным
    компании, — 68 тысяч рублей": "Средняя зарплата — 68 тысяч рублей")."""
    for m in reversed(list(_ASIDE.finditer(sentence, 0, start))):
        cut = m.end() - m.start() - 1
        sentence = f"{sentence[: m.start()]} {sentence[m.end():]}"
        start, end = start - cut, end - cut
    return _clause(sentence, start, end)


def _clause(sentence: str, start: int, end: int) -> str:
    bounds = [0]
    for m in _BREAK.finditer(sentence):
        if m.end() <= start or m.start() >= end:  # not inside the figure ("10 – 15%")
            bounds += [m.start(), m.end()]
    bounds.append(len(sentence))
    spans = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    index = next((i for i, (a, b) in enumerate(spans) if a <= start <= b), len(spans) - 1)
    first, last = index, index
    a, b = spans[index]
    head = sentence[a:start].split()
    outside = head + sentence[end:b].split()
    if not _content(outside) or _dependent(head) or _relative_what(outside):
        if first > 0:
            first -= 1
        elif last + 1 < len(spans):
            last += 1
    elif first >= 2 and _aside(sentence, spans[first - 2:first + 1]) and not _any_subject(head):
        first -= 2  # "Доля компаний, использующих ИИ, в России составляет 20%"
    clause_end = spans[last][1]
    while clause_end > end and sentence[clause_end - 1] in " .!?…":
        clause_end -= 1  # the sentence's end, never the period of "300 руб."
    clause_start = spans[first][0]
    lead = _LEADING.match(sentence, clause_start, start)
    return _without_stray_quotes(sentence[lead.end() if lead else clause_start:clause_end].strip())


def _relative_what(words: list[str]) -> bool:
    """"что на 22% больше", "что составляет 15% рынка": "что" stands for the clause before
    it (no other word could be the subject), unlike "что цены вырастут на 5%"."""
    return bool(words) and words[0].lower() == "что" and not _any_subject(words[1:])


def _aside(sentence: str, spans: list[tuple[int, int]]) -> bool:
    """Is the middle of three clauses a participle or "который" phrase set off by commas
    inside the first one's noun phrase ("Доля компаний, использующих ИИ, в России…")?"""
    (_, end_before), (start, end), (start_after, _) = spans
    if sentence[end_before:start].strip() != "," or sentence[end:start_after].strip() != ",":
        return False
    words = sentence[start:end].split()
    return bool(words) and (_pos(words[0]) == "PRTF" or nlp.lemma(words[0]) == "который")


def _any_subject(words: list[str]) -> bool:
    """Could any word be a subject: a noun or pronoun in the nominative in any reading, or a
    word morphology does not know (a name in Latin letters)."""
    for word in words:
        bare = word.strip(".,!?…\"'«»()")
        if not re.search(r"\w", bare) or bare.isdigit() or _pos(bare) in _JOINERS:
            continue  # "в" parses as an abbreviation noun too
        forms = nlp.morph_vocab().parse(bare)
        if not forms or any(
            ({"NOUN", "NPRO"} & set(f.tag.grammemes) or "LATN" in f.tag or "UNKN" in f.tag)
            and ("nomn" in f.tag or "Fixd" in f.tag or "LATN" in f.tag or "UNKN" in f.tag)
            for f in forms
        ):
            return True
    return False


# an aside between commas: "Доходность, по расчётам РБК, составит около 4%"
_ASIDE = re.compile(
    r",\s+(?:по\s+(?:данным|словам|расч[её]там|оценкам?|информации|мнению|прогнозам?|"
    r"подсч[её]там|сведениям)|как\s+(?:сообщается|отмечается|ожидается|считают|полагают)|"
    r"в\s+частности|впрочем|однако|кстати|напомним|вероятно|возможно|по-видимому)"
    r"(?!\w)[^,.;:!?()«»\n]{0,60},\s+",
    re.IGNORECASE,
)


def _dependent(words: list[str]) -> bool:
    """A clause that needs the one before it: "объем которого составил…", "увеличившись на…"."""
    if words and _pos(words[0]) == "GRND":
        return True
    return any(
        (tag := _tag(w)) is not None
        and ("Anph" in tag.grammemes or tag.POS == "NPRO" and nlp.lemma(w) in {"что", "кто"})
        for w in words[:3]
    )


def figure_phrase(text: str, context: str) -> str:
    """The figure `text` with the words of its clause in `context` (a sentence or a clause)."""
    at = context.find(text)
    if at < 0:
        return text
    clause = figure_clause(context, at, at + len(text))
    at = clause.find(text)
    before, after = clause[:at].split(), clause[at + len(text):].split()
    named = _what_it_measures(before, after, clause[:at])
    if named and _balanced(named):
        return f"{text} — {named}"
    while before and _pos(before[0]) == "CONJ":
        before.pop(0)  # "а экспорт — на 5%": the clause stands alone on its line
    if not _content(before + after):
        return text
    whole_before, whole_after = list(before), list(after)
    while len(" ".join([*before, text, *after])) > MAX_CHARS and (before or after):
        if len(" ".join(after)) >= len(" ".join(before)):
            after.pop()
        else:
            before.pop(0)
    cut_before = len(before) < len(whole_before)
    if cut_before:  # never mid-phrase: "…галереи и пообещала" starts at "пообещала"
        before = whole_before[_clause_start(whole_before, len(whole_before) - len(before)):]
        after = list(whole_after)
        while len(" ".join([*before, text, *after])) > MAX_CHARS and after:
            after.pop()  # the words a later start left room for
    cut_after = len(after) < len(whole_after)
    while cut_after and after and (_pos(after[-1]) in _DANGLING or _pos(after[-1]) is None
                                   or _pos(after[-1]) == "COMP"):
        after.pop()  # "…более 20 тысяч рабочих…" ends on the noun before it instead
    # the figure keeps its own spacing: "…на 30 процентов»", not "…на 30 процентов »"
    left = " ".join(before) + (" " if before and clause[:at][-1:].isspace() else "")
    right = (" " if after and clause[at + len(text):][:1].isspace() else "") + " ".join(after)
    phrase = _without_stray_quotes(left + text + right).rstrip(",;:—–- ")
    if not _balanced(phrase):
        return text  # a quotation cut in the middle: only the figure is safe to show
    phrase = ("…" if cut_before else "") + phrase + ("…" if cut_after else "")
    return phrase[0].upper() + phrase[1:] if phrase[0].isalpha() else phrase


def _qualifier(word: str, following: list[str]) -> bool:
    """An adverb of the adjective after it ("жизненно важных"), not of the verb ("уже")."""
    return _pos(word) == "ADVB" and bool(following) and _pos(following[0]) in {"ADJF", "PRTF"}


def _balanced(phrase: str) -> bool:
    """Every «» pair closed in order, and an even number of straight quotes."""
    depth = 0
    for char in phrase:
        depth += {"«": 1, "»": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and phrase.count('"') % 2 == 0


_PREDICATES = frozenset({"VERB", "INFN", "GRND", "PRTS"})


def _clause_start(words: list[str], first: int) -> int:
    """The first index from `first` on where a shortened phrase may start: a preposition
    ("…в рамках программы…"), a verb ("…пообещала выделить…"), the word after a comma
    ("…, нарастив его на…"), or the noun a "который" clause after its
    comma refers to ("…товарооборота, объем которого…"); len(words) (the figure itself) when
    none is."""
    for i in range(first, len(words)):
        word, previous = words[i], words[i - 1] if i > 0 else ""
        if _pos(word) in _PREDICATES or _pos(word) == "PREP" or previous.endswith(","):
            return i  # "пообещал выделить", never "ячменя" of "пшеницы и ячменя"
        if word.endswith(",") and _pos(word) == "NOUN" and any(
            nlp.lemma(w) == "который" for w in words[i + 1:i + 4]
        ):
            return i
    return len(words)


def _without_stray_quotes(phrase: str) -> str:
    """A clause cut out of a quotation keeps its opening or closing mark alone ("«В России
    работают 350 тысяч…", "…до 95% »"): drop a mark whose pair is outside the phrase."""
    if phrase.count("«") > phrase.count("»") and phrase.startswith("«"):
        phrase = phrase[1:].lstrip()
    if phrase.count("»") > phrase.count("«") and phrase.rstrip().endswith("»"):
        phrase = phrase.rstrip()[:-1].rstrip()
    if phrase.count('"') % 2 and (phrase.startswith('"') or phrase.rstrip().endswith('"')):
        phrase = phrase[1:].lstrip() if phrase.startswith('"') else phrase.rstrip()[:-1].rstrip()
    return phrase


def _what_it_measures(before: list[str], after: list[str], head: str) -> str | None:
    """"средняя зарплата в регионе" of "Средняя зарплата в регионе составила 38 тыс. рублей"
    or "Тираж книги — 50 тысяч экземпляров"; None when the clause says more than that."""
    if _DASH.search(head):
        words = head[: _DASH.search(head).start()].split()  # type: ignore[union-attr]
    elif before and nlp.lemma(before[-1]) in LINKING:
        words = before[:-1]
    else:
        return None
    if after and _pos(after[0]) != "PREP":
        return None  # "1% ВВП", "5% населения": words that belong to the figure itself
    words = [*words, *after]
    while words and _pos(words[0]) == "CONJ":
        words.pop(0)  # "…, что бюджет составит 5 млрд рублей"
    if not words or len(words) > MAX_WORDS:
        return None
    if _pos(words[0]) in _JOINERS or _pos(words[0]) not in {"NOUN", "ADJF", "PRTF", "NPRO"}:
        return None
    if any(_pos(w) in _NOT_NAMING and not _qualifier(w, words[i + 1:i + 2])
           or _dependent([w]) for i, w in enumerate(words)):
        return None
    tag = _tag(words[0])
    if not (tag is not None and _PROPER & set(tag.grammemes)):
        words[0] = words[0][0].lower() + words[0][1:]
    return " ".join(words).rstrip(",;:—–- ")
