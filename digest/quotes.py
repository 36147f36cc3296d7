"""Direct quotations with their speakers.

Two shapes occur in Russian news: «…», — заявил X. (or X заявил: «…») and dialogue
paragraphs: – Текст, – заявил X. A speaker may be a name or a role ("глава государства");
a role is resolved to the person it most plausibly names.
"""

from __future__ import annotations

import re

from digest import nlp
from digest.card import Quote
from digest.people import ROLE_NOUNS, PersonGroup

_VERB = (
    r"(?:заяв|подчеркн|отмет|сказа|сообщ|добав|поясн|уточн|завер|напомн|призна|рассказ|"
    r"констатир|ответ|указа|резюмир|объясн|подыто|говор|написа|убежда|предупред|заключ)\w*"
)
_DASH = r"[—–-]"
# «…», — подчеркнул Мурат Нуртлеу.   (the speaker phrase runs to the end of the clause)
_AFTER = re.compile(rf"\s*[,.!?…]?\s*{_DASH}\s*({_VERB})\s+([^.!?;:«»\n]{{2,120}})")
# … — заявил Олжас Бектенов. — … inside one pair of guillemets
_INNER = re.compile(rf",?\s*{_DASH}\s*({_VERB})\s+([^.!?«»\n]{{2,120}})[.!?]\s*{_DASH}\s*")
# Мурат Нуртлеу заявил: «…»
_BEFORE = re.compile(rf"([^.!?«»\n]{{2,160}}?)\b{_VERB}[^.!?«»\n]{{0,40}}(?::|,\s*что)\s*$")
# Как сообщила пресс-служба премьера, на встрече «…»
_AS_REPORTED = re.compile(rf"\b[Кк]ак\s+{_VERB}\s+([^,.!?«»\n]{{2,80}}),[^.!?«»\n]*$")
_DIALOGUE = re.compile(
    rf"^\s*{_DASH}\s*(.+?)[,.!?…]?\s*{_DASH}\s*({_VERB})\s+([^.!?\n]{{2,120}})[.!?…]?\s*$", re.S
)
_MIN_WORDS = 4  # shorter «…» are names of things: орден «Дружба», газета «Вести»


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, stop) of outermost «…» pairs, nested guillemets included."""
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
    return spans


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


def _is_female(name: str) -> bool:
    first = name.split()[0].lower()
    return first.endswith(("а", "я")) and first not in {"никита", "илья", "фома", "кузьма"}


class SpeakerResolver:
    """Maps a speaker phrase at a position in the text to a person's canonical name."""

    def __init__(self, groups: list[PersonGroup]):
        self.groups = groups

    def at(self, start: int, stop: int) -> PersonGroup | None:
        for g in self.groups:
            if any(s < stop and e > start for s, e in g.spans):
                return g
        return None

    def before(self, pos: int, fits) -> PersonGroup | None:
        best, best_pos = None, -1
        for g in self.groups:
            if not fits(g):
                continue
            for s, _ in g.spans:
                if best_pos < s < pos:
                    best, best_pos = g, s
        return best

    def resolve(self, phrase: str, start: int, stop: int) -> str | None:
        person = self.at(start, stop)
        if person:
            return person.name
        pronoun = phrase.strip().lower()
        if pronoun in _PRONOUNS:  # "— добавила она": the nearest person of that gender before
            female = _PRONOUNS[pronoun]
            person = self.before(start, lambda g: female is None or _is_female(g.name) == female)
            return person.name if person else None
        words = [nlp.lemma(w) for w in re.findall(r"[\w-]+", phrase)]
        nouns = [w for w in words if w in ROLE_NOUNS]
        if not nouns:
            return _nominative(phrase)
        role = _nominative(phrase)
        # a role: the person with that very role, else the nearest person named before
        # whose role is unknown or names the same office
        for g in self.groups:
            if g.role and g.role.lower() == role.lower():
                return g.name
        wanted = role_class(role)
        person = self.before(start, lambda g: g.role is None or role_class(g.role) == wanted)
        if person is None:
            return role
        if person.role is None:
            person.role = role
        return person.name


def _nominative(phrase: str) -> str:
    """"в пресс-службе" → "пресс-служба", "глава государства" stays."""
    words = phrase.split()
    while words and words[0].lower() in {"в", "во", "на", "из", "у"}:
        words = words[1:]
        if words:
            words[0] = nlp.inflect(words[0], {"Nom"})
    return " ".join(words)


def _clean(quote: str) -> str:
    return " ".join(quote.strip(" «»,").split())


def extract_quotes(text: str, groups: list[PersonGroup]) -> list[Quote]:
    resolver = SpeakerResolver(groups)
    found: list[tuple[int, Quote]] = []
    for start, stop in _quoted_spans(text):
        body = text[start + 1 : stop - 1]
        speaker = None
        inner = _INNER.search(body)
        if inner:
            g_start = start + 1 + inner.start(2)
            speaker = resolver.resolve(inner.group(2), g_start, start + 1 + inner.end(2))
            body = body[: inner.start()] + ". " + body[inner.end() :]
        if len(body.split()) < _MIN_WORDS:
            continue
        after = _AFTER.match(text, stop)
        if speaker is None and after:
            speaker = resolver.resolve(after.group(2), after.start(2), after.end(2))
        if speaker is None:
            line_start = text.rfind("\n", 0, start) + 1
            before = _BEFORE.search(text, line_start, start) or _AS_REPORTED.search(
                text, line_start, start
            )
            if before:
                speaker = resolver.resolve(before.group(1), before.start(1), before.end(1))
        found.append((start, Quote(speaker, _clean(body).replace(".. ", ". "))))
    found.extend(_dialogue_quotes(text, resolver))
    return [q for _, q in sorted(found, key=lambda item: item[0])]


def _dialogue_quotes(text: str, resolver: SpeakerResolver) -> list[tuple[int, Quote]]:
    out = []
    offset = 0
    for paragraph in text.split("\n\n"):
        m = _DIALOGUE.match(paragraph)
        if m and len(m.group(1).split()) >= _MIN_WORDS:
            s, e = offset + m.start(3), offset + m.end(3)
            quote = Quote(resolver.resolve(m.group(3), s, e), _clean(m.group(1)))
            out.append((offset, quote))
        offset += len(paragraph) + 2
    return out
