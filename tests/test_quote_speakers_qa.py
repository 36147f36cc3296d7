"""Speakers of quotes attributed by a pronoun or a role word, as the card shows them
(invented texts, real natasha models): precision first, no speaker rather than a wrong one."""

from __future__ import annotations

from digest.nlp import parse_doc
from digest.people import group_people, to_people
from digest.quotes import extract_quotes


def _card(text: str) -> tuple[dict[str, str | None], list[tuple[str | None, str]]]:
    """The card's people with their roles, and its quotes with their speakers."""
    groups = group_people(parse_doc(text))
    quotes = [(q.speaker, q.text) for q in extract_quotes(text, groups)]
    return {p.name: p.role for p in to_people(groups)}, quotes


def _speakers(text: str) -> list[str | None]:
    return [speaker for speaker, _ in _card(text)[1]]


# --- a pronoun stands for the subject before it, not for the nearest name -------------------


def test_pronoun_after_an_unnamed_subject_is_no_one_we_can_name():
    """The source unnamed ("Собеседник издания") is who «он» stands for, not the mayor
    named two sentences before."""
    text = (
        "Мэр Казани Ильдар Сафин назвал метро главным проектом десятилетия. Подрядчик должен "
        "сдать три станции к 2063 году. Собеседник «БИЗНЕС Online» в строительной отрасли "
        "обратил внимание, что сроки переносились уже дважды. «Три станции за четыре года — "
        "это реально, если деньги будут приходить ритмично», — говорит он."
    )
    assert _speakers(text) == [None]
    named = text.replace("Подрядчик должен сдать три станции к 2063 году. Собеседник «БИЗНЕС "
                         "Online» в строительной отрасли обратил внимание, что сроки "
                         "переносились уже дважды. ", "")
    assert _speakers(named) == ["Ильдар Сафин"]


def test_pronoun_is_the_subject_not_the_person_met():
    text = (
        "Губернатор Олег Марченко провел встречу с директором завода Павлом Гурьевым. "
        "«Новый цех заработает уже в апреле», — отметил он."
    )
    assert _speakers(text) == ["Олег Марченко"]


def test_pronoun_never_goes_to_a_name_in_an_oblique_case():
    """The only man named before is not the subject: no speaker, and never "Тимуром Ахаевым"."""
    text = (
        "Делегация ведомства встретилась с послом Казахстана Тимуром Ахаевым. "
        "«Мы готовы расширить поставки зерна в следующем году», — сказал он."
    )
    people, quotes = _card(text)
    assert quotes == [(None, "Мы готовы расширить поставки зерна в следующем году")]
    # the man is on the card, named in the nominative with his office, but not as the speaker
    assert people == {"Тимур Ахаев": "посол Казахстана"}


def test_pronoun_follows_a_chain_of_the_same_pronoun():
    text = (
        "Мэр Тулы Игорь Краснов открыл сквер. Он поблагодарил депутата Семена Лыкова за "
        "помощь. «Без поддержки жителей мы бы не успели к празднику», — сказал он."
    )
    assert _speakers(text) == ["Игорь Краснов"]


def test_feminine_pronoun_with_no_woman_as_subject_gives_no_speaker():
    text = (
        "Министр экономики Павел Зорин обсудил бюджет с Мариной Лавочкиной. "
        "«Расходы на дороги придется пересмотреть осенью», — сказала она."
    )
    assert _speakers(text) == [None]


def test_pronoun_after_an_unnamed_office_subject_is_that_office_holder():
    """"Глава Твери признал … Он заявил: «…»": the mayor the article names, not the council
    chairman named last."""
    text = (
        "Мэр Твери Денис Фомин пообещал расчистить дворы. Председатель думы Олег Рыбин "
        "напомнил о бюджете. Глава Твери признал, что техники не хватает. Он заявил: "
        "«Договоры с нерадивыми подрядчиками мы расторгнем»."
    )
    assert _speakers(text) == ["Денис Фомин"]


