"""Precision and recall of "same story" on the labelled pair sets in tests/fixtures/stories.

    python -m bench.stories [--errors] [--real [DIR ...]]

Forty sets, printed separately: "tuning" (tests/fixtures/stories, the pairs the weights
were tuned on), "held-out" (tests/fixtures/stories/heldout, written without looking at the
weights; its failures then guided the conflict rules, so its figures after that are optimistic),
"fresh" (tests/fixtures/stories/fresh, written after those changes; its errors have been read
since), and thirty-seven blind sets written by helpers who never saw the signal or the other
sets. "blind" was first measured with the story signal of 2bae6a0 (pairs precision 1.000, recall
0.360); its errors were read after that. "blind2" was first measured with the signal of 50755b2
(pairs precision 0.889, recall 0.348; grouped 0.842 / 0.348); its errors were read after that.
"blind3" was first measured with the signal of 2de18ea (pairs precision 0.829, recall 0.527;
grouped 0.683 / 0.509); vetoes were designed on its errors since.
"blind4" was first measured with the signal of 063dd20 (pairs precision 1.000, recall 0.527;
grouped 1.000 / 0.509); its errors were read since. "blind5" was first measured with the signal
of 45292cd (pairs precision 0.864, recall 0.691; grouped 0.886 / 0.709); its brief asked for
rewrites as close to the wire as real outlets write them (see its README), so its recall is not
comparable with the others'. Its errors were read since (two banks the same morning; the
minister arrested, then dismissed). "blind6", written to the same brief, was first measured with
the signal of cc0d134 (pairs precision 0.955, recall 0.764; grouped 0.951 / 0.709); its errors
were read since (one of its two false merges was fixed, and three missed pairs vetoed by counts
in one unit were joined), so its figures after that are optimistic.
"blind7", written to the same brief, was first measured with the signal of 1ad83f4 (pairs
precision 0.913, recall 0.764; grouped 1.000 / 0.782). Its two false merges were next-day
developments joined by told headlines (cc0d134); that rule was withdrawn after it (pairs 0.976 /
0.727), so its figures since are optimistic too. "blind8", the same brief with many next-day
developments, was first measured with the signal of 4b10883 (pairs precision 0.827, recall
0.782; grouped 0.843 / 0.782; the signal of f7946a0, before this work: 0.833 / 0.727, grouped
0.759 / 0.745); the follow-up action veto was designed on its errors since.
"blind9", the same brief, was first measured with the signal of 297d08c (with the roles fix of
d2a0305: one of its reports hung the analysis before it; pairs precision 0.978, recall 0.800;
grouped 1.000 / 0.818), then once with the signal of a115bf6, whose region rule was designed on
the other sets before blind9 was read (pairs 0.979 / 0.855; grouped 1.000 / 0.891). Its errors
were read after that.
"blind10", the same brief, was first measured with the signal of bae061d (pairs precision 0.965,
recall 0.948; grouped 0.966 / 0.966; the signal of 297d08c gives 0.927 / 0.879 on it, that of
ca0767b 0.929 / 0.897). Its errors were read after that.
"blind11", the same brief, was first measured with the signal of bd6511f (pairs precision 0.873,
recall 0.857; grouped 0.849 / 0.804; 297d08c: 0.846 / 0.786). The "follow-up day" and "headline
stages" vetoes were designed on its false merges since (the market's rebound after its fall, the
pursuit after the sprint), so its figures after that are optimistic.
"blind12", the same brief leaning on one actor in many events (a minister, the central bank, a
court), was first measured with the signal of 195d1cd (pairs precision 0.945, recall 0.881;
grouped 0.962 / 0.864; 297d08c: 0.944 / 0.864). Its errors were read since (the appeal after the
sentence made «обжаловать» a follow-up word).
"blind13", the same brief, was first measured with the signal of a489ff0 (pairs precision 0.828,
recall 0.857; grouped 0.889 / 0.857; 297d08c: 0.800 / 0.857). Its false merges were next-day
developments; «вернуть» (the heating back) and «причина» (the cause found) became follow-up
words on them, so its figures since are optimistic.
"blind14", the same brief, was first measured with the signal of f24873a (pairs precision 0.881,
recall 0.897; grouped 0.925 / 0.845; 297d08c: 0.823 / 0.879, grouped 0.922 / 0.810). Its errors
were read since: «Тверская область» had been keyed as the street, so its headline named no place
(fixed in be2b3c5).
"blind15", the same brief, was first measured with the signal of be2b3c5, the last of this work
(pairs precision 0.844, recall 0.982; grouped 0.930 / 0.964; 297d08c: 0.794 / 0.982, grouped
0.812 / 0.945). Its false merges are next-day developments (the cause of a metro stop found, a
visa deal the day after the talks) and a price check beside the inflation figures.
From "blind16" on, the briefs asked for reports of real news length and for some same-event
pairs a day apart (an evening report and the next morning's paper).
"blind16" (long reports) was first measured with the signal of b98da0d (pairs precision 0.896,
recall 0.782; grouped 0.935 / 0.782; e79499c: 0.898 / 0.800, grouped 0.957 / 0.800). The
next-day lead rule of b98da0d lost a right pair on it and on blind17 and kept out no false
merge, so it was reverted. Its errors were read since.
"blind17" (diplomacy, sport, culture) was first measured with b98da0d (pairs 0.875 / 0.831;
grouped 0.887 / 0.797; e79499c: 0.879 / 0.864, grouped 0.891 / 0.831). Its false merges (two
presidents' calls the same day, warehouse fires in two towns, each second report recalling the
first further down) led to lead_places.
"blind18" (regions, courts, business) was first measured with 36820dc (pairs 0.827 / 0.754;
grouped 0.787 / 0.649; e79499c: 0.833 / 0.702, grouped 0.800 / 0.632). Its false merges are
same-day developments (the case opened the day of a tram derailment, a strike ended) and two
cities' school quarantines.
"blind19" (diplomacy, politics, space) was first measured with 36820dc (pairs 0.873 / 0.873;
grouped 0.891 / 0.891; e79499c: 0.857 / 0.873, grouped 0.891 / 0.891). Its false merges: a
launch and the docking three hours later, talks and the visa agreement, a typhoon and the
emergency declared for it.
"blind20" (one busy week: most events within ten days, themes recurring day by day) was first
measured with 9c27740 (pairs 0.906 / 0.857; grouped 0.960 / 0.857; e79499c the same).
"blind21" (the same events in very different outlets' styles: wire, business daily, tabloid,
city site, a channel's three-line post) was first measured with 36820dc (pairs 0.872 / 0.576;
grouped 0.850 / 0.576; e79499c the same). Its missed pairs are loose rewrites sharing under a
fifth of their words. Tried on them and dropped: the shorter text's containment in the longer
(22 right pairs more over all sets, 3 false ones, and 3 false merges among the real articles),
and navec word vectors (same-day anchored pairs at cosine ≥ 0.75: 19 right, 12 false).
"blind22" (running stories told day by day: each day's stage is its own event) was first
measured with 36820dc (pairs 0.979 / 0.887; grouped 1.000 / 0.887; e79499c: 0.980 / 0.906,
grouped 1.000 / 0.925); the pair it lost («возврат» read as a follow-up) was fixed in 9c27740.
"blind23" (extracted web pages: datelines, credits, «Читайте также», «Ранее…» paragraphs) was
first measured with 9c27740 (pairs 1.000 / 0.873; grouped 1.000 / 0.891; e79499c the same).
"blind24" (one weekday news flow: the same regulator, governor or company doing another thing
the same week, the next stage of a running story) was first measured with 556c84d (pairs 0.885 /
0.807; grouped 0.918 / 0.789; e79499c: 0.900 / 0.789, grouped 0.915 / 0.754).
"blind25" (developments hours or a day apart whose reports recap the first event: the explosion
and the case opened, talks and the agreement, a blackout and the power restored) was first
measured with 556c84d (pairs 0.579 / 0.746; grouped 0.595 / 0.746; e79499c: 0.581 / 0.729,
grouped 0.589 / 0.729).
"blind26" (one event in very different outlets' styles, 21 of 45 events with a channel's
three-line post) was first measured with 556c84d (pairs 0.911 / 0.695; grouped 0.826 / 0.644;
e79499c: 0.902 / 0.627, grouped 0.818 / 0.610).
"blind27" (abroad and the near abroad as Russian outlets report it: a wire naming the country,
a local outlet naming the town) was first measured with d0a9805 (pairs 0.787 / 0.638; grouped
0.795 / 0.603; 720c84b, before the foreign towns of 1e141c1: 0.800 / 0.483, grouped 0.788 /
0.448).
"blind28" (a week of regional news along rivers, lakes and coasts) was first measured with
d0a9805 (pairs 0.776 / 0.763; grouped 0.833 / 0.678; 720c84b the same). Its errors were read
since: two towns' ice jams on one river led to rivers telling no place.
"blind29" (a week of crime, courts, investigations and regulators: the detention, the arrest,
the dismissal; the blast, the case, the suspect; the price record, the antitrust inquiry) was
first measured with 87376ff (pairs 0.811 / 0.672; grouped 0.824 / 0.656) and with 159b493, whose
overseer veto (e6e87d5) was designed on the other sets before blind29 was read (pairs 0.843 /
0.672; grouped 0.857 / 0.656).
"blind30" (an ordinary fortnight of a general feed: a minister's two statements, a company's
results and its dividend, a team's two matches, two storms, a few development chains) was first
measured with 87376ff and with 159b493, alike (pairs 1.000 / 0.678; grouped 1.000 / 0.695):
on ordinary news the missed merges, not the false ones, are what is left.
"blind31" (an ordinary fortnight of business and economy: results and dividends, deals, prices,
the central bank's two decisions in a week, two steelmakers' results the same day) was first
measured with 485404e and 87376ff, alike (pairs 0.946 / 0.946; grouped 0.962 / 0.911).
"blind32" (an ordinary fortnight of sport, culture, science and city life: a club's two 2:1 wins
three days apart, two premieres at one theatre, two launches in a week) was first measured with
485404e and 87376ff, alike (pairs 0.962 / 0.750; grouped 1.000 / 0.735).
"blind33" (an ordinary fortnight of regional news with same-day look-alikes: fires in two towns
the same morning, two cities' snowfalls, two regions' flu quarantines) was first measured with
97fb074 (pairs 0.936 / 0.721; grouped 1.000 / 0.738) and with 936db3d, before storage's
only-story join of 440f8f2 (grouped 1.000 / 0.721; pairs the same).
"blind34" (an ordinary fortnight of federal politics, society and foreign news: two bills the
same day, two ministers at one forum, weekly polls) was first measured with 97fb074, 936db3d and
87376ff, alike (pairs 1.000 / 0.931; grouped 1.000 / 0.948).
"blind35" (an ordinary fortnight of Moscow and St Petersburg city news, with same-day
look-alikes) was first measured with eeb4125 (pairs 1.000 / 0.732; grouped 1.000 / 0.768;
936db3d, before storage's only-story join: grouped 1.000 / 0.732; 87376ff: 0.976 / 0.732).
"blind36" (an ordinary fortnight of world news as Russian outlets report it: two central banks
the same day, two earthquakes, floods in three neighbouring countries) was first measured with
eeb4125 (pairs 1.000 / 0.754; grouped 0.955 / 0.737; 936db3d and 87376ff: grouped 1.000 /
0.754). Its two false merges are an early arrival: the Swiss franc's report came before any
other report of the Swiss rate decision, found the Bank of England's story the only one in its
reach and joined it.
"blind37" (developments: a crash, its case and an arrest; a strike, its talks and its end) has 40
same-event pairs, under a blind set's 45, so it is not listed; its README has its figures.
"blind38" (an ordinary fortnight with busy days of Moscow, Kazan and St Petersburg city news,
look-alikes in one region, one governor at two events the same day) was first measured with
07d9358 and with 49ac2f0, whose one-scene rule was designed on the other sets before it was
written, alike (pairs 0.971 / 0.807; grouped 1.000 / 0.807; shuffled 0.988 / 0.805). A review
of its cards led to the station, oblique-name and quote fixes from bcfde1c on, so its later
figures are in-sample.

Figures per set for the current signal (digest.identity), and at the end pooled over all sets:
- pairs: same_story(a, b) on each labelled pair;
- grouped: the stories storage actually assigns when the reports are ingested one by one in
  date-and-id order through storage.stories.StoryWindow (a chain A~B~C can merge A and C);
- grouped, shuffled: the same in SHUFFLES seeded random orders within each day, pooled. A
  report's id names its event ("perm-blast/tass"), so date-and-id order brings one event's
  reports in one after another, which a live feed does not: the shuffled figure is the one to
  trust. (An order-free clustering looked better than storage's only in id order, for the
  same reason: with random orders it is no better.)
- a sweep of the threshold around SAME_STORY_SCORE, to show the margin.
And the signal this replaced (MinHash of text lemma bigrams ≥ 0.10 within ±7 days) as
"before". With --real, a stress check on real text that is not copied into the project: the
articles of /work/shared (seeds, factru-dev) put on one day, compared in pairs and grouped by
storage in file order. They are different events but for the pairs in REAL_SAME_EVENT, read and
found to report one event; every other merge among them is a false one.

A false merge is worse than a missed one: the target is precision ≥ 0.97 at recall ≥ 0.85.

Until the words in common were counted exactly (identity.word_overlap), the figures hung on the
128 MinHash permutations (σ ≈ 0.03 around 0.15): the same rules gave shuffled 0.971 / 0.848
with the permutations of seed 1, which they had been tuned on, and 0.964 / 0.837 and 0.964 /
0.839 with those of seeds 2 and 3. The figures are now the same whatever the permutations.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from bench.story_pairs import (
    BLIND_SETS,
    FIXTURES,
    FRESH,
    HELD_OUT,
    Pair,
    Report,
    load_pairs,
    load_reports,
)
from digest import identity, nlp
from digest.analyze import analyze_bytes, analyze_text
from digest.card import ArticleCard
from digest.identity import StoryKey
from storage.stories import StoryWindow

TARGET_PRECISION = 0.97
TARGET_RECALL = 0.85
SHUFFLES = 5  # arrival orders within each day for the shuffled grouping


@dataclass
class Tally:
    """Labelled pairs a rule puts together rightly (tp) and wrongly (fp), of `positives`."""

    tp: int = 0
    fp: int = 0
    positives: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.tp + other.tp, self.fp + other.fp, self.positives + other.positives)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.positives if self.positives else 1.0


def tally(pairs: list[Pair], same: Callable[[str, str], bool]) -> Tally:
    return Tally(sum(1 for p in pairs if p.same and same(p.a, p.b)),
                 sum(1 for p in pairs if not p.same and same(p.a, p.b)),
                 sum(1 for p in pairs if p.same))


def precision_recall(pairs: list[Pair], same: Callable[[str, str], bool]) -> tuple[float, float]:
    counted = tally(pairs, same)
    return counted.precision, counted.recall


def errors(pairs: list[Pair], same: Callable[[str, str], bool]) -> list[str]:
    out = []
    for p in pairs:
        if same(p.a, p.b) != p.same:
            out.append(f"{'missed' if p.same else 'MERGED'}  {p.a}  ~  {p.b}  ({p.kind})")
    return out


def analyse(reports: list[Report]) -> dict[str, ArticleCard]:
    return {
        r.id: analyze_text(r.text, title=r.title, published=r.date, source=r.source)
        for r in reports
    }


def keys_of(cards: dict[str, ArticleCard]) -> dict[str, StoryKey]:
    return {rid: identity.story_key(c, c.published or date.today()) for rid, c in cards.items()}


async def grouped(reports: list[Report], keys: dict[str, StoryKey]) -> dict[str, int]:
    """Story ids as storage assigns them, ingesting the reports in date order."""
    return await stored_stories([r.id for r in sorted(reports, key=lambda r: (r.date, r.id))],
                                keys)


def together(stories: dict[str, int]) -> Callable[[str, str], bool]:
    """The rule "storage put a and b into one story"."""
    return lambda a, b: stories[a] == stories[b]


def shuffled_within_days(reports: list[Report], seed: int) -> list[str]:
    """The reports in date order, in a random order (of `seed`) within each day."""
    mixed = list(reports)
    random.Random(seed).shuffle(mixed)
    return [r.id for r in sorted(mixed, key=lambda r: r.date)]  # a stable sort keeps the mix


async def stored_stories(order: list[str], keys: dict[str, StoryKey]) -> dict[str, int]:
    """Story ids as storage assigns them, ingesting the reports in `order`."""

    async def nothing_stored(day: str) -> list:
        return []

    window = StoryWindow(nothing_stored)
    stories: dict[str, int] = {}
    for n, rid in enumerate(order, start=1):
        story = await window.find_story(keys[rid]) or n
        stories[rid] = story
        window.added(n, story, keys[rid])
    return stories


_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def before_signature(text: str) -> np.ndarray:
    """The replaced signal: MinHash of lemma bigrams of the body text."""
    words = [w for w in (nlp.lemma(x) for x in _WORD.findall(text)) if len(w) > 2 or w.isdigit()]
    shingles = {" ".join(words[i : i + 2]).encode() for i in range(len(words) - 1)}
    return identity.minhash(sorted(shingles) or [b""])


REAL_DEFAULT = [Path(__file__).resolve().parents[2] / "shared" / sub
                for sub in ("seeds", "eval/factru-dev")]


# real articles that report one event (read, not guessed): merging them is right
REAL_SAME_EVENT = {
    # the FIDE president's letter and the FIDE council's report of the Topalov-Kramnik match
    # agreement (Elista, 21 September - 13 October, a $1 million prize fund)
    ("book_409.txt", "book_413.txt"),
}


def real_check(folders: list[Path]) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    day = date(2025, 1, 1)
    keys = []
    for path in sorted(p for folder in folders for p in folder.glob("*.txt")):
        card = analyze_bytes(path.read_bytes(), path.name, reference_date=day)
        keys.append((path.name, identity.story_key(card, day)))
    names = [name for name, _ in keys]
    merged = [(a, b) for i, (a, ka) in enumerate(keys) for b, kb in keys[i + 1 :]
              if identity.same_story(ka, kb)]
    stories = asyncio.run(stored_stories(names, dict(keys)))
    together = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]
                if stories[a] == stories[b]]
    total = len(names) * (len(names) - 1) // 2
    took = (f"{time.perf_counter() - started:.0f} s wall,"
            f" {time.process_time() - cpu:.0f} s CPU")
    _print_merges(f"real articles on one day, {total} pairs of different events, compared in"
                  f" pairs ({took})", merged)
    _print_merges("grouped by storage in file order", together)


def _print_merges(how: str, merged: list[tuple[str, str]]) -> None:
    false = [pair for pair in merged if pair not in REAL_SAME_EVENT]
    print(f"{how}: {len(false)} false merges; {len(merged) - len(false)} of"
          f" {len(REAL_SAME_EVENT)} known same-event pairs merged")
    for a, b in merged:
        print(f"  {a} ~ {b}{'  (same event)' if (a, b) in REAL_SAME_EVENT else ''}")


def measure(name: str, folder: Path, show_errors: bool) -> dict[str, Tally]:
    """Print one set's figures; return its tallies by row, to pool over the sets."""
    reports, pairs = load_reports(folder), load_pairs(folder)
    started, cpu = time.perf_counter(), time.process_time()
    cards = analyse(reports)
    keys = keys_of(cards)
    print(
        f"== {name} set ({folder.name}): {len(reports)} reports of"
        f" {len({r.event for r in reports})} events, {len(pairs)} pairs"
        f" ({sum(p.same for p in pairs)} same story; hard negatives:"
        f" {sum(p.kind == 'same_family' for p in pairs)} same person or theme)"
        f" — analysed in {time.perf_counter() - started:.1f} s wall,"
        f" {time.process_time() - cpu:.1f} s CPU"
    )

    old = {r.id: before_signature(cards[r.id].text) for r in reports}

    def before(a: str, b: str) -> bool:
        days = abs((keys[a].day - keys[b].day).days)
        return days <= 7 and identity.similarity(old[a], old[b]) >= 0.10

    def now(a: str, b: str) -> bool:
        return identity.same_story(keys[a], keys[b])

    rows = [("before (bigram MinHash ≥ 0.10, ±7 days)", before), ("pairs", now),
            ("grouped by storage", together(asyncio.run(grouped(reports, keys))))]
    tallies = {label: tally(pairs, rule) for label, rule in rows}
    shuffled = Tally()
    for seed in range(SHUFFLES):
        mixed = asyncio.run(stored_stories(shuffled_within_days(reports, seed), keys))
        shuffled += tally(pairs, together(mixed))
    tallies[SHUFFLED] = shuffled
    _print_tallies(tallies)

    print("threshold sweep (pairs):")
    for delta in (-0.06, -0.04, -0.02, 0.0, 0.02, 0.04, 0.06):
        threshold = identity.SAME_STORY_SCORE + delta
        p, r = precision_recall(
            pairs, lambda a, b, t=threshold: identity.story_score(keys[a], keys[b]) >= t
        )
        print(f"  score ≥ {threshold:.2f}: precision {p:.3f}  recall {r:.3f}")
    if show_errors:
        for label, rule in rows:
            print(f"{label}:", *errors(pairs, rule) or ["no errors"], sep="\n  ")
    return tallies


