"""Roles of people: the office a name is given in the text ("министр иностранных дел России
Сергей Лавров"), read from the syntax parse where there is one, in the nominative.

An office is a post held in a state, an organization, a team or a church: an office noun
(data/role_nouns.txt), or an occupation or other animate noun whose phrase names where it is
held ("экономист «Росбанка»"; data/occupation_nouns.txt). Founding, owning, authorship, titles
and family ties are true but not offices (data/not_roles.txt): no role is better than a wrong
one. The role must be attached to its own name by the syntax (before it, after it set off by a
comma, dash or bracket, or as the predicate of "стал", "назначен", "занял пост"); an office
stated in the next sentence without a name goes only to the story's main person named as the
subject just before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from natasha import Doc

from digest import nlp
from digest.wordlists import load_words

# Offices: nouns that make a role by themselves ("министр иностранных дел России", "мэр").
OFFICE_NOUNS = load_words("role_nouns")
# Nouns of an occupation: a role only with the organization named ("аналитик «Росбанка»").
OCCUPATION_NOUNS = load_words("occupation_nouns")
ROLE_NOUNS = OFFICE_NOUNS | OCCUPATION_NOUNS
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "ADP", "CCONJ", "NUM", "DET", "ADV"}
_MAX_ROLE_TOKENS = 12
_PAIRED_TAIL = re.compile(r"^(.+) ([А-ЯЁ][\w-]+) и ([А-ЯЁ][\w-]+)$")


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
        # the tagger sometimes calls a sentence-initial role noun PROPN ("Мэр Твери …")
        if tok.pos in {"NOUN", "PROPN"} and (
            _office(_lemma(tok.text)) or tok.id is not None and _role_head_ok(doc, i, names)
        ):
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
    if i >= len(tokens) or tokens[i].pos != "NOUN" or not _office(_lemma(tokens[i].text)):
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
    words.append(nlp.inflect(head_tok.text, {"Nom", "Sing"}, head_tok.feats.get("Case")))
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


# "X стал президентом", "X является основателем", "X назначен директором": the role is the
# predicate noun of these linking verbs
_LINKING_VERBS = {
    "стать", "становиться", "являться", "оставаться", "остаться", "работать", "служить",
    "назначить", "назначать", "избрать", "избирать", "числиться", "занимать", "занять",
}
# "назначили X министром", "назвал X первым вратарём": the role is the predicate of the object
_NAMING_VERBS = {"назначить", "назначать", "назвать", "называть", "избрать", "избирать",
                 "утвердить", "утверждать"}
_NOT_ROLES = load_words("not_roles")


def syntax_index(doc: Doc) -> dict[str, int]:
    """Each parsed token's id → its index in doc.tokens."""
    return {t.id: i for i, t in enumerate(doc.tokens) if t.id is not None}


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    """The dictionary form, hyphenated words included ("премьер-министра" → "премьер-министр")."""
    word = word.lower().replace("ё", "е")
    forms = nlp.morph_vocab().parse(word)
    if not forms:
        return word
    if forms[0].tag.POS == "PRTF":  # "заведующей", "управляющего": a participle as a noun
        noun = forms[0].inflect({"Masc", "Sing", "Nom"})
        if noun is not None and noun.word in ROLE_NOUNS:
            return str(noun.word)
    return forms[0].normal.replace("ё", "е")


_FORMER = re.compile(r"^(?:экс-?|бывш\w*-)")


_LATIN = re.compile(r"^[A-Za-z][\w&'.-]*$")


def _phrase_word(tok) -> bool:
    """A word a role phrase may run through: "директор Global Media Group"."""
    if _LATIN.match(tok.text):
        return True
    return tok.pos in _PHRASE_POS and any(ch.isalnum() for ch in tok.text)


_PYMORPHY_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt",
                  "Loc": "loct"}


