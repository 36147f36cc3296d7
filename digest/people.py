"""People of the story: PER spans merged per person, with counts and roles in the nominative."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from natasha import Doc

from digest import nlp
from digest.card import Person
from digest.keys import query_person_keys
from digest.wordlists import load_words

# Nouns that head a role phrase ("министр иностранных дел России"), by lemma.
ROLE_NOUNS = load_words("role_nouns")
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "ADP", "CCONJ", "NUM", "DET", "ADV"}
_MAX_ROLE_TOKENS = 12
_PAIRED_TAIL = re.compile(r"^(.+) ([А-ЯЁ][\w-]+) и ([А-ЯЁ][\w-]+)$")
_CREDIT = re.compile(r"(?:фото|©|автор|текст|иллюстрация)\W*$", re.IGNORECASE)


@dataclass
class _Mention:
    name: str
    start: int
    stop: int
    role: str | None
    nominative: bool = True  # written in the nominative in the text
    titled: bool = False  # right after a common noun: "князь Владимир", "святой Николай"


@dataclass
class PersonGroup:
    """One person of the story; `spans` are (start, stop) character offsets of mentions."""

    name: str
    role: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return _parts(self.name)[-1]


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s\-]+", name.lower().replace("ё", "е")) if p]


def _tidy_name(normal: str) -> str:
    words = normal.split()
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _role_before(doc: Doc, first: int, case: str | None, names: set[int]) -> str | None:
    """The role phrase right before a name: its head noun agrees in case with the name."""
    tokens = doc.tokens
    i = first - 1
    head = None
    while i >= 0 and first - i <= _MAX_ROLE_TOKENS:
        tok = tokens[i]
        if tok.text in {"«", "»"}:
            i -= 1
            continue
        if tok.pos not in _PHRASE_POS or not any(ch.isalnum() for ch in tok.text):
            break
        if i in names:  # another person's name: their role, not ours
            break
        if "\n" in doc.text[tok.stop : tokens[i + 1].start]:
            break  # roles do not run across line breaks
        lemma = nlp.lemma(tok.text)
        # the tagger sometimes calls a sentence-initial role noun PROPN ("Мэр Твери …")
        if tok.pos in {"NOUN", "PROPN"} and lemma in ROLE_NOUNS:
            tok_case = tok.feats.get("Case")
            if tok_case == case or (head is None and tok_case != "Gen"):
                head = i
        i -= 1
    if head is None:
        return None
    start = head
    while start > 0 and tokens[start - 1].pos == "ADJ":
        start -= 1
    return _nominative_phrase(doc, start, head, first)


def _role_after(doc: Doc, last: int, names: set[int]) -> str | None:
    """An appositive after a comma: "Сергей Лавров, министр иностранных дел России, …"."""
    tokens = doc.tokens
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return None
    i = last + 2
    while i < len(tokens) and tokens[i].pos == "ADJ":
        i += 1
    if i >= len(tokens) or tokens[i].pos != "NOUN" or nlp.lemma(tokens[i].text) not in ROLE_NOUNS:
        return None
    head = i
    stop = head + 1
    while stop < len(tokens) and stop - head < _MAX_ROLE_TOKENS:
        tok = tokens[stop]
        if tok.pos not in _PHRASE_POS or not any(ch.isalnum() for ch in tok.text):
            break
        if stop in names:
            break
        stop += 1
    return _nominative_phrase(doc, last + 2, head, stop)


def _nominative_phrase(doc: Doc, start: int, head: int, stop: int) -> str | None:
    tokens = doc.tokens
    head_tok = tokens[head]
    gender = head_tok.feats.get("Gender", "Masc")
    words = []
    for tok in tokens[start:head]:
        words.append(nlp.inflect(tok.text, {"Nom", "Sing", gender}))
    words.append(nlp.inflect(head_tok.text, {"Nom", "Sing"}))
    tail = [tok.text for tok in tokens[head + 1 : stop]]
    # "главы правительств X и Y" names one person each: "глава правительства"
    if tail and head_tok.feats.get("Number") == "Plur":
        nxt = tokens[head + 1]
        if nxt.pos == "NOUN" and nxt.feats.get("Number") == "Plur":
            tail[0] = nlp.inflect(nxt.text, {"Gen", "Sing"})
    words.extend(tail)
    while words and tokens[start + len(words) - 1].pos in {"ADP", "CCONJ"}:
        words.pop()
    if not words:
        return None
    if words[-1] in {"»", "“", ")"} and not any(w in {"«", "„", "("} for w in words):
        words.pop()  # a closing mark whose opening is outside the phrase
    # keep the text's own spacing: «ВКонтакте», not « ВКонтакте »
    phrase = words[0]
    for k in range(1, len(words)):
        gap = doc.text[tokens[start + k - 1].stop : tokens[start + k].start]
        phrase += (" " if gap else "") + words[k]
    first = words[0]
    if not (len(first) > 1 and first.isupper()):
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


def _restore_yo(normal: str, surface: str) -> str:
    """natasha's normal form writes е for ё: "Пётром" → "Петр"; put the ё back."""
    pos = surface.lower().find("ё")
    if pos == -1 or pos >= len(normal) or normal[pos].lower() != "е":
        return normal
    if normal[:pos].lower() != surface[:pos].lower():
        return normal
    return normal[:pos] + ("Ё" if normal[pos].isupper() else "ё") + normal[pos + 1 :]


