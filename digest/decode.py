"""Bytes → text: encoding detection (UTF-8/16, cp1251, KOI8-R, …) and format dispatch."""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from digest.card import AnalysisError

MAX_BYTES = 2_000_000
MAX_LINE_CHARS = 20_000

_SINGLE_BYTE = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")
_MAGIC = {
    b"%PDF": "Это PDF-файл. Пришлите текст статьи (.txt, .html или .md).",
    b"PK\x03\x04": "Это архив или документ Word. Пришлите текст статьи (.txt, .html или .md).",
    b"\x89PNG": "Это картинка, а не текст статьи.",
    b"\xff\xd8\xff": "Это картинка, а не текст статьи.",
    b"GIF8": "Это картинка, а не текст статьи.",
    b"\xd0\xcf\x11\xe0": "Это документ Word старого формата. Сохраните статью как .txt.",
}
BINARY_MESSAGE = "Файл похож на двоичный файл, а не на текст статьи."
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_CYR = re.compile(r"[а-яё]")
_CYR_UPPER = re.compile(r"[А-ЯЁ]")
# Cyrillic letters that Russian doesn't use, box drawing, and symbols that single-byte
# decoders produce from misread Russian letters.
_ODD = re.compile(r"[\u0400-\u04ff](?<![а-яёА-ЯЁ])|[\u2500-\u259f€‚ƒ‡‰‹™›¤¦µ¶]")
_LETTER = re.compile(r"[^\W\d_]")
_CHARSET = re.compile(rb"charset=[\"']?([\w-]+)", re.IGNORECASE)


@dataclass(slots=True)
class Decoded:
    """Text of an upload plus the metadata its format carried (HTML meta, Markdown title)."""

    text: str
    kind: str = "text"  # "text" | "html" | "markdown"
    title: str | None = None
    published: str | None = None  # as written in the source; parsed later
    source: str | None = None
    url: str | None = None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:20_000]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]

    # High bytes of UTF-16 Russian text are 0x00 (ASCII) or 0x04 (Cyrillic).
    def high_share(part: bytes) -> float:
        return (part.count(0) + part.count(4)) / len(part)

    if high_share(odd) > 0.7 and high_share(even) < 0.2:
        return "utf-16-le"
    if high_share(even) > 0.7 and high_share(odd) < 0.2:
        return "utf-16-be"
    return None


def _russian_score(text: str) -> float:
    """How much the text looks like Russian: lower-case Cyrillic letters count most, capitals a
    little, and non-Russian Cyrillic letters or stray symbols count against. KOI8-R read as
    cp1251 (and vice versa) turns into mostly capitals, so this separates them."""
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample)) or 1
    good = len(_CYR.findall(sample)) + 0.3 * len(_CYR_UPPER.findall(sample))
    bad = len(_ODD.findall(sample)) + len(_CONTROL.findall(sample))
    return (good - 3 * bad) / letters


def _single_byte(data: bytes) -> str:
    candidates: list[str] = []
    declared = _CHARSET.search(data[:4096])
    if declared:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            candidates.append(codecs.lookup(declared[1].decode("ascii")).name)
    best = from_bytes(data[:100_000], cp_isolation=list(_SINGLE_BYTE)).best()
    if best is not None:
        candidates.append(codecs.lookup(best.encoding).name)
    candidates += [codecs.lookup(enc).name for enc in _SINGLE_BYTE]
    scored: list[tuple[float, str]] = []
    for enc in dict.fromkeys(candidates):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scored.append((_russian_score(text), text))
    if not scored:
        raise AnalysisError("Не удалось распознать кодировку текста. Сохраните файл в UTF-8.")
    # max() keeps the first of equal scores: a declared charset or charset-normalizer's pick.
    return max(scored, key=lambda item: item[0])[1]


def _utf8_lenient(data: bytes) -> str | None:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 127) - bad
    return text if bad and multibyte >= 20 * bad else None


def _best_single_byte(part: bytes) -> str:
    """A run of non-UTF-8 lines: the single-byte reading that looks most like Russian."""
    readings = [part.decode(enc, errors="replace") for enc in _SINGLE_BYTE]
    return max(readings, key=lambda text: (_russian_score(text), -text.count("\ufffd")))


