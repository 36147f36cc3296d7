"""A woman's name is not put in the nominative as a man's (invented texts, real natasha).

«Евгения Филиппова», «Александра Козлова» read alone are a woman in the nominative or a man
in the genitive. The card decides from all the mentions of the person (a feminine verb, a
title in the nominative beside the name, «Она» after it, a form only a woman's name has);
a man named in the genitive stays a man."""

from __future__ import annotations

from people_of import mentions_of


def test_a_title_and_a_feminine_verb_make_her_a_woman_the_genitive_stays_a_man():
    text = (
        "Директор школы Александра Козлова рассказала о ремонте спортзала. Деньги на него "
        "выделил фонд Евгения Филиппова, бывшего выпускника школы. Работы закончат к первому "
        "сентября."
    )
    assert mentions_of(text) == {"Александра Козлова": 1, "Евгений Филиппов": 1}


def test_a_title_in_the_nominative_beside_her_name_with_a_verb_in_the_present():
    text = (
        "Руководитель фонда Евгения Филиппова считает, что помощь нужна всем семьям района. "
        "Вчера прошла ее встреча с Александром Козловым, владельцем завода, который обещал "
        "передать больнице два аппарата."
    )
    assert mentions_of(text) == {"Евгения Филиппова": 1, "Александр Козлов": 1}


def test_her_title_set_off_by_commas_and_a_man_in_the_dative():
    text = (
        "Евгения Филиппова, глава департамента, заявила о новых правилах парковки. Письмо "
        "с жалобами жители отправили Александру Козлову, но ответа пока нет."
    )
    assert mentions_of(text) == {"Евгения Филиппова": 1, "Александр Козлов": 1}


def test_she_opening_the_next_sentence():
    text = (
        "В центре внимания на форуме — Александра Козлова. Она рассказала о запуске новой "
        "программы для молодых учителей в сельских школах района."
    )
    assert mentions_of(text) == {"Александра Козлова": 1}


def test_her_surname_alone_in_the_accusative_is_her_and_not_a_man_of_its_own():
    text = (
        "Жалобу жителей рассмотрела Валентина Петрова. Петрову поддержали депутаты районного "
        "совета. Петрова пообещала навести порядок, а письма с жалобами нашли у Евгения "
        "Филиппова в кабинете."
    )
    assert mentions_of(text) == {"Валентина Петрова": 3, "Евгений Филиппов": 1}


def test_a_man_named_in_the_genitive_in_the_same_story_stays_a_man():
    text = (
        "Документы нашли у Евгения Филиппова в кабинете. Александра Козлова, его заместитель, "
        "заявила, что ничего не знала о них. Позже Козлова отказалась от комментариев."
    )
    assert mentions_of(text) == {"Александра Козлова": 2, "Евгений Филиппов": 1}


def test_a_womans_surname_alone_after_her_full_name_merges_with_it():
    text = (
        "Первенство области по плаванию выиграла Алина Воробьева. Воробьева опередила "
        "соперниц на две секунды. Тренер спортсменки Евгений Филиппов доволен результатом."
    )
    assert mentions_of(text) == {"Алина Воробьева": 2, "Евгений Филиппов": 1}


def test_a_feminine_verb_without_a_subject_of_its_own():
    text = (
        "В конкурсе молодых архитекторов победила Валерия Смирнова из Казани. Её проект "
        "набережной жюри назвало самым смелым, сообщили организаторы."
    )
    assert mentions_of(text) == {"Валерия Смирнова": 1}


def test_her_surname_alone_with_a_feminine_verb_the_dictionary_does_not_know_is_hers():
    """«Крутова руководила»: the verb shows a woman, but the dictionary knows no woman's
    reading of the surname, so it was read as the genitive of a man «Крутов»."""
    text = (
        "Губернатор освободил от должности министра здравоохранения Елену Крутову. Крутова "
        "руководила министерством с марта прошлого года. Решение губернатора Крутовой "
        "передали утром."
    )
    assert mentions_of(text) == {"Елена Крутова": 3}


def test_her_surname_alone_left_inflected_or_in_the_present_is_hers():
    text = (
        "Первую премию получила писательница Ирина Лавренёва. Роман Лавренёвой посвящён трём "
        "поколениям семьи. Компанию с августа возглавит финансовый директор Анна Сушкова. "
        "Сушкова работает в компании с 2020 года."
    )
    assert mentions_of(text) == {"Ирина Лавренёва": 2, "Анна Сушкова": 2}


def test_a_lone_surname_stays_his_when_a_man_of_that_surname_is_named_in_full():
    text = (
        "На участок пришли депутат Сергей Крутов и его жена Елена Крутова. У Крутова "
        "претензий к работе комиссии нет, сообщил председатель."
    )
    assert mentions_of(text) == {"Сергей Крутов": 2, "Елена Крутова": 1}


def test_a_name_that_cannot_be_a_subject_takes_no_gender_from_the_subjects_verb():
    """«Губернатор … освободил … Елену Крутову» may be parsed as the governor's apposition;
    «Елену Крутову» has no nominative reading, so his verb says nothing of her."""
    text = (
        "Губернатор области Алексей Дронов освободил от должности регионального министра "
        "здравоохранения Елену Крутову. Об этом он объявил на еженедельном совещании. "
        "Крутова руководила министерством с марта прошлого года."
    )
    assert mentions_of(text) == {"Алексей Дронов": 1, "Елена Крутова": 2}


def test_her_surname_alone_after_her_name_as_read_in_the_nominative():
    text = (
        "За сближением следили космонавты Дмитрий Ласточкин и Алина Федосова, готовые "
        "перейти на ручное управление. Ласточкин и Федосова работают на орбите с января."
    )
    people = mentions_of(text)
    assert people["Алина Федосова"] == 2 and "Федосов" not in people


def test_a_lone_first_name_right_after_a_woman_described_is_hers():
    """«— жалуется краснодарка Евгения»: not the genitive of «Евгений»; «Соседка Евгения
    Филиппова» may be his neighbour, and the rule leaves such relations alone."""
    text = (
        "«Мне пришло уведомление, что заказ перенесли на неделю», — жалуется краснодарка "
        "Евгения, ждавшая зимние ботинки для дочери. Владельцы пунктов выдачи говорят, что "
        "не знают сроков."
    )
    assert mentions_of(text) == {"Евгения": 1}
