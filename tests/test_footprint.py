"""The MinHash signature, and what the bot process and the analysis forkserver load."""

from __future__ import annotations

import subprocess
import sys

from digest import identity


def _words(prefix: str, n: int) -> list[bytes]:
    return [f"{prefix}{i}".encode() for i in range(n)]


def test_signatures_stored_by_datasketch_still_compare():
    # datasketch 2.0 MinHash(num_perm=128, seed=1).update_batch([b"вакцина", b"2026"]):
    # archives written before it was replaced hold signatures made this way
    signature = identity.minhash(["вакцина".encode(), b"2026"])
    assert [int(v) for v in signature[:4]] == [207852231, 1008267240, 1081475858, 2718063459]
    assert len(signature) == identity.NUM_PERM


def test_similarity_estimates_the_share_of_common_words():
    shared = _words("общее", 100)
    a = identity.minhash(shared + _words("первое", 100))
    b = identity.minhash(shared + _words("второе", 100))
    assert abs(identity.similarity(a, b) - 100 / 300) < 0.12  # 128 permutations: σ ≈ 0.04
    assert identity.similarity(a, identity.minhash(_words("чужое", 200))) < 0.1
    same_set = list(reversed(shared + _words("первое", 100)))
    assert identity.similarity(a, identity.minhash(same_set)) == 1.0


def test_the_analysis_forkserver_loads_one_word_list_and_no_scipy_or_nltk():
    probe = (
        "import sys, digest.warm\n"
        "from digest import nlp\n"
        "m = nlp.models()\n"
        "lists = {id(t.infer.encoder.words_vocab)"
        " for t in (m.morph_tagger, m.ner_tagger, m.syntax_parser)}\n"
        "heavy = ('scipy', 'nltk', 'datasketch')\n"
        "print(len(lists), sorted(n for n in heavy if n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[0] == "1 []"


def test_the_bot_process_starts_without_natasha_and_the_summarizers():
    # the bot answers /start sooner and smaller: NLP runs in the workers; natasha's
    # morphology comes in with the first query that needs a lemma
    probe = (
        "import sys, bot.app\n"
        "heavy = ('natasha', 'slovnet', 'scipy', 'nltk', 'sumy.summarizers', 'matplotlib')\n"
        "print(sorted(n for n in heavy if n in sys.modules))\n"
        "from digest import nlp\n"
        "print(nlp.lemma('Лаврова'))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "лавров"]
