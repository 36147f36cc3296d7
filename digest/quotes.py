"""Direct quotations with their speakers.

Two shapes occur in Russian news: «…», — заявил X. (or X заявил: «…») and dialogue
paragraphs: – Текст, – заявил X. A speaker may be a name or a role ("глава государства");
a role is resolved to the person it most plausibly names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest import nlp
from digest.card import Quote
from digest.people import PersonGroup
from digest.roles import ROLE_NOUNS

_VERB = (
    r"(?:заяв|подчеркн|отмет|сказа|сообщ|добав|поясн|уточн|завер|напомн|призна|рассказ|"
    r"констатир|ответ|указа|резюмир|объясн|подыто|говор|написа|убежда|предупред|заключ|"
    r"пообеща|поручи|признал|поделил|счита|уверен|полага|убежд|оцени|выступ)\w*"
)
_DASH = r"[—–-]"
# «…», — подчеркнул Мурат Нуртлеу.   (the speaker phrase runs to the end of the clause,
# across a quoted name: "— сказал в беседе с корреспондентом «Радио Юг» глава клуба X")
_AFTER = re.compile(
    rf"\s*[,.!?…]?\s*{_DASH}\s*({_VERB})\s+((?:[^.!?;:«»\n]|«[^«»\n]{{1,80}}»){{2,160}})"
)
# … — заявил Олжас Бектенов. — … inside one pair of guillemets
_INNER = re.compile(rf",?\s*{_DASH}\s*({_VERB})\s+([^.!?«»\n]{{2,120}})[.!?]\s*{_DASH}\s*")
# Мурат Нуртлеу заявил: «…»
_BEFORE = re.compile(rf"([^.!?«»\n]{{2,160}}?)\b({_VERB})[^.!?«»\n]{{0,40}}(?::|,\s*что)\s*$")
# Как сообщила пресс-служба премьера, на встрече «…»
_AS_REPORTED = re.compile(rf"\b[Кк]ак\s+{_VERB}\s+([^,.!?«»\n]{{2,80}}),[^.!?«»\n]*$")
_DIALOGUE = re.compile(
    rf"^\s*{_DASH}\s*(.+?)[,.!?…]?\s*{_DASH}\s*({_VERB})\s+([^.!?\n]{{2,120}})[.!?…]?\s*$", re.S
)
_MIN_WORDS = 4  # shorter «…» are names of things: орден «Дружба», газета «Вести»


_OTHER_QUOTES = re.compile(r'„[^„“”\n]+[“”]|“[^“”\n]+”|(?<![\w"])"[^"\n]+"(?![\w"])')
_ACCORDING = re.compile(
    r"\b[Пп]о\s+(?:(?:словам|мнению|оценке)\s+([^,.!?«»\n]{2,80})"
    r"|(его|ее|её|их)\s+(?:словам|мнению|оценке)),\s*$"
)
# "стороны договорились «…»": a past-tense verb right before the quotation introduces words
# someone said or wrote, even if it names no one ("под лозунгом «…»" does not)
_VERB_BEFORE = re.compile(r"\b[а-яё]+(?:ли|ла|лся|лась|лись)\s*:?\s*$")
_SAME_SPEAKER = re.compile(r"^[\s.]*[—–-]?\s*$")
_SPEECH_POS = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS", "ADJS"})


def _inner_attribution(body: str) -> re.Match[str] | None:
    """"… , — сказал X. — …" inside one pair of guillemets; "— признак важного шага" before
    it is no attribution, so the search goes on past a noun."""
    pos = 0
    while m := _INNER.search(body, pos):
        if _speech_verb(m.group(1)):
            return m
        pos = m.start(1)
    return None


def _speech_verb(word: str) -> bool:
    """The attribution's word is a verb (or "уверен"), not a noun sharing its stem: "—
    признак важного шага" and "— ответ на вопрос" attribute nothing."""
    return any(p.tag.POS in _SPEECH_POS for p in nlp.morph_vocab().parse(word.lower()))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, stop) of outermost quotations: «…» (nested included), „…“, “…”, "…"."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    inside = [(s, e) for s, e in spans]
    for m in _OTHER_QUOTES.finditer(text):
        if not any(s <= m.start() < e for s, e in inside):
            spans.append(m.span())
    return sorted(spans)


