"""Per-article cost of the full card against bare natasha, on unseen 3–5 K-character news.

    python -m bench.analyze [--articles 200] [--warm-up 150]

Every article is invented afresh (bench.corpus.news) and analysed once. Bare natasha
(natasha as shipped: Doc.segment, tag_morph, tag_ner, span normalize — what any card needs)
and the full card (what a worker does:
bytes → decode → clean → parse → people, quotes, figures, dates, summary, topics, hash,
MinHash, index text, within digest.limits) alternate article by article in one process, so
machine load hits both alike. "cold" = the first articles after the models load (empty lemma
caches); "warm" = after --warm-up other unseen articles. CPU time (process_time) is printed
beside wall time: on a shared machine wall time is inflated, CPU time much less.
Target (issue 14): full ≤ 1.5 × bare natasha.

The card runs natasha's own models, but its morphology and NER steps go through
digest.tagging (the same tags and spans, less Python around the models: ~11 ms an article
less than Doc.tag_morph + Doc.tag_ner). So the last lines also print the card's cost above
its own natasha parse (digest.nlp.parse_doc, timed on the full card's articles), the part
that is the card's extraction work alone.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bench.corpus import news
from digest import analyze, keys, nlp, prepare  # noqa: F401  (imports are not analysis time)
from digest.pool import analyze_item
from digest.unpack import RawFile


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def bare_natasha(text: str) -> object:
    """natasha as shipped, nothing else."""
    from natasha import Doc

    m = nlp.models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph_tagger)
    doc.tag_ner(m.ner_tagger)
    for span in doc.spans:
        span.normalize(m.morph_vocab)
    return doc


def alternate(first: int, count: int) -> dict[str, list[tuple[float, float]]]:
    """Articles first..first+2*count: even ones bare, odd ones full; the order flips each pair.
    "parse": the card's own natasha parse of the full card's article, timed after it."""
    out: dict[str, list[tuple[float, float]]] = {"bare": [], "full": [], "parse": []}
    for k in range(count):
        bare_name, bare_text = news(first + 2 * k)
        full_name, full_text = news(first + 2 * k + 1)
        runs = [
            ("bare", lambda t=bare_text: bare_natasha(t)),
            ("full", lambda n=full_name, t=full_text: analyze_item(RawFile(n, t.encode()))),
        ]
        for kind, fn in runs if k % 2 == 0 else runs[::-1]:
            out[kind].append(_timed(fn))
        out["parse"].append(_timed(lambda t=full_text: nlp.parse_doc(t)))
    return out


def _row(label: str, times: list[tuple[float, float]]) -> tuple[float, float]:
    wall = statistics.mean(w for w, _ in times) * 1e3
    cpu = statistics.mean(c for _, c in times) * 1e3
    print(f"  {label:<28} {wall:8.1f} {cpu:8.1f}")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200, help="timed pairs (warm)")
    parser.add_argument("--cold", type=int, default=20, help="timed pairs right after load")
    parser.add_argument("--warm-up", type=int, default=150, help="untimed articles in between")
    parser.add_argument("--seed", type=int, default=1, help="article indices start here × 10⁶")
    args = parser.parse_args()

    base = args.seed * 1_000_000
    w0, c0 = time.perf_counter(), time.process_time()
    nlp.models()
    print(f"model load: {(time.perf_counter() - w0) * 1e3:.0f} ms wall, "
          f"{(time.process_time() - c0) * 1e3:.0f} ms CPU (once per process)")
    sizes = [len(news(base + i)[1]) for i in range(50)]
    print(f"articles: unseen, {min(sizes)}–{max(sizes)} characters (mean "
          f"{statistics.mean(sizes):.0f}), each analysed once\n")

    cold = alternate(base, args.cold)
    first_warm = base + 2 * args.cold
    for i in range(args.warm_up):
        name, text = news(first_warm + i)
        analyze_item(RawFile(name, text.encode()))
    warm = alternate(first_warm + args.warm_up, args.articles)

    print(f"  {'ms per article':<28} {'wall':>8} {'CPU':>8}")
    for label, runs in (("cold", cold), ("warm", warm)):
        n = len(runs["bare"])
        bare = _row(f"{label}: bare natasha ({n})", runs["bare"])
        full = _row(f"{label}: full card ({n})", runs["full"])
        ratio = f"{full[0] / bare[0]:8.2f} {full[1] / bare[1]:8.2f}"
        print(f"  {label + ': ratio full / bare':<28} {ratio}   (target ≤ 1.5)")
        parse = statistics.mean(c for _, c in runs["parse"]) * 1e3
        print(f"  {label + ': the card above its parse':<28} {'':>8} {full[1] - parse:8.1f}"
              f"   (its natasha parse via digest.tagging: {parse:.1f} ms CPU)")
    full_cpu = statistics.mean(c for _, c in warm["full"])
    print(f"\nfull card throughput on one core (warm CPU): {1 / full_cpu:.1f} articles/s")


if __name__ == "__main__":
    main()
