"""People of the story: PER spans merged per person, with counts and roles in the nominative."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from natasha import Doc
from natasha.doc import DocToken

from digest import nlp
from digest.card import Person
from digest.entities import misread_office, misread_person, misread_place
from digest.keys import query_person_keys
from digest.roles import (
    add_referred_roles,
    parse_for_roles,
    role_of,
    split_shared_role,
    syntax_index,
)

_CREDIT = re.compile(r"(?:фото|©|автор|текст|иллюстрация)\W*$", re.IGNORECASE)


@dataclass
class _Mention:
    name: str
    start: int
    stop: int
    role: str | None
    nominative: bool = True  # written in the nominative in the text
    title: str | None = None  # the common noun right before: "князь Владимир" → "князь"
    she: bool = False  # a feminine verb follows: "Александра Иванова заявила"
    tokens: list[int] = field(default_factory=list)  # doc token indexes of the name


@dataclass
class PersonGroup:
    """One person of the story; `spans` are (start, stop) character offsets of mentions."""

    name: str
    role: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # of its mentions ("архиепископ")
    nominative: set[tuple[int, int]] = field(default_factory=set)  # spans in the nominative

    @property
    def surname(self) -> str:
        return _parts(self.name)[-1]


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s\-]+", name.lower().replace("ё", "е")) if p]


_PARTICLE = re.compile(r"^[а-яё]{1,3}(?:-[А-ЯЁ].*)?$")  # "бин", "фон", "де", "аль-Хадж"


def _tidy_name(normal: str) -> str:
    """Each word capitalized, except particles written lower-case inside the name."""
    words = normal.split()
    return " ".join(
        w if k < len(words) - 1 and _PARTICLE.match(w) or "-" in w and _PARTICLE.match(w)
        else w[:1].upper() + w[1:]
        for k, w in enumerate(words)
    )


def _restore_yo(normal: str, surface: str) -> str:
    """natasha's normal form writes е for ё: "Пётром" → "Петр"; put the ё back."""
    pos = surface.lower().find("ё")
    if pos == -1 or pos >= len(normal) or normal[pos].lower() != "е":
        return normal
    if normal[:pos].lower() != surface[:pos].lower():
        return normal
    return normal[:pos] + ("Ё" if normal[pos].isupper() else "ё") + normal[pos + 1 :]


_SPLIT_TOKENS = {",", "(", ")", "и", "[", "]", "/", ";", "•", "·", "|", "—", "–"}
_DIGIT = re.compile(r"\d")
# lower-case particles that open a name written without the given name ("ибн Сина", "фон Браун")
_NAME_PARTICLES = {"ибн", "бин", "бен", "фон", "ван", "де", "ди", "дю", "аль", "эль"}
_ARABIC_NAME_OF_THING = re.compile(r"^(?:Аль|Эль|Ал|Ад|Ан|Ар|Ас|Ат|Аз|Аш|Эш|Эр)-[А-ЯЁ]")
_BULLETS = {"•", "·", "*", "▪", "–", "-"}
_APOSTROPHES = {"’", "'", "ʼ"}
_MARKS = re.compile(r"^[^\w]+|[^\w.]+$")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.?$")


def _token_groups(doc: Doc, span) -> list[list]:
    """A PER span cut where natasha glued names: at commas, "и", brackets and line breaks.

    "Овечкин, Федоров" is two people; "Джошуа Вольф (Joshua Wolf)" keeps the Russian form
    only (a Latin original beside a Cyrillic name is dropped)."""
    groups: list[list] = [[]]
    aliases: set[int] = set()  # "Екатерина Аталык (Половникова)": her other surname
    prev = None
    for tok in span.tokens:
        if prev is not None and "\n" in doc.text[prev.stop : tok.start]:
            groups = [[]]  # NER ran a name across a paragraph break: keep the part after it
            aliases = set()
        elif tok.text in _SPLIT_TOKENS or _DIGIT.search(tok.text):
            # "Формулы-1" is a championship, no one's name
            if tok.text == "(" and len(groups[-1]) > 1:
                aliases.add(len(groups))
            groups.append([])
        if (tok.text not in _SPLIT_TOKENS and any(ch.isalpha() for ch in tok.text)
                and not _DIGIT.search(tok.text)):
            groups[-1].append(tok)
        prev = tok
    groups = [g for k, g in enumerate(groups) if g and not (k in aliases and len(g) == 1)]
    # "оператор Аль-Джазиры Сами аль-Хадж": a capitalized Arabic article opens the name of
    # an organization or a place glued before the person (in a name it is lower-case)
    groups = [
        g[1:] if len(g) > 2 and _ARABIC_NAME_OF_THING.match(g[0].text) and g[1].text[:1].isupper()
        else g
        for g in groups
    ]
    if any(_CYRILLIC.search(t.text) for g in groups for t in g):
        groups = [g for g in groups if any(_CYRILLIC.search(t.text) for t in g)]
    return groups


