"""natasha models, loaded once per process, and cached morphology helpers.

pymorphy2 (under natasha) looks its dictionaries up through pkg_resources, which recent
setuptools removed. Pointing PYMORPHY2_DICT_PATH at the installed dictionary package before
MorphVocab is created makes that lookup unnecessary.

pymorphy3 (2.0.6, dictionaries 2.4.417150) was measured as a drop-in under natasha (a
MorphVocab-like analyzer built on it): on factRuEval dev every people, strict-name and
nominative figure came out identical to pymorphy2's, so natasha's own pymorphy2 stays and no
second morphology package is added (`python -m bench.quality_facts`).

natasha itself is imported on first use: the bot process only lemmatizes queries (MorphVocab,
when the first one comes) and starts answering sooner without natasha's NER and syntax
modules; the analysis workers load everything.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

import pymorphy2_dicts_ru

os.environ.setdefault("PYMORPHY2_DICT_PATH", pymorphy2_dicts_ru.get_path())

if TYPE_CHECKING:
    from natasha import (
        Doc,
        MorphVocab,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )


@dataclass(frozen=True, slots=True)
class Models:
    segmenter: Segmenter
    morph_vocab: MorphVocab
    morph_tagger: NewsMorphTagger
    ner_tagger: NewsNERTagger
    syntax_parser: NewsSyntaxParser


T = TypeVar("T")
_lock = threading.Lock()
_models: Models | None = None


def models() -> Models:
    """The process-wide natasha models (≈1 s and ≈170 MB on first call)."""
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = _load()
    return _models


def _load() -> Models:
    """natasha's news models with one copy of the 250,000-word vocabulary instead of four
    (≈110 MB less at the peak of loading, ≈75 MB less after).

    The three slovnet models each load their own word list, and it is the same list: the one
    of the navec embedding they share (word ids index its vectors). The embedding's own
    dictionary is never used (the models take only its vectors), so it is dropped at once,
    and each model's list is swapped for the first one's as soon as it is loaded (a model
    whose list differs keeps its own)."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    emb.vocab = None
    morph_tagger = NewsMorphTagger(emb)
    words = morph_tagger.infer.encoder.words_vocab
    ner_tagger = _sharing_words(NewsNERTagger(emb), words)
    syntax_parser = _sharing_words(NewsSyntaxParser(emb), words)
    return Models(
        segmenter=Segmenter(),
        morph_vocab=_morph_vocab or MorphVocab(),
        morph_tagger=morph_tagger,
        ner_tagger=ner_tagger,
        syntax_parser=syntax_parser,
    )


def _sharing_words(model: T, words) -> T:
    encoder = model.infer.encoder  # type: ignore[attr-defined]
    if encoder.words_vocab.items == words.items:
        encoder.words_vocab = words
    return model


_morph_vocab: MorphVocab | None = None


def morph_vocab() -> MorphVocab:
    """pymorphy2 dictionaries only (≈20 MB): enough for lemmas, without the NER models.

    The bot process lemmatizes queries; only analysis workers need the full models."""
    global _morph_vocab
    if _morph_vocab is None:
        with _lock:
            if _morph_vocab is None:
                from natasha import MorphVocab

                _morph_vocab = _models.morph_vocab if _models is not None else MorphVocab()
    return _morph_vocab


def parse_doc(text: str) -> Doc:
    """Segment, morph-tag and NER-tag a text; spans normalized to the nominative."""
    from natasha import Doc

    from digest.tagging import encode_words, tag_morph, tag_ner

    m = models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    ids = encode_words(doc, m.morph_tagger)
    tag_morph(doc, m.morph_tagger, ids)
    tag_ner(doc, m.ner_tagger, ids)
    for span in doc.spans:
        span.normalize(m.morph_vocab)
    return doc