def _agrees(tok, case: str | None) -> bool:
    """Can the noun be in the name's case? ("членА" is genitive and accusative alike)."""
    if case is None or tok.feats.get("Case") in (None, case):
        return True
    grammeme = _PYMORPHY_CASE.get(case)
    return any(grammeme in f.tag for f in nlp.morph_vocab().parse(tok.text.lower()))


def _modifier(tok) -> bool:
    """An adjective or a participle ("управляющий директор", "исполняющий обязанности")."""
    return tok.pos == "ADJ" or tok.pos == "VERB" and "Case" in tok.feats


def _is_noun(word: str) -> bool:
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and forms[0].pos == "NOUN"


def _office(lemma: str) -> bool:
    """An office noun, also as the last part of a compound ("экс-премьер", "женщина-спикер")."""
    return lemma in OFFICE_NOUNS or lemma.rsplit("-", 1)[-1] in OFFICE_NOUNS


def _children(doc: Doc) -> dict[str | None, list[int]]:
    by_head: dict[str | None, list[int]] = {}
    for i, t in enumerate(doc.tokens):
        if t.id is not None:
            by_head.setdefault(t.head_id, []).append(i)
    return by_head


def _named_entity_tokens(doc: Doc) -> set[int]:
    """Token indexes inside an organization or place name, or written as a proper name."""
    starts = {tok.start: i for i, tok in enumerate(doc.tokens)}
    out: set[int] = set()
    for span in doc.spans:
        if span.type in {"ORG", "LOC"}:
            out.update(starts[t.start] for t in span.tokens if t.start in starts)
    for i, tok in enumerate(doc.tokens):
        # "МИД", "ПАСЕ", "Челси", «Левый фронт»
        if tok.pos == "PROPN" or tok.text in {"«", "„", "\""} or (
            len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha()
        ):
            out.add(i)
    return out


def _names_its_organization(doc: Doc, index: int, names: set[int]) -> bool:
    """A genitive (or "от") dependent of the noun names an organization or a place:
    "координатор движения «Левый фронт»", "защитник «Арсенала»", "наблюдатель от ОБСЕ"; not
    "адвокат истцов", "гроссмейстер из Хорватии"."""
    by_head = _children(doc)
    entity = _named_entity_tokens(doc) - names
    tokens = doc.tokens
    for c in by_head.get(tokens[index].id, []):
        if tokens[c].rel != "nmod":
            continue
        cases = [tokens[k].text.lower() for k in by_head.get(tokens[c].id, [])
                 if tokens[k].rel == "case"]
        if cases and cases != ["от"]:
            continue
        stack, seen = [c], {c}
        while stack:
            k = stack.pop()
            if k in entity:
                return True
            below = [k2 for k2 in by_head.get(tokens[k].id, [])
                     if k2 not in names and k2 not in seen]
            seen.update(below)
            stack.extend(below)
    return False


def _role_head_ok(doc: Doc, index: int, names: set[int]) -> bool:
    """A role head is an office: an office noun ("министр", "спикер", "премьер-министр"), or
    an animate noun whose dependent names its organization or place ("координатор движения
    «Левый фронт»", "аналитик «Росбанка»"). A bare description ("скульптор", "тбилисский
    врач"), a relation ("жена", "основатель") or a title ("академик") is not an office."""
    tok = doc.tokens[index]
    if index in names or not tok.text.replace("-", "").isalpha() or _led_by(doc, index + 2):
        return False
    lemma = _lemma(tok.text)
    # the tagger calls a capitalized sentence-initial role noun PROPN ("Мэр Твери …") or
    # even ADJ ("Экс-председатель …")
    if tok.pos != "NOUN" and not (_office(lemma) and _is_noun(tok.text)):
        return False
    if lemma in _NOT_ROLES or _FORMER.sub("", lemma) in _NOT_ROLES:
        return False
    if _office(lemma):
        return True
    if tok.feats.get("Animacy") == "Inan" or not any(
            "anim" in p.tag for p in nlp.morph_vocab().parse(tok.text.lower())[:2]):
        return False  # "сектором нидерландской графики Эрмитажа": art, not an artist
    return _names_its_organization(doc, index, names)


