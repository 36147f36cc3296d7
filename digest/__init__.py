"""Text analysis and digest composition: bytes in, ArticleCard out.

Pure library: imports neither aiogram nor aiosqlite.
"""

import os

# numpy's BLAS/OpenMP start a thread per core in every process that analyses (workers and the
# CLI): with 2 workers on 2 cores they oversubscribe the CPU (ingest 10.9 → 31.7 articles/s when
# pinned, issue 11). Must be set before numpy loads; an explicit setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from digest.card import ArticleCard  # noqa: E402

__all__ = ["ArticleCard"]
