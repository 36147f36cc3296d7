"""Cleaning as the user sees it: every sample and seed → exact metadata, story kept, junk gone."""

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from digest.clean import clean, line_kind
from digest.prepare import prepare_bytes, prepare_text

REF = date(2025, 10, 25)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def sample(name: str) -> bytes:
    return resources.files("digest").joinpath("samples", name).read_bytes()


# name → (title, published, source, boilerplate that must be gone, story that must stay)
SAMPLES = {
    "economy_forecast.html": (
        "Минэкономразвития повысило прогноз роста ВВП на 2026 год",
        date(2025, 10, 21),
        "Экономический вестник",
        ["Финансы", "Главная", "ВКонтакте", "Здание министерства", "Фото: Сергей Лукин",
         "Теги", "Читайте также", "Центробанк сохранил", "Самое читаемое", "cookie",
         "Все права защищены", "Ctrl+Enter", "dataLayer", "12:40"],
        ["Министерство экономического развития повысило прогноз роста ВВП на 2026 год с 1,3% "
         "до 1,8%.", "— заявил Колесников на заседании правительственной комиссии.",
         "рост ВВП вряд ли превысит 1,5%."],
    ),
    "diplomacy_talks.md": (
        "Россия и Киргизия договорились расширить расчёты в национальных валютах",
        date(2025, 10, 22),
        None,
        ["#", "**", "](", "Опубликовано", "Министры на пресс-конференции", "Теги",
         "дипломатия", "Подписывайтесь", "---", "_"],
        ["со своим киргизским коллегой Азаматом Токтогуловым.",
         "По итогам встречи министры подписали план межмидовских консультаций",
         "как пояснили в пресс-службе МИД, предусматривает",
         "— заявил Громов на совместной пресс-конференции.",
         "Следующий раунд консультаций запланирован на весну 2026 года в Москве."],
    ),
    "health_vaccine.txt": (
        "Минздрав: вакцинация от гриппа в регионах выполнена на 62%",
        date(2025, 10, 14),
        None,
        ["Image", "• 12", "87 SHARES", "14.10.2025", "Здоровье\n", "Фото: пресс-служба",
         "©", "Ирина Соколова", "Читайте также", "Педиатры назвали", "фельдшерско",
         "отличить грипп"],
        ["В российских регионах привито от гриппа уже 62%",
         "вакцины «Гриппомед-Тетра»",
         "– Пик заболеваемости мы ожидаем в конце декабря",
         "после того, как увидели фото очередей у мобильных пунктов вакцинации",
         "Привиться можно бесплатно по полису ОМС."],
    ),
    "region_bridge.txt": (
        "На Урале открыли движение по новому участку трассы в обход Каменска",
        date(2025, 10, 17),
        "ТАСС",
        ["ЕКАТЕРИНБУРГ", "/ТАСС/", "17 октября"],
        ["Движение по новому участку автодороги в обход Каменска-Уральского длиной 7 км",
         "- сказал Ветлугин журналистам.",
         "проект протяжённостью 11 км планируется завершить в 2027 году."],
    ),
    "economy_second_cp1251.txt": (
        "Правительство ждёт ускорения экономики в 2026 году",
        date(2025, 10, 21),
        "finkurier.ru",
        ["finkurier", "Недвижимость", "Рынки", "15:05", "Автор", "Виноградова", "Теги",
         "Версия для печати"],
        ["улучшило ожидания по росту ВВП на 2026 год: теперь ведомство закладывает в прогноз "
         "1,8% вместо прежних 1,3%.", "Денис Рябов полагает",
         "Госдума рассмотрит во втором чтении в ноябре."],
    ),
    "harvest_record.txt": (
        "Саратовские аграрии собрали рекордный урожай подсолнечника",
        date(2025, 10, 9),
        None,
        ["date", "2025-10-09", "Комментарии", "Войдите", "Подписывайтесь", "Telegram"],
        ["собрали рекордные 2,1 млн тонн маслосемян.",
         "– Погода нам помогла, но главное",
         "В министерстве перечислили крупнейших покупателей:",
         "- маслоэкстракционный завод в Балакове — около 700 тысяч тонн;",
         "- экспорт в Китай и Турцию — до 300 тысяч тонн.",
         "аграрии и переработчики подписали ещё летом"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_cleaned(name: str) -> None:
    title, published, source, junk, story = SAMPLES[name]
    doc = prepare_bytes(sample(name), name, reference_date=REF)
    assert doc.title == title
    assert doc.published == published
    assert doc.source == source
    assert title not in doc.text
    for line in junk:
        assert line not in doc.text + "\n", line
    for line in story:
        assert line in doc.text, line
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()


def test_samples_are_realistic_sizes_and_cp1251_is_really_cp1251() -> None:
    names = [p.name for p in resources.files("digest").joinpath("samples").iterdir()]
    assert set(SAMPLES) <= set(names)
    raw = sample("economy_second_cp1251.txt")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    for name in SAMPLES:
        doc = prepare_bytes(sample(name), name, reference_date=REF)
        assert 1200 <= len(doc.text.encode("utf-8")) <= 4000, name


@pytest.mark.parametrize(
    "line",
    [
        "756 SHARES", "  • 63", "Image", "[изображение]", "Фото: РИА Новости",
        "© Анна Петрова/ ТАСС", "Фото из открытых источников", "www.example.ru",
        "https://example.ru/news/123", "Поделиться", "Нравится", "Комментарии (12)",
        "Войдите, чтобы оставить комментарий", "Подписывайтесь на наш Telegram-канал",
        "Мы используем файлы cookie для улучшения работы сайта", "Теги: экономика, бюджет",
        "Автор: Пётр Смирнов", "Текст: Мария Иванова", "Главная / Новости / Экономика",
        "date 2025-10-21", "27.11.2024 14:25 Авторитетно", "Опубликовано: 21 октября 2025, 10:00",
        "Источник: Интерфакс", "Читайте также: Нацбанк повысил ставку", "12 просмотров",
        # date lines with a two-digit year or a day word; "updated at" with a time only
        "24.06.25 09:40 | Пётр Орлов", "Вчера в 17:25 · Ирина Соколова", "Сегодня, 06:50",
        "вчера, 23:05", "Обновлено в 14:20", "Изменено: 09:15",
        # reading time in any wording, alone or among counters
        "Время чтения: 6 минут", "Время на прочтение — около 2 минут", "4 мин на чтение",
        "Читать 3 мин.", "⏱ 5 мин", "Просмотров: 2 410 · 3 мин чтения", "7 min read",
        # share rows with counters
        "Поделиться   ВКонтакте 41   Одноклассники 7   Telegram 12", "VK 3 · OK · TG 15 · Дзен",
        "Поделиться: ВК · ОК · Telegram · WhatsApp · Viber",
    ],
)  # fmt: skip
def test_boilerplate_lines(line: str) -> None:
    assert line_kind(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Стороны подписали соглашение о поставках газа на 10 лет.",
        "На фото, опубликованных пресс-службой, видно, как строители монтируют пролёт.",
        "Фотовыставка «Город» откроется 5 ноября в Манеже.",
        "– Мы готовы к переговорам, – заявил министр.",
        "- товарооборот сельскохозяйственной продукции вырос на 5%;",
        "Подписка на издание выросла на 12% за год.",
        "Комментарии министра прозвучали после заседания правительства.",
        "27 ноября 2024 года стороны подписали меморандум о строительстве завода.",
        "Сегодня в 19:00 в филармонии выступит камерный оркестр из Казани.",
        "Вчера в 18:10 на трассе столкнулись два грузовика",
        "Время чтения у школьников сократилось до 12 минут в день",
        "Читать 20 минут в день советуют педагоги.",
        "Telegram и WhatsApp ограничили звонки",
    ],
)
def test_story_lines_are_not_boilerplate(line: str) -> None:
    assert line_kind(line) is None


def test_tail_cut_only_near_bottom() -> None:
    body = [
        "Власти Казани открыли новый парк площадью 12 гектаров на берегу Казанки.",
        "Читайте также",
        "В парке высадили 3 тысячи деревьев, проложили 4 км велодорожек и набережную.",
        "Открытие посетили около 20 тысяч горожан, сообщили в мэрии города.",
        "Похожие материалы",
        "В Уфе отремонтируют набережную",
        "Мэрия Самары объявила конкурс на проект сквера.",
    ]
    cleaned = clean("\n\n".join(body))
    assert cleaned.paragraphs == [body[0], body[2], body[3]]


def test_dateline_becomes_metadata() -> None:
    text = (
        "МОСКВА, 22 октября. /ТАСС/. Лидер партии «Новые горизонты» Алексей Кравец заявил, "
        "что фракция поддержит законопроект во втором чтении.\n"
        "По его словам, поправки касаются налоговых льгот для малого бизнеса."
    )
    doc = prepare_text(text, reference_date=REF)
    assert doc.published == date(2025, 10, 22)
    assert doc.source == "ТАСС"
    assert doc.text.startswith("Лидер партии «Новые горизонты» Алексей Кравец заявил")
    # a first sentence of up to 14 words is the whole title, without the final period
    assert doc.title == (
        "Лидер партии «Новые горизонты» Алексей Кравец заявил, что фракция поддержит "
        "законопроект во втором чтении"
    )


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds are not available")
class TestSeeds:
    def prepare(self, name: str):
        return prepare_bytes((SEEDS / name).read_bytes(), name, reference_date=REF)

    def paragraphs(self, name: str) -> list[str]:
        lines = (SEEDS / name).read_text("utf-8").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def test_article_a_title_from_lead(self) -> None:
        doc = self.prepare("article_a.txt")
        lead = self.paragraphs("article_a.txt")[0]
        assert doc.title.endswith("…")
        assert lead.startswith(doc.title[:-1])
        assert 8 <= len(doc.title.split()) <= 12
        assert doc.published is None
        assert doc.text.split("\n\n") == self.paragraphs("article_a.txt")

    def test_article_b_headline_and_subtitle(self) -> None:
        doc = self.prepare("article_b.txt")
        assert doc.title == "Михаил Мишустин: Казахстан — наш стратегический партнёр и союзник"
        assert doc.subtitle == "Главы правительств Казахстана и России встретились в Астане"
        assert doc.published is None
        assert doc.text.split("\n\n") == self.paragraphs("article_b.txt")[2:]

    def test_article_c_boilerplate_gone(self) -> None:
        doc = self.prepare("article_c.txt")
        assert doc.title == "Токаев: Наше сотрудничество с Россией развивается по восходящей линии"
        assert doc.published == date(2024, 11, 27)
        assert doc.source == "Kazpravda.kz"
        pars = doc.text.split("\n\n")
        for junk in ("Image", "•", "SHARES", "27.11.2024", "Авторитетно", "Похожие материалы"):
            assert junk not in doc.text
        for line in ("63", "378", "40", "97"):
            assert line not in pars
        assert pars[0].startswith("Глава государства провел переговоры с президентом России")
        assert pars[0].endswith("сообщает Kazpravda.kz со ссылкой на Акорду")
        story = [p for p in self.paragraphs("article_c.txt") if len(p.split()) > 12]
        assert pars == story


STORY = [
    "Власти Казани открыли новый парк площадью 12 гектаров на берегу Казанки, сообщили в мэрии.",
    "В парке высадили 3 тысячи деревьев, проложили 4 км велодорожек и обустроили набережную.",
    "Открытие посетили около 20 тысяч горожан, вечером на набережной прошёл концерт.",
]


@pytest.mark.parametrize(
    "ad",
    [
        ["Реклама", "Дома из клеёного бруса под ключ от 2,4 млн рублей. Рассрочка 0%",
         "Реклама. ООО «Лесной Дом». ИНН 1655123456. erid: 4CQwVszH9pW"],
        ["Партнёрский материал", "Летние шины со скидкой до 30%.", "Выгода на комплект.",
         "ООО «Шинный Двор», ИНН 7701234567"],
    ],
)  # fmt: skip
def test_advert_block_between_label_and_marking_is_dropped(ad: list[str]) -> None:
    cleaned = clean("\n\n".join([*STORY[:2], *ad, STORY[2]]))
    assert cleaned.paragraphs == STORY


def test_advert_label_without_marking_leaves_the_story() -> None:
    text = [STORY[0], "Реклама", STORY[1], STORY[2],
            "Компания «Лесной Дом» (ИНН 1655123456) оспорила штраф в арбитражном суде."]
    assert clean("\n\n".join(text)).paragraphs == [STORY[0], *text[2:]]


@pytest.mark.parametrize(
    "poll",
    [
        ["Опрос", "Нужен ли городу новый парк?", "Да, давно пора — 71%", "Нет — 22%",
         "Затрудняюсь ответить — 7%"],
        ["Голосование", "- За (58%)", "- Против (42%)"],
        ["Куда лучше потратить деньги?", "На дороги: 40%", "На школы: 60%",
         "Проголосовали 1 208 человек"],
    ],
)  # fmt: skip
def test_poll_widget_with_shares_is_dropped(poll: list[str]) -> None:
    cleaned = clean("\n\n".join([*STORY[:2], *poll, STORY[2]]))
    assert cleaned.paragraphs == STORY


def test_survey_shares_in_the_story_stay() -> None:
    survey = [
        "По данным опроса горожан, мнения о парке разделились:",
        "- поддерживают строительство — 54%;",
        "- выступают против — 31%",
        "- не определились — 15%",
    ]
    assert clean("\n\n".join([*STORY[:2], *survey, STORY[2]])).paragraphs == [
        *STORY[:2], *survey, STORY[2]
    ]


def test_share_row_inside_the_story_is_dropped() -> None:
    text = [*STORY[:2], "Поделиться ВКонтакте 3 Одноклассники 1 Telegram 9", STORY[2]]
    assert clean("\n\n".join(text)).paragraphs == STORY


@pytest.mark.parametrize("line", ["Мир в 2025", "Мой мир 2", "Макс в 2024"])
def test_line_with_words_of_a_share_phrase_is_no_share_row(line: str) -> None:
    # "поделиться в соцсетях" and "мой мир" once made "в", "мой" and "мир" share words
    text = [*STORY[:2], line, STORY[2]]
    assert clean("\n\n".join(text)).paragraphs == text


@pytest.mark.parametrize(
    "signature",
    [
        "Администрация Тихорецкого городского поселения",
        "Министерство природных ресурсов Омской области",
        "Комитет по делам молодёжи Тульской области",
    ],
)
def test_body_signing_the_statement_is_kept(signature: str) -> None:
    text = [*STORY, signature, "Подписывайтесь на наш канал в Telegram"]
    assert clean("\n\n".join(text)).paragraphs == [*STORY, signature]


def test_related_headline_after_the_story_is_not_a_signature() -> None:
    text = [*STORY, "Мэрия Омска закрыла на ремонт мост через Иртыш"]
    assert clean("\n\n".join(text)).paragraphs == STORY