def _utf8_line(line: bytes) -> str | None:
    """A line in UTF-8, tolerating a stray broken byte or two (a truncated character): such a
    line keeps its text with U+FFFD instead of being misread whole as a single-byte encoding."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 127) - bad
    return text if bad <= 2 and multibyte >= 10 * bad else None


def _mixed_lines(data: bytes) -> str | None:
    """A file glued from a UTF-8 source and a single-byte one (cp1251, KOI8-R, …): lines that
    are valid UTF-8 keep it, each run of the other lines gets its own best encoding. None when
    no line carries real UTF-8 (non-ASCII) text, so whole-file detection decides."""
    pieces: list[str] = []
    run: list[bytes] = []
    utf8_lines = 0
    for line in data.splitlines(keepends=True):
        text = _utf8_line(line)
        if text is None:
            run.append(line)
            continue
        if run and not text.isascii():
            pieces.append(_best_single_byte(b"".join(run)))
            run = []
        if run:  # ASCII between two foreign lines: the same in every encoding, keep the run
            run.append(line)
            continue
        utf8_lines += not text.isascii()
        pieces.append(text)
    if run:
        pieces.append(_best_single_byte(b"".join(run)))
    return "".join(pieces) if utf8_lines else None


def decode_bytes(data: bytes) -> str:
    """Decode an uploaded file to str, or raise AnalysisError with a Russian message."""
    if len(data) > MAX_BYTES:
        raise AnalysisError(
            f"Файл слишком большой: {len(data) / 1_000_000:.1f} МБ. Максимум — 2 МБ."
        )
    if not data.strip():
        raise AnalysisError("Файл пустой — в нём нет текста.")
    text: str | None = None
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            break
    if text is None and (enc16 := _utf16_without_bom(data)):
        text = data.decode(enc16, errors="replace")
    if text is None:
        for magic, message in _MAGIC.items():
            if data.startswith(magic):
                raise AnalysisError(message)
        if b"\x00" in data:
            raise AnalysisError(BINARY_MESSAGE)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mixed_lines(data) or _utf8_lenient(data) or _single_byte(data)
    text = text.lstrip("\ufeff")
    if len(_CONTROL.findall(text[:50_000])) > 0.005 * min(len(text), 50_000) + 1:
        raise AnalysisError(BINARY_MESSAGE)
    if not text.strip():
        raise AnalysisError("Файл пустой — в нём нет текста.")
    return text


def check_lines(text: str) -> None:
    """Reject text that cannot be an article laid out in lines."""
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise AnalysisError(
            f"В тексте строка длиной {longest} символов без переносов — это не похоже на "
            "статью. Пришлите текст, разбитый на абзацы."
        )


# --- formats -------------------------------------------------------------------------------

_HTML_SNIFF = re.compile(r"<!doctype html|<(?:html|body|head|article|p|div)[\s>]", re.IGNORECASE)
# Real Markdown signals only: a heading, a setext underline, a link or an image. Bold text
# alone (a .txt that opens with **x**) is emphasis typed by hand, not a Markdown file.
_MD_SNIFF = re.compile(
    r"^#{1,6}[ \t]+\S|^[^\n]+\n={3,}[ \t]*$|!?\[[^\]\n]{1,300}\]\([^)\s]{1,500}\)",
    re.MULTILINE,
)


def sniff_kind(text: str, filename: str | None = None) -> str:
    """ "html", "markdown" or "text", by file extension first, then by content."""
    name = (filename or "").lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:5000]
    if _HTML_SNIFF.search(head) and len(re.findall(r"</?[a-zA-Z][^>]*>", head)) >= 2:
        return "html"
    if _MD_SNIFF.search(head):
        return "markdown"
    return "text"


def convert(text: str, filename: str | None = None) -> Decoded:
    """Reduce HTML or Markdown to plain paragraphs; plain text passes through."""
    kind = sniff_kind(text, filename)
    if kind == "html":
        return html_to_decoded(text)
    if kind == "markdown":
        body, title = markdown_to_text(text)
        return Decoded(body, kind, title=title)
    return Decoded(text, kind)


def decode(data: bytes, filename: str | None = None) -> Decoded:
    """bytes → Decoded text with format metadata."""
    return convert(decode_bytes(data), filename)


# --- Markdown ------------------------------------------------------------------------------

# Every repeat is bounded and no delimiter can be crossed, so each pattern runs in linear
# time: an unbounded lazy span made `*a*a*a…` or `[[[[…` quadratic on one long line.
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^)\n]{0,500}\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\[[^\]\n]{0,100}\]")
_MD_EMPH = re.compile(
    r"(\*\*|__|~~)(?=\S)([^*_~\n]{1,300}?)(?<=\S)\1(?!\w)"
    r"|(?<![\w*])(\*)(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])(_)(?=\S)([^_\n]{1,300}?)(?<=\S)_(?![\w_])"
)
# rules, setext underlines, code fences, link definitions
_MD_SKIP = re.compile(r"=+|-{3,}|\*{3,}|_{3,}|```.*|~~~.*|\[[^\]\n]{1,300}\]:\s.*")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")


def _md_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_REF_LINK.sub(r"\1", line)
    for _ in range(2):  # nested **_x_**
        line = _MD_EMPH.sub(lambda m: m[2] or m[4] or m[6], line)
    return line.replace("`", "").strip()


def markdown_to_text(md: str) -> tuple[str, str | None]:
    """Markdown → (plain text, title from the first level-1 heading)."""
    title: str | None = None
    out: list[str] = []
    lines = md.splitlines()
    for i, raw in enumerate(lines):
        line = raw.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _MD_SKIP.fullmatch(line):
            out.append("")
            continue
        if line and re.fullmatch(r"=+", nxt) and title is None:
            title = _md_inline(line)
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            text = _md_inline(heading[2].rstrip(" \t#"))
            if heading[1] == "#" and title is None:
                title = text
            else:
                out += ["", text, ""]
            continue
        line = re.sub(r"^>\s?", "", line)
        line = re.sub(r"^[*+]\s+", "- ", line)
        out.append(_md_inline(line))
    return "\n".join(out), title or None


# --- HTML ----------------------------------------------------------------------------------

_DROP_TAGS = (
    "script, style, nav, header, footer, aside, form, noscript, iframe, figcaption, figure, "
    "button, svg, template, select, textarea, object, embed, canvas, video, audio, picture, img"
)
_JUNK_ATTR = re.compile(
    r"cookie|consent|gdpr|share|social|related|recommend|comment|subscri|banner|advert|promo|"
    r"breadcrumb|sidebar|menu|navbar|tags|newsletter|popup|modal|partner|read-?more",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "hr", "center", "address", "time",
}  # fmt: skip
_TITLE_TAIL = re.compile(r"\s+(?:\||::|/)\s+[^|]{1,60}$")
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
    'meta[name="publish-date"]',
    'meta[name="article:published_time"]',
    "time[datetime]",
)


def _meta(tree, selector: str, attr: str = "content") -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attr) if node is not None else None
    return " ".join(value.split()) if value and value.strip() else None


def _clean_title(title: str | None, site: str | None) -> tuple[str | None, str | None]:
    """Strip a " | Site" or " — Site" tail from a page title: (title, site name or None)."""
    if not title:
        return None, None
    title = " ".join(title.split())
    m = _TITLE_TAIL.search(title)
    if m:
        return title[: m.start()].strip() or None, m.group().strip(" |:/") or None
    for sep in (" — ", " – ", " - "):
        head, found, tail = title.rpartition(sep)
        if not found or not head:
            continue
        same_site = site is not None and tail.casefold() == site.casefold()
        # Without og:site_name: a short capitalised tail is a site name, "— наш партнёр" is not.
        looks_like_site = len(tail.split()) <= 4 and (tail[:1].isupper() or "." in tail)
        if same_site or looks_like_site:
            return head.strip(), tail.strip()
    return title, None


_LOGO_ATTR = re.compile(r"logo|brand|site-?(?:name|title)|masthead", re.IGNORECASE)


def _text_of(node) -> str:
    return " ".join(node.text(separator=" ").split())


def _marked_logo(node) -> bool:
    attrs = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    return bool(_LOGO_ATTR.search(attrs))


def _in_logo(node) -> bool:
    """The node itself, its direct parent or the link around it is marked as the site's logo
    or brand. Further up a "brand" class means nothing: Russian sites wrap whole pages in ad
    "branding" containers (<div id="brand-layout"><article><h1>…)."""
    if _marked_logo(node):
        return True
    parent = node.parent
    if parent is None or parent.tag in _PAGE_CONTAINERS:
        return False
    if _marked_logo(parent):
        return True
    outer = parent.parent
    return parent.tag == "a" and outer is not None and outer.tag not in _PAGE_CONTAINERS and (
        _marked_logo(outer)
    )


_PAGE_CONTAINERS = frozenset({"body", "html", "main", "article"})


def _is_site_name(node, text: str, site: str | None, titles: list[str]) -> bool:
    """An <h1> that holds the site's name, not the article's headline: it equals the site
    part of <title> or og:site_name, sits in a logo element, or is a few words of the page
    title that are far shorter than it ("АгроПриозёрье" of "Фермеры … — АгроПриозёрье")."""
    if site is not None and _fold(text) == _fold(site):
        return True
    if any(_fold(text) == _fold(t) for t in titles):
        return False
    if _in_logo(node):
        return True
    return any(
        len(text.split()) <= 3 and 3 * len(text) <= len(t) and _fold(text) in _fold(t)
        for t in titles
    )


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("ё", "е")).split())


def _furniture(text: str) -> bool:
    """A heading of the page's furniture: "Читайте также", "Популярное", a rubric."""
    from digest.clean import is_rubric, line_kind

    return line_kind(text) is not None or is_rubric(text)


