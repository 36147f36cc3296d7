"""Texts the benchmarks run on: the bundled samples, the test fixtures and ../shared/seeds."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def article_files() -> list[Path]:
    folders = [
        ROOT / "digest" / "samples",
        ROOT / "tests" / "fixtures",
        ROOT.parent / "shared" / "seeds",
    ]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(
                p
                for p in folder.iterdir()
                if p.suffix in {".txt", ".md", ".html"} and p.stat().st_size > 800
            )
    return files


def make_zip(n: int, seed: int = 7) -> bytes:
    """A zip of n distinct articles (3–4 KB) recombined from paragraphs of the corpus."""
    from digest.prepare import prepare_bytes

    paragraphs = []
    for path in article_files():
        doc = prepare_bytes(path.read_bytes(), path.name)
        paragraphs += [p for p in doc.text.split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            body = "\n\n".join(rng.sample(paragraphs, 6))
            z.writestr(f"batch/{i:04d}.txt", f"Сводка новостей номер {i}\n\n{body}\n")
    return buf.getvalue()
