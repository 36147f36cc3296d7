"""Build digest/data/background_df.txt: in how many news documents each noun lemma occurs
(common nouns and names).

    python -m bench.background [--factru DIR]

The background is general news: factRuEval-2016's development texts (MIT; only lemma counts
are kept, never text) and the project's own samples. Topics weigh an article's nouns against
it, so words every story uses ("страна", "работа") sink and the story's own terms rise.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.quality_facts import FACTRU, ROOT

OUT = ROOT / "digest" / "data" / "background_df.txt"


def noun_lemmas(text: str) -> set[str]:
    """Common and proper nouns: a place or organization every story names ("Россия")
    sinks as a topic like a common word does."""
    from digest import nlp

    doc = nlp.parse_doc(text)
    return {
        nlp.lemma(t.text)
        for t in doc.tokens
        if t.pos in {"NOUN", "PROPN"} and t.text.isalpha()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factru", type=Path, default=FACTRU)
    args = parser.parse_args()
    texts = [p.read_text("utf-8") for p in sorted(args.factru.glob("*.txt"))]
    from digest.prepare import prepare_bytes

    texts += [
        prepare_bytes(p.read_bytes(), p.name).text
        for p in sorted((ROOT / "digest" / "samples").iterdir())
        if p.suffix in {".txt", ".md", ".html"}
    ]
    df: Counter[str] = Counter()
    for text in texts:
        df.update(noun_lemmas(text))
    lines = [
        "# Noun and name lemma document frequencies of general news (bench/background.py).",
        "# Sources: factRuEval-2016 dev texts (MIT, counts only) and digest/samples.",
        f"documents {len(texts)}",
    ]
    lines += [f"{lemma} {n}" for lemma, n in sorted(df.items(), key=lambda x: (-x[1], x[0]))
              if n >= 2]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(texts)} documents, {len(lines) - 3} lemmas → {OUT}")


if __name__ == "__main__":
    main()
