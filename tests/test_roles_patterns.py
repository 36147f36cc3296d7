"""Role patterns on invented texts (real natasha models): what the card shows beside a name."""

from __future__ import annotations

from people_of import roles_of


def test_hyphenated_and_former_offices_before_the_name():
    roles = roles_of(
        "Вчера журналисты раскритиковали премьер-министра Эстонии Карла Мяэотса за новый "
        "налог. Экс-председатель Верховного совета Непала Раджа Тапа прибыл в Дели."
    )
    assert roles["Карл Мяэотс"] == "премьер-министр Эстонии"
    assert roles["Раджа Тапа"] == "экс-председатель Верховного совета Непала"


def test_name_hung_on_the_inner_noun_or_on_a_title_keeps_the_whole_office():
    roles = roles_of(
        "Руководитель клуба Г. Мельникова создаёт условия для детей. На встрече был "
        "председатель Совета ветеранов Казани шейх Ильдар Хайруллин."
    )
    assert roles["Г. Мельников"] == "руководитель клуба"
    assert roles["Ильдар Хайруллин"] == "председатель Совета ветеранов Казани"


def test_every_office_of_one_person_listed_before_the_name():
    roles = roles_of(
        "Среди задержанных оказался депутат городского собрания района Лесное, сопредседатель "
        "областного отделения партии «Рассвет» Кирилл Волобуев."
    )
    assert roles["Кирилл Волобуев"] == (
        "депутат городского собрания района Лесное, "
        "сопредседатель областного отделения партии «Рассвет»"
    )


def test_role_after_the_name_set_off_by_a_dash_or_a_bracket():
    roles = roles_of(
        "На конференции выступят Ольга Дронова - директор Института истории края, Пётр "
        "Сазонов - руководитель проекта «Тихая гавань». Тренеры Карл Вебер, Ханс Отт (второй "
        "тренер) и Йорг Майер (тренер вратарей) сообщили это решение."
    )
    assert roles["Ольга Дронова"] == "директор Института истории края"
    assert roles["Пётр Сазонов"] == "руководитель проекта «Тихая гавань»"
    assert roles["Ханс Отт"] == "второй тренер"
    assert roles["Йорг Майер"] == "тренер вратарей"


def test_role_after_a_comma_that_runs_into_the_next_name_is_that_names():
    roles = roles_of(
        "На митинг пришли Лев Рыбаков, координатор движения «Зелёный город» Сергей Уткин "
        "и другие."
    )
    assert roles["Лев Рыбаков"] is None
    assert roles["Сергей Уткин"] == "координатор движения «Зелёный город»"


def test_founder_owner_and_academic_title_are_not_offices():
    roles = roles_of(
        "Основатель сервиса «Лисья нора» Аркадий Полозов объявил о продаже компании. "
        "Академик Семён Рогов выступил с докладом. Об этом сообщил владелец кафе «Пирожок» "
        "Тимур Ахмедов."
    )
    assert roles["Аркадий Полозов"] is None
    assert roles["Семён Рогов"] is None
    assert roles["Тимур Ахмедов"] is None


def test_an_occupation_is_a_role_only_with_its_organization_named():
    roles = roles_of(
        "Городской врач Анна Ким считает, что эпидемия идёт на спад. Ведущий экономист "
        "«Уралпромбанка» Олег Сизов с ней не согласен."
    )
    assert roles["Анна Ким"] is None
    assert roles["Олег Сизов"] == "ведущий экономист «Уралпромбанка»"


def test_offices_stacked_before_the_name_are_both_kept():
    roles = roles_of(
        "Утром представитель вооружённых сил полковник Сомчай Пхонг заявил о потерях. Об этом "
        "сказал лидер Союза крымских караимов, народный депутат Украины Исаак Бабаев."
    )
    assert roles["Сомчай Пхонг"] == "представитель вооружённых сил полковник"
    assert roles["Исаак Бабаев"] == "лидер Союза крымских караимов, народный депутат Украины"


def test_the_role_of_a_name_inside_another_role_phrase_goes_to_its_own_person():
    roles = roles_of("Об этом сообщил пресс-секретарь губернатора Игоря Лыкова Денис Панин.")
    assert roles["Игорь Лыков"] == "губернатор"
    assert roles["Денис Панин"] == "пресс-секретарь губернатора Игоря Лыкова"


def test_holding_a_post_and_acting_in_an_office():
    roles = roles_of(
        "Андрей Волков, занимающий пост генерального директора компании «Ривер», подал в "
        "отставку. В 2019 году Олег Тарасов занял пост генерального директора завода. "
        "Слова Анны Крайновой, исполняющей обязанности главы администрации Зареченска, "
        "подтвердились."
    )
    assert roles["Андрей Волков"] == "генеральный директор компании «Ривер»"
    assert roles["Олег Тарасов"] == "генеральный директор завода"
    assert roles["Анна Крайнова"] == "исполняющая обязанности главы администрации Зареченска"


