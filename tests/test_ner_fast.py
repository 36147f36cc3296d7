"""digest.ner gives exactly natasha's NER spans, faster (issue 14): the same model on the
segmenter's tokens, a vectorized Viterbi."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from natasha import Doc

from bench.corpus import news
from digest import nlp
from digest.ner import tag_ner, viterbi

SAMPLES = Path(__file__).resolve().parents[1] / "digest" / "samples"


def _spans(text: str, fast: bool) -> list[tuple[int, int, str, list[int]]]:
    m = nlp.models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    if fast:
        tag_ner(doc, m.ner_tagger)
    else:
        doc.tag_ner(m.ner_tagger)
    sentence_of = {id(s): k for k, sent in enumerate(doc.sents) for s in sent.spans or ()}
    return [
        (s.start, s.stop, s.type, [t.start for t in s.tokens], sentence_of[id(s)])
        for s in doc.spans
    ]


def test_the_spans_are_natashas_on_varied_articles():
    texts = [news(900_000 + i)[1] for i in range(12)]
    texts += [p.read_bytes().decode("utf-8", errors="ignore") for p in sorted(SAMPLES.iterdir())]
    texts += ["", "   ", "Путин.", "В Москве. Иван Петров заявил: «Да»", "ООО «Ромашка»\n\nЛавров"]
    found = 0
    for text in texts:
        expected = _spans(text, fast=False)
        assert _spans(text, fast=True) == expected, text[:80]
        found += len(expected)
    assert found > 200  # the texts do name people, places and organizations


def test_viterbi_is_slovnets_crf_decode():
    crf = nlp.models().ner_tagger.infer.model.head.crf
    rng = np.random.default_rng(7)
    tags = crf.transitions.array.shape[0]
    for length in (1, 2, 5, 40, 300):
        emissions = rng.normal(size=(length, tags)).astype(np.float32)
        emissions[length // 2] = 0.0  # ties: the lowest tag wins in both
        (expected,) = crf.decode(emissions[None], np.ones((1, length), dtype=bool))
        assert viterbi(emissions, crf.transitions.array) == list(expected)