def parse_syntax_of(doc: Doc, wanted) -> None:
    """Dependency-parse only the sentences `wanted(sent)` accepts (the parser costs ~40 ms
    an article when run on all of them); tokens of the others keep id None. A sentence is
    cut at line breaks first: a caption or a headline is not part of the next sentence."""
    chunks: list[tuple[str, list]] = []
    for n, sent in enumerate(doc.sents, 1):
        if not wanted(sent):
            continue
        run: list = []
        for tok in sent.tokens:
            if run and "\n" in doc.text[run[-1].stop : tok.start]:
                chunks.append((f"{n}.{len(chunks)}", run))
                run = []
            run.append(tok)
        if run:
            chunks.append((f"{n}.{len(chunks)}", run))
    if not chunks:
        return
    from natasha.doc import inject_syntax, offset_syntax

    markups = models().syntax_parser.map([[t.text for t in run] for _, run in chunks])
    for (key, run), markup in zip(chunks, markups, strict=True):
        inject_syntax(run, markup.tokens)
        offset_syntax(key, run)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form of one word, lower-cased, ё folded to е; context-free (first parse)."""
    word = word.lower().replace("ё", "е")
    if not word.isalpha():
        return word
    forms = morph_vocab().parse(word)
    if not forms:
        return word
    return forms[0].normal.replace("ё", "е")


@lru_cache(maxsize=50_000)
def lemma_variants(word: str) -> tuple[str, ...]:
    """All dictionary forms a word could have (surnames are often ambiguous: Лаврова)."""
    word = word.lower().replace("ё", "е")
    if not word.isalpha():
        return (word,)
    seen: dict[str, None] = {}
    for form in morph_vocab().parse(word):
        seen.setdefault(form.normal.replace("ё", "е"), None)
    return tuple(seen) or (word,)


def inflect(word: str, grams: set[str], case: str | None = None) -> str:
    """Inflect one word to UD grammemes ({"Nom"}, {"Nom", "Sing"}), keeping its capitalization.
    `case`: the word's case in its sentence (the tagger's), to pick among its readings:
    "аналитика" is a genitive analyst before a name, not the nominative "analytics"."""
    forms = morph_vocab().parse(word)
    if case is not None:
        forms = sorted(forms, key=lambda f: f.feats.get("Case") != case)  # stable
    for form in forms:
        try:
            result = form.inflect(grams)
        except (KeyError, ValueError):
            result = None
        if result is not None:
            out = result.word
            if word[:1].isupper():
                out = out[:1].upper() + out[1:]
            return out
    return word


# Foreign masculine surnames pymorphy does not know, declined like consonant nouns:
# "Райкконена" → "Райкконен", "Карзаем" → "Карзай", "Джуричем" → "Джурич", "Авелем" → "Авель".
_MASC_ENDINGS = {
    "Gen": (("я", "й"), ("а", ""), ("я", "ь")),
    "Dat": (("ю", "й"), ("у", ""), ("ю", "ь")),
    "Ins": (("ем", "й"), ("ом", ""), ("ем", ""), ("ем", "ь")),
    "Loc": (("е", ""),),
}
_HUSHING = "жшчщц"
_VOWELS = "аеёиоуыэюя"


def _best_form(forms, case: str, gender: str | None):
    """(score, form) of the singular noun/adjective reading in `case` that fits `gender`."""
    best = None
    for form in forms:
        if form.pos not in {"NOUN", "PROPN", "ADJ"} or form.feats.get("Case") != case:
            continue
        if form.feats.get("Number", "Sing") != "Sing":
            continue
        score = (form.feats.get("Gender") in (gender, None)) + (form.pos != "ADJ")
        if best is None or score > best[0]:
            best = (score, form)
    return best


def _genitive_in_disguise(token, forms) -> bool:
    """A singular name ending in -ы is never nominative ("министра Сейджи Маехары"): the
    tagger reads rare names by their neighbours and misses this genitive."""
    return (
        token.pos == "PROPN" and token.text.endswith("ы") and token.feats.get("Number") == "Sing"
        and not any(
            f.feats.get("Case") == "Nom" and f.feats.get("Number") == "Sing" for f in forms
        )
    )


def name_nominative(token, case: str | None = None) -> str:
    """A name word (natasha token with UD pos/feats) in the nominative, keeping its shape.

    natasha's own normalizer needs an exact gender/number/case match and leaves a word as
    written otherwise ("Обамы", "Долгорукому"); here the case decides, then gender. `case`
    overrides the tagger's case of this one word (the name's parts must agree)."""
    word, case = token.text, case or token.feats.get("Case")
    if not word.isalpha() and "-" not in word:
        return word
    low = word.lower()
    forms = morph_vocab()(low)
    if case == "Nom" and _genitive_in_disguise(token, forms):
        case = "Gen"
    if case in (None, "Nom"):
        return word
    gender = token.feats.get("Gender")
    if gender == "Masc" and low.endswith("и") and not any(f.is_known for f in forms):
        return word  # no man's name ends in -и in an oblique case: "Кэндзи", "Хироси"
    best = _best_form(forms, case, gender)
    if best is None and case == "Acc" and gender == "Masc":
        case = "Gen"  # a man's name in the accusative is declined as the genitive ("Дуггана")
        best = _best_form(forms, case, gender)
    if best is None:  # the tagger's case is impossible: the dictionary's only one ("Авелем")
        known = {
            f.feats.get("Case") for f in forms
            if f.is_known and f.pos == "NOUN" and f.feats.get("Number") == "Sing"
        }
        if len(known) == 1 and known != {"Nom"}:
            best = _best_form(forms, known.pop(), gender)
    if best is None and gender == "Masc" and case != "Gen" and low[-1:] in ("а", "я"):
        case = "Gen"  # "интервью Нира Авраами" tagged dative: a man's -а/-я is his genitive
    result = None
    if best is not None:
        grams = {"Nom", "Sing"}
        if best[1].pos == "ADJ" and gender in {"Masc", "Fem"}:
            grams.add(gender)
        try:
            inflected = best[1].inflect(grams)
        except (KeyError, ValueError):
            inflected = None
        result = inflected.word if inflected else None
    if result is None and gender == "Masc" and token.pos == "PROPN":
        for ending, nominative in _MASC_ENDINGS.get(case, ()):
            stem = low[: -len(ending)]
            if low.endswith(ending) and len(stem) >= 3:
                last = stem[-1]
                if nominative == "й" and last not in _VOWELS:
                    continue
                if nominative == "" and (last in _VOWELS or ending == "ем" and last not in
                                         _HUSHING):
                    continue
                if nominative == "ь" and (last in _VOWELS or last in _HUSHING):
                    continue  # "Авелем" → "Авель", "Бесселя" → "Бессель"
                result = stem + nominative
                break
    if result is None:
        return word
    if "ё" not in low:
        result = result.replace("ё", "е")  # keep the text's spelling: "Пономарев"
    return _shape(result, word)


def _shape(word: str, surface: str) -> str:
    """Capitalize like the surface: each hyphen part that starts upper-case stays so."""
    parts, shapes = word.split("-"), surface.split("-")
    if len(parts) == len(shapes):
        return "-".join(p[:1].upper() + p[1:] if s[:1].isupper() else p for p, s in zip(
            parts, shapes, strict=True))
    return word[:1].upper() + word[1:] if surface[:1].isupper() else word
