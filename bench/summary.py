"""ROUGE of the summary methods against reference summaries written for the page fixtures.

    python -m bench.summary [--count 3]

Each of tests/fixtures/pages/*.json has a 2–4 sentence reference digest written by hand.
Every method summarizes the same cleaned plain-text documents; "first-k" is the first k
sentences of the body with no filtering at all (what a reader gets from the top of the page).
ROUGE-1/2/L are F1 on natasha lemmas of razdel tokens (bench/rouge.py). Also: how many summary
sentences carry a quotation or its fragment, and time per article with a warm lemma cache.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.pages import pages
from bench.rouge import rouge
from digest.prepare import prepare_bytes
from digest.summary import METHODS, has_quotation, summarize


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3, help="sentences per summary")
    args = parser.parse_args(argv)
    docs = []
    for page in pages(("txt",)):
        doc = prepare_bytes(page.path.read_bytes(), page.path.name, reference_date=page.reference)
        docs.append((doc, doc.structure(), page.expected["summary"]))
    print(f"articles: {len(docs)}; {args.count} sentences per summary; F1 on lemmas\n")
    print(f"{'method':<13} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'quotes':>6} {'ms':>6}")
    rows: list[tuple[str, list]] = []
    for k in (2, 3, 4):
        rows.append((f"first-{k}", [[s.text for s in b.sentences[:k]] for _, b, _ in docs]))
    for method in METHODS:
        out, times = [], []
        for doc, body, _ in docs:
            kwargs = {"count": args.count, "method": method, "title": doc.title, "body": body}
            summarize(doc.text, body.sentences, **kwargs)  # warm caches
            t0 = time.perf_counter()
            out.append(summarize(doc.text, body.sentences, **kwargs))
            times.append(time.perf_counter() - t0)
        rows.append((method, out, statistics.mean(times) * 1e3))  # type: ignore[arg-type]
    for label, summaries, *ms in rows:
        scores = [rouge(" ".join(s), ref) for s, (_, _, ref) in zip(summaries, docs, strict=True)]
        quotes = sum(has_quotation(x) for s in summaries for x in s)
        timing = f"{ms[0]:6.2f}" if ms else f"{'':>6}"
        print(
            f"{label:<13} {statistics.mean(x.r1 for x in scores):6.3f} "
            f"{statistics.mean(x.r2 for x in scores):6.3f} "
            f"{statistics.mean(x.rl for x in scores):6.3f} {quotes:>6} {timing}"
        )


if __name__ == "__main__":
    main()