def test_latin_original_and_latin_organization_names_around_the_role():
    roles = roles_of(
        "Слова Скотта Бейкера (Scott Baker), бывшего астронавта, подтвердились. На форуме "
        "выступила Анна Фогель - директор Global Fresh Foods."
    )
    assert roles["Скотт Бейкер"] == "бывший астронавт"
    assert roles["Анна Фогель"] == "директор Global Fresh Foods"


def test_a_description_before_the_office_in_a_chain_of_appositives_is_skipped():
    roles = roles_of(
        "Суд оправдал Андрея Сомова, известного правозащитника, члена Общественной палаты "
        "Самарской области."
    )
    # the name's own normal form is another module's concern: find the person by its stem
    role = next(r for name, r in roles.items() if name.startswith("Андрей Сомов"))
    assert role == "член Общественной палаты Самарской области"


def test_office_as_predicate_of_a_naming_verb_or_a_copula():
    roles = roles_of(
        "Вчера тренер назвал Игоря Панова первым вратарём сборной. Губернатор назначил Ольгу "
        "Титову министром культуры области. Олег Сидоров был капитаном сборной области."
    )
    assert roles["Игорь Панов"] == "первый вратарь сборной"
    assert roles["Ольга Титова"] == "министр культуры области"
    assert roles["Олег Сидоров"] == "капитан сборной области"


def test_an_office_conjoined_with_a_non_office_before_the_name():
    roles = roles_of(
        "Об этом заявил бывший глава Северной лесной компании и совладелец Zeta Оскар Лидин."
    )
    assert roles["Оскар Лидин"] == "бывший глава Северной лесной компании"


def test_a_long_office_with_an_abbreviation_in_brackets():
    roles = roles_of(
        "Генеральный секретарь Союза за свободу против монополий (ССМ) Ким Ли Сон сообщил "
        "о забастовке."
    )
    assert roles["Ким Ли Сон"] == (
        "генеральный секретарь Союза за свободу против монополий (ССМ)"
    )


def test_one_of_several_and_a_compound_office():
    roles = roles_of(
        "Победу посвятили Жану Лефевру, одному из президентов группы компаний Lumex, "
        "погибшему накануне. Её преемницей стала первая женщина-спикер парламента Анна Вилке."
    )
    assert roles["Жан Лефевр"] == "один из президентов группы компаний Lumex"
    assert roles["Анна Вилке"] == "первая женщина-спикер парламента"


def test_office_stated_next_sentence_about_the_one_person_named_before():
    roles = roles_of(
        "Нир Авраами отказался от поездки в Вашингтон. Премьер-министр Израиля заявил, что не "
        "полетит на саммит.\n\nЛеван Кипиани стал единым кандидатом от оппозиции. В настоящий "
        "момент он является депутатом парламента Грузии от партии «Новые правые»."
    )
    assert roles["Нир Авраами"] == "премьер-министр Израиля"
    assert roles["Леван Кипиани"] == "депутат парламента Грузии"


def test_office_stated_next_sentence_is_no_ones_when_two_people_were_named():
    roles = roles_of(
        "Иван Петров и Анна Сидорова приехали в Москву. Премьер-министр Израиля заявил, что "
        "не полетит на саммит."
    )
    assert roles["Иван Петров"] is None
    assert roles["Анна Сидорова"] is None


def test_conjoined_people_do_not_share_an_office():
    roles = roles_of("Вчера президент и первая леди Анна Лоуренс посетили больницу.")
    assert roles["Анна Лоуренс"] is None


def test_a_role_after_the_name_ends_at_the_line_break():
    roles = roles_of(
        "«Отклонений не выявлено».\n\n— Ольга Рябцева, заместитель начальника пресс-службы "
        "областного МЧС\n\nСотрудники Росприроднадзора провели рейд по реке."
    )
    assert roles["Ольга Рябцева"] == "заместитель начальника пресс-службы областного МЧС"


def test_an_unnamed_office_goes_to_no_one_but_the_stories_main_subject():
    roles = roles_of(
        "Дмитрий Песков сообщил о визите Ивана Рогова. Президент России заявил, что встреча "
        "состоится. Рогов прибудет в Москву.\n\nВизит Нира Авраами отменён. Премьер-министр "
        "Израиля заявил, что не полетит на саммит."
    )
    assert roles["Дмитрий Песков"] is None  # Рогов, mentioned more, is the story's person
    assert roles["Нир Авраами"] is None  # named in the genitive: not the sentence's subject


def test_taking_the_place_of_an_office_and_a_titled_subject():
    roles = roles_of(
        "Место спикера городской думы в новом созыве занял республиканец Игорь Сотников. "
        "Команда Петра Глухова заняла первое место."
    )
    assert roles["Игорь Сотников"] == "спикер городской думы"
    assert roles["Петр Глухов"] is None


def test_an_office_word_that_is_also_another_noun_is_read_in_its_sentences_case():
    """«аналитика» before a genitive name is the analyst's genitive, not «analytics»: the
    card names the office in the nominative."""
    roles = roles_of(
        "По словам аналитика компании «Агроэксперт» Ольги Никитиной, урожай будет ниже "
        "прошлогоднего. Цены на зерно вырастут к осени."
    )
    assert roles["Ольга Никитина"] == "аналитик компании «Агроэксперт»"