def _subtree(doc: Doc, by_id: dict[str, int], head: int, skip: set[int]) -> list[int]:
    """Token indexes under `head` (itself included), not entering `skip` or conjuncts.
    The parser's heads are not always a tree (a token may be its own head): each token is
    visited once."""
    children: dict[int, list[int]] = {}
    for i, tok in enumerate(doc.tokens):
        if tok.head_id in by_id:
            children.setdefault(by_id[tok.head_id], []).append(i)
    out, stack = {head}, [head]
    while stack:
        i = stack.pop()
        for c in children.get(i, []):
            rel = doc.tokens[c].rel
            # a conjunct of the role noun itself is another role ("… и правозащитник X");
            # deeper ones belong to the phrase ("министр связи и коммуникаций")
            if c in out or c in skip or rel in {"acl", "acl:relcl"} or (
                i == head and rel in {"conj", "cc"}
            ):
                continue
            out.add(c)
            stack.append(c)
    return sorted(out)


def _role_of_appositive(
    doc: Doc, by_id: dict[str, int], head: int, span: set[int], names: set[int]
) -> str | None:
    """The role phrase before a name the parser made an appositive of `head`."""
    tokens = doc.tokens
    first = min(span)
    end = first - 1 if tokens[first - 1].text == "," else first  # "вратарь сборной, Оливер Кан"
    # "руководитель клуба Г. Мельникова": the name hangs on the inner noun of the role;
    # "председатель Совета … шейх Ильдар Хайруллин": or on a title between them
    for _ in range(3):
        if _role_head_ok(doc, head, names):
            break
        up = by_id.get(tokens[head].head_id)
        if up is None or up >= head or up in names or tokens[head].rel not in {"nmod", "appos"}:
            return None
        if tokens[head].rel == "appos":
            if head != end - 1:
                return None
            end = head
        head = up
    else:
        return None
    if not _role_head_ok(doc, head, names):
        return None
    run = _run_before(doc, _subtree(doc, by_id, head, span), end, names)
    if not run or run[0] > head:
        run = _linear_run(doc, head, end, names)
    # "депутат …, сопредседатель … Михаил Вельмакин": every office of the list, as long as
    # each part is one (a clause or a description before them is not)
    parts: list[list[int]] = [[]]
    for k in run:
        if tokens[k].text == ",":
            parts.append([])
        else:
            parts[-1].append(k)
    phrases: list[str] = []
    for n, part in enumerate(reversed(parts)):
        phrase = _part_phrase(doc, by_id, part, end if n == 0 else part[-1] + 1 if part else 0,
                              names)
        if phrase is None:
            break
        phrases.insert(0, phrase)
    if not phrases:
        return None
    stacked = _stacked_office(doc, by_id, head, run[0], span, names) if run else None
    return (stacked or "") + ", ".join(phrases)


def _stacked_office(
    doc: Doc, by_id: dict[str, int], head: int, start: int, span: set[int], names: set[int]
) -> str | None:
    """An office stacked right before the one the name hangs on, of which that one is an
    appositive: "представитель вооружённых сил полковник X", "наблюдатель от ОБСЕ
    португальский парламентарий Y", "лидер партии, народный депутат Z"."""
    tokens = doc.tokens
    up = by_id.get(tokens[head].head_id)
    if tokens[head].rel != "appos" or up is None or up >= start:
        return None
    if not _role_head_ok(doc, up, names):
        return None
    end = start - 1 if start > 0 and tokens[start - 1].text == "," else start
    taken = span | set(range(start, max(span) + 1))
    run = _run_before(doc, _subtree(doc, by_id, up, taken), end, names)
    if not run or up not in run:
        return None
    phrase = _part_phrase(doc, by_id, run, end, names)
    return phrase and phrase + (", " if end < start else " ")


