"""Card quality on the page fixtures (tests/fixtures/pages): the numbers issue 8 names.

    python -m bench.quality [--extractor selectolax|trafilatura] [--summary METHOD]

Per kind of file (plain text, HTML) and overall:
- title: the card's title is the page's headline;
- furniture: files with any page furniture left in the card (title, subtitle, summary, text,
  quotes, people); "summary furn." counts summary sentences that are furniture;
- story cut: files where a story line (a closing signature, text after an inner heading) was lost;
- date: files with a visible stamp whose `published` is right, plus wrong dates where none is
  visible;
- ROUGE-1/2/L (F1, lemmas) of the card's summary against the reference summary, and of Lead-3
  for comparison.
Then, when bench.quality_facts exists, its table (people, roles, quotes, figures).

    python -m bench.quality --extractors   # needs `pip install trafilatura`

compares our selectolax extractor with trafilatura on the HTML fixtures, same measures plus
time per page. selectolax was kept: trafilatura reached the same titles, furniture and ROUGE
but lost visible date stamps and joined a tag cloud into a subtitle, at ~250× the time.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable

from bench.pages import Page, furniture_left, norm, pages, story_lost, summary_furniture
from bench.rouge import rouge
from digest.analyze import analyze_bytes
from digest.card import ArticleCard


def _row(label: str, scored: list[dict]) -> str:
    n = len(scored)
    dated = [s for s in scored if s["want_date"]]
    return (
        f"{label:<6} {n:>3} {sum(s['title'] for s in scored) / n:7.0%} "
        f"{sum(s['subtitle'] for s in scored) / n:6.0%} "
        f"{sum(bool(s['furniture']) for s in scored) / n:9.0%} "
        f"{sum(s['summary_furniture'] for s in scored):>8} "
        f"{sum(bool(s['lost']) for s in scored):>6} "
        f"{sum(s['date'] for s in dated):>3}/{len(dated):<3}"
        f"{sum(s['wrong_date'] for s in scored):>5} "
        f"{statistics.mean(s['r1'] for s in scored):6.3f} "
        f"{statistics.mean(s['r2'] for s in scored):6.3f} "
        f"{statistics.mean(s['rl'] for s in scored):6.3f} "
        f"{statistics.mean(s['lead_rl'] for s in scored):7.3f}"
    )


def score(page: Page, card: ArticleCard) -> dict:
    want = page.expected
    r = rouge(" ".join(card.summary), want["summary"])
    lead = rouge(" ".join(lead_sentences(card, 3)), want["summary"])
    published = card.published.isoformat() if card.published else None
    return {
        "name": page.name,
        "kind": page.kind,
        "title": norm(card.title) == norm(want["title"]),
        "got_title": card.title,
        "furniture": furniture_left(card, want["furniture"], want["title"]),
        "subtitle": norm(card.subtitle or "") == norm(want["subtitle"] or ""),
        "got_subtitle": card.subtitle,
        "summary_furniture": summary_furniture(card, want["furniture"]),
        "lost": story_lost(card, want["keep"]),
        "want_date": bool(want["published"]),
        "date": bool(want["published"]) and published == want["published"],
        "got_date": published,
        "wrong_date": bool(published) and published != want["published"],
        "r1": r.r1,
        "r2": r.r2,
        "rl": r.rl,
        "lead_rl": lead.rl,
    }


def lead_sentences(card: ArticleCard, k: int) -> list[str]:
    """The first k sentences of the card's body: the Lead-k baseline."""
    from digest.document import build_body

    return [s.text for s in build_body(card.text).sentences[:k]]


def evaluate(
    analyze: Callable[[Page], ArticleCard] | None = None, kinds: tuple[str, ...] = ("txt", "html")
) -> list[dict]:
    def default(page: Page) -> ArticleCard:
        return analyze_bytes(page.path.read_bytes(), page.path.name, reference_date=page.reference)

    run = analyze or default
    return [score(page, run(page)) for page in pages(kinds)]