def _name_word(tok, case: str | None = None) -> str:
    if _INITIAL.match(tok.text):
        return f"{tok.text.rstrip('.')}."
    return _restore_yo(nlp.name_nominative(tok, case), tok.text)


def _agreed_case(doc: Doc, group: list, first: int) -> str | None:
    """The case of a name whose words the tagger put in different cases: the case of the
    title right before it, when one of the words has it ("генерал-лейтенанта Аксары
    Кердпола": genitive, though "Кердпола" was tagged nominative); the genitive after a thing
    ("визит Нира Авраами"); the nominative in a list."""
    cases = {t.feats.get("Case") for t in group} - {None}
    if cases == {"Nom"} and len(group) > 1 and not any(_may_be_in(t, "Nom") for t in group):
        # "Азаматом Токтосуновым" read as a nominative: the one case every word may be in
        # (only the instrumental: a foreign name's -у, -е may be no case at all, «Нуну Баррету»)
        shared = set.intersection(*(_cases_of(t) for t in group if not _indeclinable(t)))
        return "Ins" if shared == {"Ins"} else None
    if len(cases) < 2:
        return None
    # "Ержаном Бекмухановым", the surname tagged nominative though no reading of it is: the
    # case of the name's declined words ("Хорхе" tells nothing)
    impossible = [t for t in group if t.feats.get("Case") and not _may_be_in(t, t.feats["Case"])]
    declined = {t.feats["Case"] for t in group if t not in impossible and t.feats.get("Case")
                and not _indeclinable(t)}
    if impossible and all(t.feats["Case"] == "Nom" for t in impossible) and len(declined) == 1:
        return declined.pop()
    before = doc.tokens[first - 1] if first else None
    if before is None or before.text in _BULLETS or "\n" in doc.text[before.stop : group[0].start]:
        # an item of a list: "• Тору Камикава (Япония)" is not a dative
        return "Nom" if "Nom" in cases else None
    if before.pos not in {"NOUN", "PROPN"}:
        return None
    if before.feats.get("Animacy") == "Inan":  # "визит Нира Авраами": the name is its genitive
        return "Gen" if "Gen" in cases else None
    if before.feats.get("Case") in cases:  # a title agrees with the name it stands before
        return before.feats["Case"]
    return None


_OC_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
             "Loc": "loct"}


def _cases_of(tok) -> set[str]:
    """The UD cases some dictionary reading of the word is in."""
    found = {g for f in nlp.morph_vocab().parse(tok.text.lower()) for g in f.tag.grammemes}
    return {ud for ud, oc in _OC_CASES.items() if oc in found}


def _indeclinable(tok) -> bool:
    return any("Fixd" in f.tag for f in nlp.morph_vocab().parse(tok.text.lower()))


def _may_be_in(tok, case: str) -> bool:
    """Some dictionary reading of the word is in that case (UD name: "Ins")."""
    grammeme = _OC_CASES.get(case)
    return grammeme is None or any(grammeme in f.tag for f in nlp.morph_vocab().parse(
        tok.text.lower()))


def _person_spans(doc: Doc) -> list[tuple[int, int, str, list[int], bool]]:
    """(start, stop, nominative name, token indexes, written in the nominative) of PER spans."""
    token_index = {tok.start: i for i, tok in enumerate(doc.tokens)}
    out = []
    for k, span in enumerate(doc.spans):
        if span.type == "PER":
            if not span.normal or misread_place(doc, k) or misread_office(doc, k):
                continue
        elif not misread_person(doc, k):
            continue
        for group in _token_groups(doc, span):
            idx = [token_index[t.start] for t in group if t.start in token_index]
            if not idx:
                continue
            before = doc.tokens[idx[0] - 1] if idx[0] else None
            if before is not None and before.text in _NAME_PARTICLES and doc.text[
                before.stop : group[0].start
            ] == " ":  # NER left out the particle that opens the name: "ибн Эзра"
                group = [before, *group]
                idx = [idx[0] - 1, *idx]
            case = _agreed_case(doc, group, idx[0])
            words: list[str] = []
            for k, tok in enumerate(group):
                gap = doc.text[group[k - 1].stop : tok.start] if k else " "
                if gap in _APOSTROPHES:  # "О’Рейли": one word, not an initial and a name
                    words[-1] = group[k - 1].text + gap + _name_word(tok, case)
                else:
                    words.append(_MARKS.sub("", _name_word(tok, case)))
            if not all(words):
                continue
            nominative = all((case or t.feats.get("Case", "Nom")) == "Nom" for t in group)
            out.append((group[0].start, group[-1].stop, " ".join(words), idx, nominative))
    return out


_NAME_TAGS = {"Name", "Surn", "Patr"}