_SPLIT_TOKENS = {",", "(", ")", "и", "[", "]", "/", ";"}
_MARKS = re.compile(r"^[^\w]+|[^\w.]+$")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.?$")


def _token_groups(doc: Doc, span) -> list[list]:
    """A PER span cut where natasha glued names: at commas, "и", brackets and line breaks.

    "Овечкин, Федоров" is two people; "Джошуа Вольф (Joshua Wolf)" keeps the Russian form
    only (a Latin original beside a Cyrillic name is dropped)."""
    groups: list[list] = [[]]
    prev = None
    for tok in span.tokens:
        if prev is not None and "\n" in doc.text[prev.stop : tok.start]:
            groups = [[]]  # NER ran a name across a paragraph break: keep the part after it
        elif tok.text in _SPLIT_TOKENS:
            groups.append([])
        if tok.text not in _SPLIT_TOKENS and any(ch.isalpha() for ch in tok.text):
            groups[-1].append(tok)
        prev = tok
    groups = [g for g in groups if g]
    if any(_CYRILLIC.search(t.text) for g in groups for t in g):
        groups = [g for g in groups if any(_CYRILLIC.search(t.text) for t in g)]
    return groups


def _name_word(tok) -> str:
    if _INITIAL.match(tok.text):
        return f"{tok.text.rstrip('.')}."
    return _restore_yo(nlp.name_nominative(tok), tok.text)


def _person_spans(doc: Doc) -> list[tuple[int, int, str, list[int], bool]]:
    """(start, stop, nominative name, token indexes, written in the nominative) of PER spans."""
    token_index = {tok.start: i for i, tok in enumerate(doc.tokens)}
    out = []
    for span in doc.spans:
        if span.type != "PER" or not span.normal:
            continue
        for group in _token_groups(doc, span):
            idx = [token_index[t.start] for t in group if t.start in token_index]
            if not idx:
                continue
            words = [_name_word(t) for t in group]
            words = [_MARKS.sub("", w) for w in words]
            if not all(words):
                continue
            nominative = all(t.feats.get("Case", "Nom") == "Nom" for t in group)
            out.append((group[0].start, group[-1].stop, " ".join(words), idx, nominative))
    return out


_NAME_TAGS = {"Name", "Surn", "Patr"}


def _common_word(word: str) -> bool:
    """A dictionary word that is never a name ("Подана", "Маэстро") or a place name."""
    parses = nlp.morph_vocab().parse(word.lower())
    if not parses or not all(p.is_known for p in parses):
        return False
    grammemes = set().union(*(p.tag.grammemes for p in parses))
    return "Geox" in grammemes or not grammemes & _NAME_TAGS


