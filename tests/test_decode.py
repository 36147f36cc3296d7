import os
from datetime import date
from pathlib import Path

import pytest

from digest.analyze import analyze_bytes
from digest.card import AnalysisError
from digest.decode import MAX_BYTES, decode, decode_bytes, markdown_to_text
from digest.prepare import prepare_bytes, prepare_text

FIXTURES = Path(__file__).parent / "fixtures"
REF = date(2025, 10, 25)

ARTICLE = (
    "Тариф на проезд вырастет с января\n\n"
    "Мэрия Самары повысит стоимость проезда в общественном транспорте с 45 до 52 рублей. "
    "Об этом сообщил заместитель главы города Антон Ершов, уточнив, что льготы для "
    "пенсионеров и школьников сохранятся.\n\n"
    "«Повышение связано с ростом цен на топливо и запчасти: за год они подорожали на 18%», "
    "— заявил Ершов. Шёлковый путь, объём, эхо — проверка редких букв."
)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_decodes_russian_in_common_encodings(encoding: str) -> None:
    text = ARTICLE
    if encoding == "koi8_r":  # KOI8-R has no «» or long dash; such files use ASCII ones
        text = text.replace("«", '"').replace("»", '"').replace("—", "-")
    assert decode_bytes(text.encode(encoding)) == text


def test_cp1251_and_koi8_are_not_confused_on_short_text() -> None:
    for encoding in ("cp1251", "koi8_r"):
        assert decode_bytes("Шёл дождь, объявлен сбор.".encode(encoding)) == (
            "Шёл дождь, объявлен сбор."
        )


def test_html_page_reduced_to_article() -> None:
    html = (
        "<html><head><title>Тариф на проезд вырастет | Самарские вести</title>"
        '<meta property="og:site_name" content="Самарские вести">'
        '<meta property="article:published_time" content="2025-10-20T09:00:00+04:00">'
        "<script>var x = 1;</script></head><body>"
        '<nav><a href="/">Главная</a><a href="/city">Город</a></nav>'
        "<article><h1>Тариф на проезд вырастет с января</h1>"
        "<p>Мэрия Самары повысит стоимость <b>проезда</b> до 52 рублей.</p>"
        "<p>Льготы для пенсионеров сохранятся.</p>"
        '<ul class="links"><li><a href="/a">Другая новость</a></li></ul></article>'
        '<div class="cookie-notice">Мы используем cookie.</div>'
        "<footer>© Самарские вести</footer></body></html>"
    )
    decoded = decode(html.encode("utf-8"), "page.html")
    assert decoded.kind == "html"
    assert decoded.title == "Тариф на проезд вырастет с января"
    assert decoded.source == "Самарские вести"
    assert decoded.published == "2025-10-20T09:00:00+04:00"
    assert decoded.text == (
        "Мэрия Самары повысит стоимость проезда до 52 рублей.\n\nЛьготы для пенсионеров сохранятся."
    )


def test_html_sniffed_without_extension_and_in_cp1251() -> None:
    doc = prepare_bytes((FIXTURES / "cp1251_page.html").read_bytes(), None, reference_date=REF)
    assert doc.title == "В Казани открыли детский технопарк"
    assert doc.source == "Новости Поволжья"
    assert doc.published == date(2025, 9, 30)
    assert "14 лабораторий" in doc.text
    for junk in ("Главная", "Контакты", "Комментарии", "Авторизуйтесь", "цитировании"):
        assert junk not in doc.text


def test_markdown_marks_stripped() -> None:
    text, title = markdown_to_text(
        "# Главный заголовок\n\nТекст с **жирным**, _курсивом_ и [ссылкой](https://x.ru).\n"
        "![фото](a.png)\n\n## Подзаголовок\n\n* пункт списка"
    )
    assert title == "Главный заголовок"
    lines = [line for line in text.splitlines() if line]
    assert lines == ["Текст с жирным, курсивом и ссылкой.", "Подзаголовок", "- пункт списка"]


def test_koi8_hard_wrapped_fixture() -> None:
    doc = prepare_bytes((FIXTURES / "koi8_wrapped.txt").read_bytes(), "koi8_wrapped.txt")
    assert doc.title == "Новосибирский метрополитен продлят на две станции"
    assert doc.source == "Интерфакс"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Мэрия Новосибирска утвердила проект продления")
    assert "метро на две станции. Строительство" in paragraphs[0]  # wrapped lines joined
    assert paragraphs[-1] == (
        "- Мы рассчитываем начать проходку тоннелей уже весной 2026 года, - сказал Лаптев."
    )
    assert "Поделиться" not in doc.text and "Источник" not in doc.text