def _common_word(tok) -> bool:
    """A dictionary word that is never a name ("Подана", "Маэстро") or a place name. A
    common noun only in another number or case than the tagger read is still a name:
    "Куниц" written alone is a hockey player, not the genitive plural of "куница"."""
    forms = nlp.morph_vocab()(tok.text.lower())
    if not forms or not all(f.is_known for f in forms):
        return False
    grammemes = set().union(*(f.tag.grammemes for f in forms))
    if "Geox" in grammemes:
        return True
    if grammemes & _NAME_TAGS:
        return False
    number, case = tok.feats.get("Number"), tok.feats.get("Case")
    return any(
        f.pos != "NOUN" or (f.feats.get("Number") == number and f.feats.get("Case") == case)
        for f in forms
    )


def _title(doc: Doc, first: int, names: set[int]) -> str | None:
    """The lemma of a title right before the name: an animate common noun in the same case
    ("князь Владимир", "святому Николаю"); "смерть Егора", "время Виктор" are not titles."""
    if first == 0 or first - 1 in names:
        return None
    before, tok = doc.tokens[first - 1], doc.tokens[first]
    if before.pos not in {"NOUN", "PROPN"} or not before.text.isalpha():
        return None
    if before.feats.get("Animacy") != "Anim" or before.feats.get("Case") != tok.feats.get("Case"):
        return None
    return nlp.lemma(before.text)


def _mentions(doc: Doc) -> list[_Mention]:
    parse_for_roles(doc)
    spans = _person_spans(doc)
    names = {i for *_, idx, _ in spans for i in idx}
    out: list[_Mention] = []
    prev: _Mention | None = None
    prev_last = -10
    for start, stop, normal, idx, nominative in spans:
        line_start = doc.text.rfind("\n", 0, start) + 1
        if _CREDIT.search(doc.text[line_start:start]):
            continue  # a photo credit or byline, not a person of the story
        first, last = idx[0], idx[-1]
        if len(idx) == 1 and _common_word(doc.tokens[first]):
            continue
        role = role_of(doc, idx, names)
        # "министр … Михаил Галузин и Александр Панкин": the role covers both names
        conjoined = prev is not None and first - prev_last == 2
        if (role is None and prev is not None and conjoined
                and doc.tokens[first - 1].text in {"и", ","} and prev.role):
            role = prev.role
            # "главы правительств Казахстана и России Олжас Бектенов и Михаил Мишустин"
            pair = split_shared_role(role)
            if pair:
                prev.role, role = pair
        title = _title(doc, first, names)
        after = doc.tokens[last + 1] if last + 1 < len(doc.tokens) else None
        she = after is not None and after.pos in {"VERB", "AUX"} and after.feats.get(
            "Gender") == "Fem"
        mention = _Mention(_tidy_name(normal), start, stop, role, nominative, title, she, idx)
        out.append(mention)
        prev, prev_last = mention, last
    return out


def _is_patronymic(word: str) -> bool:
    """A patronymic by the dictionary ("Викторович", "Иосифовне"), not a surname that ends
    like one ("Янукович", "Статкевич", "Абрамович" is both: a surname)."""
    parses = nlp.morph_vocab().parse(word.lower())
    # an unknown word is only guessed a patronymic from its ending ("Бозович")
    return any("Patr" in p.tag and p.is_known for p in parses) and not any(
        "Surn" in p.tag for p in parses
    )


_PLURAL_ENDINGS = ("ых", "их", "ам", "ям", "ах", "ях")


def _plural_only(word: str) -> bool:
    """A word the dictionary reads only as a plural ("Ямадаевых" — a family, "Викиновостям")."""
    if not word.endswith(_PLURAL_ENDINGS):
        return False  # the dictionary guesses plurals for unknown names too ("Гецлаф")
    parses = nlp.morph_vocab().parse(word.lower())
    return bool(parses) and all("plur" in p.tag for p in parses)


def _same_part(full_part: str, part: str) -> bool:
    """Equal, or an initial ("в.") of the full part."""
    if part == full_part:
        return True
    letter = part.rstrip(".")
    return len(letter) == 1 and full_part.startswith(letter)


def _one_slip(a: str, b: str) -> bool:
    """Are two long surnames one typing slip apart inside the word ("Сааакашвили" for
    "Саакашвили")? The beginning and the last three letters must agree, so a case ending or
    a woman's form ("Петрова") is never taken for a slip."""
    a, b = a.lower(), b.lower()
    if a == b or min(len(a), len(b)) < 7 or a[:2] != b[:2] or a[-3:] != b[-3:]:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _same_person(full: list[str], short: list[str]) -> bool:
    """Does the shorter name `short` refer to `full`? Surnames equal, first names compatible."""
    if short[-1] != full[-1] and _one_slip(short[-1], full[-1]):
        short = [*short[:-1], full[-1]]
    if short[-1] == full[-1]:
        return all(any(_same_part(f, p) for f in full[:-1]) for p in short[:-1]) or len(
            short
        ) == 1
    if len(short) == 1 and (full[-1] in query_person_keys(short[0])
                            or _declined_from(short[0], full[-1])):
        return True  # a lone surname natasha left inflected: "Кравцовой", "Непомнящего"
    if len(short) == 2 and _is_patronymic(short[1]):
        # "Сергей Викторович": the first name, and the patronymic if the full name has one
        patronymics = [p for p in full[1:-1] if _is_patronymic(p)]
        return short[0] == full[0] and (not patronymics or short[1] in patronymics)
    # a lone first name ("Мурат") or a hyphenation slip ("касым-жомарт-токаев" split apart)
    return len(short) == 1 and short[0] in full[:-1]