def print_table(scored: list[dict], *, details: bool = False) -> None:
    print(
        f"{'kind':<6} {'n':>3} {'title':>7} {'sub':>6} {'furniture':>9} {'sum.furn':>8} {'cut':>6} "
        f"{'date':>7}{'wrong':>5} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'lead3RL':>7}"
    )
    for kind in ("txt", "html"):
        part = [s for s in scored if s["kind"] == kind]
        if part:
            print(_row(kind, part))
    print(_row("all", scored))
    if details:
        for s in scored:
            problems = []
            if not s["title"]:
                problems.append(f"title={s['got_title']!r}")
            if not s["subtitle"]:
                problems.append(f"subtitle={s['got_subtitle']!r}")
            if s["furniture"]:
                problems.append(f"furniture={s['furniture']}")
            if s["lost"]:
                problems.append(f"lost={[x[:40] for x in s['lost']]}")
            if s["want_date"] and not s["date"] or s["wrong_date"]:
                problems.append(f"date={s['got_date']}")
            if problems:
                print(f"  {s['name']}.{s['kind']}: " + "; ".join(problems))


def trafilatura_decoded(html: str, *, metadata_from_selectolax: bool):
    """The page as trafilatura extracts it (main text, title, date, site name), optionally with
    selectolax's metadata where it found any: the candidates compared with --extractors."""
    import trafilatura

    from digest.decode import Decoded, html_to_decoded

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    found = document.as_dict() if document is not None else {}
    decoded = Decoded(found.get("text") or "", "html", found.get("title"), found.get("date"),
                      found.get("sitename"), found.get("url"))  # fmt: skip
    if metadata_from_selectolax:  # trafilatura's text, our metadata only
        own = html_to_decoded(html)
        decoded.title, decoded.published, decoded.source = own.title, own.published, own.source
    return decoded


def compare_extractors() -> None:
    """selectolax (ours) against trafilatura on the HTML fixtures, same measures."""
    import time

    from digest.analyze import analyze_document
    from digest.decode import html_to_decoded
    from digest.prepare import prepare_decoded

    htmls = [p.path.read_text("utf-8") for p in pages(("html",))]
    for label, extract in (
        ("selectolax", html_to_decoded),
        ("trafilatura", lambda h: trafilatura_decoded(h, metadata_from_selectolax=False)),
    ):
        extract(htmls[0])  # imports and caches
        t0, c0 = time.perf_counter(), time.process_time()
        for html in htmls:
            extract(html)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = len(htmls)
        print(f"{label}: {wall / n * 1e3:.1f} ms wall, {cpu / n * 1e3:.1f} ms CPU per page")
    for label, combined in (("trafilatura", False), ("trafilatura text, selectolax meta", True)):

        def run(page: Page, combined: bool = combined) -> ArticleCard:
            html = page.path.read_text("utf-8")
            decoded = trafilatura_decoded(html, metadata_from_selectolax=combined)
            doc = prepare_decoded(decoded, reference_date=page.reference)
            return analyze_document(doc, reference_date=page.reference)

        print(f"\nHTML through {label}:")
        print_table(evaluate(run, ("html",)), details=True)
    print("\nHTML through selectolax (current):")
    print_table(evaluate(kinds=("html",)))


def facts_report() -> None:
    try:
        from bench import quality_facts  # written for issue 9
    except ImportError:
        return
    print()
    quality_facts.report()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every failing file")
    parser.add_argument("--no-facts", action="store_true", help="skip bench.quality_facts")
    parser.add_argument(
        "--extractors", action="store_true", help="compare selectolax and trafilatura on HTML"
    )
    args = parser.parse_args(argv)
    if args.extractors:
        try:
            import trafilatura  # noqa: F401  (not a dependency: kept out after this comparison)
        except ImportError:
            raise SystemExit("pip install trafilatura first (only for this)") from None
        compare_extractors()
        return
    scored = evaluate()
    print(f"page fixtures: {len({s['name'] for s in scored})} articles, plain text and HTML\n")
    print_table(scored, details=args.details)
    if not args.no_facts:
        facts_report()


if __name__ == "__main__":
    main()
