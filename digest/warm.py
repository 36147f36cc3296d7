"""Imported once by the analysis forkserver, before it forks any worker.

Loading the natasha models and the analysis modules here means every worker forked afterwards
shares those pages copy-on-write instead of loading a private ≈250 MB copy. `gc.freeze()` moves
the loaded objects out of the collector's reach, so collections in the workers do not write to
(and so un-share) their pages.
"""

import gc

import datasketch  # noqa: F401  (MinHash; imports scipy)

from digest import analyze, keys, nlp  # noqa: F401  (imported to be shared by the workers)

nlp.models()
nlp.lemma("новость")
gc.freeze()