def _target(groups: list[PersonGroup], m: _Mention, parts: list[str]) -> PersonGroup | None:
    """The person a shorter mention names: the one fuller name it fits; of several, the one
    mentioned last before it (a reader's reading of "Бут" after "Алла Бут"). A lone first
    name with its own title ("князь Владимир") or role is not merged into a fuller name,
    unless that name carries the same title ("архиепископ Лонгин … архиепископ Лонгин Н.")."""
    fuller = [
        g for g in groups
        if _parts(g.name) != parts and len(_parts(g.name)) >= len(parts)
        and _same_person(_parts(g.name), parts)
    ]
    lone_first = len(parts) == 1 and fuller and parts[0] != _parts(fuller[0].name)[-1]
    same_title = bool(fuller) and m.title in fuller[0].titles
    titled = m.title is not None and not same_title
    if lone_first and (titled or (m.role and fuller[0].role != m.role and not same_title)):
        fuller = []
    if len(fuller) > 1:
        def last_before(g: PersonGroup) -> int:
            return max((s for s, _ in g.spans if s < m.start), default=-1)

        fuller.sort(key=last_before, reverse=True)
    if fuller:
        return fuller[0]
    return next((g for g in groups if _parts(g.name) == parts), None)


_CASE_ENDINGS = {
    "а", "я", "у", "ю", "ом", "ем", "ём", "ой", "ей", "е", "и", "ы", "ым", "им", "ого", "его",
    "ому", "ему", "ую",
}


_ADJECTIVE_ENDINGS = {"ого", "его", "ому", "ему", "им", "ым", "ом", "ем"}


def _declined_from(word: str, base: str) -> bool:
    """Is `word` an oblique form of the name `base`: "Лемана" of "Леман", "Бесселю" of
    "Бессель", "Сулимы" of "Сулим", "Непомнящего" of "Непомнящий"? (By shape: the tagger
    misses the case of rare names.)"""
    word, base = word.lower(), base.lower()
    if base.endswith(("ий", "ый", "ой")) and len(base) >= 6:  # declined as an adjective
        stem = base[:-2]
        return word.startswith(stem) and word[len(stem):] in _ADJECTIVE_ENDINGS
    stem = base[:-1] if base[-1:] in {"ь", "й", "а", "я"} else base
    return (
        word != base and len(stem) >= 3 and word.startswith(stem)
        and word[len(stem):] in _CASE_ENDINGS
    )


# endings only a man's surname has in an oblique case ("Нурлановым", "Ланском")
_HIS_OBLIQUE = ("ым", "им", "ом", "ем", "ому", "ему", "ого", "его")


def _reconcile(doc: Doc, mentions: list[_Mention]) -> None:
    """A full name the tagger left inflected takes the form another mention of the same
    person gives in the nominative: "Йенса Лемана" → "Йенс Леман" when the text has it."""
    def trusted(n: _Mention) -> bool:  # nominative as written, or put there by morphology
        return n.nominative or n.name.lower() != doc.text[n.start : n.stop].lower()

    bases = [n for n in mentions if len(n.name.split()) > 1 and trusted(n)]
    for m in mentions:
        words = m.name.split()
        if len(words) < 2 or m.she:
            continue
        for n in bases:
            other = n.name.split()
            if len(other) == len(words) and other != words and all(
                w == o or _declined_from(w, o) for w, o in zip(words, other, strict=True)
            ):
                m.name = n.name
                break
        else:  # "Асет Нурлановым" beside "Нурланов сообщил": the surname as written alone
            surname = words[-1]
            for n in mentions:
                if (n.nominative and " " not in n.name and n.name != surname
                        and _declined_from(surname, n.name)
                        and surname.lower().endswith(_HIS_OBLIQUE) and not _womans_name(m.name)):
                    m.name = " ".join([*words[:-1], n.name])
                    break


