"""Compare sumy's LexRank, TextRank, LSA, Luhn and Lead-3 on the same articles.

    python -m bench.summary

There are no reference summaries, so three proxies of what a digest reader needs:
- headline recall: share of the headline's content lemmas found in the summary (the headline
  is the editor's own one-line summary);
- key facts: share of the article's figures and people (by surname) that the summary carries;
- length: characters a reader scrolls on a phone.
Plus time per article with a warm lemma cache.
"""

from __future__ import annotations

import re
import statistics
import time

from bench.corpus import article_files
from digest import nlp
from digest.analyze import analyze_document
from digest.prepare import prepare_bytes
from digest.sentences import split_sentences
from digest.summary import METHODS, stop_words, summarize

_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")


def _lemmas(text: str) -> set[str]:
    return {nlp.lemma(w) for w in _WORD.findall(text)} - stop_words()


def main() -> None:
    docs = []
    for path in article_files():
        doc = prepare_bytes(path.read_bytes(), path.name)
        card = analyze_document(doc)
        docs.append((doc, card, split_sentences(doc.text)))
    print(f"articles: {len(docs)}; 3 sentences per summary\n")
    print(f"{'method':<9} {'headline':>9} {'facts':>7} {'chars':>6} {'ms':>6}")
    for method in METHODS:
        headline, facts, chars, times = [], [], [], []
        for doc, card, sentences in docs:
            summarize(doc.text, sentences, method=method)  # warm caches
            t0 = time.perf_counter()
            summary = summarize(doc.text, sentences, method=method)
            times.append(time.perf_counter() - t0)
            joined = " ".join(summary)
            title = _lemmas(card.title)
            if title:
                headline.append(len(title & _lemmas(joined)) / len(title))
            wanted = [f.text for f in card.figures] + [p.name.split()[-1] for p in card.people]
            if wanted:
                facts.append(sum(w in joined for w in wanted) / len(wanted))
            chars.append(len(joined))
        print(
            f"{method:<9} {statistics.mean(headline):9.2f} {statistics.mean(facts):7.2f} "
            f"{statistics.mean(chars):6.0f} {statistics.mean(times) * 1e3:6.2f}"
        )


if __name__ == "__main__":
    main()
