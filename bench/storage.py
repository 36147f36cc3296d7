"""Storage benchmark: a synthetic archive, write rate, person/topic query latency, DB size.

    python bench/storage.py                 # 100,000 articles (a few minutes)
    python bench/storage.py -n 5000         # quick run
    python bench/storage.py --db /tmp/x.sqlite3           # keep the file, then:
    python bench/storage.py --db /tmp/x.sqlite3 --queries-only

Articles are recombined from invented sentences, names and topics. Their cards are stored
directly (no NLP per article); the FTS text is still real lemmas: every sentence of the pool
is lemmatized once with digest.nlp, and an article's index text is the join of its
sentences' lemma strings.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest import keys  # noqa: E402
from digest.card import ArticleCard, Entity, Person, Quote  # noqa: E402
from storage import Archive  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""Сергей Иван Пётр Алексей Андрей Дмитрий Михаил Николай Олег Павел Роман Юрий Игорь
Виктор Борис Григорий Денис Егор Илья Константин Максим Анна Мария Елена Ольга Наталья Ирина
Татьяна Светлана Юлия Екатерина""")
ROOTS = _words("""Лавр Петр Смирн Кузнец Попов Волк Соколов Лебедев Козл Новик Морозов Павл Семён
Голуб Виноград Богдан Воробь Фёдор Михайл Белов Тарас Белоус Комар Орл Киселёв Макар Андре
Ковал Ильин Гусе Титов Кузьм Кудрявц Баран Куликов Алексе Степан Яковл Сорок Серге Роман
Захар Борис Королёв Герасим Пономар Григорь Лазар Медвед Ершов Никитин Соболе Рябо Поляк
Цвет Данил Жук Фрол Журавл Никол Крыл Максим Сидор Осип Белоусов Федот Дорофе Егор Матве
Бобр Дмитри Калинин Анисим Петух Антон Тимофе Никифор Весел Филипп Марк Горбун Быков""")
SUFFIXES = ["ов", "ев", "ин", "ский", "енко"]
ROLES = """министр иностранных дел|министр финансов|глава региона|губернатор области|мэр города
|депутат Госдумы|председатель правительства|пресс-секретарь президента|посол России|директор
департамента|главный врач больницы|эксперт по энергетике|аналитик банка|сенатор|советник
президента""".replace("\n", "").split("|")
TOPICS = _words("""вакцина грипп бюджет налог нефть газ зерно пшеница мост дорога метро школа
больница
инфляция ставка рубль доллар выборы закон парламент переговоры санкции экспорт импорт урожай
пожар наводнение землетрясение футбол хоккей олимпиада театр музей выставка кино фестиваль
авиакомпания аэропорт железная электричка трамвай автобус энергетика атом уголь электростанция
интернет связь спутник ракета космос наука университет студент пенсия зарплата ипотека
жильё строительство завод металл сталь алюминий медь золото биржа акция облигация банк кредит
туризм отель курорт экология лес вода климат погода снег мороз жара засуха рыба порт флот
судно граница таможня миграция полиция суд прокуратура армия учения оборона""")
VERBS = """заявил|сообщил|отметил|подчеркнул|рассказал|напомнил|пообещал|предупредил|
признал|уточнил""".replace("\n", "").split("|")
TEMPLATES = [
    "По данным ведомства, {t} в текущем году {v2} на {n} процента.",
    "Эксперты ожидают, что ситуация с {t2} стабилизируется к концу {month}.",
    "В {place} обсудили вопросы, связанные с {t2}.",
    "Решение о {t6} будет принято после консультаций с регионами.",
    "Жители {placeg} жалуются на проблемы с {t2}, сообщают местные СМИ.",
    "Объём финансирования программы составит {n} миллиардов рублей.",
    "Власти намерены ускорить работу над {t2} в ближайшие месяцы.",
    "Аналитики связывают изменения с ростом спроса на {t4}.",
    "Вопрос о {t6} остаётся одним из главных в повестке.",
    "Первые результаты станут известны уже в {month}.",
]
PLACES = [
    ("Москве", "Москвы"),
    ("Казани", "Казани"),
    ("Новосибирске", "Новосибирска"),
    ("Екатеринбурге", "Екатеринбурга"),
    ("Самаре", "Самары"),
    ("Туле", "Тулы"),
    ("Калуге", "Калуги"),
    ("Твери", "Твери"),
    ("Омске", "Омска"),
    ("Перми", "Перми"),
]
MONTHS = _words("январе феврале марте апреле мае июне июле августе сентябре октябре ноябре")