# --- a woman's name read as a man's genitive -------------------------------------------------
# "Евгения Филиппова", "Александра Козлова", "Валентина Петрова" are a woman in the
# nominative or a man in the genitive, and the tagger often picks the man. A person's
# mentions together decide: a form only a woman's name has ("Филипповой", "Ольга"), the
# gender of the predicate the name is the subject of ("заявила"), the nominative of a
# subject or of a name beside a subject's title ("Заместитель мэра Евгения Филиппова
# считает"), a feminine verb with no other subject, «Она» opening the next sentence. Only
# a person with such evidence and none for a man has her mentions read as a woman's (and
# her surname alone, when nothing shows it is a man's); else the names stay as the tagger
# read them. The sentences with such names are parsed for it (~1 ms a sentence).

# nouns a name after them is the genitive of: "дочь Евгения Филиппова" is Евгений's daughter
_KIN = set("""
жена супруга вдова дочь мать мама сестра бабушка внучка тетя племянница невеста
подруга теща свекровь невестка падчерица мачеха сын отец папа брат муж супруг вдовец
дед дедушка внук дядя племянник жених зять тесть свекор пасынок отчим
родственник родственница наследник наследница родитель
""".split())
# a woman's relations to someone: "соседка Евгения Филиппова" is his neighbour
_HERS_OF = set("""
соседка коллега знакомая подруга сотрудница подчиненная начальница хозяйка любовница
избранница воспитанница пациентка клиентка
""".split())
# titles a name right after them may be the genitive of: "помощник Евгения Филиппова"
_BESIDE = set("""
помощник помощница заместитель советник советница секретарь пресс-секретарь представитель
представительница адвокат защитник сторонник сторонница соратник соратница коллега друг
знакомый знакомая ученик ученица тренер охранник водитель убийца партнер
""".split())


@lru_cache(maxsize=20_000)
def _name_readings(word: str) -> tuple[tuple[str | None, str | None], ...]:
    """(gender, case) of the dictionary's singular readings of a name word as a first name,
    surname or patronymic; gender None for a name of either ("Саша")."""
    return tuple(
        (f.feats.get("Gender"), f.feats.get("Case"))
        for f in nlp.morph_vocab()(word.lower())
        if f.is_known and f.tag.grammemes & _NAME_TAGS and f.feats.get("Number") == "Sing"
    )


def _one_gender(genders: set[str | None] | set[str]) -> str | None:
    return next(iter(genders)) if len(genders) == 1 and None not in genders else None


def _form_gender(doc: Doc, m: _Mention, case: str | None = None) -> str | None:
    """The gender the words' forms give, in `case` if given: "Филипповой" and "Ольга" are
    only a woman's, "Филиппов" and "Евгением" only a man's; in the nominative, "Евгения"
    and "Петрова" are a woman's too. Without `case`, a word counts only if one of its
    readings is in the case the tagger read."""
    found = set()
    for i in m.tokens:
        tok = doc.tokens[i]
        readings = _name_readings(tok.text)
        if case is not None:
            readings = tuple(r for r in readings if r[1] == case)
        elif tok.feats.get("Case") not in {c for _, c in readings}:
            continue  # "Кима Чен Ира" (Gen): "Ира" is only a woman's name, in the nominative
        gender = _one_gender({g for g, _ in readings}) if readings else None
        if gender:
            found.add(gender)
    return _one_gender(found) if found else None


def _agreement(doc: Doc, pred: int, kids: dict[int, list[int]]) -> str | None:
    """The gender of a predicate: its own ("заявила", "назначена") or its copula's
    ("была министром"); "Neut" for an impersonal one, "Plur" for a plural one."""
    tok = doc.tokens[pred]
    if tok.text.lower() == "нет":
        return "Neut"
    words = [doc.tokens[k] for k in kids.get(pred, ()) if doc.tokens[k].rel in {
        "cop", "aux", "aux:pass"}]
    if tok.pos in {"VERB", "AUX", "ADJ"}:
        words.append(tok)
    if any(t.feats.get("Number") == "Plur" for t in words):
        return "Plur"
    genders = {t.feats["Gender"] for t in words if "Gender" in t.feats}
    return genders.pop() if len(genders) == 1 else None


def _name_head(doc: Doc, m: _Mention) -> DocToken | None:
    """The one word of a parsed name the others hang on ("Филиппова" in "Евгения
    Филиппова"), or None when its sentence was not parsed or the name has two heads."""
    names = [doc.tokens[i] for i in m.tokens]
    ids = {t.id for t in names}
    if None in ids:
        return None
    heads = [t for t in names if t.head_id not in ids]
    return heads[0] if len(heads) == 1 else None