def _heads_the_story(h2, main) -> bool:
    """Inside the article element, or before the first prose paragraph of the main block."""
    node = h2.parent
    while node is not None:
        if node.tag == "article":
            return True
        node = node.parent
    from digest.clean import reads_as_prose

    for node in main.css("h2, p"):
        if node.mem_id == h2.mem_id:
            return True
        if node.tag == "p" and reads_as_prose(_text_of(node)):
            return False
    return False


def _own_heading(tree, titles: list[str]) -> str | None:
    """Without a headline <h1>: the article's first <h2> that is not furniture, when it says
    what the page title says (its words are the article's own; the page title may carry more
    for search); without a page title, only one that opens the article."""
    main = _main_node(tree)
    if main is None:
        return None
    for h2 in main.css("h2"):
        text = _text_of(h2)
        if not text or _furniture(text):
            continue
        if not titles:
            return text if _heads_the_story(h2, main) else None
        words = set(_fold(text).split())
        shared = words & set(_fold(titles[0]).split())
        return text if len(shared) >= 0.6 * len(words) else None
    return None


def _page_title(tree) -> tuple[str | None, str | None]:
    """(headline, site name): the first <h1> that is not the site's logo, else og:title or
    <title> without its site part, else the article's own <h2>."""
    site = _meta(tree, 'meta[property="og:site_name"]')
    tnode = tree.css_first("title")
    titles: list[str] = []
    for raw in (_meta(tree, 'meta[property="og:title"]'), tnode.text() if tnode else None):
        candidate, tail = _clean_title(raw, site)
        site = site or tail
        if candidate and not (site is not None and _fold(candidate) == _fold(site)):
            titles.append(candidate)
    for h1 in tree.css("h1"):
        text = _text_of(h1)
        if text and not _is_site_name(h1, text, site, titles):
            return text, site
    return _own_heading(tree, titles) or next(iter(titles), None), site