# "X стал президентом", "X является основателем", "X назначен директором": the role is the
# predicate noun of these linking verbs
_LINKING_VERBS = {
    "стать", "становиться", "являться", "оставаться", "остаться", "работать", "служить",
    "назначить", "назначать", "избрать", "избирать", "числиться", "занимать",
}
_NOT_ROLES = load_words("not_roles")


def _syntax_index(doc: Doc) -> dict[str, int]:
    return {t.id: i for i, t in enumerate(doc.tokens) if t.id is not None}


def _role_head_ok(doc: Doc, index: int, names: set[int]) -> bool:
    """A role head is an office: a role noun ("министр", "спикер"), or an animate noun that
    names its organization ("основатель «ВКонтакте»", "координатор движения"). A bare
    description ("скульптор", "американец") is not an office."""
    tok = doc.tokens[index]
    if index in names or not tok.text.replace("-", "").isalpha():
        return False
    lemma = nlp.lemma(tok.text)
    # the tagger calls a capitalized sentence-initial role noun PROPN ("Мэр Твери …")
    if tok.pos != "NOUN" and not (tok.pos == "PROPN" and lemma in ROLE_NOUNS):
        return False
    if lemma in _NOT_ROLES:
        return False
    if lemma in ROLE_NOUNS:
        return True
    if not any("anim" in p.tag for p in nlp.morph_vocab().parse(tok.text.lower())[:2]):
        return False
    by_head: dict[str, list] = {}
    for t in doc.tokens:
        if t.id is not None:
            by_head.setdefault(t.head_id, []).append(t)
    return any(  # a bare genitive: "координатор движения", not "гроссмейстер из Хорватии"
        t.rel == "nmod"
        and t.feats.get("Case") == "Gen"
        and not any(c.rel == "case" for c in by_head.get(t.id, []))
        for t in by_head.get(tok.id, [])
    )


def _subtree(doc: Doc, by_id: dict[str, int], head: int, skip: set[int]) -> list[int]:
    """Token indexes under `head` (itself included), not entering `skip` or conjuncts."""
    children: dict[int, list[int]] = {}
    for i, tok in enumerate(doc.tokens):
        if tok.head_id in by_id:
            children.setdefault(by_id[tok.head_id], []).append(i)
    out, stack = [], [head]
    while stack:
        i = stack.pop()
        out.append(i)
        for c in children.get(i, []):
            rel = doc.tokens[c].rel
            # a conjunct of the role noun itself is another role ("… и правозащитник X");
            # deeper ones belong to the phrase ("министр связи и коммуникаций")
            if c in skip or rel in {"acl", "acl:relcl"} or (i == head and rel in {"conj", "cc"}):
                continue
            stack.append(c)
    return sorted(out)


