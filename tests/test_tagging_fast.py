"""digest.tagging gives exactly natasha's morphology and NER, cheaper (issue 14): the same
models on the same batches, the words encoded once, a vectorized Viterbi."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from natasha import Doc

from bench.corpus import news
from digest import nlp
from digest.tagging import encode_words, tag_morph, tag_ner, viterbi

SAMPLES = Path(__file__).resolve().parents[1] / "digest" / "samples"


def _tagged(text: str, fast: bool) -> tuple[list, list]:
    m = nlp.models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    if fast:
        ids = encode_words(doc, m.morph_tagger)
        tag_morph(doc, m.morph_tagger, ids)
        tag_ner(doc, m.ner_tagger, ids)
    else:
        doc.tag_morph(m.morph_tagger)
        doc.tag_ner(m.ner_tagger)
    sentence_of = {id(s): k for k, sent in enumerate(doc.sents) for s in sent.spans or ()}
    tokens = [(t.start, t.pos, t.feats) for t in doc.tokens]
    spans = [
        (s.start, s.stop, s.type, [t.start for t in s.tokens], sentence_of[id(s)])
        for s in doc.spans
    ]
    return tokens, spans


def test_tags_and_spans_are_natashas_on_varied_articles():
    texts = [news(900_000 + i)[1] for i in range(12)]
    texts += [p.read_bytes().decode("utf-8", errors="ignore") for p in sorted(SAMPLES.iterdir())]
    texts += ["", "   ", "Путин.", "В Москве. Иван Петров заявил: «Да»", "ООО «Ромашка»\n\nЛавров"]
    spans = 0
    for text in texts:
        expected = _tagged(text, fast=False)
        assert _tagged(text, fast=True) == expected, text[:80]
        spans += len(expected[1])
    assert spans > 200  # the texts do name people, places and organizations


def test_the_two_taggers_share_their_vocabularies():
    m = nlp.models()
    morph, ner = m.morph_tagger.infer.encoder, m.ner_tagger.infer.encoder
    assert morph.words_vocab.items == ner.words_vocab.items
    assert morph.shapes_vocab.items == ner.shapes_vocab.items


def test_viterbi_is_slovnets_crf_decode():
    crf = nlp.models().ner_tagger.infer.model.head.crf
    rng = np.random.default_rng(7)
    tags = crf.transitions.array.shape[0]
    for length in (1, 2, 5, 40, 300):
        emissions = rng.normal(size=(length, tags)).astype(np.float32)
        emissions[length // 2] = 0.0  # ties: the lowest tag wins in both
        (expected,) = crf.decode(emissions[None], np.ones((1, length), dtype=bool))
        assert viterbi(emissions, crf.transitions.array) == list(expected)