def test_pronoun_is_never_shown_as_a_speaker():
    text = (
        "Губернатор Ярослав Дымов поручил помочь пострадавшим. «Каждая семья получит "
        "выплату до конца недели», — написал он в своем Telegram-канале."
    )
    assert _speakers(text) == ["Ярослав Дымов"]


# --- a role word names its stated holder and gives no one a role ---------------------------


def test_role_word_names_the_stated_holder_not_the_nearest_person():
    text = (
        "Председатель Центробанка Ксения Ларина выступила на форуме. Экономист Глеб Орлов "
        "спорил с ней. «Снижать ставку пока рано, инфляция не замедлилась», — подчеркнула "
        "глава ЦБ."
    )
    people, quotes = _card(text)
    assert [speaker for speaker, _ in quotes] == ["Ксения Ларина"]
    assert people["Глеб Орлов"] is None


def test_role_word_after_another_subject_is_nobodys():
    """"— подчеркнул министр" right after the guest minister, who has no stated office, was
    the subject: the one stated minister (the host) may not be meant, so no speaker."""
    text = (
        "Министр иностранных дел Виктор Громов принял в Москве своего коллегу Азата Токтосунова. "
        "Стороны обсудили транзит грузов. Токтосунов, в свою очередь, назвал Россию "
        "«надёжным партнёром». «Наши граждане должны работать в России законно и спокойно», "
        "— подчеркнул министр."
    )
    people, quotes = _card(text)
    assert quotes == [(None, "Наши граждане должны работать в России законно и спокойно")]
    assert people["Азат Токтосунов"] is None


def test_role_word_with_no_stated_holder_gives_no_speaker_and_no_role():
    text = (
        "Аналитик Виктор Седов оценил отчет металлургов. «Дивиденды компания сохранит, "
        "хотя и меньшие, чем годом ранее», — считает эксперт."
    )
    people, quotes = _card(text)
    assert quotes == [(None, "Дивиденды компания сохранит, хотя и меньшие, чем годом ранее")]
    assert people == {"Виктор Седов": None}


def test_stated_role_is_never_overwritten_by_an_attribution():
    text = (
        "Аналитик банка «Восход» Виктор Седов оценил отчет металлургов. «Дивиденды компания "
        "сохранит, хотя и меньшие, чем годом ранее», — считает эксперт."
    )
    people, quotes = _card(text)
    assert people["Виктор Седов"] == "аналитик банка «Восход»"
    assert [speaker for speaker, _ in quotes] == [None]


def test_the_verbs_gender_picks_one_of_two_holders():
    text = (
        "Министр спорта Ольга Быстрова и министр связи Андрей Гущин открыли центр. "
        "«Тренироваться здесь смогут все дети района бесплатно», — сказала министр."
    )
    assert _speakers(text) == ["Ольга Быстрова"]


def test_a_description_without_a_name_is_no_speaker():
    text = (
        "Тренер «Сокола» Милош Петрович признал поражение.\n\n"
        "— Мы проиграли заслуженно, соперник был сильнее, — заявил серб на пресс-конференции."
    )
    assert _speakers(text) == [None]


def test_a_press_service_stays_a_speaker():
    text = (
        "«Выставка продлится до конца марта, вход для школьников бесплатный», — сообщили в "
        "пресс-службе музея."
    )
    assert _speakers(text) == ["пресс-служба музея"]


# --- a quote in a new paragraph does not inherit the speaker before it -----------------------


def test_quote_in_the_next_paragraph_is_not_the_previous_speakers():
    text = (
        "Министр транспорта Игорь Савин осмотрел мост. «Ремонт закончим к ноябрю, как и "
        "обещали», — сказал Игорь Савин.\n\n"
        "«Пробки в центре города станут только хуже»."
    )
    assert _speakers(text) == ["Игорь Савин"]


def test_so_commented_names_the_speaker_after_the_quote():
    text = (
        "Министр транспорта Игорь Савин осмотрел мост. «Ремонт закончим к ноябрю, как и "
        "обещали», — сказал Игорь Савин.\n\n"
        "«Жителям левого берега придется потерпеть еще месяц». Так прокомментировал ситуацию "
        "мэр Ростислав Мохов."
    )
    assert _card(text)[1] == [
        ("Игорь Савин", "Ремонт закончим к ноябрю, как и обещали"),
        ("Ростислав Мохов", "Жителям левого берега придется потерпеть еще месяц"),
    ]


