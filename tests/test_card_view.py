"""The full card as a reader sees it: figures with the words of their clause, long quotes
shortened (the stored card keeps them whole), and the story's other outlets with their links
and /aN commands. Invented reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot_harness import READER, running_bot
from fake_telegram import parse_telegram_html

from bot.render import card_html
from core.digest_text import render_page
from digest import figure_context
from digest.analyze import analyze_text
from digest.card import ArticleCard, Quote
from digest.compose import DigestArticle, compose, figure_phrase
from digest.figures import extract_figures
from digest.render import card_to_text, short_quote
from storage import ArticleRef

LONG_QUOTE = (
    "Мы не будем поднимать тарифы на проезд до конца года, даже если цены на топливо "
    "продолжат расти. Город возьмет разницу на себя, и перевозчики получат компенсацию "
    "за каждый рейс, выполненный по расписанию, начиная с первого числа следующего месяца "
    "и до особого решения комиссии по транспорту."
)

# one invented event, three outlets
HARBOR = (
    "Власти Приморья выделят 2 миллиарда долларов на строительство двух портов, сообщил "
    "губернатор края Олег Кожемяко. Первые причалы примут суда уже в 2027 году. "
    "По словам губернатора, новые терминалы создадут 4 тысячи рабочих мест в регионе. "
    "Строительство начнется весной, подрядчиков выберут на открытом конкурсе."
)
HARBOR_TITLE = "Приморье вложит $2 млрд в новые порты"


def _plain(html: str) -> tuple[str, list[dict]]:
    return parse_telegram_html(html)  # raises like Telegram's "can't parse entities"


def test_short_quote_keeps_whole_sentences_or_cuts_at_a_word():
    shown = short_quote(LONG_QUOTE)
    assert shown == (
        "Мы не будем поднимать тарифы на проезд до конца года, даже если цены на топливо "
        "продолжат расти. …"
    )
    one_long_sentence = LONG_QUOTE.replace(". Город", ", и город")
    cut = short_quote(one_long_sentence)
    assert cut.endswith("…") and len(cut) <= 201
    assert one_long_sentence.startswith(cut[:-1])  # a whole word before the "…"
    assert one_long_sentence[len(cut) - 1] == " "
    assert short_quote("Мы справимся.") == "Мы справимся."


def test_card_shows_a_long_quote_shortened_and_storage_keeps_it_whole():
    card = ArticleCard(title="Тарифы не вырастут", text="Текст.",
                       quotes=[Quote("Константин Лебедев", LONG_QUOTE)])
    plain, _ = _plain(card_html(5, card))
    assert "«Мы не будем поднимать тарифы на проезд до конца года, даже если цены на топливо " \
           "продолжат расти. …» — Константин Лебедев" in plain
    assert "перевозчики получат" not in plain
    assert "перевозчики получат" not in card_to_text(card)
    assert ArticleCard.from_dict(card.to_dict()).quotes[0].text == LONG_QUOTE


def test_card_lists_the_other_outlets_linked_with_their_commands():
    card = ArticleCard(title=HARBOR_TITLE, text=HARBOR, source="ТАСС",
                       url="https://tass.example/1")
    others = [
        ArticleRef(13, "Порты Приморья", date(2026, 5, 4), "Коммерсантъ",
                   "https://kommersant.example/doc/13", None),
        ArticleRef(14, "Два порта", date(2026, 5, 4), "РИА Новости", "javascript:alert(1)", None),
        ArticleRef(15, "Порты", None, None, None, None),
    ]
    plain, entities = _plain(card_html(12, card, others))
    assert "Другие источники: Коммерсантъ /a13, РИА Новости /a14, без названия /a15" in plain
    links = {plain[e["offset"]:e["offset"] + e["length"]]: e["url"]
             for e in entities if e["type"] == "text_link"}
    assert links == {"Источник": "https://tass.example/1",
                     "Коммерсантъ": "https://kommersant.example/doc/13"}
    alone, _ = _plain(card_html(12, card))
    assert "Другие источники" not in alone


def test_headline_and_body_figure_is_one_card_line_with_the_body_words():
    card = analyze_text(HARBOR, title=HARBOR_TITLE, published="2026-05-04", source="ТАСС")
    plain, _ = _plain(card_html(1, card))
    figures = plain.split("Цифры\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert figures == [
        "• Власти Приморья выделят 2 миллиарда долларов на строительство двух портов",
        "• Новые терминалы создадут 4 тысячи рабочих мест в регионе",
    ]
    terminal = card_to_text(card)  # `newsdigest analyze`: the same words, no type label
    assert "  • Власти Приморья выделят 2 миллиарда долларов на строительство двух портов\n" \
        in terminal and "(деньги)" not in terminal


async def test_opening_a_story_card_shows_its_other_reports(tmp_path, analysis_pool):
    reports = [
        ("ТАСС", "https://tass.example/harbor", HARBOR_TITLE, HARBOR),
        ("Коммерсантъ", "https://kommersant.example/harbor", "Приморье построит два порта",
         HARBOR.replace("сообщил губернатор края", "заявил глава края")),
        ("РИА Новости", None, "Два новых порта появятся в Приморье",
         HARBOR.replace("Строительство начнется весной", "Работы начнутся весной")),
    ]
    async with running_bot(tmp_path, analysis_pool) as h:
        ids = []
        for source, url, title, text in reports:
            card = analyze_text(text, title=title, published="2026-05-04", source=source,
                                url=url)
            added = await h.archive.articles.add(card)
            assert added.status == "added"
            ids.append((added.article_id, added.story_id, added.status))
        assert len({story for _, story, _ in ids}) == 1  # one story, grouped by storage
        first, second, third = (i for i, _, _ in ids)
        [reply] = await h.ask(READER, f"/a{second}")
        line = next(x for x in reply.plain.splitlines() if x.startswith("Другие источники:"))
        assert line.startswith(f"Другие источники: ТАСС /a{first}")
        assert '<a href="https://tass.example/harbor">ТАСС</a>' in reply.text
        assert line == f"Другие источники: ТАСС /a{first}, РИА Новости /a{third}"
        assert h.tg.errors == []


def _phrases(sentence: str) -> list[str]:
    return [figure_phrase(f) for f in extract_figures([sentence])]


def test_each_figure_reads_as_its_own_clause():
    # "what it is" clauses: the figure, then the words that name it
    assert _phrases("Средняя зарплата в районе составила 41,3 тыс. рублей, сообщили в мэрии.") \
        == ["41,3 тыс. рублей — средняя зарплата в районе"]
    assert _phrases("Бюджет фестиваля — 12 млн рублей.") == ["12 млн рублей — бюджет фестиваля"]
    # a verb that means more: the clause as written, the attribution and the lead-in dropped
    assert _phrases("По словам мэра, выборы прошли в 184 пунктах.") == [
        "Выборы прошли в 184 пунктах"
    ]
    assert _phrases("– Город закупит 60 автобусов, заявил мэр.") == ["Город закупит 60 автобусов"]
    # a clause that is only the figure leans on the one before it
    assert _phrases("Выручка сети выросла на 540 млн рублей, или на 6%.") == [
        "Выручка сети выросла на 540 млн рублей",
        "Выручка сети выросла на 540 млн рублей, или на 6%",
    ]
    # a long clause is cut at word boundaries around the figure, never inside it
    long = ("Областное правительство в рамках новой программы намерено до конца следующего года "
            "построить 1400 километров дорог местного значения в сельских районах и малых городах.")
    [phrase] = _phrases(long)
    assert "1400 километров" in phrase and len(phrase) <= 92
    assert phrase.startswith("…") and phrase.endswith("…")


def _village_digest(text: str) -> str:
    """The digest a reader sees of one report on a village election."""
    card = analyze_text(text, title="В поселке выбрали главу", published="2026-05-04",
                        source="ТАСС")
    digest = compose([DigestArticle(1, None, card)])
    return _plain(render_page(digest, local_date=date(2026, 5, 4)).html)[0]


def test_digest_line_shows_the_figure_in_its_clause():
    plain = _village_digest(
        "Жители поселка Лесной выбрали нового главу, сообщила избирательная комиссия. "
        "Голосование прошло в 184 пунктах, явка оказалась выше, чем на прошлых выборах."
    )
    lead = "Жители поселка Лесной выбрали нового главу, сообщила избирательная комиссия."
    assert f"\n{lead}\n" in plain
    assert "▪ Голосование прошло в 184 пунктах\n" in plain


def test_digest_does_not_repeat_the_figure_its_sentence_already_shows():
    plain = _village_digest(
        "Выборы главы поселка прошли в 184 пунктах, сообщила избирательная комиссия. "
        "Явка оказалась выше, чем на прошлых выборах, отметили в комиссии."
    )
    assert plain.count("184 пунктах") == 1
    lead = "Выборы главы поселка прошли в 184 пунктах, сообщила избирательная комиссия."
    assert f"\n{lead}\n" in plain
    assert "▪" not in plain


def test_digest_figure_line_keeps_its_subject_across_an_aside():
    card = analyze_text(
        "Совет директоров компании «Уральская сталь» рекомендовал вернуться к выплате "
        "дивидендов, говорится в сообщении компании. Дивидендная доходность, по расчётам "
        "аналитиков, составит около 4%.",
        title="«Уральская сталь» возвращается к дивидендам", published="2026-05-04",
        source="ТАСС",
    )
    [item] = compose([DigestArticle(1, None, card)]).items
    assert item.key_figure == "Дивидендная доходность составит около 4%"


def test_digest_key_figure_is_told_by_the_body_not_just_the_headline():
    card = analyze_text(
        "Областной минздрав подвел итоги года для медицинских работников. "
        "Средняя зарплата врачей в области достигла 96 тыс. рублей. "
        "Больше всего получают хирурги и анестезиологи.",
        title="Зарплаты медиков выросли на 12%", published="2026-05-04", source="ТАСС",
    )
    assert [(f.text, f.headline) for f in card.figures] == [("12%", True),
                                                            ("96 тыс. рублей", False)]
    digest = compose([DigestArticle(1, None, card)])
    plain, _ = _plain(render_page(digest, local_date=date(2026, 5, 4)).html)
    assert "▪ 96 тыс. рублей — средняя зарплата врачей в области\n" in plain
    assert "▪ 12%" not in plain
    # the headline's figure is the key one when the body tells it, in the body's words...
    text = ("Губернатор Приморья Олег Кожемяко рассказал о развитии портов. " + HARBOR
            .replace("Приморья", "края", 1).replace(", сообщил губернатор края Олег Кожемяко", ""))
    told = analyze_text(text, title=HARBOR_TITLE, published="2026-05-04", source="ТАСС")
    [item] = compose([DigestArticle(3, None, told)]).items
    assert "2 миллиарда" not in item.sentence
    assert item.key_figure == (
        "Власти края выделят 2 миллиарда долларов на строительство двух портов"
    )
    # ...and when the story's sentence already tells it, the line brings the next figure
    harbor = analyze_text(HARBOR, title=HARBOR_TITLE, published="2026-05-04", source="ТАСС")
    [item] = compose([DigestArticle(2, None, harbor)]).items
    assert "2 миллиарда долларов" in item.sentence
    assert item.key_figure == "Новые терминалы создадут 4 тысячи рабочих мест в регионе"


def test_two_figures_of_one_quoted_clause_are_one_card_line_without_stray_quotes():
    text = (
        "Министр экономики Анна Ковалёва выступила на форуме в Казани. «За год выручка "
        "выросла на 12% и превысила 4,2 млрд рублей. Наша цель — довести долю экспорта до "
        "30%», — сказала Ковалёва. Она добавила, что программа продлится три года."
    )
    card = analyze_text(text, title="Выручка растёт", published="2026-05-04", source="ТАСС")
    plain, _ = _plain(card_html(1, card))
    figures = plain.split("Цифры\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert figures == [
        "• За год выручка выросла на 12% и превысила 4,2 млрд рублей",
        "• Довести долю экспорта до 30%",
    ]
    terminal = card_to_text(card).split("Цифры:\n", 1)[1].split("Даты:", 1)[0]
    assert terminal.splitlines()[:2] == [
        "  • За год выручка выросла на 12% и превысила 4,2 млрд рублей",
        "  • Довести долю экспорта до 30%",
    ]


def test_digest_figure_line_names_what_it_measures_and_is_never_a_bare_number():
    text = ("В Шекснинском округе открылся сыродельный завод «Вологодская сыроварня». "
            "Первые сыры появятся на прилавках через два месяца. Средняя зарплата на заводе, "
            "по данным компании, — 68 тысяч рублей.")
    card = analyze_text(text, title="Под Вологдой открылся сыродельный завод",
                        published="2026-05-04", source="ТАСС")
    [item] = compose([DigestArticle(1, None, card)]).items
    assert item.key_figure == "68 тысяч рублей — средняя зарплата на заводе"
    # a figure whose clause names nothing (a card stored with the number as its context) is
    # no key figure: the digest shows no bare "7,5 млрд рублей" line
    card = analyze_text("В Шекснинском округе открылся сыродельный завод. Инвестиции в проект "
                        "составили: 7,5 млрд рублей.", title="Под Вологдой открылся завод",
                        published="2026-05-04", source="ТАСС")
    [figure] = card.figures
    bare = replace(card, figures=[replace(figure, context=figure.text)])
    digest = compose([DigestArticle(2, None, bare)])
    assert digest.items[0].key_figure is None
    plain, _ = _plain(render_page(digest, local_date=date(2026, 5, 4)).html)
    assert "▪" not in plain


def test_a_figure_line_from_a_whole_quotation_keeps_its_closing_mark_tight():
    phrase = figure_context.figure_phrase(
        "30 процентов", "«Нагрузка на подстанцию выросла почти на 30 процентов»")
    assert phrase == "«Нагрузка на подстанцию выросла почти на 30 процентов»"