def _syntax_role(doc: Doc, idx: list[int], names: set[int]) -> str | None:
    """The role noun phrase the parser attaches to the name: the name is an `appos` of the
    role noun before it ("основатель «ВКонтакте» Павел Дуров"), or the role noun is an
    `appos` of the name after a comma ("Сергей Лавров, министр …"), or the predicate of a
    linking verb whose subject is the name ("Медведев стал президентом")."""
    tokens = doc.tokens
    if tokens[idx[0]].id is None:
        return None
    by_id = _syntax_index(doc)
    span = set(idx)
    first, last = idx[0], idx[-1]
    for i in idx:
        tok = tokens[i]
        head = by_id.get(tok.head_id)
        if head is None or head in span:
            continue
        if tok.rel == "appos" and head < first:
            # "министр … X и министр … Y": the parser hangs Y on the first role; Y's own is
            # the conjunct role noun nearest before it
            conj = [
                k for k in range(head + 1, first)
                if tokens[k].rel == "conj" and by_id.get(tokens[k].head_id) == head
            ]
            if conj:
                head = conj[-1]
        if tok.rel == "appos" and head < first and _role_head_ok(doc, head, names):
            run = _run_before(doc, _subtree(doc, by_id, head, span), first, names)
            # "депутат …, сопредседатель … Михаил Вельмакин": the nearest role of a list
            commas = [k for k in run if doc.tokens[k].text == ","]
            if commas:
                run = [k for k in run if k > commas[-1]]
            own = next((k for k in run if _role_head_ok(doc, k, names)), None)
            # "заместителем министра … Александром Налбандовым": the parser may hang the
            # name on the inner noun; the phrase starts at the role noun that governs it
            while own is not None and run and run[0] > 0:
                up = run[0] - 1
                if by_id.get(tokens[own].head_id) != up or not _role_head_ok(doc, up, names):
                    break
                run.insert(0, up)
                own = up
            if own is not None:
                return _nominative_phrase(doc, run[0], own, first)
        linking = (
            tok.rel.startswith("nsubj")
            and tokens[head].pos in {"VERB", "AUX"}
            and nlp.lemma(tokens[head].text) in _LINKING_VERBS
        )
        for j, other in enumerate(tokens) if linking else ():
            if (
                other.head_id == tokens[head].id
                and other.rel in {"xcomp", "obl"}
                and other.feats.get("Case") == "Ins"
                and _role_head_ok(doc, j, names)
            ):
                end = _run_after(doc, _subtree(doc, by_id, j, span), j, names)
                return _nominative_phrase(doc, j, j, end)
    for j, other in enumerate(tokens):
        if (
            other.rel in {"appos", "conj"}
            and by_id.get(other.head_id) in span
            and j == last + 2
            and tokens[last + 1].text == ","
            and _role_head_ok(doc, j, names)
            # "Лев Пономарев, координатор … Сергей Удальцов": that role is the next name's
            and not any(by_id.get(tokens[n].head_id) == j for n in names)
        ):
            end = _run_after(doc, _subtree(doc, by_id, j, span), j, names)
            return _nominative_phrase(doc, j, j, end)
    return None


def _run_before(doc: Doc, sub: list[int], first: int, names: set[int]) -> list[int]:
    """The contiguous part of the role subtree that ends right before the name."""
    run: list[int] = []
    i = first - 1
    members = set(sub)
    while i in members and i not in names:
        if "\n" in doc.text[doc.tokens[i].stop : doc.tokens[i + 1].start]:
            break
        run.insert(0, i)
        i -= 1
    while run and doc.tokens[run[0]].pos not in {"ADJ", "NOUN", "PROPN"}:
        run.pop(0)  # "он основатель", "за 2009 год писатель": the phrase starts at a word
    return run


def _run_after(doc: Doc, sub: list[int], head: int, names: set[int]) -> int:
    """Where the role phrase that starts at `head` ends (exclusive): at a comma or a name."""
    members = set(sub)
    stop = head + 1
    while stop in members and stop not in names and doc.tokens[stop].text not in {",", "—", "–"}:
        stop += 1
    while stop - 1 > head and doc.tokens[stop - 1].pos == "PUNCT" and doc.tokens[
        stop - 1
    ].text not in {"»", ")"}:
        stop -= 1
    return stop


def _hung_on_next_role(doc: Doc, first: int) -> bool:
    """The parser made the name an appositive of a noun after it (a misparse in lists:
    "координатора движения «…» Тараса Белых и депутата …"): read the words before it."""
    tok = doc.tokens[first]
    head = _syntax_index(doc).get(tok.head_id)
    return tok.rel == "appos" and head is not None and head > first


def _may_state_a_role(sent) -> bool:
    """Only sentences where a name can carry a role go to the parser (~1 ms a sentence):
    a noun or a closing quote right before a name, a comma right after one, or a linking
    verb ("стал", "назначен")."""
    tokens = sent.tokens
    position = {t.start: i for i, t in enumerate(tokens)}
    for span in sent.spans:
        if span.type != "PER" or span.tokens[0].start not in position:
            continue
        first = position[span.tokens[0].start]
        last = first + len(span.tokens) - 1
        if first > 0 and (tokens[first - 1].pos in {"NOUN", "PROPN"} or tokens[first - 1].text
                          in {"»", "”", "“"}):
            return True
        if last + 1 < len(tokens) and tokens[last + 1].text == ",":
            return True
        if any(t.pos in {"VERB", "AUX"} and nlp.lemma(t.text) in _LINKING_VERBS for t in tokens):
            return True
    return False