# Role phrases that name the same office: "глава государства" is the president.
_ROLE_CLASS = {
    "глава государство": "президент",
    "глава регион": "губернатор",
    "глава область": "губернатор",
    "аким": "губернатор",
    "глава правительство": "премьер",
    "председатель правительство": "премьер",
    "премьер-министр": "премьер",
    "глава кабмин": "премьер",
    "глава кремль": "президент",
}


def role_class(role: str) -> str | None:
    """The office a role phrase names: its head noun, or "глава X" mapped to a class."""
    lemmas = [nlp.lemma(w) for w in re.findall(r"[\w-]+", role)]
    for i, w in enumerate(lemmas):
        if w in ROLE_NOUNS:
            if w in {"глава", "председатель"} and i + 1 < len(lemmas):
                key = f"{w} {lemmas[i + 1]}"
                return _ROLE_CLASS.get(key, key)
            return _ROLE_CLASS.get(w, w)
    return None


_PRONOUNS = {"он": False, "она": True, "они": None}
_POSSESSIVES = {"его": False, "ее": True, "её": True}


def _is_female(name: str) -> bool:
    first = name.split()[0].lower()
    return first.endswith(("а", "я")) and first not in {"никита", "илья", "фома", "кузьма"}


class SpeakerResolver:
    """Maps a speaker phrase at a position in the text to a person's canonical name.
    People named only inside quotations are no one's antecedent: "«… Смерть Егора …», —
    сказал он" is not Егор's."""

    def __init__(
        self, groups: list[PersonGroup], text: str, quoted: Sequence[tuple[int, int]]
    ):
        self.groups = groups
        self.text = text
        self.quoted = list(quoted)

    def named_in(self, start: int, stop: int) -> list[PersonGroup]:
        return [g for g in self.groups if any(s < stop and e > start for s, e in g.spans)]

    def at(self, start: int, stop: int) -> PersonGroup | None:
        """The person named in the speaker phrase; of two, the first named in the nominative
        ("сказал в интервью Познеру Лавров" is Лавров's; "заявил Ахметов, указывая на корпус,
        который, по словам Гарипова, …" is Ахметов's)."""
        hits = self.speaking(self.named_in(start, stop), start, stop)
        if len(hits) < 2:
            return hits[0] if hits else None
        subjects = [
            (s, g) for g in hits for s, e in g.spans
            if s < stop and e > start and _may_be_nominative(self.text[s:e])
        ]
        return min(subjects, key=lambda item: item[0])[1] if subjects else None

    def speaking(self, hits: list[PersonGroup], start: int, stop: int) -> list[PersonGroup]:
        """Drop the people named as someone's relation ("помощник Хиллари Клинтон")."""
        return [g for g in hits if not all(
            _dependent_of_relation(self.text, s, self.text[s:e])
            for s, e in g.spans if s < stop and e > start
        )]

    def before(self, pos: int, fits) -> PersonGroup | None:
        best, best_pos = None, -1
        for g in self.groups:
            if not fits(g):
                continue
            for s, _ in g.spans:
                if best_pos < s < pos and not any(qs < s < qe for qs, qe in self.quoted):
                    best, best_pos = g, s
        return best

    def by_surname(self, phrase: str) -> PersonGroup | None:
        """The one person whose surname a capitalized word of the phrase is a form of."""
        keys = {
            v for w in re.findall(r"\b[А-ЯЁ][а-яё-]+", phrase) for v in nlp.lemma_variants(w)
        }
        hits = [g for g in self.groups if set(nlp.lemma_variants(g.surname)) & keys]
        return hits[0] if len(hits) == 1 else None

    def resolve(self, phrase: str, start: int, stop: int) -> str | None:
        """The person a speaker phrase names, or None when unsure (precision first)."""
        person = self.at(start, stop)
        if person:
            return person.name
        if self.named_in(start, stop):
            return None  # people named, none of them in the nominative: not a speaker phrase
        chunks = [c.strip().lower() for c in phrase.split(",")]
        pronoun = next((c for c in chunks if c in _PRONOUNS or c in _POSSESSIVES), chunks[0])
        if pronoun in _PRONOUNS or pronoun in _POSSESSIVES:
            # "— добавила она", "по его словам": the nearest person of that gender before
            female = _PRONOUNS.get(pronoun, _POSSESSIVES.get(pronoun))
            person = self.before(start, lambda g: female is None or _is_female(g.name) == female)
            return person.name if person else None
        named = self.by_surname(phrase)
        if named:
            return named.name
        words = [nlp.lemma(w) for w in re.findall(r"[\w-]+", phrase)]
        if not any(w in ROLE_NOUNS for w in words):
            return _source(phrase)
        if words[0] in _PREPOSITIONS:
            return None  # "в беседе с корреспондентом": how it was said, not who said it
        role = _nominative(phrase)
        for g in self.groups:
            if g.role and g.role.lower() == role.lower():
                return g.name
        # a role names the one person of the story holding that office; if two do
        # ("российский министр" beside a Turkish one), no one; else the nearest person
        # named before whose office is unknown or the same
        wanted = role_class(role)
        holders = [g for g in self.groups if g.role and role_class(g.role) == wanted]
        if len(holders) > 1:
            return None
        person = self.before(start, lambda g: g.role is None or role_class(g.role) == wanted)
        if person is None:
            return None
        if person.role is None:
            person.role = role
        return person.name


