"""Direct quotations with their speakers.

Two shapes occur in Russian news: «…», — заявил X. (or X заявил: «…») and dialogue
paragraphs: – Текст, – заявил X. A speaker may be a name or a role ("глава государства");
a role is resolved to the person it most plausibly names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from digest import nlp
from digest.card import Quote
from digest.entities import org_nouns
from digest.people import PersonGroup
from digest.roles import ROLE_NOUNS
from digest.wordlists import load_words

_VERB = (
    r"(?:заяв|подчеркн|отмет|сказа|сообщ|добав|поясн|уточн|завер|напомн|призна|рассказ|"
    r"констатир|ответ|указа|резюмир|объясн|подыто|говор|написа|убежда|предупред|заключ|"
    r"пообеща|поручи|признал|поделил|счита|уверен|полага|убежд|оцени|выступ|"
    r"прокомментир|совету|посовет|сету|жалу|вспомина)\w*"
)
# the dot of an outlet's domain name is no sentence end: "— рассказала IRK.ru Ольга Мелентьева"
_SITE_DOT = r"(?<=\w)\.(?=(?:ру|ru|рф|com|net|org|info)\b)"
# an adverb between the dash and the verb: "— коротко сказал он", "— честно признался X"
_HOW = r"(?:[а-яё]{3,}о\s+)?"
_DASH = r"[—–-]"
# «…», — подчеркнул Мурат Нуртлеу.   (the speaker phrase runs to the end of the clause,
# across a quoted name: "— сказал в беседе с корреспондентом «Радио Юг» глава клуба X")
_AFTER = re.compile(
    rf"\s*[,.!?…]?\s*{_DASH}\s*{_HOW}({_VERB})\s+"
    rf"((?:[^.!?;:«»\n]|{_SITE_DOT}|«[^«»\n]{{1,80}}»){{2,160}})"
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
# ...unless a speech verb gives them to a person: «Это провокация», — заявил Песков
_MIN_SAID_WORDS = 2
# "Глава Роскосмоса Анатолий Перминов: «…»": a person, maybe after an office, and a colon
_NAME_COLON = re.compile(r"([^.!?;:«»\n]{2,120}?)\s*:\s*$")
_NAME_COLON_WORDS = 8


_OTHER_QUOTES = re.compile(r'„[^„“”\n]+[“”]|“[^“”\n]+”|(?<![\w"])"[^"\n]+"(?![\w"])')
_ACCORDING = re.compile(
    r"\b[Пп]о\s+(?:(?:словам|мнению|оценке)\s+([^,.!?«»\n]{2,80})"
    r"|(его|ее|её|их)\s+(?:словам|мнению|оценке)),\s*$"
)
# "стороны договорились «…»": a past-tense verb right before the quotation introduces words
# someone said or wrote, even if it names no one ("под лозунгом «…»" does not)
_VERB_BEFORE = re.compile(r"\b[а-яё]+(?:ли|ла|лся|лась|лись)\s*:?\s*$")
# «…», — приводит слова тренера сайт клуба: the words are the one named after «слова»
_CITED = re.compile(
    rf"\s*[,.!?…]?\s*{_DASH}\s*(?:привод|привел|привёл|привела|цитиру)\w*\s+"
    rf"(?:(его|ее|её)\s+)?слова\s+((?:[^.!?;:«»\n]|«[^«»\n]{{1,80}}»){{2,160}})"
)
# «…», — сказал X. — «…»: the second part is X's too, within one paragraph
_SAME_SPEAKER = re.compile(r"^[ \t.]*[—–-]?[ \t]*$")
# «…». Так прокомментировал ситуацию губернатор Иван Петров.
_SO_SAID = re.compile(rf"\s*[.!?…]?\s*Так\s+({_VERB})\s+([^.!?;:«»\n]{{2,160}})")
# "По словам аналитика Ольги Никитиной, …": the person whose words the sentence gives is
# its subject for a pronoun after it, though named in the genitive
_SOURCE_INTRO = re.compile(
    rf"(?:\b[Пп]о\s+(?:словам|оценке|мнению)|\b[Кк]ак\s+{_VERB})[^,.!?;:\n]*$"
)
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
# "глава Омска" is the head the text calls "мэр Омска": "глава"/"руководитель" of the same
# place or body as one of these offices
_HEADS = frozenset({"глава", "руководитель"})
_TOP_OFFICES = frozenset({
    "президент", "премьер", "министр", "губернатор", "мэр", "канцлер", "спикер", "король",
})
_LEADERS = frozenset({
    "глава", "руководитель", "председатель", "мэр", "губернатор", "директор", "гендиректор",
    "президент", "начальник", "ректор", "градоначальник", "аким",
})
# two names of one body, as lemmas: "глава ЦБ" is "председатель Центробанка"
_BODY_ALIASES = {("цб",): ("центробанк",), ("банк", "россия"): ("центробанк",)}


def _office_key(role: str) -> tuple[str, tuple[str, ...]] | None:
    """The office a role phrase names: its head noun (or the class "глава X" maps to) and the
    lemmas after it ("мэр Омска" → ("мэр", ("омск",)))."""
    lemmas = [nlp.lemma(w) for w in _office_words(role)]
    for i, w in enumerate(lemmas):
        if w not in ROLE_NOUNS:
            continue
        if i + 1 < len(lemmas) and f"{w} {lemmas[i + 1]}" in _ROLE_CLASS:
            return _ROLE_CLASS[f"{w} {lemmas[i + 1]}"], ()
        tail = tuple(lemmas[i + 1 :])
        return _ROLE_CLASS.get(w, w), _BODY_ALIASES.get(tail, tail)
    return None


# news agencies an attribution names as the listener: "— сказал вице-премьер РИА Новости"
_AGENCIES = frozenset({"риа", "тасс", "интерфакс", "рбк", "ria", "tass"})
_OFFICE_TOKEN = re.compile(r"«[^«»]*»|[\w-]+")


def _office_words(role: str) -> list[str]:
    """The words of the office a role phrase names: its head and the genitive qualifier after
    it, up to a comma, a verb form, a word in another case or an outlet ("министр журналистам
    после заседания", "министр, отметив …", "вице-премьер РИА Новости" are all "министр"
    and "вице-премьер"). Quoted names and Latin words stay ("банка «Восход»", "Philips")."""
    words: list[str] = []
    head = False  # "главный тренер «Ротора»": the adjectives before the head go on
    for token in _OFFICE_TOKEN.findall(role.split(",")[0]):
        if token.startswith("«"):
            words.extend(re.findall(r"[\w-]+", token))
            continue
        if head and _ends_office(token):
            break
        words.append(token)
        head = head or nlp.lemma(token) in ROLE_NOUNS
    return words


def _ends_office(word: str) -> bool:
    low = word.lower()
    if low in _AGENCIES or low in load_words("outlet_words"):
        return True
    if re.fullmatch(r"[A-Za-z-]+", word):
        return False
    forms = nlp.morph_vocab().parse(low)
    return not forms or forms[0].tag.POS in _SPEECH_POS - {"ADJS"} or not _may_be(low, "gent")


def same_office(stated: str, said: str) -> bool:
    """Does the role phrase `said` (in an attribution: "— сказал министр", "— подчеркнула
    глава ЦБ") name the office `stated` for a person? A bare office noun fits every holder
    of that office; a qualified one must agree with the stated qualifier."""
    s, a = _office_key(stated), _office_key(said)
    if s is None or a is None:
        return False
    (s_head, s_tail), (a_head, a_tail) = s, a
    heads_fit = s_head == a_head or a_tail != () and (
        a_head in _HEADS and s_head in _LEADERS or s_head in _HEADS and a_head in _LEADERS
    )
    return heads_fit and s_tail[: len(a_tail)] == a_tail


_PRONOUNS = {"он": False, "она": True, "они": None}
_POSSESSIVES = {"его": False, "ее": True, "её": True}
_FEMININE_SURNAME = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")
_MASCULINE_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")


def gender_of(name: str) -> bool | None:
    """True for a woman, False for a man, None when the name does not tell: by the given
    name's dictionary gender, else by a Russian surname's ending."""
    words = [w.lower() for w in name.split() if not w.endswith(".")]
    parses = nlp.morph_vocab().parse(words[0]) if words else []
    # a given name alone ("Светлана", named after "жительница улицы Луговой") tells too,
    # unless the word may be a surname as well
    if len(words) > 1 or not any("Surn" in p.tag for p in parses):
        genders = {
            "femn" in p.tag for p in parses
            if "Name" in p.tag and "nomn" in p.tag and "sing" in p.tag
            and ("femn" in p.tag or "masc" in p.tag)
        }
        if len(genders) == 1:
            return genders.pop()
    if not words:
        return None
    if words[-1].endswith(_FEMININE_SURNAME):
        return True
    if words[-1].endswith(_MASCULINE_SURNAME):
        return False
    return None


def _verb_gender(verb: str | None) -> bool | None:
    """"сказала" is a woman's, "сказал" a man's; "считает" does not tell."""
    if not verb:
        return None
    verb = verb.lower()
    if verb.endswith(("ла", "лась")):
        return True
    if verb.endswith(("л", "лся")):
        return False
    return None


# a sentence ends at . ! ? … before a space (not after an initial: "В. Путин") or at a line break
_SENTENCE_END = re.compile(r"(?<![\s(][А-ЯЁA-Z])[.!?…]+[\s»]*\s|\n")
_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z-]+")
_MAX_SENTENCES_BACK = 3
_GO_ON = object()  # a sentence that names no one the pronoun could stand for


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
        masked = list(text)
        for s, e in self.quoted:
            masked[s + 1 : e - 1] = "_" * max(0, e - s - 2)
        self.masked = "".join(masked)
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.masked)]

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

    def _sentence_start(self, pos: int) -> int:
        return self.sentence_starts[bisect_right(self.sentence_starts, pos) - 1]

    def antecedent(self, pos: int, female: bool) -> PersonGroup | None:
        """The person "он"/"она" at `pos` stands for: the subject (a person named in the
        nominative) of its own sentence before it or of the sentences before, going back
        past sentences whose subject is the same pronoun. A sentence naming two candidates,
        naming one only in an oblique case ("встретился с главой МИД Хаканом Фиданом") or
        having an unnamed office as its subject ends the search: that office's one stated
        holder, or no one."""
        stop = pos
        for _ in range(_MAX_SENTENCES_BACK + 1):
            start = self._sentence_start(stop - 1) if stop else 0
            found = self._subject_in(start, stop, female)
            if found is not _GO_ON:
                return found  # type: ignore[return-value]
            if start == 0:
                return None
            stop = start
        return None

    def _mentions_in(self, start: int, stop: int) -> list[tuple[int, int, PersonGroup]]:
        return [
            (s, e, g) for g in self.groups for s, e in g.spans
            if start <= s < stop and not any(qs < s < qe for qs, qe in self.quoted)
        ]

    def _subject_in(self, start: int, stop: int, female: bool) -> object:
        mentions = self._mentions_in(start, stop)
        subjects = {
            id(g): g for s, e, g in mentions
            if self._nominative_mention(s, e, g) or _SOURCE_INTRO.search(self.masked, start, s)
        }
        genders = [gender_of(g.name) for g in subjects.values()]
        fitting = [g for g, gender in zip(subjects.values(), genders, strict=True)
                   if gender == female]
        if len(fitting) > 1 or None in genders:
            return None  # two people it may be, or one whose gender the name does not tell
        if fitting:
            return fitting[0]
        words = [w.lower() for w in _WORD.findall(self.masked[start:stop])]
        pronoun = "она" if female else "он"
        if pronoun in words:
            return _GO_ON  # "Она добавила, что …": the one before is hers too
        office = self._office_subject(start, stop)
        if office is not None:
            return self.holder(office, female)
        if self._unnamed_subject(start, stop):
            return None  # "Собеседник издания обратил внимание …": someone we cannot name
        if any(gender_of(g.name) in (female, None) for _, _, g in mentions):
            return None  # named, but not as the subject: not for a pronoun to pick
        return _GO_ON

    def _nominative_mention(self, start: int, stop: int, group: PersonGroup) -> bool:
        """Named in the nominative: so tagged (and some word may be one), or written as the
        nominative name itself (the tagger reads "— поручил Олжас Бектенов" as a dative)."""
        written = self.text[start:stop]
        return ((start, stop) in group.nominative or written == group.name) and (
            _some_word_nominative(written))

    def _opening(self, start: int, stop: int) -> tuple[list[str], int] | None:
        """The sentence's first words and the index of the first that is no adjective, when
        that one is capitalized: the subject a sentence may open with."""
        words = _WORD.findall(self.masked[start:stop])[:6]
        k = 0
        while k < len(words) - 1 and _is_adjective(words[k]):
            k += 1
        return (words, k) if k < len(words) and words[k][:1].isupper() else None

    def _unnamed_subject(self, start: int, stop: int) -> bool:
        """The sentence opens with a person unnamed as its subject: a capitalized animate
        noun in the nominative ("Собеседник «БИЗНЕС Online» обратил внимание",
        "Очевидцы рассказали")."""
        opening = self._opening(start, stop)
        if opening is None:
            return False
        words, k = opening
        forms = nlp.morph_vocab().parse(words[k].lower())
        return bool(forms) and forms[0].tag.POS == "NOUN" and "anim" in forms[0].tag and (
            "nomn" in forms[0].tag) and not ({"Name", "Surn", "Patr"} & forms[0].tag.grammemes)

    def _office_subject(self, start: int, stop: int) -> str | None:
        """An office opening the sentence as its subject, unnamed: "Глава Омска признал"."""
        opening = self._opening(start, stop)
        if opening is None:
            return None
        words, k = opening
        if nlp.lemma(words[k]) not in ROLE_NOUNS or not _may_be(words[k].lower(), "nomn"):
            return None
        phrase = [words[k]]
        for w in words[k + 1 : k + 4]:
            if not _may_be(w.lower(), "gent") or _is_verb(w):
                break
            phrase.append(w)
        return " ".join(phrase)

    def holders(self, role: str, female: bool | None = None) -> list[PersonGroup]:
        """The people the text states hold the office `role` names (of the speech verb's
        gender, when it tells)."""
        return [
            g for g in self.groups
            if g.role and same_office(g.role, role)
            and (female is None or gender_of(g.name) in (female, None))
        ]

    def holder(self, role: str, female: bool | None = None) -> PersonGroup | None:
        """The one person holding the office `role` names, or None when none or several."""
        found = self.holders(role, female)
        return found[0] if len(found) == 1 else None

    def just_spoke(self, said_from: int, role: str, female: bool | None) -> PersonGroup | None:
        """"Владимир Путин заявил, что … ¶ – …, – подчеркнул президент России": a head of
        state, government, region or city quoted right after the sentence where one person,
        with no stated office, was the subject of a speech verb, is that person. Narrow on
        purpose: never an occupation ("эксперт"), a deputy or someone's representative."""
        office = _office_key(role)
        if office is None or office[0] not in _TOP_OFFICES or said_from <= 0:
            return None
        start = self._sentence_start(said_from - 1)
        mentions = self._mentions_in(start, said_from)
        people = {id(g): g for _, _, g in mentions}
        if len(people) != 1:
            return None
        s, e, person = mentions[0]
        if person.role is not None or not self._nominative_mention(s, e, person):
            return None
        if _introduced_by_noun(self.masked[start:s]):
            return None  # "Политолог Андрей Смирнов полагает …": an occupation, no office
        if female is not None and gender_of(person.name) not in (female, None):
            return None
        rest = self.masked[e:said_from]
        if not any(_speech_verb(m.group(0)) for m in re.finditer(_VERB, rest)):
            return None
        return person

    def _another_subject(self, said_from: int, holder: PersonGroup, female: bool | None) -> bool:
        """Whether the quote follows another person, of no stated office, as the subject
        ("Токтогулов, в свою очередь, назвал … «…», — подчеркнул министр", the stated
        minister being his Russian colleague): the role word may then mean either."""
        if said_from <= 0:
            return False
        for gender in (female,) if female is not None else (True, False):
            subject = self.antecedent(said_from, gender)
            if subject is not None and subject is not holder and subject.role is None:
                return True
        # the tagger may miss a surname opening the sentence: "Токтосунов, в свою очередь, …";
        # only the surname of someone named in full, followed by a comma or a verb ("Яровой
        # сев …", misread as a person in a headline, is no one)
        start = self._sentence_start(said_from - 1)
        opening = re.match(r"\s*([А-ЯЁ][а-яё-]+)(\s*,|\s+([а-яё]+))", self.text[start:said_from])
        if opening is None or opening.group(3) and not _is_verb(opening.group(3)):
            return False
        return any(
            g is not holder and g.role is None and len(g.name.split()) >= 2
            and opening.group(1).lower() == g.surname
            for g in self.groups
        )

    def before_colon(self, quote_start: int) -> str | None:
        """"Виктор Семенов: «…»", "Глава Росавиации Виктор Семенов: «…»": a sentence that is
        only a person named in the nominative (after an office, at most) and a colon gives
        the quote to that person. A verb or anyone else before the name makes it something
        else ("Слова Семенова из интервью: «…»")."""
        line_start = self.text.rfind("\n", 0, quote_start) + 1
        colon = _NAME_COLON.search(self.masked, max(line_start, self._sentence_start(
            max(quote_start - 1, 0))), quote_start)
        if colon is None:
            return None
        start, stop = colon.span(1)
        people = self.named_in(start, stop)
        if len(people) != 1:
            return None
        person = people[0]
        spans = [(s, e) for s, e in person.spans if start <= s and e <= stop]
        if not spans or spans[-1][1] != stop or not all(
            self._nominative_mention(s, e, person) and _all_words_nominative(self.text[s:e])
            for s, e in spans
        ):
            return None
        lead = _WORD.findall(self.text[start : spans[0][0]])
        if len(lead) > _NAME_COLON_WORDS or any(_is_verb(w) for w in lead):
            return None
        return person.name

    def so_said(self, said: re.Match[str], said_from: int) -> str | None:
        """«…». Так прокомментировал ситуацию мэр Иван Петров: the verb's subject, a person
        named in the nominative before any comma, or a role naming its stated holder. A plural
        verb ("Так считают жители") names no one; a name in an oblique case ("ответил на
        критику депутата Андрея Козлова", "жалобу губернатору Осипову") is not the speaker."""
        verb = said.group(1)
        if not _singular_verb(verb):
            return None
        start = said.start(2)
        stop = start + len(said.group(2).split(",")[0].rstrip())
        named = self.named_in(start, stop)
        if named:
            subjects = {
                id(g): g for g in self.speaking(named, start, stop) for s, e in g.spans
                if start <= s < stop and self._nominative_mention(s, e, g)
                and _all_words_nominative(self.text[s:e])
            }
            return next(iter(subjects.values())).name if len(subjects) == 1 else None
        phrase = self.text[start:stop]
        if _pronoun_in(phrase) is not None:
            return self.resolve(phrase, start, stop, verb, said_from)
        words = phrase.split()
        for k, w in enumerate(words):
            if nlp.lemma(w) in ROLE_NOUNS and _may_be(w.lower(), "nomn"):
                role = " ".join(words[k:])
                return self.resolve(role, stop - len(role), stop, verb, said_from)
        return None

    def cited(self, said: re.Match[str]) -> str | None:
        """«…», — приводит слова губернатора пресс-служба: the person named right after
        «слова» (in the genitive), the one stated holder of the office named there, or the
        subject before «его»/«её слова»; the outlet that cites them is not the speaker."""
        if said.group(1):
            person = self.antecedent(said.start(1), _POSSESSIVES[said.group(1).lower()])
            return person.name if person else None
        start = said.start(2)
        first = self.speaking([g for g in self.groups if start in {s for s, _ in g.spans}],
                              start, said.end(2))
        if first:
            return first[0].name
        words = said.group(2).split()
        if not words:
            return None
        if words[0][:1].isupper():  # a surname the tagger did not mark: "слова Котова"
            named = self.by_surname(words[0])
            return named.name if named else None
        if nlp.lemma(words[0]) not in ROLE_NOUNS:
            return None
        office = [nlp.inflect(words[0], {"Nom", "Sing"})]
        for w in words[1:4]:
            if w.lower() in _POSSESSIVES or not _may_be(w.lower(), "gent") or _is_verb(w):
                break
            office.append(w)
        holder = self.holder(" ".join(office))
        return holder.name if holder else None

    def by_surname(self, phrase: str) -> PersonGroup | None:
        """The one person whose surname a capitalized word of the phrase is a form of."""
        keys = {
            v for w in re.findall(r"\b[А-ЯЁ][а-яё-]+", phrase) for v in nlp.lemma_variants(w)
        }
        hits = [g for g in self.groups if set(nlp.lemma_variants(g.surname)) & keys]
        return hits[0] if len(hits) == 1 else None

    def resolve(
        self, phrase: str, start: int, stop: int, verb: str | None = None, said_from: int = -1
    ) -> str | None:
        """The person a speaker phrase names, or None when unsure (precision first). A role
        in the phrase names its stated holder, never overwriting a stated role; only a head of
        state or government quoted right after someone spoke (`said_from`: where the quoted
        words begin) is given that role."""
        person = self.at(start, stop)
        if person:
            return person.name
        if self.named_in(start, stop):
            return None  # people named, none of them in the nominative: not a speaker phrase
        pronoun = _pronoun_in(phrase)
        if pronoun is not None:
            # "— добавила она", "по его словам": the subject before, if it is clear
            female = _PRONOUNS.get(pronoun, _POSSESSIVES.get(pronoun))
            if female is None:
                return None  # "они": not one person
            at = start + phrase.lower().find(pronoun)
            person = self.antecedent(at, female)
            return person.name if person else None
        named = self.by_surname(phrase)
        if named:
            return named.name
        words = [nlp.lemma(w) for w in re.findall(r"[\w-]+", phrase)]
        if not any(w in ROLE_NOUNS for w in words):
            return _source(phrase)
        if words[0] in _PREPOSITIONS:
            return None  # "в беседе с корреспондентом": how it was said, not who said it
        role = _nominative(_before_preposition(phrase))
        female = _verb_gender(verb)
        holders = self.holders(role, female)
        if len(holders) == 1:
            return None if self._another_subject(said_from, holders[0], female) else (
                holders[0].name)
        person = None if holders else self.just_spoke(said_from, role, female)
        if person is None:
            return None
        person.role = role  # the text calls the one who just spoke so
        return person.name


def _pronoun_in(phrase: str) -> str | None:
    """"он", "она в своем Telegram-канале", "осматривая экспозицию, он"; "его" only alone
    ("по его словам": "его заместитель" is someone else)."""
    for chunk in (c.strip().lower() for c in phrase.split(",")):
        if chunk in _POSSESSIVES:
            return chunk
        first = chunk.split()[0] if chunk.split() else ""
        if first in _PRONOUNS:
            return first
    return None


def _before_preposition(phrase: str) -> str:
    """"серб на пресс-конференции" → "серб": where or how it was said is not who."""
    words = phrase.split()
    for k, w in enumerate(words[1:], 1):
        if w.lower() in _PREPOSITIONS:
            return " ".join(words[:k])
    return phrase


def _introduced_by_noun(before: str) -> bool:
    """"Политолог", "гидролог", "министр" right before a name: it is introduced by what the
    person is."""
    words = _WORD.findall(before)
    if not words:
        return False
    word = words[-1]
    if nlp.lemma(word) in ROLE_NOUNS:
        return True
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and forms[0].tag.POS == "NOUN" and "nomn" in forms[0].tag


def _is_adjective(word: str) -> bool:
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and forms[0].tag.POS in {"ADJF", "PRTF"}


def _is_verb(word: str) -> bool:
    forms = nlp.morph_vocab().parse(word.lower())
    return bool(forms) and forms[0].tag.POS in {"VERB", "INFN", "PRTS", "GRND"}


# "помощник Хиллари Клинтон": a person named after these, in the genitive, is not the speaker
_RELATIONAL = frozenset({
    "помощник", "заместитель", "советник", "представитель", "пресс-секретарь", "адвокат",
    "защитник", "жена", "муж", "супруга", "супруг", "вдова", "сын", "дочь", "мать", "отец",
    "брат", "сестра", "коллега", "соратник", "сторонник", "секретарь", "референт", "друг",
})
_PREPOSITIONS = frozenset({"в", "во", "на", "с", "со", "по", "у", "перед", "для", "после"})
_RUSSIAN_WORD = re.compile(r"[А-ЯЁа-яё-]+")


def _dependent_of_relation(text: str, start: int, mention: str) -> bool:
    """"Помощник Хиллари Клинтон заявил": the name hangs on the noun before it."""
    before = re.findall(r"[\w-]+", text[max(0, start - 40) : start])
    if not before or nlp.lemma(before[-1].lower()) not in _RELATIONAL:
        return False
    words = _RUSSIAN_WORD.findall(mention)
    return bool(words) and all(_may_be(w, "gent") for w in words)


def _singular_verb(word: str) -> bool:
    """"прокомментировал", "считает" name one speaker; "считают", "говорили" do not."""
    forms = [p for p in nlp.morph_vocab().parse(word.lower()) if p.tag.POS == "VERB"]
    return bool(forms) and all("sing" in p.tag for p in forms)


def _all_words_nominative(mention: str) -> bool:
    """"Сергей Шелест", not "Андрея Козлова" (whose surname alone may be a nominative)."""
    return all(_word_nominative(w) for w in _RUSSIAN_WORD.findall(mention))


def _may_be_nominative(mention: str) -> bool:
    words = _RUSSIAN_WORD.findall(mention)
    return not words or _may_be(words[-1], "nomn")  # Latin or initials: no case to read


def _some_word_nominative(mention: str) -> bool:
    """The tagger's nominative, checked: some word of the name may be one ("Галина
    Орехова": the dictionary knows "Орехова" only as a village's genitive; "Токтогулов" it
    does not know at all)."""
    words = _RUSSIAN_WORD.findall(mention)
    return not words or any(_word_nominative(w) for w in words)


# a masculine surname in the nominative, which the dictionary may not know ("Токтогулов"
# reads to it as a genitive plural only)
_MALE_SURNAME = re.compile(rf"[А-ЯЁ][а-яё]+(?:{'|'.join(_MASCULINE_SURNAME)})")


def _word_nominative(word: str) -> bool:
    return _may_be(word, "nomn") or bool(_MALE_SURNAME.fullmatch(word))


def _may_be(word: str, case: str) -> bool:
    """Whether some parse of the word is in that case (OpenCorpora: "nomn", "gent")."""
    return any(case in p.tag for p in nlp.morph_vocab().parse(word))


def _source(phrase: str) -> str | None:
    """A speaker that is no person but a body: "пресс-служба премьера" stays, "в
    пресс-службе ведомства" becomes "пресс-служба ведомства". Anything else gives none: the
    text itself ("в сообщении ведомства"), a description we cannot name ("предприниматель",
    "серб на пресс-конференции"), a clause ("Сегодня утром, открывая памятник, …")."""
    if "," in phrase or not phrase.split():
        return None
    name = _nominative(_before_preposition(phrase))
    words = name.split()
    if not words:
        return None
    forms = nlp.morph_vocab().parse(words[0].lower())
    head = forms[0].normal.replace("ё", "е") if forms else words[0].lower()
    if head not in org_nouns():
        return None
    # "по словам театра", "по данным пресс-службы министерства": the body in the nominative
    return " ".join([nlp.inflect(words[0], {"Nom", "Sing"}), *words[1:]])


def _nominative(phrase: str) -> str:
    """"в пресс-службе" → "пресс-служба", "глава государства" stays."""
    words = phrase.split()
    while words and words[0].lower() in {"в", "во", "на", "из", "у"}:
        words = words[1:]
        if words:
            words[0] = nlp.inflect(words[0], {"Nom"})
    return " ".join(words)


def _sentence_like(body: str) -> bool:
    """A short quotation that reads as words said, not a name: a word in lower case and no
    capital after the first word ("Это провокация", not "Единая Россия")."""
    words = _WORD.findall(body)
    return any(w.islower() for w in words) and not any(w[:1].isupper() for w in words[1:])


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
        if previous is not None and start < previous[0]:
            continue  # inside the last speaker phrase: "корреспонденту «Вестника»"
        body = _clean_body(text, start, stop)
        speaker = None
        attributed = False
        beside = False  # the attribution is the quote's own clause, not the sentence's
        inner = _inner_attribution(body)
        if inner:
            attributed = beside = True
            g_start = start + 1 + inner.start(2)
            speaker = resolver.resolve(
                inner.group(2), g_start, start + 1 + inner.end(2), inner.group(1), start
            )
            body = body[: inner.start()] + ". " + body[inner.end() :]
        words = len(body.split())
        if words < _MIN_SAID_WORDS or words < _MIN_WORDS and not _sentence_like(body):
            continue
        after = _AFTER.match(text, stop)
        if after and not _speech_verb(after.group(1)):
            after = None
        end = stop
        if not attributed and not after:
            after = _SO_SAID.match(text, stop)
            if after and not _speech_verb(after.group(1)):
                after = None
        if not attributed and not after:
            after = _CITED.match(text, stop)
        if not attributed and after:
            attributed = beside = True
            if after.re is _CITED:
                speaker = resolver.cited(after)
            elif after.re is _SO_SAID:
                speaker = resolver.so_said(after, start)
            else:
                speaker = resolver.resolve(
                    after.group(2), after.start(2), after.end(2), after.group(1), start
                )
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
                attributed, beside = True, before.re is _BEFORE
                group = 2 if before.re is _ACCORDING and before.group(1) is None else 1
                verb = before.group(2) if before.re is _BEFORE else None
                speaker = resolver.resolve(
                    before.group(group), before.start(group), before.end(group), verb
                )
        if not attributed and (named := resolver.before_colon(start)) is not None:
            attributed, beside, speaker = True, True, named
        if not attributed:
            attributed = bool(_VERB_BEFORE.search(text, text.rfind("\n", 0, start) + 1, start))
        if not attributed and previous is not None:
            # «…», — сказал X. — «…»: the second part is X's too
            gap = text[previous[0] : start]
            if _SAME_SPEAKER.match(gap):
                attributed, speaker = True, previous[1]
        if not attributed or words < _MIN_WORDS and (speaker is None or not beside):
            continue  # a short «…» is a quote only when its own clause gives its speaker
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
            speaker = resolver.resolve(m.group(3), s, e, m.group(2), offset)
            quote = Quote(speaker, _clean(m.group(1)))
            out.append((offset, quote))
        offset += len(paragraph) + 2
    return out