def _linear_run(doc: Doc, head: int, end: int, names: set[int]) -> list[int]:
    """The words from the role noun (and its adjectives) to the name when the parse of the
    phrase between them is broken ("секретарь фронта за демократию (ОФДД) X" with "за
    демократию" hung elsewhere): only nouns, adjectives, prepositions and brackets."""
    tokens = doc.tokens
    if end - head > _MAX_ROLE_TOKENS:
        return []
    for k in range(head + 1, end):
        tok = tokens[k]
        if k in names or "\n" in doc.text[tokens[k - 1].stop : tok.start]:
            return []
        if not _phrase_word(tok) and tok.text not in _QUOTES | {"(", ")"}:
            return []
    start = head
    while start > 0 and tokens[start - 1].pos == "ADJ" and tokens[start - 1].head_id == tokens[
        head
    ].id:
        start -= 1
    return list(range(start, end))


def _role_list(
    doc: Doc, by_id: dict[str, int], heads: list[int], span: set[int], names: set[int]
) -> str | None:
    """Conjoined offices before one name, each in the nominative, joined by commas."""
    tokens = doc.tokens
    bounds = [*heads[1:], min(span)]
    phrases = []
    for head, stop in zip(heads, bounds, strict=True):
        sub = [k for k in _subtree(doc, by_id, head, span) if k < stop]
        while sub and tokens[sub[-1]].pos in {"PUNCT", "CCONJ"} and tokens[sub[-1]].text not in {
            "»", ")"
        }:
            sub.pop()
        if sub and sub == list(range(sub[0], sub[-1] + 1)):
            phrase = _part_phrase(doc, by_id, sub, sub[-1] + 1, names)
            if phrase:
                phrases.append(phrase)
    return ", ".join(phrases) or None


def _part_phrase(
    doc: Doc, by_id: dict[str, int], part: list[int], stop: int, names: set[int]
) -> str | None:
    """One office of a list before a name, in the nominative: its first noun is the office."""
    tokens = doc.tokens
    while part and tokens[part[0]].pos not in {"ADJ", "NOUN", "PROPN"}:
        part = part[1:]
    if not part:
        return None
    own = next((k for k in part if tokens[k].pos in {"NOUN", "PROPN"} or (
        _office(_lemma(tokens[k].text)) and _is_noun(tokens[k].text))), None)
    if own is None or not _role_head_ok(doc, own, names):
        return None
    # "заместителем министра … Александром Налбандовым": the phrase starts at the role noun
    # that governs the inner one
    # that governs the inner one, unless another name hangs on that one ("пресс-секретарь
    # губернатора Игоря Лыкова Денис Панин": Лыков is the governor)
    start = part[0]
    while start > 0:
        up = start - 1
        if by_id.get(tokens[own].head_id) != up or not _role_head_ok(doc, up, names):
            break
        if any(by_id.get(tokens[n].head_id) == up and n > stop for n in names):
            break
        duty = by_id.get(tokens[up].head_id)
        if duty is not None and _lemma(tokens[duty].text) == "обязанность":
            break  # "исполняющей обязанности мэра первого заместителя …": the post she takes
        start = own = up
    return _nominative_phrase(doc, start, own, stop)


