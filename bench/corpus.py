"""Texts the benchmarks run on.

`news(i)` composes an invented Russian news article of 3–5 thousand characters, different for
every i: people with roles (named in several grammatical cases), organizations, places, quotes
with speakers, figures (money, percentages, quantities), dates. Timed loops take fresh indices,
so no text is ever analysed twice and caches warm only as they would on real traffic.
`article_files()` lists the real samples (bundled, test fixtures, ../shared/seeds) for the
benchmarks that compare against them.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_FIRST = ("Алексей Андрей Борис Вадим Виктор Глеб Денис Егор Иван Игорь Кирилл Леонид Максим "
          "Михаил Никита Олег Павел Роман Сергей Степан Тимур Фёдор Юрий Ярослав").split()
_FIRST_F = ("Анна Вера Галина Дарья Екатерина Елена Ирина Ксения Марина Наталья Ольга Полина "
            "Светлана Татьяна Юлия").split()
_STEMS = ("Белоус Ворон Гром Дорох Жук Зимин Калин Клим Котел Лебед Мирон Новик Орл Панкрат "
          "Рыбак Савел Сокол Тарас Устин Федот Хомяк Чернышов Шеста Щеглов Яковл Баран Гусак "
          "Дьяк Ерем Журавл Карп Лавр Мельник Нестер Осип Пахом Руднев Сазон").split()
_ROLES = [
    ("министр", "транспорта"), ("министр", "финансов"), ("министр", "здравоохранения"),
    ("губернатор", "области"), ("глава", "департамента экономики"), ("директор", "завода"),
    ("председатель", "правления банка"), ("заместитель", "мэра"), ("посол", "в Казахстане"),
    ("представитель", "пресс-службы"), ("генеральный директор", "компании"),
    ("руководитель", "регионального управления"), ("аналитик", "инвестиционной группы"),
]
_REGIONS = ("Северной Ярской Озёрной Приморской Степной Заречной Лесной Горной Восточной "
            "Южноуральской").split()
_CITIES = ("Северск Ярославец Новоозёрск Приморск Степногорск Заречный Лесогорск Красноборск "
           "Белогорье Каменка").split()
_COMPANIES = ("Северсталь-Логистик Агроресурс ТрансМост Энергосеть Уралхим Балтфлот Медтех "
              "Ростверк Полимерпром Ладога-Инвест Сибцемент Волгонефть").split()
_THEMES = [
    ("мост", "строительство моста через реку", "мост"),
    ("урожай", "уборку зерновых", "урожая"),
    ("вакцинация", "кампанию вакцинации", "вакцины"),
    ("бюджет", "исполнение бюджета", "расходов"),
    ("экспорт", "экспорт удобрений", "поставок"),
    ("жильё", "ввод нового жилья", "квадратных метров"),
    ("энергетика", "модернизацию электросетей", "мощности"),
    ("транспорт", "обновление автобусного парка", "автобусов"),
    ("порт", "расширение морского порта", "грузооборота"),
    ("школы", "ремонт школ", "учеников"),
]
_VERBS = ("заявил сообщил подчеркнул отметил пояснил добавил уточнил напомнил").split()
_VERBS_F = ("заявила сообщила подчеркнула отметила пояснила добавила уточнила").split()
_MONTHS = ("января февраля марта апреля мая июня июля августа сентября октября ноября "
           "декабря").split()
_UNITS = ["млрд рублей", "млн рублей", "тысяч тонн", "километров", "единиц техники",
          "млн долларов", "тысяч человек", "мегаватт", "тысяч квадратных метров"]
_FILLER = [
    "По словам участников рынка, спрос на {obj} в {region_loc} остаётся высоким.",
    "Эксперты связывают рост с программой господдержки и новыми контрактами {company_gen}.",
    "В прошлом году аналогичный показатель составил {fig}, напомнили в ведомстве.",
    "Работы планируется завершить до {date} {year} года, следует из документов {org_gen}.",
    "Финансирование предусмотрено региональной программой развития на {years} годы.",
    "Ранее власти {region_gen} обсуждали проект с инвесторами из {city_gen2}.",
    "Согласно отчёту {org_gen}, за {period} объём {obj} вырос на {pct}.",
    "Жители {city_gen} смогут оценить результаты уже к концу {year} года.",
    "Подрядчиком выступит компания «{company}», которая уже работает в {city_loc}.",
    "На первом этапе будет построено {num} объектов, на втором — ещё {num2}.",
    "Общая стоимость проекта оценивается в {fig}.",
    "Как уточнили в мэрии {city_gen}, средства выделят из трёх источников.",
    "В {month} на эти цели направили {fig}, это на {pct} больше, чем годом ранее.",
    "Профсоюз работников отрасли выступил против сокращения смен на {num} часов в неделю.",
    "Банк «{company}» предоставит кредитную линию на {fig} сроком на {num2} лет.",
    "Независимые аналитики считают прогноз министерства слишком оптимистичным.",
    "Первые результаты будут подведены на совещании {date}.",
    "С начала года в {city_loc} открыли {num} новых предприятий и создали {num2} рабочих мест.",
    "Для сравнения: в {city_gen2} аналогичная программа стоила {fig}.",
    "Конкурс на выполнение работ объявят в {month}, заявки принимаются в электронном виде.",
    "Средняя зарплата в отрасли за {period} выросла на {pct} и достигла {num} тысяч рублей.",
    "Прокуратура {region_gen} проверит, как расходовались деньги по прошлым контрактам.",
    "Около {num} семей переселят из аварийного жилья до конца {year} года.",
    "Тариф на перевозку вырастет на {pct} с {date}, сообщили в региональной энергетической "
    "комиссии.",
]


class _Person:
    def __init__(self, rng: random.Random):
        self.female = rng.random() < 0.3
        first = rng.choice(_FIRST_F if self.female else _FIRST)
        stem = rng.choice(_STEMS)
        self.nom = f"{first} {stem}{'ова' if self.female else 'ов'}"
        self.gen_surname = f"{stem}{'овой' if self.female else 'ова'}"
        self.ins_surname = f"{stem}{'овой' if self.female else 'овым'}"
        self.surname = f"{stem}{'ова' if self.female else 'ов'}"
        role, of = rng.choice(_ROLES)
        self.role = f"{role} {of}"

    def verb(self, rng: random.Random) -> str:
        return rng.choice(_VERBS_F if self.female else _VERBS)


def _figure(rng: random.Random) -> str:
    whole = rng.randint(2, 980)
    if rng.random() < 0.5:
        return f"{whole},{rng.randint(1, 9)} {rng.choice(_UNITS)}"
    return f"{whole} {rng.choice(_UNITS)}"


def _pct(rng: random.Random) -> str:
    return f"{rng.randint(1, 40)},{rng.randint(1, 9)}%"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}"


def news(i: int) -> tuple[str, str]:
    """(file name, text) of invented article number i: 3–5 K characters, unique per i."""
    rng = random.Random(i * 7919 + 13)
    theme, action, obj = rng.choice(_THEMES)
    region = rng.choice(_REGIONS)
    city, city2 = rng.sample(_CITIES, 2)
    company = rng.choice(_COMPANIES)
    people = [_Person(rng) for _ in range(rng.randint(2, 4))]
    year = rng.randint(2024, 2027)
    org = f"министерства экономики {region} области"
    slots = {
        "obj": obj, "region_loc": f"{region} области", "region_gen": f"{region} области",
        "company_gen": f"компании «{company}»", "company": company, "org_gen": org,
        "city_gen": city if city.endswith("ий") else city, "city_gen2": city2,
        "city_loc": city, "year": year, "years": f"{year}–{year + 3}",
    }

    def fill(template: str) -> str:
        return template.format(
            **slots, fig=_figure(rng), pct=_pct(rng), date=_date(rng),
            period=rng.choice(["первое полугодие", "девять месяцев", "квартал", "год"]),
            num=rng.randint(3, 60), num2=rng.randint(2, 40),
            month=rng.choice(["январе", "марте", "мае", "сентябре", "ноябре", "декабре"]),
        )

    fillers = rng.sample(_FILLER, len(_FILLER))  # each template at most once per article

    def next_filler() -> str:
        return fill(fillers.pop()) if fillers else fill(rng.choice(_FILLER))

    lead_person = people[0]
    title = rng.choice([
        f"{lead_person.surname}: {action} в {region} области обойдётся в {_figure(rng)}",
        f"В {region} области начали {action}",
        f"{region.removesuffix('ой')}ая область увеличит объём {obj} на {_pct(rng)}",
    ])

    paragraphs = [
        f"{_date(rng).capitalize()} {year} года {lead_person.role} {lead_person.nom} "
        f"представил{'а' if lead_person.female else ''} программу, которая затрагивает {action} "
        f"в {region} области. Объём вложений составит {_figure(rng)}, а показатели "
        f"{obj} должны вырасти на {_pct(rng)} уже к {year + 1} году."
    ]
    while sum(len(p) for p in paragraphs) < rng.randint(3000, 4600):
        kind = rng.random()
        person = rng.choice(people)
        if kind < 0.35:
            paragraphs.append(
                f"«{next_filler()} Мы рассчитываем на {_figure(rng)} дополнительных вложений», — "
                f"{person.verb(rng)} {person.role} {person.nom}."
            )
        elif kind < 0.5:
            other = rng.choice(people)
            paragraphs.append(
                f"{person.nom} встретил{'ась' if person.female else 'ся'} с {other.ins_surname} "
                f"в {city}. Стороны обсудили {action} и сроки: первый этап — до {_date(rng)}. "
                f"По данным {org}, расходы уже превысили {_figure(rng)}."
            )
        elif kind < 0.65:
            paragraphs.append(
                f"Как {person.verb(rng)} {person.surname}, в {city} за год {obj} прибавили "
                f"{_pct(rng)}, а в соседнем {city2} — {_pct(rng)}. «{next_filler()}»"
            )
        else:
            paragraphs.append(" ".join(next_filler() for _ in range(rng.randint(2, 4))))
    paragraphs.append(f"Источник: пресс-служба {org}.")
    return f"news_{i:06d}.txt", title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def article_files() -> list[Path]:
    folders = [
        ROOT / "digest" / "samples",
        ROOT / "tests" / "fixtures",
        ROOT.parent / "shared" / "seeds",
    ]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(
                p
                for p in folder.iterdir()
                if p.suffix in {".txt", ".md", ".html"} and p.stat().st_size > 800
            )
    return files


def make_zip(n: int, seed: int = 7) -> bytes:
    """A zip of n invented articles, all different (indices seed*1_000_000 + 0..n-1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            name, text = news(seed * 1_000_000 + i)
            z.writestr(f"batch/{name}", text)
    return buf.getvalue()
