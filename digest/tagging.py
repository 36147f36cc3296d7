"""natasha's morphology and NER steps with the Python around the models made cheaper.

``Doc.tag_morph`` and ``Doc.tag_ner`` encode every word twice (the two models share one word
and one shape vocabulary), tokenize the whole text once more for NER (razdel, ~3 ms an
article), parse each token's tag string into a new dict, and decode the NER's CRF with a
dozen numpy calls per token (~5 ms for 700 tokens). Here the words are encoded once, tag
strings are parsed once per tag, the segmenter's tokens are the NER's input and each Viterbi
step is three numpy calls. The models, their weights, vocabularies and batches (8 sentences,
padded as slovnet pads them) are natasha's own; tests/test_tagging_fast.py checks tags and
spans against ``Doc.tag_morph``/``Doc.tag_ner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from natasha import Doc, NewsMorphTagger, NewsNERTagger


def encode_words(doc: Doc, tagger: Any) -> tuple[np.ndarray, np.ndarray]:
    """(word ids, shape ids) of doc.tokens in the vocabularies natasha's taggers share."""
    from slovnet.shape import word_shape

    encoder = tagger.infer.encoder
    words, shapes = encoder.words_vocab, encoder.shapes_vocab
    word_ids = [words.encode(t.text.lower()) for t in doc.tokens]
    shape_ids = [shapes.encode(word_shape(t.text)) for t in doc.tokens]
    return np.asarray(word_ids, dtype=np.int64), np.asarray(shape_ids, dtype=np.int64)


_parsed_tags: dict[int, list[tuple[str, dict[str, str]]]] = {}


def _morph_tags(tags_vocab: Any) -> list[tuple[str, dict[str, str]]]:
    """(pos, feats) of every tag of the vocabulary, parsed once."""
    from slovnet.conll import parse_conll_tag

    parsed = _parsed_tags.get(id(tags_vocab))
    if parsed is None:
        parsed = _parsed_tags[id(tags_vocab)] = [parse_conll_tag(t) for t in tags_vocab.items]
    return parsed


def tag_morph(doc: Doc, tagger: NewsMorphTagger, ids: tuple[np.ndarray, np.ndarray]) -> None:
    """Set pos and feats of every token in doc.sents like ``doc.tag_morph(tagger)``."""
    infer = tagger.infer
    model, encoder = infer.model, infer.encoder
    word_pad, shape_pad = encoder.words_vocab.pad_id, encoder.shapes_vocab.pad_id
    tags = _morph_tags(infer.decoder.tags_vocab)
    position = {id(t): k for k, t in enumerate(doc.tokens)}
    sents = [[position[id(t)] for t in s.tokens] for s in doc.sents]
    token_of = doc.tokens
    step = min(tagger.batch_size, encoder.batch_size)  # slovnet chops by both, in turn
    for begin in range(0, len(sents), step):
        batch = sents[begin : begin + step]
        size = max(len(s) for s in batch)
        word_id = np.full((len(batch), size), word_pad)
        shape_id = np.full((len(batch), size), shape_pad)
        for row, sent in enumerate(batch):
            word_id[row, : len(sent)] = ids[0][sent]
            shape_id[row, : len(sent)] = ids[1][sent]
        pad_mask = word_id == word_pad
        pred = model.head.decode(model(word_id, shape_id, pad_mask))
        for row, (sent, length) in enumerate(zip(batch, (~pad_mask).sum(-1), strict=True)):
            for k, tag_id in zip(sent, pred[row, :length].tolist(), strict=False):
                pos, feats = tags[tag_id]
                token = token_of[k]
                token.pos, token.feats = pos, dict(feats)


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


def tag_ner(doc: Doc, tagger: NewsNERTagger, ids: tuple[np.ndarray, np.ndarray]) -> None:
    """Fill doc.spans (PER, LOC, ORG) like ``doc.tag_ner(tagger)``; doc must be segmented."""
    from natasha.doc import DocSpan
    from slovnet.bio import B, I, parse_bio

    if not doc.text.strip() or not doc.tokens:
        doc.spans = []
        return
    infer = tagger.infer
    model = infer.model
    word_id, shape_id = ids[0][None, :], ids[1][None, :]
    emissions = model(word_id, shape_id, word_id == infer.encoder.words_vocab.pad_id)[0]
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