def _syntax_role(doc: Doc, idx: list[int], names: set[int]) -> str | None:
    """The role noun phrase the parser attaches to the name: the name is an `appos` of the
    role noun before it ("основатель «ВКонтакте» Павел Дуров"), or the role noun is an
    `appos` of the name after a comma ("Сергей Лавров, министр …"), or the predicate of a
    linking verb whose subject is the name ("Медведев стал президентом")."""
    tokens = doc.tokens
    if tokens[idx[0]].id is None:
        return None
    by_id = syntax_index(doc)
    span = set(idx)
    first = idx[0]
    for i in idx:
        tok = tokens[i]
        head = by_id.get(tok.head_id)
        if head is None or head in span:
            continue
        if tok.rel == "appos" and head < first:
            # "министр … X и министр … Y": the parser hangs Y on the first role; Y's own is
            # the conjunct role noun nearest before it. With no name between, the conjuncts
            # are all the person's own: "депутат …, сопредседатель … Михаил Вельмакин"
            conj = [
                k for k in range(head + 1, first)
                if tokens[k].rel == "conj" and by_id.get(tokens[k].head_id) == head
            ]
            # "бывший глава компании … и совладелец WFC X": the name hangs on the last conjunct
            top = by_id.get(tokens[head].head_id)
            if not conj and tokens[head].rel == "conj" and top is not None and top < head:
                head, conj = top, [head]
            # "Президент и первая леди Мишель Обама задержались": two people, not two offices
            verb = by_id.get(tokens[head].head_id)
            plural = verb is not None and tokens[verb].feats.get("Number") == "Plur"
            if conj and not plural and not any(n in names for n in range(head, first)) and (
                _role_head_ok(doc, head, names)
            ):
                role = _role_list(doc, by_id, [head, *conj], span, names)
            else:
                role = _role_of_appositive(doc, by_id, conj[-1] if conj else head, span, names)
            if role:
                return role
        if tok.rel.startswith("nsubj") and tokens[head].feats.get("Case") == "Ins" and any(
            tokens[k].rel == "cop" and by_id.get(tokens[k].head_id) == head
            for k in range(first, head)
        ) and _role_head_ok(doc, head, names):
            # "X был / будет запасным вратарём": the predicate noun with its copula
            start = head
            while start > 0 and tokens[start - 1].pos == "ADJ" and by_id.get(
                tokens[start - 1].head_id
            ) == head:
                start -= 1
            end = _run_after(doc, _subtree(doc, by_id, head, span), head, names)
            end = next((k for k in range(head, end) if tokens[k].pos == "ADP"), end)
            return _nominative_phrase(doc, start, head, end)
        rel = tok.rel
        # "место спикера занял республиканец Джон Бенер": the name titles the subject noun
        if rel == "appos" and head == first - 1 and tokens[head].rel.startswith("nsubj"):
            up = by_id.get(tokens[head].head_id)
            if up is not None and up != head:
                head, rel = up, tokens[head].rel
        verb_lemma = nlp.lemma(tokens[head].text) if tokens[head].pos in {"VERB", "AUX"} else ""
        # "X стал президентом"; "назначили X министром"
        linking = rel.startswith("nsubj") and verb_lemma in _LINKING_VERBS or (
            rel == "obj" and verb_lemma in _NAMING_VERBS
        )
        for j, other in enumerate(tokens) if linking else ():
            if other.rel == "obj" and other.head_id == tokens[head].id and _lemma(
                other.text
            ) in {"пост", "должность", "место"}:
                # "X занял пост премьер-министра": the office is the genitive after "пост"
                j = next((k for k in range(j + 1, min(j + 4, len(tokens)))
                          if tokens[k].head_id == other.id and tokens[k].rel == "nmod"), j)
                if j > 0 and tokens[j].feats.get("Case") == "Gen" and _role_head_ok(
                    doc, j, names
                ):
                    start = j
                    while start - 1 > 0 and tokens[start - 1].pos == "ADJ":
                        start -= 1
                    end = _run_after(doc, _subtree(doc, by_id, j, span), j, names)
                    return _nominative_phrase(doc, start, j, end)
                continue
            if (
                other.head_id == tokens[head].id
                and other.rel in {"xcomp", "obl"}
                and other.feats.get("Case") == "Ins"
                and _role_head_ok(doc, j, names)
            ):
                end = _run_after(doc, _subtree(doc, by_id, j, span), j, names)
                start = j  # "первым вратарём сборной"
                while start > 0 and tokens[start - 1].pos == "ADJ" and tokens[
                    start - 1
                ].head_id == other.id:
                    start -= 1
                return _nominative_phrase(doc, start, j, end)
    return _role_after_name(doc, idx, names)


