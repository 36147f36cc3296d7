"""Role patterns on invented texts (real natasha models): what the card shows beside a name."""

from __future__ import annotations

from digest.nlp import parse_doc
from digest.people import group_people, to_people


def _roles(text: str) -> dict[str, str | None]:
    return {p.name: p.role for p in to_people(group_people(parse_doc(text)))}


def test_hyphenated_and_former_offices_before_the_name():
    roles = _roles(
        "Вчера журналисты раскритиковали премьер-министра Эстонии Карла Мяэотса за новый "
        "налог. Экс-председатель Верховного совета Непала Раджа Тапа прибыл в Дели."
    )
    assert roles["Карл Мяэотс"] == "премьер-министр Эстонии"
    assert roles["Раджа Тапа"] == "экс-председатель Верховного совета Непала"


def test_name_hung_on_the_inner_noun_or_on_a_title_keeps_the_whole_office():
    roles = _roles(
        "Руководитель клуба Г. Мельникова создаёт условия для детей. На встрече был "
        "председатель Совета ветеранов Казани шейх Ильдар Хайруллин."
    )
    assert roles["Г. Мельников"] == "руководитель клуба"
    assert roles["Ильдар Хайруллин"] == "председатель Совета ветеранов Казани"


def test_every_office_of_one_person_listed_before_the_name():
    roles = _roles(
        "Среди задержанных оказался депутат городского собрания района Лесное, сопредседатель "
        "областного отделения партии «Рассвет» Кирилл Волобуев."
    )
    assert roles["Кирилл Волобуев"] == (
        "депутат городского собрания района Лесное, "
        "сопредседатель областного отделения партии «Рассвет»"
    )


def test_role_after_the_name_set_off_by_a_dash_or_a_bracket():
    roles = _roles(
        "На конференции выступят Ольга Дронова - директор Института истории края, Пётр "
        "Сазонов - руководитель проекта «Тихая гавань». Тренеры Карл Вебер, Ханс Отт (второй "
        "тренер) и Йорг Майер (тренер вратарей) сообщили это решение."
    )
    assert roles["Ольга Дронова"] == "директор Института истории края"
    assert roles["Пётр Сазонов"] == "руководитель проекта «Тихая гавань»"
    assert roles["Ханс Отт"] == "второй тренер"
    assert roles["Йорг Майер"] == "тренер вратарей"


def test_role_after_a_comma_that_runs_into_the_next_name_is_that_names():
    roles = _roles(
        "На митинг пришли Лев Рыбаков, координатор движения «Зелёный город» Сергей Уткин "
        "и другие."
    )
    assert roles["Лев Рыбаков"] is None
    assert roles["Сергей Уткин"] == "координатор движения «Зелёный город»"


def test_founder_owner_and_academic_title_are_not_offices():
    roles = _roles(
        "Основатель сервиса «Лисья нора» Аркадий Полозов объявил о продаже компании. "
        "Академик Семён Рогов выступил с докладом. Об этом сообщил владелец кафе «Пирожок» "
        "Тимур Ахмедов."
    )
    assert roles["Аркадий Полозов"] is None
    assert roles["Семён Рогов"] is None
    assert roles["Тимур Ахмедов"] is None


def test_an_occupation_is_a_role_only_with_its_organization_named():
    roles = _roles(
        "Городской врач Анна Ким считает, что эпидемия идёт на спад. Ведущий экономист "
        "«Уралпромбанка» Олег Сизов с ней не согласен."
    )
    assert roles["Анна Ким"] is None
    assert roles["Олег Сизов"] == "ведущий экономист «Уралпромбанка»"