def inflect_topic(word: str, case: str) -> str:
    from digest import nlp

    return nlp.inflect(word, {case, "Sing"})


class Corpus:
    def __init__(self, seed: int, n_people: int = 3000, n_sentences: int = 6000) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        surnames = sorted({root + suf for root in ROOTS for suf in SUFFIXES})
        rng.shuffle(surnames)
        surnames = surnames[: n_people * 2 // 3]  # ~1/3 of people share a surname
        self.people = sorted(
            {f"{rng.choice(FIRST)} {rng.choice(surnames)}" for _ in range(n_people)}
        )
        self.roles = {p: rng.choice(ROLES) for p in self.people}
        cases = {t: {c: inflect_topic(t, c) for c in ("Gen", "Ins", "Acc", "Loc")} for t in TOPICS}
        self.sentences: list[tuple[str, str, str]] = []  # (text, lemmas, topic)
        for _ in range(n_sentences):
            topic = rng.choice(TOPICS)
            place, placeg = rng.choice(PLACES)
            text = rng.choice(TEMPLATES).format(
                t=topic.capitalize(),
                t2=cases[topic]["Ins"],
                t4=cases[topic]["Acc"],
                t6=cases[topic]["Loc"],
                v2=rng.choice(["вырос", "сократился", "изменился"]),
                n=rng.randint(2, 90),
                month=rng.choice(MONTHS),
                place=place,
                placeg=placeg,
            )
            self.sentences.append((text, keys.index_text(text), topic))
        self.person_weights = [1 / (i + 1) ** 0.9 for i in range(len(self.people))]
        self.name_lemmas = {p: keys.index_text(p) for p in self.people}
        self.verb_lemmas = {v: keys.index_text(v) for v in VERBS}

    def card(self, i: int, day: date) -> tuple[ArticleCard, tuple[str, str]]:
        rng = self.rng
        picked = rng.sample(self.sentences, rng.randint(12, 24))
        people = list(
            dict.fromkeys(rng.choices(self.people, self.person_weights, k=rng.randint(1, 4)))
        )
        texts, lemmas = [s[0] for s in picked], [s[1] for s in picked]
        quotes = []
        for person in people:
            verb = rng.choice(VERBS)
            pos = rng.randrange(len(texts) + 1)
            quote = f"Мы продолжим работу по всем направлениям, номер {i}"
            texts.insert(pos, f"«{quote}», — {verb} {self.roles[person]} {person}.")
            lemmas.insert(
                pos,
                f"мы продолжить работа по весь направление номер {i} "
                f"{self.verb_lemmas[verb]} {self.name_lemmas[person]}",
            )
            quotes.append(Quote(person, quote))
        topics = list(dict.fromkeys(s[2] for s in picked))[:5]
        title = f"{picked[0][0].rstrip('.')} ({i})"
        text = "\n\n".join(" ".join(texts[k : k + 4]) for k in range(0, len(texts), 4))
        card = ArticleCard(
            title=title,
            text=text,
            published=day,
            source=rng.choice(["ТАСС", "РИА", "Интерфакс"]),
            url=f"https://example.org/news/{i}",
            summary=texts[:3],
            people=[Person(p, self.roles[p], rng.randint(1, 5)) for p in people],
            organizations=[Entity("Минфин", 1)],
            locations=[Entity("Москва", 1)],
            quotes=quotes,
            topics=topics,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            signature=[rng.getrandbits(32) for _ in range(128)],
        )
        return card, (keys.index_text(title), " ".join(lemmas))


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def write_phase(archive: Archive, corpus: Corpus, n: int) -> None:
    start_day = date(2024, 1, 1)
    t0 = time.perf_counter()
    gen = 0.0
    for i in range(n):
        g = time.perf_counter()
        card, index = corpus.card(i, start_day + timedelta(days=i * 365 // n))
        gen += time.perf_counter() - g
        await archive.articles.add(card, index_text=index)
        if (i + 1) % 10000 == 0:
            el = time.perf_counter() - t0
            print(f"  {i + 1:>7} articles, {(i + 1) / (el - gen):,.0f}/s storage", flush=True)
    total = time.perf_counter() - t0
    store = total - gen
    print(
        f"write: {n:,} articles in {total:.1f} s; storage alone {store:.1f} s "
        f"= {n / store:,.0f} articles/s (one transaction each, synchronous=NORMAL)"
    )


def make_queries(corpus: Corpus, queries: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed + 1)
    forms = [
        lambda p: p.split()[-1],
        lambda p: p,
        lambda p: p.split()[-1] + "а" if p.endswith(("ов", "ин", "ев")) else p.upper(),
    ]
    popular = corpus.people[:50]
    person_q = [
        rng.choice(forms)(rng.choice(popular if k % 2 else corpus.people)) for k in range(queries)
    ]
    topic_q = [
        rng.choice([t, inflect_topic(t, "Gen"), inflect_topic(t, "Ins")])
        for t in rng.choices(TOPICS, k=queries)
    ]
    k = queries // 10
    pairs = zip(rng.choices(TOPICS, k=k), rng.choices(TOPICS, k=k), strict=True)
    topic_q[:k] = [f"{a} {b}" for a, b in pairs]
    return person_q, topic_q


def report(label: str, times: list[float], slow: list[tuple[float, str]], extra: str) -> None:
    if not times:
        return
    worst = ", ".join(f"{q!r} {t:.0f}" for t, q in sorted(slow, reverse=True)[:3])
    print(
        f"{label:>18}: n={len(times)} p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms,"
        f" max {max(times):.1f} ms{extra}; slowest: {worst}"
    )


async def query_phase(archive: Archive, corpus: Corpus, queries: int, seed: int) -> None:
    person_q, topic_q = make_queries(corpus, queries, seed)
    await archive.articles.find_person("Лавров")  # warm caches
    await archive.articles.search_topic("вакцина")
    groups: dict[str, list[tuple[float, str]]] = {"person (articles)": [], "person (ambiguous)": []}
    empty = 0
    for q in person_q:
        t = time.perf_counter()
        result = await archive.articles.find_person(q, 10)
        ms = (time.perf_counter() - t) * 1000
        if result.ambiguous:
            groups["person (ambiguous)"].append((ms, q))
        else:
            groups["person (articles)"].append((ms, q))
            empty += not result.articles
    all_person = [t for g in groups.values() for t, _ in g]
    report("person (all)", all_person, [x for g in groups.values() for x in g], f", {empty} empty")
    for label, items in groups.items():
        report(label, [t for t, _ in items], items, "")
    topic: list[tuple[float, str]] = []
    for q in topic_q:
        t = time.perf_counter()
        await archive.articles.search_topic(q, 10)
        topic.append(((time.perf_counter() - t) * 1000, q))
    report("topic", [t for t, _ in topic], topic, "")
    t = time.perf_counter()
    await archive.articles.stats(None)
    print(f"{'stats (all time)':>18}: {(time.perf_counter() - t) * 1000:.0f} ms")


async def bench(n: int, db: Path, queries: int, seed: int, *, write: bool = True) -> None:
    t0 = time.perf_counter()
    corpus = Corpus(seed)
    print(
        f"corpus: {len(corpus.people)} people, {len(corpus.sentences)} lemmatized sentences "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    async with Archive.open(db) as archive:
        if write:
            await write_phase(archive, corpus, n)
        stored = (await archive.articles.stats(date(1970, 1, 1))).total_articles
        print(f"queries on {stored:,} articles:")
        await query_phase(archive, corpus, queries, seed)
        await archive.db._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    print(
        f"database: {size / 1024 / 1024:,.0f} MB ({size / max(stored, 1) / 1024:.1f} KB/article)"
        f" at {db}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="articles (default 100000)")
    parser.add_argument("--queries", type=int, default=300, help="queries of each kind")
    parser.add_argument("--db", type=Path, default=None, help="database file (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temp database")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--queries-only", action="store_true", help="only query an existing --db (same --seed)"
    )
    args = parser.parse_args()
    if args.queries_only:
        if args.db is None or not args.db.exists():
            sys.exit("--queries-only needs an existing --db")
        asyncio.run(bench(0, args.db, args.queries, args.seed, write=False))
        return
    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.sqlite3"
        if db.exists():
            sys.exit(f"{db} exists: the benchmark needs a fresh file")
        asyncio.run(bench(args.n, db, args.queries, args.seed))
        if args.keep and args.db is None:
            kept = Path(tempfile.gettempdir()) / "newsdigest-bench.sqlite3"
            db.replace(kept)
            print(f"kept {kept}")


if __name__ == "__main__":
    main()
