"""Texts the benchmarks run on: the bundled samples, the test fixtures and ../shared/seeds."""

from __future__ import annotations

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