_QUOTES = {"«", "»", "„", "“", "”", '"'}


def _role_after_name(doc: Doc, idx: list[int], names: set[int]) -> str | None:
    """A role right after the name, set off by a comma, a dash or a bracket and agreeing with
    it in case: "Ольга Дронова — директор музея", "Ханс Отт (второй тренер)", "Ханса Ландау,
    докладчика ПАСЕ". The phrase runs to the next comma, dash or bracket; if it runs into a
    name it is that name's role ("Лев Пономарев, координатор … Сергей Удальцов")."""
    tokens = doc.tokens
    first, last = idx[0], idx[-1]
    if last + 2 < len(tokens) and tokens[last + 1].text == "(":  # "(Scott Horowitz)"
        k = last + 2
        while k < len(tokens) and _LATIN.match(tokens[k].text):
            k += 1
        if k > last + 2 and k < len(tokens) and tokens[k].text == ")":
            last = k
    sep = last + 1
    if sep + 1 >= len(tokens) or tokens[sep].text not in _AFTER_NAME:
        return None
    if "\n" in doc.text[tokens[last].stop : tokens[sep + 1].start]:
        return None
    for _ in range(3):
        role, further = _appositive_at(doc, first, sep, names)
        if role or further is None:
            return role
        sep = further
    return None


def _appositive_at(
    doc: Doc, first: int, sep: int, names: set[int]
) -> tuple[str | None, int | None]:
    """The role set off by `sep` after the name at `first`; else, when that is a description
    in the name's case ("Александра Брода, известного правозащитника, члена …"), the comma
    after it, where the next appositive may be the role."""
    tokens = doc.tokens
    start = j = sep + 1
    # "X, занимающий пост директора …": the office is the genitive after "пост";
    # "X, исполняющий обязанности представителя …": the whole phrase is the role
    verb = [_lemma(t.text) for t in tokens[start : start + 2]]
    post = verb[:1] in (["занимать"], ["занять"]) and verb[1:] in (["пост"], ["должность"])
    # "X, один из руководителей компании": the whole phrase, "один" in the nominative
    acting = verb in (["исполнять", "обязанность"], ["один", "из"])
    if post or acting:
        j = start + 2
    while j < len(tokens) and _modifier(tokens[j]) and j - start < 5:
        j += 1
    if j >= len(tokens) or tokens[j].pos != "NOUN":
        return None, None
    case, head_case = tokens[first].feats.get("Case"), tokens[j].feats.get("Case")
    if not _role_head_ok(doc, j, names):
        if post or acting or tokens[sep].text != "," or not _agrees(tokens[j], case):
            return None, None
        k = j + 1
        while k < len(tokens) and k - j < _MAX_ROLE_TOKENS and _phrase_word(tokens[k]):
            k += 1
        if k < len(tokens) and tokens[k].text == "," and k not in names:
            return None, k
        return None, None
    if post or acting:
        if head_case != "Gen":
            return None, None
    elif not _agrees(tokens[j], case):
        return None, None
    stop = j + 1
    while stop < len(tokens) and stop - j < _MAX_ROLE_TOKENS:
        tok = tokens[stop]
        if "\n" in doc.text[tokens[stop - 1].stop : tok.start]:
            break  # a byline or a caption ends at its line
        if stop in names:
            return None, None
        if tok.text in _QUOTES or tok.text in {"(", ")"} and tokens[sep].text != "(":
            stop += 1
            continue
        if not _phrase_word(tok):
            break
        stop += 1
    if stop < len(tokens) and stop in names:
        return None, None
    opened = [k for k in range(j, stop) if tokens[k].text == "("]
    if opened and not any(tokens[k].text == ")" for k in range(opened[-1], stop)):
        stop = opened[-1]  # "(Германия, США)": a bracket the comma cut open is not the role's
    if acting:
        return _nominative_phrase(doc, start, start, stop), None
    return _nominative_phrase(doc, start + 2 if post else start, j, stop), None