def _syntax_gender(
    doc: Doc, m: _Mention, by_id: dict[str, int], kids: dict[int, list[int]]
) -> str | None:
    """The gender the sentence gives a name: its predicate's, when it is the subject
    ("Евгения Филиппова заявила"); else the gender of its nominative forms, when it is a
    subject of a predicate without gender ("… считает") or stands beside a title in the
    nominative ("Председатель правления Евгения Филиппова провела"). Not after a kinship
    noun ("дочь Евгения Филиппова": his daughter), nor right after a title a genitive
    often follows ("помощник Евгения Филиппова")."""
    head = _name_head(doc, m)
    if head is None or not all(_may_be_nominative(doc.tokens[i].text) for i in m.tokens):
        return None  # "Губернатор освободил … Елену Крутову", misparsed as his apposition
    subject = head
    if head.rel in {"appos", "nmod"}:
        up = by_id.get(head.head_id)
        if up is None:
            return None
        title = doc.tokens[up]
        word = nlp.lemma(title.text)
        right_before = up == m.tokens[0] - 1
        if title.pos != "NOUN" or title.feats.get("Animacy") != "Anim" or title.feats.get(
                "Case") != "Nom" or title.feats.get("Number") != "Sing" or word in _KIN or (
                word in _BESIDE and right_before):
            return None
        if head.rel == "nmod" and right_before and title.feats.get("Gender") == "Fem" and (
                word not in _HERS_OF):
            # "жалуется краснодарка Евгения": a woman described, then her name
            return "Fem" if _form_gender(doc, m, "Nom") == "Fem" else None
        if head.rel == "nmod" and (not right_before or title.feats.get("Gender") == "Fem"):
            return None  # "Машина Евгения Филиппова": his car
        subject = title
    if subject.rel not in {"nsubj", "nsubj:pass"}:
        return _form_gender(doc, m, "Nom") if head.rel == "appos" else None
    pred = by_id.get(subject.head_id)
    if pred is None:
        return None
    gender = _agreement(doc, pred, kids)
    if head.rel == "nmod":
        # "Депутат Александра Козлова предложила": a man's title, a woman's verb; the name
        # read as the title's genitive is hers
        return "Fem" if gender == "Fem" else None
    if gender in {"Neut", "Plur"}:
        return None
    if gender in {"Fem", "Masc"}:
        return gender
    if doc.tokens[pred].pos != "VERB" or doc.tokens[pred].feats.get("VerbForm") != "Fin":
        return None  # "Первым делом — Малышева": the name of a street, not a subject
    return _form_gender(doc, m, "Nom")


@lru_cache(maxsize=20_000)
def _may_be_nominative(word: str) -> bool:
    """Whether the dictionary (or its guess, for a word it does not know) has a nominative
    reading of the word: "Елену", "Крутову" have none."""
    return _INITIAL.match(word) is not None or any(
        f.feats.get("Case") == "Nom" for f in nlp.morph_vocab()(word.lower()))


def _subjectless_gender(
    doc: Doc, m: _Mention, by_id: dict[str, int], kids: dict[int, list[int]]
) -> str | None:
    """"В конкурсе победила Александра Козлова", parsed as its object: a verb in the
    feminine with no subject of its own, the name attached to it (or to a noun attached to
    it: "На пресс-конференции Евгения Лаврова ответила"), every word of the name a woman's
    in the nominative."""
    head = _name_head(doc, m)
    if head is None or head.rel in {"nsubj", "nsubj:pass"}:
        return None
    up = by_id.get(head.head_id)
    if up is not None and doc.tokens[up].pos in {"NOUN", "PROPN"}:
        up = by_id.get(doc.tokens[up].head_id)
    if up is None:
        return None
    verb = doc.tokens[up]
    if verb.pos != "VERB" or verb.feats.get("Gender") != "Fem" or verb.feats.get(
            "Number") != "Sing":
        return None
    if verb.feats.get("VerbForm") != "Fin" and verb.feats.get("Variant") != "Short":
        return None  # "трубе на Титова, проложенной …": a participle agrees with the pipe
    if any(doc.tokens[k].rel in {"nsubj", "nsubj:pass"} for k in kids.get(up, ())):
        return None
    if all(("Fem", "Nom") in _name_readings(doc.tokens[i].text) for i in m.tokens):
        return "Fem"
    return None


_PRONOUN_GENDER = {"она": "Fem", "он": "Masc"}


def _pronoun_gender(doc: Doc, m: _Mention, sents: list, names: set[int]) -> str | None:
    """«Она» / «Он» opening the sentence after the one that names this person and no one
    else, with no other noun of that gender in the nominative to stand for. `names`: the
    start offsets of all name words."""
    pos = next((k for k, s in enumerate(sents) if s.start <= m.start < s.stop), None)
    if pos is None or pos + 1 >= len(sents):
        return None
    following = sents[pos + 1].tokens
    word = following[0].text if following else ""
    gender = _PRONOUN_GENDER.get(word.lower()) if word[:1].isupper() else None
    if gender is None:
        return None
    own = {doc.tokens[i].start for i in m.tokens}
    for tok in sents[pos].tokens:
        if tok.start in own:
            continue
        if tok.start in names:
            return None  # someone else is named there too
        if tok.pos in {"NOUN", "PROPN", "PRON"} and tok.feats.get("Case") == "Nom" and (
                tok.feats.get("Gender") == gender):
            return None
    return gender if _form_gender(doc, m, "Nom") in {gender, None} else None


