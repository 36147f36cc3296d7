"""Time extract_figures on an invented ~3 KB, 25-sentence news article.

Run: python bench/figures_speed.py [repeats]
Models load and the parser is built before timing; the morphology cache is warmed by one run.
Wall and CPU time are both printed: on a busy machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest.figures import extract_figures, parser  # noqa: E402

SENTENCES = [
    "Правительство региона утвердило новую программу развития транспорта.",
    "На её реализацию до 2030 года направят 1,5 трлн рублей.",
    "Первая очередь предусматривает строительство 7 591 километра дорог.",
    "Ещё $2,4 млрд привлекут от частных инвесторов.",
    "По словам губернатора, проект создаст более 20 тысяч рабочих мест.",
    "Безработица в области за год снизилась на 0,7 процентного пункта.",
    "Министр напомнил, что в прошлом году экономика выросла на 3,1%.",
    "Программу обсуждали на заседании 30 января.",
    "Эксперты считают, что сроки выглядят реалистично.",
    "Совет одобрил 93 проекта, ещё 49 находятся на рассмотрении.",
    "Их общая стоимость оценивается в 18,3 млрд долларов.",
    "Железная дорога перевезла 3,5 млн тонн грузов, на 12 процентов больше.",
    "Новые вагоны обошлись в 2 500 000 рублей каждый.",
    "Аэропорт принял 150 тыс. человек за лето.",
    "В следующем году пассажиропоток должен вырасти ещё на 5 %.",
    "Власти рассчитывают, что туристов станет заметно больше.",
    "За 11 месяцев бюджет получил 27,8 миллиарда рублей налогов.",
    "Мэр отметил, что горожане поддержали строительство новой ветки метро.",
    "Её длина составит 12 км, а стоимость — €900 млн.",
    "Для жителей пригородов запустят 40 новых автобусных маршрутов.",
    "Цена проездного не изменится и останется на уровне 2 900 руб.",
    "Парк электробусов увеличат до 600 машин к 2027 году.",
    "Каждая зарядная станция выдаёт 150 кВт.",
    "Подробности программы опубликуют на сайте правительства.",
    "Следующее заседание совета назначено на 14:00 в пятницу.",
]


def main(repeats: int = 500) -> None:
    parser()  # models + grammar, not part of the per-article cost
    extract_figures(SENTENCES)  # warm the morphology cache
    size = len(" ".join(SENTENCES).encode())
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        figures = extract_figures(SENTENCES)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    print(f"{len(SENTENCES)} sentences, {size} bytes, {len(figures)} figures, {repeats} runs")
    for name, runs in (("wall", wall), ("cpu", cpu)):
        print(f"{name}: median {statistics.median(runs):.2f} ms, "
              f"p90 {statistics.quantiles(runs, n=10)[-1]:.2f} ms, min {min(runs):.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