def _run_before(doc: Doc, sub: list[int], first: int, names: set[int]) -> list[int]:
    """The contiguous part of the role subtree that ends right before the name."""
    run: list[int] = []
    i = first - 1
    members = set(sub)
    # a name inside the phrase is someone else's, in the genitive: "пресс-секретарь
    # губернатора Игоря Лыкова Денис Панин"
    while i in members and (i not in names or doc.tokens[i].feats.get("Case") == "Gen"):
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
    "координатора движения «…» Тараса Белых и депутата …"), or a part of the name before it
    ("защитник «Ротора» Ян Кох" read as one name): read the words before it."""
    tok = doc.tokens[first]
    head = syntax_index(doc).get(tok.head_id)
    if head is None:
        return False
    return tok.rel == "appos" and head > first or tok.rel == "flat:name" and head == first - 1


_AFTER_NAME = {",", "—", "–", "-", "("}


def _may_state_a_role(sent) -> bool:
    """Only sentences where a name can carry a role go to the parser (~1 ms a sentence):
    a noun or a closing quote right before a name, a comma, dash or bracket right after one,
    or a linking verb ("стал", "назначен")."""
    tokens = sent.tokens
    position = {t.start: i for i, t in enumerate(tokens)}
    for span in sent.spans:
        if span.type != "PER" or span.tokens[0].start not in position:
            continue
        first = position[span.tokens[0].start]
        last = first + len(span.tokens) - 1
        if first > 0 and (tokens[first - 1].pos in {"NOUN", "PROPN"} or tokens[first - 1].text
                          in {"»", "”", "“", ")"}):
            return True
        if first > 1 and tokens[first - 1].text == "," and tokens[first - 2].pos == "NOUN":
            return True
        if last + 1 < len(tokens) and tokens[last + 1].text in _AFTER_NAME:
            return True
        if any(t.pos in {"VERB", "AUX"} and nlp.lemma(t.text) in _LINKING_VERBS | _NAMING_VERBS
               for t in tokens):
            return True
        # "X был капитаном …": a copula and a noun in the instrumental
        if any(t.pos == "AUX" for t in tokens) and any(
            t.pos == "NOUN" and t.feats.get("Case") == "Ins" for t in tokens
        ):
            return True
    return False


def parse_for_roles(doc: Doc) -> None:
    """Run the syntax parser on the sentences where a name can carry a role."""
    nlp.parse_syntax_of(doc, _may_state_a_role)


def _led_by(doc: Doc, first: int) -> bool:
    """"делегация во главе с Иваном Сидоровым": an idiom for "led by", no office named
    (`first`: the token after "с")."""
    before = [t.text.lower() for t in doc.tokens[max(0, first - 3) : first]]
    return before == ["во", "главе", "с"]


def role_of(doc: Doc, idx: list[int], names: set[int]) -> str | None:
    """The role the text gives the name at token indexes `idx`; `names` are all name tokens."""
    first, last = idx[0], idx[-1]
    if _led_by(doc, first):
        return None
    case = doc.tokens[first].feats.get("Case")
    role = _syntax_role(doc, idx, names)
    if role is None and doc.tokens[first].id is None:  # sentence not parsed
        role = _role_before(doc, first, case, names) or _role_after(doc, last, names)
    elif role is None and _hung_on_next_role(doc, first):
        role = _role_before(doc, first, case, names)
    return role


def split_shared_role(role: str) -> tuple[str, str] | None:
    """"главы правительств Казахстана и России" shared by two names: one role each."""
    pair = _PAIRED_TAIL.match(role)
    if pair is None:
        return None
    return f"{pair[1]} {pair[2]}", f"{pair[1]} {pair[3]}"


class _Holder(Protocol):
    role: str | None
    spans: list[tuple[int, int]]


_PRONOUNS = {"он", "она"}


def _reference_role(doc: Doc, sent) -> str | None:
    """An office stated in a sentence that names no one, about the person of the sentence
    before: "Премьер-министр Израиля заявил …" (opening the sentence, followed by its verb)
    or "… он является депутатом парламента …" (a pronoun with a linking verb)."""
    tokens = sent.tokens
    if any(span.type == "PER" for span in sent.spans) or len(tokens) < 3:
        return None
    j = 0
    while j < len(tokens) and tokens[j].pos == "ADJ":
        j += 1
    if (
        j < len(tokens)
        and tokens[j].text[:1].isupper()
        and tokens[j].feats.get("Case") == "Nom"
        and tokens[j].feats.get("Number") == "Sing"
        and tokens[j].pos in {"NOUN", "PROPN"}
        and _office(_lemma(tokens[j].text))
    ):
        stop = j + 1
        while stop < len(tokens) and tokens[stop].pos in {"ADJ", "NOUN", "PROPN"} and (
            tokens[stop].feats.get("Case") == "Gen"
        ):
            stop += 1
        # the office names its country or organization, and the verb follows
        if stop > j + 1 and stop < len(tokens) and tokens[stop].pos in {"VERB", "ADP"}:
            return _nominative_phrase(doc, _index(doc, tokens[0]), _index(doc, tokens[j]),
                                      _index(doc, tokens[stop - 1]) + 1)
    for k in range(len(tokens) - 3):
        if tokens[k].text.lower() not in _PRONOUNS:
            continue
        if nlp.lemma(tokens[k + 1].text) not in {"являться", "стать", "становиться"}:
            continue
        head = k + 2
        while head < len(tokens) and tokens[head].pos == "ADJ":
            head += 1
        if head >= len(tokens) or tokens[head].feats.get("Case") != "Ins":
            continue
        if tokens[head].pos != "NOUN" or not _office(_lemma(tokens[head].text)):
            continue
        stop = head + 1
        while stop < len(tokens) and tokens[stop].pos in {"ADJ", "NOUN", "PROPN"} and (
            tokens[stop].feats.get("Case") == "Gen"
        ):
            stop += 1
        return _nominative_phrase(doc, _index(doc, tokens[k + 2]), _index(doc, tokens[head]),
                                  _index(doc, tokens[stop - 1]) + 1)
    return None


def _index(doc: Doc, token) -> int:
    return _token_index(doc)[token.start]


def _token_index(doc: Doc) -> dict[int, int]:
    return {t.start: i for i, t in enumerate(doc.tokens)}


def add_referred_roles(doc: Doc, groups: Sequence[_Holder]) -> None:
    """Give a person with no role yet the office a following sentence states about them
    without naming them, when the sentence before names them as its subject and no one
    else, and they are the story's main person (mentioned most): "Нир Авраами отказался от
    поездки. Премьер-министр Израиля заявил …"."""
    if not groups:
        return
    most = max(len(g.spans) for g in groups)
    sents = list(doc.sents)
    for prev, sent in zip(sents, sents[1:], strict=False):
        named = [
            g for g in groups
            if any(prev.start <= a and b <= prev.stop for a, b in g.spans)
        ]
        if len(named) != 1 or named[0].role is not None or len(named[0].spans) < most:
            continue
        if not _subject_before_verb(prev, named[0].spans):
            continue
        role = _reference_role(doc, sent)
        if role:
            named[0].role = role


def _subject_before_verb(sent, spans: list[tuple[int, int]]) -> bool:
    """The person is named in the nominative (its first word) before the first verb."""
    verb = next((t.start for t in sent.tokens if t.pos == "VERB"), None)
    if verb is None:
        return False
    return any(
        t.start < verb and t.feats.get("Case") == "Nom" and any(a == t.start for a, _ in spans)
        for t in sent.tokens
    )