# --- «…». Так сказал X: only the verb's nominative subject ------------------------------------


def test_so_said_is_not_the_person_named_in_an_oblique_case():
    """"ответил на критику депутата Андрея Козлова мэр …": the mayor answered, not Козлов."""
    text = (
        "Депутат Андрей Козлов раскритиковал отчет мэрии. «Мы выполнили почти весь план по "
        "ремонту дорог за год». Так ответил на критику депутата Андрея Козлова мэр города "
        "Сергей Шелест."
    )
    assert _speakers(text) == ["Сергей Шелест"]


def test_so_said_with_only_an_oblique_name_gives_no_speaker():
    text = (
        "Губернатор Александр Осипов открыл мост. «Этот мост нам обещали построить еще "
        "двадцать лет назад». Так прокомментировал открытие губернатору Александру Осипову "
        "один из ветеранов."
    )
    assert _speakers(text) == [None]


def test_so_said_with_a_plural_verb_names_no_one():
    text = (
        "Глава района Олег Смирнов на встречу не приехал. «Закрывать больницу в поселке нельзя "
        "ни в коем случае». Так говорили участники акции, куда пригласили и главу района Олега "
        "Смирнова."
    )
    people, quotes = _card(text)
    assert quotes == [(None, "Закрывать больницу в поселке нельзя ни в коем случае")]
    assert people == {"Олег Смирнов": "глава района"}


# --- a role word followed by whom, how or where it was said still names its holder -----------


def test_role_word_with_a_listener_or_a_gerund_names_its_stated_holder():
    texts = [
        "Министр финансов Антон Соколов выступил в Госдуме. «Мы видим заметный рост доходов "
        "бюджета», — сказал министр журналистам после заседания.",
        "Вице-премьер Олег Рябов побывал в Ереване. «Переговоры по транзиту продолжатся уже в "
        "марте», — сказал вице-премьер РИА Новости.",
        "Министр энергетики Сергей Белкин посетил шахту. «Добыча угля вырастет к осени на пять "
        "процентов», — заявил министр, отметив рост экспорта.",
    ]
    assert [_speakers(text) for text in texts] == [
        ["Антон Соколов"], ["Олег Рябов"], ["Сергей Белкин"],
    ]


def test_role_word_of_another_office_with_a_listener_is_nobodys():
    text = (
        "Министр финансов Антон Соколов выступил в Госдуме. «Мост через реку откроем уже в "
        "декабре», — сказал министр транспорта журналистам после заседания."
    )
    assert _speakers(text) == [None]


# --- "по словам X" makes X the subject a pronoun after it stands for -------------------------


def test_pronoun_after_according_to_a_person_is_that_person():
    texts = [
        "По словам аналитика компании «Зерновой союз» Ольги Никитиной, причина — слабый урожай. "
        "«Запасы на складах сократились почти вдвое за год», — говорит она.",
        "По мнению эколога Игоря Лебедева, рыбы в озере стало меньше. «Сбросы с фермы нужно "
        "прекратить уже этим летом», — считает он.",
        "Как отметил директор школы Виктор Панов, ремонт спортзала закончат к сентябрю. «Дети "
        "вернутся в новый зал уже первого числа», — добавил он.",
    ]
    assert [_speakers(text) for text in texts] == [
        ["Ольга Никитина"], ["Игорь Лебедев"], ["Виктор Панов"],
    ]


def test_pronoun_after_according_to_two_people_is_nobodys():
    text = (
        "По словам агронома Ивана Жукова и фермера Павла Зотова, урожай будет ниже прошлогоднего. "
        "«Дождей почти не было с самого мая», — сказал он."
    )
    assert _speakers(text) == [None]


