"""Organizations and places a reader sees on a card, in the nominative, one entry each."""

from __future__ import annotations

import pytest

from digest.entities import extract_entities
from digest.nlp import parse_doc


def _entities(text: str) -> tuple[dict[str, int], dict[str, int]]:
    orgs, places = extract_entities(parse_doc(text))
    return {e.name: e.mentions for e in orgs}, {e.name: e.mentions for e in places}


def test_institution_of_a_place_in_any_case_is_one_organization_and_the_place_stays():
    orgs, places = _entities(
        "В правительстве Чили заявили о новых пошлинах. Позже правительство Чили уточнило, "
        "что пошлины введут с мая."
    )
    assert orgs == {"правительство Чили": 2}
    assert places == {"Чили": 2}


def test_heads_of_two_governments_name_one_government_each():
    orgs, _ = _entities(
        "В Лиме главы правительств Чили и Перу обсудили торговлю. Правительство Чили готово "
        "снизить пошлины."
    )
    assert orgs == {"правительство Чили": 2, "правительство Перу": 1}


def test_coordinated_places_give_one_organization_each():
    orgs, _ = _entities(
        "Соглашение о борьбе с контрабандой подписали правоохранительные органы Перу, Чили и "
        "Боливии."
    )
    assert set(orgs) == {
        "правоохранительные органы Перу",
        "правоохранительные органы Чили",
        "правоохранительные органы Боливии",
    }


def test_place_adjective_makes_an_institution_an_organization_other_adjectives_do_not():
    orgs, places = _entities(
        "Чилийское правительство и эквадорские власти согласились с планом, а новое "
        "правительство, историческое руководство и местные власти промолчали."
    )
    assert set(orgs) == {"чилийское правительство", "эквадорские власти"}
    assert "Чилийское" not in places


def test_place_adjective_with_a_genitive_noun_names_an_institution():
    orgs, _ = _entities("Выставку откроет в субботу перуанский музей авиации.")
    assert orgs == {"перуанский музей авиации": 1}


def test_quoted_name_after_a_party_noun_and_its_later_bare_mention_are_one_organization():
    orgs, places = _entities(
        "Лидер партии «Зелёный берег» выступил в Самаре. По опросам, «Зелёный берег» "
        "набирает пять процентов."
    )
    assert orgs == {"партия «Зелёный берег»": 2}
    assert places == {"Самара": 1}


def test_latin_name_beside_a_kind_noun_is_that_organization():
    orgs, _ = _entities(
        "Сделку одобрило агентство Blueline. Позже Blueline подтвердило, что выплатит премии."
    )
    assert orgs["агентство Blueline"] == 2
    assert "Blueline" not in orgs


def test_embassy_in_a_city():
    orgs, places = _entities("Сотрудники посольства в Лиме получили письмо от министра.")
    assert orgs == {"посольство в Лиме": 1}
    assert places == {"Лима": 1}


def test_person_genitive_only_where_it_names_an_office():
    orgs, _ = _entities(
        "Как сообщила пресс-служба Иванова, работы шли под руководством Петрова всю неделю."
    )
    assert orgs == {"пресс-служба Иванова": 1}


def test_singular_power_is_not_the_authorities():
    orgs, _ = _entities(
        "Он рассуждал о природе власти Древнего Рима, а власти Перу тем временем молчали."
    )
    assert orgs == {"власти Перу": 1}


def test_abbreviation_and_full_name_are_one_organization_also_inside_a_longer_name():
    orgs, places = _entities(
        "Европейский союз ввёл пошлины на сталь. Решение ЕС вступит в силу в мае, сообщила "
        "комиссия ЕС, а в комиссии Европейского союза добавили подробности."
    )
    # the union is named four times: twice alone, twice inside the commission's name
    assert orgs == {"Европейский союз": 4, "комиссия ЕС": 2}
    assert places == {}


def test_union_written_as_one_word_is_an_organization_not_a_place():
    orgs, places = _entities("Евросоюз обсудит новые санкции в четверг в Брюсселе.")
    assert orgs == {"Евросоюз": 1}
    assert places == {"Брюссель": 1}


