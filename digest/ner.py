"""natasha's NER step on the tokens the document already has, with a vectorized Viterbi.

natasha's ``Doc.tag_ner`` tokenizes the whole text a second time (razdel, ~3 ms an article)
and decodes the CRF with a dozen numpy calls per token (~5 ms for 700 tokens). Here the
segmenter's tokens are the NER's input, and each Viterbi step is three numpy calls on the
one sequence. The model, its weights and its tag vocabulary are natasha's own; only the loop
around them changes, and tests/test_ner_fast.py checks the spans against ``Doc.tag_ner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from natasha import Doc, NewsNERTagger


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best tag path of one sequence (tokens × tags), as slovnet's CRF.decode gives it:
    the same sums in the same order, ties to the lowest tag."""
    tags = np.arange(emissions.shape[1])
    score = emissions[0]
    history = []
    for step in emissions[1:]:
        total = score[:, None] + transitions + step[None, :]  # previous tag × next tag
        best = total.argmax(axis=0)
        score = total[best, tags]
        history.append(best)
    path = [int(score.argmax())]
    for best in reversed(history):
        path.append(int(best[path[-1]]))
    path.reverse()
    return path


def tag_ner(doc: Doc, tagger: NewsNERTagger) -> None:
    """Fill doc.spans (PER, LOC, ORG) like ``doc.tag_ner(tagger)``; doc must be segmented."""
    from natasha.doc import DocSpan
    from slovnet.bio import B, I, parse_bio

    if not doc.text.strip() or not doc.tokens:
        doc.spans = []
        return
    infer = tagger.infer
    (batch,) = infer.encoder([[t.text for t in doc.tokens]])
    model = infer.model
    emissions = model(batch.word_id, batch.shape_id, batch.pad_mask)[0]
    path = viterbi(emissions, model.head.crf.transitions.array)
    vocab = infer.decoder.tags_vocab
    spans: list[DocSpan] = []
    kind = start = stop = None
    for token, tag_id in zip(doc.tokens, path, strict=True):
        part, tag = parse_bio(vocab.decode(tag_id))
        if part == B or (part != I and kind is not None):
            if kind is not None:
                spans.append(DocSpan(start, stop, kind, doc.text[start:stop]))
            kind, start = (tag, token.start) if part == B else (None, None)
        if part in (B, I):
            stop = token.stop
    if kind is not None:
        spans.append(DocSpan(start, stop, kind, doc.text[start:stop]))
    doc.spans = spans
    doc.envelop_span_tokens()
    doc.envelop_sent_spans()
