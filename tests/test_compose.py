"""digest.compose: stories grouped, followed people/topics first, 7 items + "more",
people of the day."""

from __future__ import annotations

from digest.card import ArticleCard, Figure, Person
from digest.compose import MAX_ITEMS, DigestArticle, Profile, compose, figure_phrase


def art(
    article_id: int,
    title: str,
    *,
    story: int | None = None,
    source: str | None = "ТАСС",
    people: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    figures: int = 0,
    topics: list[str] = (),  # type: ignore[assignment]
) -> DigestArticle:
    card = ArticleCard(
        title=title,
        text="",
        summary=[f"Первое предложение {article_id}.", "Второе.", "Третье.", "Четвёртое."],
        people=[Person(n, r, 2) for n, r in people],
        figures=[Figure(f"{k + 1}%", k + 1.0, "%", "percent", "") for k in range(figures)],
        source=source,
        topics=list(topics),
    )
    return DigestArticle(article_id, story, card)


def test_empty_input():
    digest = compose([], Profile())
    assert digest.empty and digest.items == [] and digest.more == 0
    assert digest.people_of_day == [] and digest.articles == 0


def test_story_with_several_sources_is_one_item():
    articles = [
        art(1, "Переговоры в Стамбуле", story=1, source="ТАСС",
            people=[("Сергей Лавров", "министр иностранных дел России")]),
        art(2, "Лавров провёл переговоры в Стамбуле", story=1, source="РБК", figures=2,
            people=[("Сергей Лавров", None), ("Хакан Фидан", "министр иностранных дел Турции")]),
        art(3, "Урожай зерна", story=3, source="Интерфакс"),
    ]
    digest = compose(articles, Profile())
    assert digest.articles == 3 and len(digest.items) == 2
    top = digest.items[0]
    assert [name for _, name in top.sources] == ["ТАСС", "РБК"]
    assert sorted(top.article_ids) == [1, 2]
    assert top.lead_id == 2  # the fullest report leads
    assert top.title == "Лавров провёл переговоры в Стамбуле"
    assert len(top.figures) == 2 and len(top.summary) == 3
    lavrov = next(p for p in top.people if p.name == "Сергей Лавров")
    assert lavrov.role == "министр иностранных дел России" and lavrov.mentions == 4


def test_unknown_source_is_left_out():
    digest = compose([art(1, "Без источника", source=None), art(2, "С источником", story=2)])
    assert sorted(item.sources for item in digest.items) == [[], [(2, "ТАСС")]]
    assert digest.sources == 1


def test_followed_person_in_any_form_ranks_first():
    articles = [
        art(1, "Большой сюжет", story=1, figures=3),
        art(2, "Большой сюжет, версия два", story=1, figures=3),
        art(3, "Брифинг МИД", people=[("Мария Захарова", "официальный представитель МИД")]),
    ]
    plain = compose(articles, Profile())
    assert plain.items[0].lead_id in (1, 2) and not plain.items[0].followed
    for form in ("захаровой", "Марию Захарову", "захарова"):
        digest = compose(articles, Profile(people=frozenset({form})))
        assert digest.items[0].lead_id == 3, form
        assert digest.items[0].followed == [form]


def test_followed_topic_in_any_form_ranks_first():
    articles = [
        art(1, "Рекордный урожай", story=1, figures=4),
        art(2, "Рекордный урожай зерна", story=1, figures=4),
        art(3, "Новости дня", topics=["нефть", "добыча"]),
        art(4, "Цены на бензин", topics=["бензин"]),
    ]
    for form in ("нефти", "нефть", "Нефтью"):
        digest = compose(articles, Profile(topics=frozenset({form.lower()})))
        assert digest.items[0].lead_id == 3, form
    # a word of the title counts too, whatever its form
    digest = compose(articles, Profile(topics=frozenset({"бензина"})))
    assert digest.items[0].lead_id == 4


def phrase_articles() -> list[DigestArticle]:
    return [
        art(1, "Большой сюжет", story=1, figures=4),
        art(2, "Большой сюжет, версия два", story=1, figures=4),
        art(3, "Решение Банка России", topics=["ключевая ставка", "инфляция"]),
    ]


def test_followed_adjective_phrase_topic():
    """Topic phrases are stored with the adjective agreeing with the noun ("ключевая
    ставка"); following the phrase in any form matches such a story even when the title
    does not repeat it."""
    articles = phrase_articles()
    for form in ("ключевая ставка", "ключевой ставке", "ключевую ставку"):
        digest = compose(articles, Profile(topics=frozenset({form})))
        assert digest.items[0].lead_id == 3, form


def test_followed_quoted_name_topic():
    """A topic may be a name with its quotes ("партия «Зелёный берег»"): following it in
    another form, quotes or not, matches the story."""
    articles = [
        art(1, "Большой сюжет", story=1, figures=4),
        art(2, "Большой сюжет, версия два", story=1, figures=4),
        art(3, "Выборы в области", topics=["партия «Зелёный берег»", "выборы"]),
    ]
    for form in ("партия «Зелёный берег»", "партии Зелёный берег", "«Зелёного берега»"):
        digest = compose(articles, Profile(topics=frozenset({form})))
        assert digest.items[0].lead_id == 3, form


