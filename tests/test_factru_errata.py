"""The gold errata of bench.quality_facts: each row corrects a name part that the factru-dev
annotation really has, the text shows the person, and only that part changes."""

from __future__ import annotations

import pytest

from bench.quality_facts import ERRATA, FACTRU, read_doc, read_errata, with_errata

pytestmark = pytest.mark.skipif(not FACTRU.is_dir(), reason="../shared/eval is not beside")


def rows() -> list[list[str]]:
    lines = ERRATA.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("doc", "annotated", "right", "evidence"), rows())
def test_erratum_is_in_the_annotation_and_the_text(
    doc: str, annotated: str, right: str, evidence: str
) -> None:
    gold = read_doc(FACTRU / f"{doc}.txt")
    assert evidence in gold.text
    parts = [w for p in gold.people for w in p.parts + p.alternatives]
    assert annotated in parts and right not in parts
    mended = with_errata(gold, read_errata())
    mended_parts = [w for p in mended.people for w in p.parts + p.alternatives]
    assert annotated not in mended_parts and right in mended_parts
    assert len(mended_parts) == len(parts)
    assert [p.positions for p in mended.people] == [p.positions for p in gold.people]