def test_bracketed_abbreviation_merges_into_the_name():
    orgs, _ = _entities(
        "Доклад подготовил Комитет защиты фермеров (КЗФ). Позже КЗФ опубликовал данные."
    )
    assert orgs == {"Комитет защиты фермеров": 3}


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Об этом сообщили в МИДе Перу.", "org", "МИД Перу"),
        ("Вечер прошёл в Центральном доме литераторов.", "org", "Центральный дом литераторов"),
        ("Делегация прибыла из Соединённых Штатов Америки.", "place", "Соединённые Штаты Америки"),
        ("Туристы вернулись из Объединённых Арабских Эмиратов.", "place",
         "Объединённые Арабские Эмираты"),
        ("Заседание прошло в Государственной думе.", "org", "Государственная дума"),
    ],
)
def test_names_in_the_nominative_with_their_dependents_as_written(text, kind, name):
    orgs, places = _entities(text)
    assert name in (orgs if kind == "org" else places)


def test_a_list_run_together_with_bullets_is_one_place_per_item():
    _, places = _entities("Маршрут тура: Перу • Чили • Боливия")
    assert set(places) == {"Перу", "Чили", "Боливия"}


def test_team_names_natasha_calls_people_are_organizations_after_team():
    orgs, _ = _entities("Команда Феррари подала протест, команда Макларен-Мерседес промолчала.")
    assert set(orgs) == {"команда Феррари", "команда Макларен-Мерседес"}


def test_a_place_named_after_the_institution_noun_in_the_nominative_is_not_governed():
    orgs, places = _entities("В докладе правительства Москва названа лидером по стройке.")
    assert orgs == {}
    assert places == {"Москва": 1}


def test_a_website_named_in_the_text_is_an_organization_a_link_or_an_address_is_not():
    orgs, _ = _entities(
        "Композитор может не приехать на конкурс, сообщает baltinfo.ru. Программу можно "
        "посмотреть по ссылке https://konkurs-example.ru/program/2027 или запросить на "
        "info@festival-example.com. Как цитирует Infox.ru директора фестиваля, подготовка "
        "продолжится. Об этом также пишет РИА Новости (ria.ru)."
    )
    assert "baltinfo.ru" in orgs and "Infox.ru" in orgs
    assert not any("example" in name for name in orgs)
    assert "ria.ru" not in orgs and "РИА Новости" in orgs  # the agency's own site, in brackets


def test_a_name_the_tagger_misread_in_a_list_of_places_is_a_place():
    _, places = _entities(
        "Соглашение подписали делегации:\n\n• Чили • Коста Рика • Эквадор • Египет • Эль "
        "Сальвадор • Эфиопия\n\nСледующая встреча пройдёт в Лиме."
    )
    assert {"Коста Рика", "Эль Сальвадор", "Чили", "Эквадор"} <= set(places)


def test_a_hyphenated_place_natasha_left_in_its_case_is_put_in_the_nominative():
    doc = parse_doc(
        "Трассу в обход Каменска-Уральского открыли в пятницу. Рейсы из Усть-Каменогорска "
        "задержаны, а в Ростове-на-Дону прошёл форум."
    )
    _, places = extract_entities(doc)
    assert [e.name for e in places] == ["Каменск-Уральский", "Усть-Каменогорск", "Ростов-на-Дону"]


def test_a_quoted_name_of_a_play_an_app_or_a_prize_is_no_organization():
    orgs, _ = _entities(
        "Премию «Золотая маска» получил спектакль «Сад» омского театра «Студия», а в списке "
        "были и постановки «Онегин» и «Весна». Пассажиры жаловались на приложение «Метро "
        "Москвы», а зрители увидели и спектакль «Омского академического театра»."
    )
    assert not {"Сад", "Онегин", "Весна", "Метро Москвы", "Золотая маска"} & set(orgs)
    assert "омский театр «Студия»" in orgs
    assert "Омский академический театр" in orgs  # declined: the play's owner


def test_a_quoted_station_or_stop_is_a_place_named_with_its_noun():
    orgs, places = _entities(
        "В Казани открыли станции «Савиново», «Мира» и «Гагаринская». В магазинах у метро "
        "«Проспект Победы» закончилась вода. На подстанции «Лесная» отказало оборудование. "
        "Автобус сломался у остановки «Улица Революционная». Поезд встал между станциями "
        "«Котельники» и «Жулебино». Пробы взяли на водозаборной станции «Водоканала»."
    )
    for name in ("станция «Мира»", "станция «Гагаринская»", "метро «Проспект Победы»",
                 "подстанция «Лесная»", "остановка «Улица Революционная»",
                 "станция «Котельники»", "станция «Жулебино»"):
        assert name in places
    assert not {"Мир", "Мира", "Проспект Победы", "Лесная", "Улица Революционная",
                "Котельники", "Жулебино"} & set(orgs)
    # a common noun in the genitive names the station's owner, not the station
    assert "станция «Водоканала»" not in places
    assert any(name.startswith("Водоканал") for name in orgs)