def _feminine_name(doc: Doc, m: _Mention) -> tuple[str, bool] | None:
    """A mention's name read as a woman's ("Евгения Филиппова", "Филиппову" → "Филиппова"),
    and whether it is written in the nominative; None when the words do not line up. A word
    the dictionary does not know keeps the tagger's reading, or its written form when the
    name is a woman's nominative ("Сардана Иванова", not "Сардан Иванова")."""
    words = m.name.split()
    if len(words) != len(m.tokens):
        return None
    out: list[str] = []
    unknown: list[int] = []  # positions of words with no woman's reading
    inflected_any = False
    for word, i in zip(words, m.tokens, strict=True):
        tok = doc.tokens[i]
        forms = [
            f for f in nlp.morph_vocab()(tok.text.lower())
            if f.is_known and f.tag.grammemes & _NAME_TAGS and f.feats.get("Number") == "Sing"
            and f.feats.get("Gender") == "Fem"
        ] if not _INITIAL.match(tok.text) else []
        if not forms:
            if not _INITIAL.match(tok.text):
                unknown.append(len(out))
            out.append(word)
            continue
        if any(f.feats.get("Case") == "Nom" for f in forms):
            out.append(tok.text)
            continue
        inflected_any = True
        forms.sort(key=lambda f: f.feats.get("Case") != tok.feats.get("Case"))  # stable
        try:
            inflected = forms[0].inflect({"Nom", "Sing", "Fem"})
        except (KeyError, ValueError):
            inflected = None
        if inflected is None:
            out.append(word)
            continue
        result = inflected.word if "ё" in tok.text.lower() else inflected.word.replace("ё", "е")
        out.append(result[:1].upper() + result[1:] if tok.text[:1].isupper() else result)
    known = len(out) - len(unknown) - sum(bool(_INITIAL.match(w)) for w in words)
    if not inflected_any and known > 0:
        for k in unknown:  # written in the nominative, as the known words are
            out[k] = _MARKS.sub("", doc.tokens[m.tokens[k]].text) or out[k]
    nominative = not inflected_any and all(
        w.lower() == doc.tokens[i].text.lower() for w, i in zip(out, m.tokens, strict=True)
        if not _INITIAL.match(w)
    )
    return _tidy_name(" ".join(out)), nominative


def _read_women(doc: Doc, members: list[list[_Mention]]) -> bool:
    """Read as a woman's the mentions of each person the text shows to be a woman, and of
    no one the text also shows to be a man. True if a name changed."""
    sents = list(doc.sents)
    unsure = {
        m.start for mentions in members for m in mentions
        if doc.tokens[m.tokens[0]].id is None and any(
            {"Fem", "Masc"} <= {g for g, _ in _name_readings(doc.tokens[i].text)}
            for i in m.tokens
        )
    }
    if unsure:  # parse the sentences where a name may be a woman's or a man's
        nlp.parse_syntax_of(doc, lambda sent: any(sent.start <= s < sent.stop for s in unsure))
    by_id = syntax_index(doc)
    kids: dict[int, list[int]] = {}  # a parsed token's dependents
    for i, t in enumerate(doc.tokens):
        if t.id is not None and t.head_id in by_id:
            kids.setdefault(by_id[t.head_id], []).append(i)
    names = {doc.tokens[i].start for mentions in members for m in mentions for i in m.tokens}
    evidence: list[set[str]] = []
    for mentions in members:
        found = set()
        for m in mentions:
            for gender in (_form_gender(doc, m), _syntax_gender(doc, m, by_id, kids),
                           _subjectless_gender(doc, m, by_id, kids),
                           _pronoun_gender(doc, m, sents, names)):
                if gender:
                    found.add(gender)
        evidence.append(found)
    changed = False
    surnames: dict[str, str] = {}  # of the women, as read: folded → as written in the name
    for mentions, found in zip(members, evidence, strict=True):
        if found != {"Fem"}:
            continue
        for m in mentions:
            read = _feminine_name(doc, m)
            if read is not None and read[0] != m.name:
                m.name, m.nominative = read
                changed = True
            if len(m.tokens) > 1:
                surnames[_parts(m.name)[-1]] = m.name.split()[-1]
    men = set()
    for mentions, found in zip(members, evidence, strict=True):
        if found == {"Fem"}:
            continue  # her surname is in `surnames` already
        for m in (m for m in mentions if len(m.tokens) > 1):
            if "Masc" not in found and _womans_name(m.name):  # "Алина Федосова", as read
                surnames[_parts(m.name)[-1]] = m.name.split()[-1]
            else:
                men.add(_parts(m.name)[-1])
    # her surname alone, read as a man's ("Алина Воробьева … Воробьева выиграла" gave
    # "Воробьев" a person of his own) or left inflected ("роман Лавренёвой"): hers, unless a
    # man's form or verb shows it is not, or a man of that surname is named in full too
    for mentions, found in zip(members, evidence, strict=True):
        if "Masc" in found or any(len(m.tokens) > 1 for m in mentions):
            continue
        reads = [_her_surname(doc, m, surnames) for m in mentions]
        if all(r is not None for r in reads) and not {_parts(m.name)[-1] for m in mentions} & men:
            for m, r in zip(mentions, reads, strict=True):
                assert r is not None
                if r[0] != m.name:
                    m.name, m.nominative = r
                    changed = True
    return changed