# "помощник Хиллари Клинтон": a person named after these, in the genitive, is not the speaker
_RELATIONAL = frozenset({
    "помощник", "заместитель", "советник", "представитель", "пресс-секретарь", "адвокат",
    "защитник", "жена", "муж", "супруга", "супруг", "вдова", "сын", "дочь", "мать", "отец",
    "брат", "сестра", "коллега", "соратник", "сторонник", "секретарь", "референт", "друг",
})
_PREPOSITIONS = frozenset({"в", "во", "на", "с", "со", "по", "у", "перед", "для", "после"})
# "сказал в интервью РБК": the occasion, not a speaker
_OCCASIONS = frozenset({
    "сообщение", "заявление", "документ", "материал", "письмо", "релиз", "ответ", "интервью",
    "беседа", "эфир", "разговор", "комментарий", "выступление", "обращение", "телеграм-канал",
    "блог", "соцсеть", "пресс-конференция", "брифинг",
})


_RUSSIAN_WORD = re.compile(r"[А-ЯЁа-яё-]+")


def _dependent_of_relation(text: str, start: int, mention: str) -> bool:
    """"Помощник Хиллари Клинтон заявил": the name hangs on the noun before it."""
    before = re.findall(r"[\w-]+", text[max(0, start - 40) : start])
    if not before or nlp.lemma(before[-1].lower()) not in _RELATIONAL:
        return False
    words = _RUSSIAN_WORD.findall(mention)
    return bool(words) and all(_may_be(w, "gent") for w in words)


def _may_be_nominative(mention: str) -> bool:
    words = _RUSSIAN_WORD.findall(mention)
    return not words or _may_be(words[-1], "nomn")  # Latin or initials: no case to read


def _may_be(word: str, case: str) -> bool:
    """Whether some parse of the word is in that case (OpenCorpora: "nomn", "gent")."""
    return any(case in p.tag for p in nlp.morph_vocab().parse(word))


