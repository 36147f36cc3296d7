"""Imported once by the analysis forkserver, before it forks any worker.

Loading the natasha models and the analysis modules here means every worker forked afterwards
shares those pages copy-on-write instead of loading a private copy. `gc.freeze()` moves the
loaded objects out of the collector's reach, so collections in the workers do not write to
(and so un-share) their pages; the heap freed by loading goes back to the system first.
"""

import gc

from digest import analyze, keys, memory, nlp  # noqa: F401  (imported to be shared by the workers)

nlp.models()
nlp.lemma("новость")
gc.collect()
memory.release_free_heap()
gc.freeze()
