"""Quote shapes and speakers as the card shows them (invented texts, real natasha)."""

from __future__ import annotations

from digest.nlp import parse_doc
from digest.people import group_people
from digest.quotes import extract_quotes


def _quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract_quotes(text, group_people(parse_doc(text)))]


def test_straight_quotes_with_hyphen_or_dash_attribution():
    text = (
        'Инженер Кирилл Баранов осмотрел котельную. "Трубы придется менять целиком до '
        'начала сезона", - сказал Баранов. "Денег на это пока не выделили" — подчеркнул '
        "Кирилл Баранов."
    )
    assert _quotes(text) == [
        ("Кирилл Баранов", "Трубы придется менять целиком до начала сезона"),
        ("Кирилл Баранов", "Денег на это пока не выделили"),
    ]


def test_low_high_quotes():
    text = (
        "Археолог Вера Соколова рассказала о находке. „Такие монеты в этих местах раньше не "
        "находили“, — сказала Соколова."
    )
    assert _quotes(text) == [("Вера Соколова", "Такие монеты в этих местах раньше не находили")]


def test_according_to_and_thinks_that_attribute_the_quote():
    text = (
        "Агроном Степан Лукин осмотрел поля. По словам Степана Лукина, «озимые перенесли "
        "зиму без потерь». Синоптик Галина Орехова считает, что «заморозков в мае уже не "
        "будет». По ее словам, «тепло придет раньше обычного»."
    )
    assert _quotes(text) == [
        ("Степан Лукин", "озимые перенесли зиму без потерь"),
        ("Галина Орехова", "заморозков в мае уже не будет"),
        ("Галина Орехова", "тепло придет раньше обычного"),
    ]


def test_person_named_inside_the_quote_is_not_its_speaker():
    text = (
        "Мэр Тимофей Греков встретился с губернатором Олегом Сомовым. «Олег Сомов обещал "
        "помочь городу с ремонтом школ», — сказал Греков."
    )
    assert _quotes(text) == [
        ("Тимофей Греков", "Олег Сомов обещал помочь городу с ремонтом школ")
    ]


def test_speaker_named_after_the_occasion_and_a_quoted_outlet():
    """"— сказал в беседе с корреспондентом «…» лидер … X": the occasion is no role and the
    person named inside the quotation is no speaker; the speaker is the one named after."""
    text = (
        "«Уход Нины Колосовой из команды стал для всех ударом», — сказал в беседе с "
        "корреспондентом «Уральского вестника» главный тренер клуба Степан Ерохин."
    )
    assert _quotes(text) == [
        ("Степан Ерохин", "Уход Нины Колосовой из команды стал для всех ударом")
    ]


def test_pronoun_speaker_is_not_the_person_named_inside_the_quote():
    text = (
        "Архитектор Лев Гордеев раскритиковал проект. «Такой чиновник, как вице-мэр Антон "
        "Шилов, о жителях не думает», — заявил он."
    )
    assert _quotes(text) == [
        ("Лев Гордеев", "Такой чиновник, как вице-мэр Антон Шилов, о жителях не думает")
    ]


def test_interviewer_is_not_the_speaker():
    text = (
        "«Цех запустим после новогодних праздников», — сказал в интервью Олегу Карпову "
        "главный инженер Зиновий Кравец."
    )
    assert _quotes(text) == [("Зиновий Кравец", "Цех запустим после новогодних праздников")]


def test_an_occasion_without_a_name_gives_no_speaker():
    text = (
        "Министр Кира Лапина и мэр Фёдор Осин открыли парк. «Деревья высадят весной, саженцы "
        "уже закуплены», — сообщил в интервью «Городским вестям» глава округа."
    )
    assert _quotes(text) == [(None, "Деревья высадят весной, саженцы уже закуплены")]


def test_a_noun_after_the_dash_is_no_attribution():
    """"«Это — признак …, — сказал X. — …»": the attribution is the verb's, and the quote
    keeps its first words."""
    text = (
        "Губернатор Нина Корбут открыла завод. «Это — признак того, что инвесторы нам верят, "
        "— сказала Нина Корбут. — Через год здесь будет работать тысяча человек»."
    )
    assert _quotes(text) == [(
        "Нина Корбут",
        "Это — признак того, что инвесторы нам верят. Через год здесь будет работать "
        "тысяча человек",
    )]


def test_pronoun_subject_after_a_participle_clause():
    text = (
        "В Пскове открыли музей льна. На церемонию приехал министр культуры Илья Гаранин. "
        "Осматривая экспозицию, он отметил, что «такие музеи нужны каждому региону»."
    )
    assert _quotes(text) == [("Илья Гаранин", "такие музеи нужны каждому региону")]


def test_a_name_hanging_on_a_relation_noun_is_not_the_speaker():
    """"Помощник Хиллари Клинтон … заявил": the aide speaks, not Clinton; unnamed, so no one."""
    text = (
        "Советник Мелани Дюран по энергетике, прилетевший в Софию, заявил, что \"газовый "
        "контракт продлят еще на пять лет\"."
    )
    assert _quotes(text) == [(None, "газовый контракт продлят еще на пять лет")]


def test_ambiguous_role_gets_no_speaker():
    text = (
        "Министр финансов Армении Тигран Варданян и министр финансов Грузии Лаша Хуцишвили "
        "подписали соглашение. «Документ вступит в силу через месяц», — сказал министр."
    )
    assert _quotes(text) == [(None, "Документ вступит в силу через месяц")]


def test_unattributed_quoted_phrases_and_headline_slogans_are_not_quotes():
    text = (
        "Жители вышли на пикет с плакатом «Руки прочь от нашего сквера навсегда». "
        "Спектакль «Вишневый сад в большом городе» покажут в субботу."
    )
    assert _quotes(text) == []


def test_split_quote_continues_with_the_same_speaker():
    text = (
        "«Мост откроют в срок», — заявил подрядчик Виталий Жуков. — «Осталось уложить "
        "асфальт на съездах»."
    )
    assert _quotes(text) == [
        ("Виталий Жуков", "Мост откроют в срок"),
        ("Виталий Жуков", "Осталось уложить асфальт на съездах"),
    ]
