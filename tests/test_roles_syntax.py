"""Roles the parser attaches to their own person (invented texts, real natasha syntax)."""

from __future__ import annotations

import signal

from people_of import roles_of


def test_role_noun_phrase_before_the_name_with_an_organization_in_quotes():
    roles = roles_of(
        "Координатор сервиса «Лисья нора» Аркадий Полозов объявил о продаже компании. "
        "Генеральный директор холдинга «Северный кедр» Инна Лаптева подтвердила сделку."
    )
    assert roles["Аркадий Полозов"] == "координатор сервиса «Лисья нора»"
    assert roles["Инна Лаптева"] == "генеральный директор холдинга «Северный кедр»"


def test_each_name_in_a_list_gets_only_its_own_role():
    roles = roles_of(
        "На митинге задержали известного эколога Ростислава Жукова, координатора движения "
        "«Чистый берег» Тараса Белых и депутата городской думы Марину Сычеву."
    )
    assert roles["Тарас Белых"] == "координатор движения «Чистый берег»"
    assert roles["Марина Сычева"] == "депутат городской думы"
    assert roles["Ростислав Жуков"] != "координатор движения «Чистый берег»"


def test_appositive_after_a_comma_and_linking_verb_predicate():
    roles = roles_of(
        "Геннадий Ольховский, министр природных ресурсов области, открыл заповедник. "
        "В прошлом году Вера Кудинова стала председателем областного суда."
    )
    assert roles["Геннадий Ольховский"] == "министр природных ресурсов области"
    assert roles["Вера Кудинова"] == "председатель областного суда"


def test_role_governing_the_name_through_an_inner_noun_is_kept_whole():
    roles = roles_of(
        "Делегация встретилась с заместителем министра финансов Армении Гором Акопяном."
    )
    assert roles["Гор Акопян"] == "заместитель министра финансов Армении"


def test_the_acting_post_before_an_office_is_not_glued_to_it():
    """«назначила исполняющей обязанности мэра первого заместителя главы города Ольгу
    Рябцеву» had given «мэр первого заместителя главы города»; the office of one who
    serves another keeps that other («помощник первого заместителя …»)."""
    roles = roles_of(
        "Дума назначила исполняющей обязанности мэра первого заместителя главы города Ольгу "
        "Рябцеву. Совет директоров назначил исполняющим обязанности генерального директора "
        "финансового директора Павла Орлова. На встрече выступил помощник первого заместителя "
        "главы города Иван Петров."
    )
    assert roles["Ольга Рябцева"] == "первый заместитель главы города"
    assert roles["Павел Орлов"] == "финансовый директор"
    assert roles["Иван Петров"] == "помощник первого заместителя главы города"


def test_a_participle_used_as_a_noun_heads_a_role():
    """«заведующей лабораторией», «нападающий «Ростова»», «конкурсный управляющий»: the
    dictionary reads them as participles of «заведовать», «нападать», «управлять»."""
    roles = roles_of(
        "«Бактерии живут в иле», — рассказала заведующая лабораторией микробиологии Ольга "
        "Белькова. Гол забил нападающий «Ростова» Эрик Саядян. Генеральный конструктор предприятия "
        "Сергей Мухин доложил о запуске."
    )
    assert roles["Ольга Белькова"] == "заведующая лабораторией микробиологии"
    assert roles["Эрик Саядян"] == "нападающий «Ростова»"
    assert roles["Сергей Мухин"] == "генеральный конструктор предприятия"


def test_an_inanimate_noun_before_an_organization_is_no_role():
    """«сектором нидерландской графики Эрмитажа»: «графики» may be read as artists («график»),
    but the sentence has it inanimate: art, not an artist; her office is the sector's head."""
    roles = roles_of(
        "По словам заведующей сектором нидерландской графики Эрмитажа Марины Ланской, "
        "рисунки уникальны."
    )
    assert roles["Марина Ланская"] == "заведующая сектором нидерландской графики Эрмитажа"


def test_a_bare_description_or_relation_is_not_an_office():
    roles = roles_of(
        "Скульптор Глеб Миронов представил памятник. Жена скульптора Дарья Миронова "
        "поблагодарила гостей."
    )
    assert roles["Глеб Миронов"] is None
    assert roles["Дарья Миронова"] is None


def test_a_token_the_parser_makes_its_own_head_does_not_hang_the_analysis():
    """The parser made «замминистра» its own head in this sentence: walking its subtree
    without marking visited tokens never ended and ate all memory. An alarm turns a hang
    into a failure."""

    def hung(signum, frame):
        raise TimeoutError("role extraction did not finish in 60 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        roles = roles_of(
            "Президент подписал указ о назначении временно исполняющим обязанности губернатора "
            "Томской области замминистра энергетики Павла Сорокина, сообщает пресс-служба Кремля."
        )
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert roles["Павел Сорокин"] == "замминистра энергетики"