def test_a_spacecraft_and_a_bare_kind_of_housing_are_neither_place_nor_organization():
    orgs, places = _entities(
        "Российская станция «Луна-30» вышла на орбиту. Автоматическая станция «Пульсар» "
        "передала снимки. Астронавт провёл год на борту станции «Мир». Дольщики ЖК «Северные "
        "сады» ждут ключей, а крупнейший ЦОД компании «ДатаСфера» откроют в Иннополисе."
    )
    assert not {"Луна-30", "станция «Луна-30»", "Пульсар", "станция «Пульсар»", "ЖК", "ЦОД",
                "станция «Мир»"} & (set(orgs) | set(places))


def test_a_one_word_name_natasha_leaves_in_an_oblique_case_is_given_in_the_nominative():
    orgs, _ = _entities(
        "Об этом «Известиям» рассказал источник. По данным Авиалесоохраны, пожары потушены, а "
        "документы запросили и у «Атомфлота». Матч пройдёт в «Лужниках». Трабзонспоре сменили "
        "тренера."
    )
    assert {"Известия", "Авиалесоохрана", "Атомфлот", "Лужники"} <= set(orgs)
    assert not {"Известиям", "Авиалесоохраны", "Атомфлота", "Лужниках"} & set(orgs)
    # a guess that cannot tell the nominative leaves the name as written
    assert "Трабзонспора" not in orgs
    # a brand and the noun it names; a head and its genitive stay as they are
    orgs, _ = _entities(
        "Матч прошёл на Лукойл Арене при 40 тысячах зрителей. Данные хранятся в Яндекс "
        "Облаке, сообщили в Банке России и в Институте Европы."
    )
    assert {"Лукойл Арена", "Яндекс Облако", "Банк России", "Институт Европы"} <= set(orgs)


def test_a_place_natasha_leaves_in_its_case_takes_the_dictionarys_place_name():
    _, places = _entities(
        "Стройку в Бибиреве остановили. Снегопад в Тушине и в Шереметьеве задержал рейсы. "
        "Авария произошла между Чишмами и Уфой. Паводок на Тоболе не спадает. В Ростове-на-Дону "
        "и в Иванове тепло."
    )
    for name in ("Бибирево", "Тушино", "Шереметьево", "Чишмы", "Тобол", "Ростов-на-Дону",
                 "Иваново"):
        assert name in places
    assert not {"Бибиреве", "Тушин", "Шереметьев", "Чишмами", "Тоболе"} & set(places)


def test_a_street_named_after_someone_is_the_street_not_the_person():
    _, places = _entities(
        "Автобус и маршрутка столкнулись на улице Менделеева в Уфе. Воду дали на проспекте "
        "Победы к вечеру. Машины стояли на улице Комсомольской, а на улицах Архангельска "
        "убрали снег."
    )
    assert "улица Менделеева" in places and "проспект Победы" in places
    assert not {"Менделеев", "Победа", "улица Комсомольской", "улица Архангельска"} & set(places)


def test_coordinated_places_sharing_one_plural_noun_are_each_named_in_full():
    _, places = _entities(
        "Воды нет в Приволжском и Советском районах. Магазины откроют в Самарской, Саратовской "
        "и Ульяновской областях, а также в Северо-Западном и Центральном федеральных округах."
    )
    for name in ("Приволжский район", "Советский район", "Самарская область",
                 "Саратовская область", "Ульяновская область",
                 "Северо-Западный федеральный округ", "Центральный федеральный округ"):
        assert name in places
    assert not {"Приволжский", "Советские районы", "Самарская", "Ульяновские области"} & set(
        places)


def test_a_regional_branchs_abbreviation_alone_is_no_organization():
    orgs, _ = _entities(
        "Об этом сообщили в пресс-службе ГУ МЧС по столице. Дело возбудило ГСУ СК по Москве. "
        "В пресс-службе СУ СК по республике подтвердили задержание."
    )
    assert "МЧС" in orgs and "СК" in orgs
    assert not {"ГУ", "ГСУ", "СУ"} & set(orgs)