def test_followed_topic_with_digits_matches_only_its_own_story():
    """"Су-57" and "G20" are topics with their digits: the fighter's story ranks first for
    its follower, and a follow of "G20" does not pull up a story about 5G."""
    from core.subscriptions import topic_key

    articles = [
        art(1, "Большой сюжет", story=1, figures=4),
        art(2, "Большой сюжет, версия два", story=1, figures=4),
        art(3, "Су-57 показали на авиасалоне"),
        art(4, "Операторы запустили 5G в трёх городах"),
    ]
    fighter = compose(articles, Profile(topics=frozenset({topic_key("Су-57")})))
    assert fighter.items[0].lead_id == 3
    summit = compose(articles, Profile(topics=frozenset({topic_key("G20")})))
    assert summit.items[0].lead_id == 1
    assert topic_key("5G") != topic_key("G20")


def test_ranked_and_capped_items():
    articles = [art(i, f"Сюжет {i}", figures=i % 3) for i in range(1, 12)]
    digest = compose(articles, Profile())
    assert len(digest.items) == 11 <= MAX_ITEMS and digest.more == 0 and digest.stories == 11
    weights = [i.weight for i in digest.items]
    assert weights == sorted(weights, reverse=True)
    capped = compose(articles, Profile(), max_items=3)
    assert capped.more == 8 and capped.stories == 11


def test_at_most_three_followed_stories_lead():
    articles = [art(i, f"Брифинг {i}", people=[("Мария Захарова", None)]) for i in range(1, 6)]
    articles.append(art(9, "Большой сюжет", story=9, figures=3))
    articles.append(art(10, "Большой сюжет, версия два", story=9, figures=3))
    digest = compose(articles, Profile(people=frozenset({"захарова"})))
    assert digest.followed == 3 and all(i.followed for i in digest.items[:3])
    assert digest.items[3].lead_id in (9, 10)  # then the day's news by weight


def test_figure_phrase_gives_context_not_a_type_label():
    sentence = ("Средняя начисленная зарплата в Томской области в августе составила"
                " 68,4 тысячи рублей.")
    f = Figure("68,4 тысячи рублей", 68.4e3, "RUB", "money", sentence)
    assert figure_phrase(f) == (
        "68,4 тысячи рублей — средняя начисленная зарплата в Томской области в августе")
    # a verb that says more than "is": the clause as written
    f = Figure("87%", 87, "%", "percent", "На 87% выросла выручка компании «Север» за год.")
    assert figure_phrase(f) == "На 87% выросла выручка компании «Север» за год"
    assert figure_phrase(Figure("5%", 5, "%", "percent", "")) == "5%"


def test_headline_link_only_for_http_urls():
    for url, expected in [("https://a.example/x", "https://a.example/x"),
                          ("http://a.example/x", "http://a.example/x"),
                          ("javascript:alert(1)", None), ("ftp://a.example/x", None),
                          ("", None), (None, None)]:
        article = art(1, "Сюжет")
        article.card.url = url
        assert compose([article]).items[0].url == expected, url


def test_people_of_the_day():
    articles = [
        art(1, "А", people=[("Сергей Лавров", None), ("Мария Захарова", None)]),
        art(2, "Б", people=[("Сергей Лавров", None)]),
        art(3, "В", people=[("Сергей Лавров", None), ("Антониу Гутерриш", None)]),
        art(4, "Г", people=[("Мария Захарова", None)]),
    ]
    digest = compose(articles, Profile())
    assert digest.people_of_day[:2] == [("Сергей Лавров", 3), ("Мария Захарова", 2)]
    assert ("Антониу Гутерриш", 1) in digest.people_of_day


def test_an_eyewitness_known_by_first_name_only_is_no_person_of_the_day():
    """«…», — рассказала жительница дома Ольга: a first name alone tells the reader nothing.
    A surname alone does."""
    articles = [art(1, "Взрыв газа", people=[("Ольга", None), ("Алексей Дёмкин", None)]),
                art(2, "Пожар", people=[("Ольга", None), ("Лавров", None)])]
    digest = compose(articles, Profile())
    assert digest.people_of_day == [("Алексей Дёмкин", 1), ("Лавров", 1)]


def test_people_of_the_day_in_as_many_stories_rank_by_how_often_they_are_named():
    names = ["Иван Тихонов", "Олег Брагин", "Анна Лосева", "Павел Рудаков", "Юлия Сомова"]
    quiet = [art(n, f"Сюжет {n}", people=[(name, None)]) for n, name in enumerate(names, 1)]
    minister = art(6, "Министр", people=[("Ирина Панкратова", None)])
    minister.card.people[0].mentions = 5
    digest = compose([*quiet, minister], Profile())
    assert digest.people_of_day[0] == ("Ирина Панкратова", 1)
    assert len(digest.people_of_day) == 5


def test_profile_from_follows_and_equality():
    follows = [("person", "лаврова"), ("topic", "нефть"), ("person", "захарова")]
    a = Profile.from_follows(follows)
    b = Profile.from_follows(list(reversed(follows)))
    assert a == b and hash(a) == hash(b)
    assert a.people == {"лаврова", "захарова"} and a.topics == {"нефть"}
    assert Profile.from_follows([]) == Profile()