SHUFFLED = f"grouped, {SHUFFLES} orders shuffled within days"


def _print_tallies(tallies: dict[str, Tally]) -> None:
    for label, counted in tallies.items():
        p, r = counted.precision, counted.recall
        ok = "meets" if p >= TARGET_PRECISION and r >= TARGET_RECALL else "BELOW"
        print(f"{label:42} precision {p:.3f}  recall {r:.3f}  {ok} target"
              f"  ({counted.tp} right, {counted.fp} false of {counted.positives})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong pair")
    parser.add_argument("--real", type=Path, nargs="*", default=None, metavar="DIR",
                        help="folders of real articles, all different events (default: seeds"
                        " and factru-dev beside the checkout)")
    args = parser.parse_args()

    sets = (("tuning", FIXTURES), ("held-out", HELD_OUT), ("fresh", FRESH),
            *((folder.name, folder) for folder in BLIND_SETS))
    pooled: dict[str, Tally] = {}
    for name, folder in sets:
        for label, counted in measure(name, folder, args.errors).items():
            pooled[label] = pooled.get(label, Tally()) + counted
    print(f"== all {len(sets)} sets pooled (the shuffled orders count each pair {SHUFFLES} times)")
    _print_tallies(pooled)
    if args.real is not None:
        real_check(args.real or [p for p in REAL_DEFAULT if p.is_dir()])


if __name__ == "__main__":
    main()
