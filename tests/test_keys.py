import pytest

from digest.keys import fts_query, index_text, person_keys, query_person_keys


def test_person_keys_basic():
    assert person_keys("Сергей Лавров") == ["сергей лавров", "лавров"]
    assert person_keys("Пётр Толстой") == ["петр толстой", "толстой"]
    assert person_keys("Касым-Жомарт Токаев") == ["касым-жомарт токаев", "токаев"]
    assert "владимир путин" in person_keys("Владимир Владимирович Путин")
    assert person_keys("   ") == []


@pytest.mark.parametrize(
    "query", ["Лавров", "Лаврова", "ЛАВРОВЫМ", "лавров", "Лаврову", "Лавровом", "ЛАВРОВ"]
)
def test_query_person_keys_surname_forms(query):
    assert "лавров" in query_person_keys(query)


@pytest.mark.parametrize("query", ["Сергей Лавров", "Сергея Лаврова", "сергеем лавровым"])
def test_query_person_keys_full_name(query):
    keys = query_person_keys(query)
    assert "сергей лавров" in keys
    assert keys.index("сергей лавров") < keys.index("лавров")


def test_query_person_keys_feminine_and_hyphen():
    assert "захарова" in query_person_keys("Захаровой")
    assert "токаев" in query_person_keys("Токаева")
    assert "касым-жомарт токаев" in query_person_keys("Касым-Жомарта Токаева")
    assert "семен" in query_person_keys("Семён")
    assert "непомнящий" in query_person_keys("Непомнящего")
    assert "ланской" in query_person_keys("Ланском")
    assert query_person_keys("!!!") == []


def test_index_text_lemmatizes():
    assert index_text("Вакцины поступили в регионы.") == "вакцина поступить в регион"


@pytest.mark.parametrize("form", ["вакцина", "вакцины", "вакцин", "ВАКЦИНАМИ"])
def test_fts_query_morphology(form):
    assert fts_query(form) == '"вакцина"'


@pytest.mark.parametrize(
    "hostile", ['"', "AND", "OR", "NOT", "*", "(", ")", "-", ":", "^", "", "   ", '"" ()']
)
def test_fts_query_nothing_searchable(hostile):
    assert fts_query(hostile) is None


@pytest.mark.parametrize(
    "hostile",
    [
        'вакцина"',
        "NOT вакцина",
        "вакцина OR",
        "вакцина*",
        "(вакцина",
        "-вакцина",
        'AND "вакцина" NEAR(',
        "вакцина: ^",
    ],
)
def test_fts_query_hostile_syntax_is_neutralised(hostile):
    assert fts_query(hostile) == '"вакцина"'


def test_fts_query_multiple_words_and_stopwords():
    q = fts_query("вакцина от гриппа")
    assert q == '"вакцина" AND "грипп"'