class _Walker:
    """Collects block-level paragraphs and, per paragraph, how much of it is link text."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, float, bool]] = []  # text, link share, is list item
        self._buf: list[str] = []
        self._link = 0
        self._item = False

    def flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            share = min(self._link / len(text), 1.0)
            self.blocks.append((text, share, self._item))
        self._buf, self._link, self._item = [], 0, False

    def walk(self, node, in_link: bool = False) -> None:
        child = node.first_child
        while child is not None:
            tag = child.tag
            if child.is_text_node:
                piece = child.text_content or ""
                self._buf.append(piece)
                if in_link:
                    self._link += len(" ".join(piece.split()))
            elif tag == "br":
                self.flush()
            elif tag in _BLOCK_TAGS:
                self.flush()
                if tag == "li":
                    self._item = True
                    self._buf.append("- ")
                self.walk(child, in_link)
                self.flush()
            elif tag != "h1":
                self.walk(child, in_link or tag == "a")
            child = child.next


def _main_node(tree):
    def p_text(node) -> int:
        return sum(len(p.text(strip=True)) for p in node.css("p"))

    articles = tree.css("article")
    if articles:
        best = max(articles, key=p_text)
        if p_text(best) > 0:
            return best
    totals: dict[int, tuple[int, object]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        size, _ = totals.get(parent.mem_id, (0, parent))
        totals[parent.mem_id] = (size + len(p.text(strip=True)), parent)
    if totals:
        return max(totals.values(), key=lambda item: item[0])[1]
    return tree.body or tree.root


def html_to_decoded(html: str) -> Decoded:
    """Article text and metadata from an HTML page."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title, site = _page_title(tree)
    published = None
    for selector in _DATE_META:
        published = _meta(tree, selector, "datetime" if selector.startswith("time") else "content")
        if published:
            break
    url = _meta(tree, 'meta[property="og:url"]') or _meta(tree, 'link[rel="canonical"]', "href")

    for node in tree.css(_DROP_TAGS):
        node.decompose()
    body = tree.body
    total = len(body.text(strip=True)) if body is not None else 0
    for node in tree.css("[class], [id]"):
        attrs = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        # A wrapper whose class merely mentions "comments" may hold the whole article.
        if _JUNK_ATTR.search(attrs) and len(node.text(strip=True)) < 0.3 * total:
            node.decompose()

    walker = _Walker()
    walker.walk(_main_node(tree))
    walker.flush()
    paragraphs = [
        text
        for text, link_share, item in walker.blocks
        if not (link_share > 0.8 and (item or len(text) < 120))  # menus, related-link lists
    ]
    return Decoded("\n\n".join(paragraphs), "html", title, published, site, url)