def _womans_name(name: str) -> bool:
    """The name as read is a woman's: a woman's first name in the nominative and a woman's
    surname ("Алина Федосова"; a man's genitive would have been read "Алин Федосов")."""
    words = _parts(name)
    return ("Fem", "Nom") in _name_readings(words[0]) and words[-1].endswith(
        ("ова", "ева", "ина", "ына", "ая"))


def _her_surname(doc: Doc, m: _Mention, surnames: dict[str, str]) -> tuple[str, bool] | None:
    """A lone surname read as one of `surnames` (women's, folded), and whether it is written
    in the nominative: by the dictionary's woman's reading, else by the written form's
    declension ("Крутову", "Лавренёвой", "Ланской" of "Крутова", "Лавренёва", "Ланская")."""
    read = _feminine_name(doc, m)
    if read is not None and _parts(read[0])[-1] in surnames:
        return read
    written = _parts(doc.text[m.start : m.stop])
    if len(written) != 1:
        return None
    for folded, surname in surnames.items():
        if written[0] in _feminine_forms(folded):
            return surname, written[0] == folded
    return None


def _feminine_forms(surname: str) -> frozenset[str]:
    """A woman's surname in every case: "крутова" → крутовой, крутову, крутовою; "ланская"
    → ланской, ланскую; one that does not decline ("шевчук") stays as it is."""
    if surname.endswith(("ская", "цкая")):
        stem = surname[:-2]
        return frozenset({surname, stem + "ой", stem + "ую", stem + "ою"})
    if surname.endswith(("ова", "ева", "ина", "ына")):
        stem = surname[:-1]
        return frozenset({surname, stem + "ой", stem + "у", stem + "ою"})
    return frozenset({surname})


def _merge(mentions: list[_Mention]) -> tuple[list[PersonGroup], list[list[_Mention]]]:
    """Mentions merged into people, and each person's mentions."""
    spelled = Counter(m.name for m in mentions)

    def address(parts: list[str]) -> bool:  # "Сергей Викторович"
        return len(parts) == 2 and _is_patronymic(parts[1])

    ordered = sorted(
        mentions,
        key=lambda m: (
            -len(_parts(m.name)), address(_parts(m.name)), "." in m.name, not m.nominative,
            -spelled[m.name],
        ),
    )
    groups: list[PersonGroup] = []
    members: dict[int, list[_Mention]] = {}
    for m in ordered:
        parts = _parts(m.name)
        target = _target(groups, m, parts)
        if target is not None and address(parts) and len(target.name.split()) == 2:
            # "Людмила Гурченко" and "Людмила Марковна": "Людмила Марковна Гурченко"
            first, surname = target.name.split()
            if not _is_patronymic(surname):
                target.name = f"{first} {m.name.split()[1]} {surname}"
        if target is None:
            if len(parts) == 1 and _plural_only(parts[0]):
                continue  # "братья Ямадаевы": a family, not one person
            target = PersonGroup(m.name)
            groups.append(target)
        members.setdefault(id(target), []).append(m)
        target.spans.append((m.start, m.stop))
        if m.nominative:
            target.nominative.add((m.start, m.stop))
        if m.title:
            target.titles.add(m.title)
        if target.role is None and m.role:
            target.role = m.role
    return groups, [members[id(g)] for g in groups]


def group_people(doc: Doc) -> list[PersonGroup]:
    """Mentions merged into people; the fullest form of the name is the canonical one,
    preferably as written in the nominative and the most frequent spelling. A person the
    text shows to be a woman has her mentions read as a woman's name ("Евгения Филиппова
    заявила": not the genitive of "Евгений Филиппов")."""
    mentions = _mentions(doc)
    _reconcile(doc, mentions)
    groups, members = _merge(mentions)
    if _read_women(doc, members):
        groups, _ = _merge(mentions)
    groups.sort(key=lambda g: min(s for s, _ in g.spans))
    add_referred_roles(doc, groups)
    return groups


def to_people(groups: list[PersonGroup]) -> list[Person]:
    people = [Person(g.name, g.role, len(g.spans)) for g in groups]
    return sorted(people, key=lambda p: -p.mentions)