def _mentions(doc: Doc) -> list[_Mention]:
    nlp.parse_syntax_of(doc, _may_state_a_role)
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
        if len(idx) == 1 and _common_word(doc.tokens[first].text):
            continue
        case = doc.tokens[first].feats.get("Case")
        role = _syntax_role(doc, idx, names)
        if role is None and doc.tokens[first].id is None:  # sentence not parsed
            role = _role_before(doc, first, case, names) or _role_after(doc, last, names)
        elif role is None and _hung_on_next_role(doc, first):
            role = _role_before(doc, first, case, names)
        # "министр … Михаил Галузин и Александр Панкин": the role covers both names
        conjoined = prev is not None and first - prev_last == 2
        if (role is None and prev is not None and conjoined
                and doc.tokens[first - 1].text in {"и", ","} and prev.role):
            role = prev.role
            # "главы правительств Казахстана и России Олжас Бектенов и Михаил Мишустин"
            pair = _PAIRED_TAIL.match(role)
            if pair:
                prev.role = f"{pair[1]} {pair[2]}"
                role = f"{pair[1]} {pair[3]}"
        before = doc.tokens[first - 1] if first > 0 else None
        titled = (
            before is not None and before.pos in {"NOUN", "PROPN"} and before.text.isalpha()
            and first - 1 not in names
        )
        mention = _Mention(_tidy_name(normal), start, stop, role, nominative, titled)
        out.append(mention)
        prev, prev_last = mention, last
    return out


_PATRONYMIC = re.compile(r"(?:вич|вна|ична|инична)$")


def _is_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.search(nlp.lemma(word))) or bool(_PATRONYMIC.search(word))


def _same_part(full_part: str, part: str) -> bool:
    """Equal, or an initial ("в.") of the full part."""
    if part == full_part:
        return True
    letter = part.rstrip(".")
    return len(letter) == 1 and full_part.startswith(letter)


def _same_person(full: list[str], short: list[str]) -> bool:
    """Does the shorter name `short` refer to `full`? Surnames equal, first names compatible."""
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
    name with its own title ("князь Владимир") or role is not merged into a fuller name."""
    fuller = [
        g for g in groups
        if _parts(g.name) != parts and len(_parts(g.name)) >= len(parts)
        and _same_person(_parts(g.name), parts)
    ]
    lone_first = len(parts) == 1 and fuller and parts[0] != _parts(fuller[0].name)[-1]
    if lone_first and (m.titled or (m.role and fuller[0].role != m.role)):
        fuller = []
    if len(fuller) > 1:
        def last_before(g: PersonGroup) -> int:
            return max((s for s, _ in g.spans if s < m.start), default=-1)

        fuller.sort(key=last_before, reverse=True)
    if fuller:
        return fuller[0]
    return next((g for g in groups if _parts(g.name) == parts), None)


def group_people(doc: Doc) -> list[PersonGroup]:
    """Mentions merged into people; the fullest form of the name is the canonical one,
    preferably as written in the nominative and the most frequent spelling."""
    mentions = _mentions(doc)
    spelled = Counter(m.name for m in mentions)
    ordered = sorted(
        mentions,
        key=lambda m: (-len(_parts(m.name)), "." in m.name, not m.nominative, -spelled[m.name]),
    )
    groups: list[PersonGroup] = []
    for m in ordered:
        parts = _parts(m.name)
        target = _target(groups, m, parts)
        if target is None:
            if len(parts) == 2 and _is_patronymic(parts[1]):
                continue  # a form of address for no one named in full: not a person
            target = PersonGroup(m.name)
            groups.append(target)
        target.spans.append((m.start, m.stop))
        if target.role is None and m.role:
            target.role = m.role
    groups.sort(key=lambda g: min(s for s, _ in g.spans))
    return groups


def to_people(groups: list[PersonGroup]) -> list[Person]:
    people = [Person(g.name, g.role, len(g.spans)) for g in groups]
    return sorted(people, key=lambda p: -p.mentions)