def test_utf16_without_bom_fixture() -> None:
    doc = prepare_bytes((FIXTURES / "utf16le_nobom_menu.txt").read_bytes(), "x.txt")
    assert doc.title == "Сборная по биатлону сменила место летних сборов"
    assert doc.text.split("\n\n")[0].startswith("Сборная России по биатлону проведёт")
    for junk in ("Политика", "Главная", "Читайте также", "Лебедева", "Нравится", "Поделиться"):
        assert junk not in doc.text
    assert doc.text.endswith("шесть юниоров.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "пустой"),
        (b"  \n\r\n\t ", "пустой"),
        (b"\x00\x01\x02\x03\x04\x05binary\x00\x00\xff", "двоичный"),
        (os.urandom(4000), "двоичный"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "картинка"),
    ],
)
def test_bad_input_rejected_with_russian_message(data: bytes, message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        prepare_bytes(data, "upload.txt")


def test_random_bytes_without_nul_rejected() -> None:
    data = bytes(b for b in os.urandom(6000) if b)
    with pytest.raises(AnalysisError, match="двоичный"):
        prepare_bytes(data, "upload.txt")


def test_single_huge_line_rejected() -> None:
    with pytest.raises(AnalysisError, match="без переносов"):
        prepare_bytes(("слово " * 17_000).encode("utf-8"), "line.txt")


def test_oversized_rejected() -> None:
    data = ("Абзац текста статьи.\n" * (MAX_BYTES // 30)).encode("utf-8")
    assert len(data) > MAX_BYTES
    with pytest.raises(AnalysisError, match="слишком большой"):
        prepare_bytes(data, "big.txt")
    with pytest.raises(AnalysisError, match="слишком большой"):
        prepare_text(data.decode("utf-8"))


def test_only_boilerplate_rejected() -> None:
    with pytest.raises(AnalysisError, match="не нашлось"):
        prepare_bytes("Поделиться\n756 SHARES\nФото: ТАСС\n".encode(), "x.txt")


def test_bold_text_file_is_not_sniffed_as_markdown() -> None:
    text = (
        "**Срочно** Мэрия Самары повысит стоимость проезда до 52 рублей.\n"
        "Льготы для пенсионеров сохранятся, сообщили в департаменте транспорта."
    )
    decoded = decode(text.encode("utf-8"), "note.txt")
    assert decoded.kind == "text"
    assert decoded.text.startswith("**Срочно**")


def test_markdown_with_a_heading_is_markdown_and_nested_marks_go() -> None:
    decoded = decode("# Заголовок\n\nТекст с **_важным_** и ~~старым~~ словом.".encode(), None)
    assert (decoded.kind, decoded.title) == ("markdown", "Заголовок")
    assert "Текст с важным и старым словом." in decoded.text


@pytest.mark.parametrize("unit", ["*a", "_a", "[a", "![a", "**a", "# a "])
def test_pathological_markdown_line_is_stripped_in_linear_time(unit: str) -> None:
    # 200 000 characters on one line: quadratic patterns would run for hours here
    line = unit * (200_000 // len(unit))
    text, _ = markdown_to_text("# Заголовок\n\n" + line)
    assert len(text) >= len(line) // 3


MIXED_HEAD = (
    "Порт Находки закрыли для малых судов из-за шторма\n\n"
    "Администрация морского порта Находка запретила выход маломерных судов до субботы. "
    "Как сообщил капитан порта Виктор Семёнов, высота волн у мыса Астафьева достигает "
    "четырёх метров.\n"
)
MIXED_TAIL = (
    "Рыболовецкие артели перенесли выход на промысел. Председатель артели Ольга Пахомова "
    "сказала, что потери за неделю оценить пока нельзя.\n"
    "Синоптики ожидают ослабления ветра к вечеру воскресенья.\n"
)


@pytest.mark.parametrize("foreign", ["cp1251", "koi8_r"])
def test_file_glued_from_utf8_and_a_single_byte_source_is_text(foreign: str) -> None:
    data = MIXED_HEAD.encode("utf-8") + MIXED_TAIL.encode(foreign) + "Конец.\n".encode()
    assert decode_bytes(data) == MIXED_HEAD + MIXED_TAIL + "Конец.\n"
    card = analyze_bytes(data, "upload.txt", reference_date=REF)
    assert card.title == "Порт Находки закрыли для малых судов из-за шторма"
    assert "Председатель артели Ольга Пахомова сказала" in card.text
    assert "Семёнов" in str(card.people) and "Пахомова" in str(card.people)


def test_single_byte_paragraph_inside_utf8_is_read_in_its_encoding() -> None:
    for head, body in (("utf-8", "cp1251"), ("cp1251", "utf-8")):
        data = (
            MIXED_HEAD.encode(head) + b"\n" + MIXED_TAIL.encode(body) + b"\n"
            + MIXED_HEAD.encode(head)
        )  # fmt: skip
        assert decode_bytes(data) == MIXED_HEAD + "\n" + MIXED_TAIL + "\n" + MIXED_HEAD


def test_binary_noise_after_a_utf8_line_is_still_binary() -> None:
    noise = bytes(b for b in os.urandom(6000) if b)
    with pytest.raises(AnalysisError, match="двоичный"):
        prepare_bytes(MIXED_HEAD.encode() + noise, "upload.txt")


def test_a_truncated_character_in_a_utf8_line_costs_one_character_not_the_line() -> None:
    line = "Рыбаки ждут, когда ветер стихнет и порт откроют снова.\n".encode()
    broken = line[:20] + line[21:]  # one byte of a two-byte letter cut away
    data = MIXED_HEAD.encode() + broken + MIXED_TAIL.encode("cp1251")
    text = decode_bytes(data)
    assert text.startswith(MIXED_HEAD) and text.endswith(MIXED_TAIL)
    damaged = text[len(MIXED_HEAD):-len(MIXED_TAIL)]
    assert damaged.count("\ufffd") == 1
    assert damaged.replace("\ufffd", "") == line.decode()[:10] + line.decode()[11:]
