"""People of the story: PER spans merged per person, with counts and roles in the nominative."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from natasha import Doc

from digest import nlp
from digest.card import Person
from digest.entities import misread_office, misread_person, misread_place
from digest.keys import query_person_keys
from digest.roles import add_referred_roles, parse_for_roles, role_of, split_shared_role

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
    if len(cases) < 2:
        return None
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
        mention = _Mention(_tidy_name(normal), start, stop, role, nominative, title, she)
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
    if len(short) == 1 and full[-1] in query_person_keys(short[0]):
        return True  # a lone surname natasha left inflected: "Кравцовой"
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


def _declined_from(word: str, base: str) -> bool:
    """Is `word` an oblique form of the name `base`: "Лемана" of "Леман", "Бесселю" of
    "Бессель", "Сулимы" of "Сулим"? (By shape: the tagger misses the case of rare names.)"""
    word, base = word.lower(), base.lower()
    stem = base[:-1] if base[-1:] in {"ь", "й", "а", "я"} else base
    return (
        word != base and len(stem) >= 3 and word.startswith(stem)
        and word[len(stem):] in _CASE_ENDINGS
    )


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


def group_people(doc: Doc) -> list[PersonGroup]:
    """Mentions merged into people; the fullest form of the name is the canonical one,
    preferably as written in the nominative and the most frequent spelling."""
    mentions = _mentions(doc)
    _reconcile(doc, mentions)
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
        target.spans.append((m.start, m.stop))
        if m.nominative:
            target.nominative.add((m.start, m.stop))
        if m.title:
            target.titles.add(m.title)
        if target.role is None and m.role:
            target.role = m.role
    groups.sort(key=lambda g: min(s for s, _ in g.spans))
    add_referred_roles(doc, groups)
    return groups


def to_people(groups: list[PersonGroup]) -> list[Person]:
    people = [Person(g.name, g.role, len(g.spans)) for g in groups]
    return sorted(people, key=lambda p: -p.mentions)