def test_a_capitalised_word_misread_as_a_person_does_not_hide_the_stated_holder():
    """The headline's "Яровой" is tagged a person; "Яровой сев …" opening the sentence before
    the quote is no one's subject, so "— сказала министр" is the stated minister's."""
    text = (
        "Яровой сев в крае завершён досрочно\n\n"
        "СТАВРОПОЛЬ, 3 мая. Яровой сев в крае по состоянию на 3 мая проведён на площади 1,4 "
        "миллиона гектаров, что больше, чем год назад, сообщила министр сельского хозяйства "
        "края Марина Ковалёва на совещании.\n\n"
        "«Теплая весна позволила аграриям выйти в поле на две недели раньше», — сказала министр."
    )
    assert _speakers(text) == ["Марина Ковалёва"]


# --- a head-of-state title after someone spoke is never an expert's --------------------------


def test_office_word_after_an_expert_spoke_is_not_the_experts():
    texts = [
        "Политолог Андрей Щукин полагает, что Белград сохранит нейтралитет. «Сербия никогда не "
        "введет санкции против своих друзей», — заявил президент страны.",
        "Гидролог Павел Зуев рассказал о паводке. «Вода в реке поднимется еще на метр к "
        "выходным», — сказал губернатор.",
    ]
    cards = [_card(text) for text in texts]
    assert [people for people, _ in cards] == [{"Андрей Щукин": None}, {"Павел Зуев": None}]
    assert [[speaker for speaker, _ in quotes] for _, quotes in cards] == [[None], [None]]


def test_a_body_named_after_po_slovam_is_given_in_the_nominative():
    text = (
        "Большой театр показал премьеру балета «Метель». Хореограф создала, по словам "
        "театра, «зимний мир, в котором снег становится отдельным персонажем»."
    )
    assert _speakers(text) == ["театр"]


def test_more_speech_verbs_an_adverb_before_the_verb_and_an_outlets_domain():
    text = (
        "Главный тренер гостей Андрей Гусельников не стал отвечать на вопрос об отставке. "
        "«Сейчас не время это обсуждать», — коротко сказал он. «Банки уже начали понемногу "
        "снижать доходность по вкладам», — советует аналитик Банки.ру Юлия Свиридова. «Вода "
        "пришла ночью, мы едва успели поднять вещи», — рассказала 45.ru пенсионерка Валентина "
        "Орлова. «В прошлом году обещали за сутки, сделали за неделю», — жалуется пенсионер "
        "Виктор Андреев."
    )
    assert _speakers(text) == [
        "Андрей Гусельников", "Юлия Свиридова", "Валентина Орлова", "Виктор Андреев"]


def test_words_an_outlet_cites_are_the_speakers_named_after_slova():
    """«— приводит слова губернатора пресс-служба»: the press service cites, the governor
    spoke; so for a name in the genitive and for «её слова»."""
    text = (
        "Главный тренер «Ротора» Андрей Гусельников поблагодарил болельщиков. «Я благодарен "
        "болельщикам и ребятам, не всё получилось», — приводит слова тренера официальный сайт "
        "клуба. Водитель автобуса Павел Котов заявил в суде, что ехал медленно. «Там был "
        "сплошной лёд, дорогу не посыпали», — приводит слова Котова его адвокат Ирина Сомова. "
        "Председатель Банка России Ольга Веретенникова дала интервью. «Пространство для "
        "смягчения есть, но спешить мы не будем», — приводит её слова ТАСС."
    )
    assert _speakers(text) == ["Андрей Гусельников", "Павел Котов", "Ольга Веретенникова"]
    # an office no one in the text holds cites no one
    unstated = text.replace("слова тренера", "слова губернатора")
    assert _speakers(unstated)[0] is None


def test_a_pronoun_stands_for_a_woman_named_by_her_first_name_alone():
    text = (
        "Огонь перекинулся на соседние дома. Жительница улицы Луговой Светлана рассказала, что "
        "пожарные приехали через час. «Ветер был такой, что шапку срывало», — говорит она."
    )
    assert _card(text) == (
        {"Светлана": None}, [("Светлана", "Ветер был такой, что шапку срывало")])
    # a man named so is not «она»
    assert _speakers(text.replace("Жительница", "Житель").replace("Светлана", "Сергей")
                     .replace("рассказала", "рассказал")) == [None]
