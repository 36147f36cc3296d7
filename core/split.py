"""Split long HTML messages into parts Telegram accepts.

Telegram measures a message AFTER entity parsing (tags removed, ``&amp;`` is one character) in
UTF-16 code units (an emoji outside the BMP counts 2) and rejects more than 4096. aiogram has no
splitter. ``split_html`` cuts at paragraph breaks, then line breaks, then sentence ends, then
spaces, and only as a last resort inside a word; never inside a tag or an HTML entity. Tags open
at a cut are closed at the end of the part and reopened (same attributes) in the next one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TELEGRAM_LIMIT = 4096

_TOKEN = re.compile(
    r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""  # a tag, '>' allowed inside quoted attributes
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"  # an entity
    r"|[^<&]+"  # a run of text
    r"|[<&]",  # a bare '<' or '&' (invalid for Telegram, kept as text)
    re.DOTALL,
)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("»\"')]”’")
# levels of break preference: paragraph, line, sentence, word
_PARAGRAPH, _LINE, _SENTENCE, _WORD = range(4)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (Telegram's count)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def visible_len(html_text: str) -> int:
    """Telegram's length of an HTML message: tags stripped, entities unescaped, UTF-16 units."""
    total = 0
    for match in _TOKEN.finditer(html_text):
        piece = match.group()
        if piece.startswith("<") and len(piece) > 1:
            continue
        total += utf16_len(html.unescape(piece) if piece.startswith("&") else piece)
    return total


@dataclass(slots=True)
class _Atom:
    raw: str  # source text of this atom
    units: int  # visible UTF-16 units (0 for tags)
    char: str  # visible text ("" for tags)
    tag: str = ""  # tag name for tags
    closing: bool = False


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece.startswith("<") and len(piece) > 1:
            name = _TAG_NAME.match(piece)
            tag = name.group(1).lower() if name else ""
            atoms.append(_Atom(piece, 0, "", tag, piece.startswith("</")))
        elif piece.startswith("&") and len(piece) > 1:
            char = html.unescape(piece)
            atoms.append(_Atom(piece, utf16_len(char), char))
        else:
            atoms.extend(_Atom(ch, 2 if ord(ch) > 0xFFFF else 1, ch) for ch in piece)
    return atoms


def _stacks(atoms: list[_Atom]) -> list[tuple[_Atom, ...]]:
    """Open start tags before each atom position (len(atoms) + 1 entries)."""
    stack: list[_Atom] = []
    result: list[tuple[_Atom, ...]] = [()]
    for atom in atoms:
        if atom.tag and not atom.raw.endswith("/>"):
            if not atom.closing:
                stack.append(atom)
            else:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth].tag == atom.tag:
                        del stack[depth:]
                        break
        result.append(tuple(stack))
    return result


def _unbreakable(atoms: list[_Atom], k: int) -> bool:
    """A hard cut before atoms[k] would split a grapheme (combining mark, ZWJ, selector)."""
    if k <= 0 or k >= len(atoms):
        return False
    nxt, prev = atoms[k].char, atoms[k - 1].char
    if nxt and (0x300 <= ord(nxt[0]) <= 0x36F or nxt[0] in "\u200d\ufe0f\ufe0e"):
        return True
    if nxt and 0x1F3FB <= ord(nxt[0]) <= 0x1F3FF:
        return True
    return prev == "\u200d"


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split Telegram HTML into parts of at most ``limit`` visible UTF-16 units each.

    Text that fits is returned unchanged as ``[text]``; text with nothing visible gives ``[]``.
    Paragraphs (``\\n\\n``) are packed greedily; a paragraph that would fit in a message by
    itself is not split. Whitespace at a cut is dropped. Every part is non-empty, valid HTML if
    the input was, and ``visible_len(part) <= limit``.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    if not text.strip():
        return []
    if visible_len(text) <= limit:
        return [text]

    atoms = _atoms(text)
    n = len(atoms)
    stacks = _stacks(atoms)
    # prefix sums: visible units and count of non-whitespace visible atoms
    units = [0] * (n + 1)
    solid = [0] * (n + 1)
    for idx, atom in enumerate(atoms):
        units[idx + 1] = units[idx] + atom.units
        solid[idx + 1] = solid[idx] + (1 if atom.char and not atom.char.isspace() else 0)

    # break candidates: (level, cut, resume); part = atoms[start:cut], next starts at resume
    def breaks_between(start: int, end: int) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        k = start
        while k < end:
            ch = atoms[k].char
            if ch.isspace() and not atoms[k].raw.startswith("&"):
                run_end = k
                newlines = 0
                while run_end < n and (
                    atoms[run_end].char.isspace() and not atoms[run_end].raw.startswith("&")
                ):
                    newlines += atoms[run_end].char == "\n"
                    run_end += 1
                level = _PARAGRAPH if newlines >= 2 else _LINE if newlines else _WORD
                if level == _WORD:
                    back = k - 1
                    while back > start and atoms[back].tag:
                        back -= 1
                    prev = atoms[back].char if back >= start else ""
                    if prev in _CLOSERS and back > start:
                        prev = atoms[back - 1].char
                    if prev in _SENTENCE_END:
                        level = _SENTENCE
                if k > start:
                    found.append((level, k, run_end))
                k = run_end
            else:
                k += 1
        return found

    def fits_whole(begin: int, level: int) -> bool:
        """Does the piece from ``begin`` up to its next break of ``level`` fit in a part?"""
        stop = begin
        while stop < n and units[stop + 1] - units[begin] <= limit:
            stop += 1
        if stop == n:
            return True
        return any(b[0] <= level for b in breaks_between(begin, stop + 1) if b[1] <= stop)

    parts: list[str] = []
    start = 0
    while start < n and solid[n] - solid[start] > 0:
        if units[n] - units[start] <= limit:
            cut, resume = n, n
        else:
            # furthest end so that atoms[start:end] fit
            lo, hi = start, n
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if units[mid] - units[start] <= limit:
                    lo = mid
                else:
                    hi = mid - 1
            end = lo
            candidates = [
                b
                for b in breaks_between(start, min(end + 1, n))
                if b[1] <= end and solid[b[1]] > solid[start]
            ]
            choice = None
            for level in (_PARAGRAPH, _LINE, _SENTENCE, _WORD):
                at_level = [b for b in candidates if b[0] <= level]
                if not at_level:
                    continue
                best = at_level[-1]
                filled = units[best[1]] - units[start]
                if filled * 2 >= limit or level == _WORD:
                    choice = best
                    break
                # a short part is fine if the piece that follows then fits whole
                if fits_whole(best[2], level):
                    choice = best
                    break
            if choice is None and candidates:
                choice = candidates[-1]
            if choice is None:
                cut = end
                while cut > start + 1 and _unbreakable(atoms, cut):
                    cut -= 1
                # don't leave a tag dangling at the end of a part
                while cut > start + 1 and atoms[cut - 1].tag and not atoms[cut - 1].closing:
                    cut -= 1
                resume = cut
            else:
                _, cut, resume = choice
        opened = stacks[start]
        closing = stacks[cut]
        body = "".join(a.raw for a in atoms[start:cut])
        part = "".join(a.raw for a in opened) + body
        part += "".join(f"</{a.tag}>" for a in reversed(closing))
        if solid[cut] > solid[start]:
            parts.append(part)
        start = resume
    return parts