def _source(phrase: str) -> str | None:
    """A speaker that is no person: "пресс-служба премьера" stays; "в сообщении ведомства"
    (the text itself) and a bare description we cannot name ("предприниматель") give none."""
    words = phrase.split()
    if "," in phrase:
        return None  # "Сегодня утром, открывая памятник, …": a clause, not a name
    if not words or words[0].lower() in _PREPOSITIONS and len(words) > 1 and nlp.lemma(
        words[1]
    ) in _OCCASIONS:
        return None
    name = _nominative(phrase)
    if len(name.split()) == 1 and name.islower():
        forms = nlp.morph_vocab().parse(name)
        if forms and "anim" in forms[0].tag:
            return None  # a person we cannot name
    return name


def _nominative(phrase: str) -> str:
    """"в пресс-службе" → "пресс-служба", "глава государства" stays."""
    words = phrase.split()
    while words and words[0].lower() in {"в", "во", "на", "из", "у"}:
        words = words[1:]
        if words:
            words[0] = nlp.inflect(words[0], {"Nom"})
    return " ".join(words)


def _clean(quote: str) -> str:
    return " ".join(quote.strip(" «»„“”\",").split())


def _clean_body(text: str, start: int, stop: int) -> str:
    return text[start + 1 : stop - 1]


def extract_quotes(text: str, groups: list[PersonGroup]) -> list[Quote]:
    """Quotations the text attributes (a speech verb or "по словам" beside them); a quoted
    phrase with no attribution is a name, slogan or headline, not a quote."""
    spans = _quoted_spans(text)
    resolver = SpeakerResolver(groups, text, spans)
    found: list[tuple[int, Quote]] = []
    previous: tuple[int, str | None] | None = None  # end of the last attribution, its speaker
    for start, stop in spans:
        body = _clean_body(text, start, stop)
        speaker = None
        attributed = False
        inner = _inner_attribution(body)
        if inner:
            attributed = True
            g_start = start + 1 + inner.start(2)
            speaker = resolver.resolve(inner.group(2), g_start, start + 1 + inner.end(2))
            body = body[: inner.start()] + ". " + body[inner.end() :]
        if len(body.split()) < _MIN_WORDS:
            continue
        after = _AFTER.match(text, stop)
        if after and not _speech_verb(after.group(1)):
            after = None
        end = stop
        if not attributed and after:
            attributed = True
            speaker = resolver.resolve(after.group(2), after.start(2), after.end(2))
            end = after.end()
        if not attributed:
            line_start = text.rfind("\n", 0, start) + 1
            said = _BEFORE.search(text, line_start, start)
            before = (
                _ACCORDING.search(text, line_start, start)
                or (said if said and _speech_verb(said.group(2)) else None)
                or _AS_REPORTED.search(text, line_start, start)
            )
            if before:
                attributed = True
                group = 2 if before.re is _ACCORDING and before.group(1) is None else 1
                speaker = resolver.resolve(
                    before.group(group), before.start(group), before.end(group)
                )
        if not attributed:
            attributed = bool(_VERB_BEFORE.search(text, text.rfind("\n", 0, start) + 1, start))
        if not attributed and previous is not None:
            # «…», — сказал X. — «…»: the second part is X's too
            gap = text[previous[0] : start]
            if _SAME_SPEAKER.match(gap):
                attributed, speaker = True, previous[1]
        if not attributed:
            continue
        previous = (end if after else stop, speaker)
        found.append((start, Quote(speaker, _clean(body).replace(".. ", ". "))))
    found.extend(_dialogue_quotes(text, resolver))
    return [q for _, q in sorted(found, key=lambda item: item[0])]


def _dialogue_quotes(text: str, resolver: SpeakerResolver) -> list[tuple[int, Quote]]:
    out = []
    offset = 0
    for paragraph in text.split("\n\n"):
        m = _DIALOGUE.match(paragraph)
        if m and len(m.group(1).split()) >= _MIN_WORDS and _speech_verb(m.group(2)):
            s, e = offset + m.start(3), offset + m.end(3)
            quote = Quote(resolver.resolve(m.group(3), s, e), _clean(m.group(1)))
            out.append((offset, quote))
        offset += len(paragraph) + 2
    return out
