"""Per-article cost of the full analysis against the bare natasha pipeline, on the same texts.

    python -m bench.analyze [--rounds 5]

Bare pipeline = segment + morph + NER + normalize (what every card needs anyway). Full =
bytes → decode → clean → metadata → the same parse → people/roles, quotes, figures, dates,
summary, topics, hash and MinHash. Target: full ≤ 2.5 × bare.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from bench.corpus import article_files
from digest import nlp
from digest.analyze import analyze_document
from digest.prepare import prepare_bytes


def _time_per_article(fn, items, rounds: int) -> list[float]:
    per_round = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for item in items:
            fn(item)
        per_round.append((time.perf_counter() - t0) / len(items))
    return per_round


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    files = article_files()
    raw = [(p.name, p.read_bytes()) for p in files]
    t0 = time.perf_counter()
    nlp.models()
    load = time.perf_counter() - t0
    documents = [prepare_bytes(data, name) for name, data in raw]
    texts = [d.text for d in documents]
    kb = sum(len(t) for t in texts) / len(texts) / 1024

    cold = _time_per_article(lambda d: analyze_document(d), documents, 1)[0]
    bare = _time_per_article(nlp.parse_doc, texts, args.rounds)
    full = _time_per_article(
        lambda item: analyze_document(prepare_bytes(item[1], item[0])), raw, args.rounds
    )
    bare_ms, full_ms = statistics.median(bare) * 1e3, statistics.median(full) * 1e3
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles: {len(files)} (mean {kb:.1f} KB of clean text), rounds: {args.rounds}")
    print(f"model load:                      {load * 1e3:8.0f} ms (once per process)")
    print(f"full analysis, first pass (cold lemma cache): {cold * 1e3:6.1f} ms/article")
    print(f"bare natasha (seg+morph+NER+norm): {bare_ms:6.1f} ms/article (median of rounds)")
    print(f"full analysis (bytes → card):      {full_ms:6.1f} ms/article (median of rounds)")
    print(f"ratio full / bare:                 {full_ms / bare_ms:6.2f}  (target ≤ 2.5)")
    print(f"throughput, one core:              {1000 / full_ms:6.1f} articles/s")
    print(f"peak RSS:                          {peak_mb:6.0f} MB")


if __name__ == "__main__":
    main()
