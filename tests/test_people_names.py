"""Names on the card: nominative, merged, split, cleaned (invented texts, real natasha)."""

from __future__ import annotations

from people_of import mentions_of

from digest.entities import extract_entities
from digest.nlp import parse_doc


def test_foreign_names_in_oblique_cases_are_put_in_the_nominative():
    text = (
        "Министр встретился с Ермеком Кошербаевым в Астане. Переговоры с президентом "
        "Хамидом Карзаем прошли в Кабуле. Тренер поздравил Марко Джурича с победой."
    )
    assert set(mentions_of(text)) == {"Ермек Кошербаев", "Хамид Карзай", "Марко Джурич"}


def test_inflected_mentions_of_one_person_merge_under_the_nominative_form():
    text = (
        "Делегация встретилась с Бараком Обамой в Белом доме. Визит Барака Обамы длился "
        "два дня. Барак Обама пообещал продолжить диалог."
    )
    assert mentions_of(text) == {"Барак Обама": 3}


def test_hyphen_slip_does_not_become_the_canonical_name():
    text = (
        "Президент Касым-Жомарт Токаев прибыл в Москву. Касым-Жомарт-Токаев обсудил "
        "торговлю. Касым-Жомарт Токаев вернется в Астану в пятницу."
    )
    assert mentions_of(text) == {"Касым-Жомарт Токаев": 3}


def test_names_glued_by_a_comma_or_and_are_separate_people():
    text = "За команду забили Овечкин, Федоров и Малкин, а Кузнецов отдал две передачи."
    people = mentions_of(text)
    assert {"Овечкин", "Федоров", "Малкин"} <= set(people)
    assert not any("," in name or " и " in name for name in people)


def test_latin_original_in_brackets_is_dropped():
    text = (
        "Журналист Джошуа Вольф (Joshua Wolf) вышел на свободу после полугода в тюрьме. "
        "Вольф поблагодарил коллег за поддержку."
    )
    assert mentions_of(text) == {"Джошуа Вольф": 2}


def test_first_name_and_patronymic_resolve_to_the_person_or_stand_for_her():
    """A form of address joins the person named in full; one for no one named in full is
    still a person of the story ("завуч Анна Петровна"), once, in the nominative."""
    text = (
        "Директор школы Сергей Викторович Ковалев открыл новый класс. Ученики подарили "
        "Сергею Викторовичу цветы. Родители поблагодарили завуча Анну Петровну. Анна "
        "Петровна пообещала новый кружок."
    )
    people = mentions_of(text)
    assert people == {"Сергей Викторович Ковалев": 2, "Анна Петровна": 2}


def test_lone_first_name_with_its_own_title_is_not_merged_into_a_namesake():
    text = (
        "Историки напомнили, что князь Владимир крестил Русь в десятом веке. "
        "Президент Владимир Путин возложил цветы к памятнику."
    )
    people = mentions_of(text)
    assert people.get("Владимир Путин") == 1


def test_lone_surname_goes_to_the_nearest_namesake_before_it():
    text = (
        "Алла Рыбакова и Виктор Рыбаков приехали в суд. Адвокат Виктора Рыбакова заявил о "
        "невиновности подзащитного. Алла Рыбакова пришла на заседание. Рыбакова плакала."
    )
    people = mentions_of(text)
    assert people["Алла Рыбакова"] == 3
    assert set(people) == {"Алла Рыбакова", "Виктор Рыбаков"}


def test_initials_stay_as_printed_and_merge_with_the_full_name():
    text = (
        "Владимир Путин провел совещание в Кремле. В. Путин поручил правительству "
        "подготовить доклад. Памятник М. В. Ломоносову открыли в сквере."
    )
    people = mentions_of(text)
    assert people["Владимир Путин"] == 2
    assert "М. В. Ломоносов" in people
    assert not any(" . " in name for name in people)


def test_common_words_tagged_as_names_are_not_people():
    text = (
        "Маэстро вышел на сцену под аплодисменты. Жалоба Подана в суд. Дирижер Раймонд "
        "Паулс исполнил свои песни."
    )
    assert set(mentions_of(text)) == {"Раймонд Паулс"}


def test_a_typing_slip_in_a_surname_is_the_same_person_but_a_womans_form_is_not():
    text = (
        "Президент Молдавии Игорь Доданбаев провёл встречу с послами. По словам Игоря "
        "Доданбаева, переговоры продлятся до весны. Позже Игорь Доданнбаев посетил завод. "
        "Министр финансов Ольга Петрова и её коллега Олег Петров тоже присутствовали."
    )
    assert mentions_of(text) == {"Игорь Доданбаев": 3, "Ольга Петрова": 1, "Олег Петров": 1}


def test_a_person_the_tagger_took_for_a_place_is_a_person_not_a_place():
    text = "Память первого президента Ахмат-Хаджи Кадырова почтили в Грозном."
    doc = parse_doc(text)
    assert mentions_of(text) == {"Ахмат-Хаджи Кадыров": 1}
    organizations, places = extract_entities(doc)
    assert [e.name for e in places] == ["Грозный"] and organizations == []


def test_a_lone_first_name_with_the_full_names_own_title_is_that_person():
    text = (
        "Митрополит Феофан Ставропольский освятил храм в Кисловодске. Вечером митрополит "
        "Феофан встретился с прихожанами. Князь Владимир стал героем выставки, которую "
        "посетил Владимир Путин."
    )
    # the prince is no one's namesake here: not merged into Путин (a lone first name is dropped)
    assert mentions_of(text) == {"Феофан Ставропольский": 2, "Владимир Путин": 1}
