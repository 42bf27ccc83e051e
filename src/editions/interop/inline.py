"""Markdown inline markup as protected codes, for files that CAT tools edit.

A msgid such as ``See [the **agreement**](https://x.example) and `code`.`` is cut into text
and codes: paired markup (a link's ``[`` and ``](url)``, ``**``/``*``/``__``/``_``
emphasis) becomes an opening and a closing code around editable text; a code span, an
image, an autolink, raw HTML, a backslash escape and a hard break become one standalone
code each, and so does a control character (XML cannot carry it; the code's text is its
``\\xNN`` escape). A CAT tool shows codes as locked tags: the translator moves them, never breaks
them. :func:`join` turns the pieces back into the exact Markdown; ``join(split(text)) ==
text`` for every text (markup that does not pair stays plain text).
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Code", "Piece", "join", "split"]

_STANDALONE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^<>\s]+>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<hardbreak>\\\n| {2,}\n)"
    r"|(?P<control>[\x00-\x08\x0b\x0c\r\x0e-\x1f\x7f])"
    r"|(?P<link>\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?P<target>\([^)\s]*(?:\s+\"[^\"]*\")?\)))",
    re.DOTALL,
)
_EMPHASIS = re.compile(r"\*\*|__|\*|_")


class Code(NamedTuple):
    """A protected piece of markup: ``kind`` is ``ph`` (standalone), ``bpt`` or ``ept``;
    ``pair`` links an opening code to its closing one; ``ctype`` names what it is."""

    kind: str
    native: str
    ctype: str
    pair: int = 0


Piece = str | Code


_SPECIAL = re.compile(r"[`!\[<\\*_\n\x00-\x08\x0b\x0c\r\x0e-\x1f\x7f]")


def split(text: str) -> list[Piece]:
    """``text`` as text and codes, in order (see the module doc)."""
    if not _SPECIAL.search(text):
        return [text] if text else []
    pieces: list[Piece] = []
    pairs = _Pairs()
    _split_into(text, pieces, pairs)
    return pieces


class _Pairs:
    def __init__(self) -> None:
        self.next = 0

    def new(self) -> int:
        self.next += 1
        return self.next


def _split_into(text: str, pieces: list[Piece], pairs: _Pairs) -> None:
    position = 0
    for match in _STANDALONE.finditer(text):
        _emphasis_into(text[position : match.start()], pieces, pairs)
        if match.group("link") is not None:
            pair = pairs.new()
            pieces.append(Code("bpt", "[", "link", pair))
            label = match.group("label")
            if _SPECIAL.search(label):
                _split_into(label, pieces, pairs)
            elif label:
                pieces.append(label)
            pieces.append(Code("ept", "]" + match.group("target"), "link", pair))
        else:
            name = str(match.lastgroup)  # the outermost group that matched
            ctype = {"image": "image", "hardbreak": "lb"}.get(name, f"x-{name}")
            pieces.append(Code("ph", match.group(0), ctype))
        position = match.end()
    _emphasis_into(text[position:], pieces, pairs)


def _emphasis_into(text: str, pieces: list[Piece], pairs: _Pairs) -> None:
    """Pair emphasis delimiters (an opener before a non-space, a closer after one, ``_``
    only at word edges); unpaired ones stay text."""
    if "*" not in text and "_" not in text:
        if text:
            pieces.append(text)
        return
    candidates: list[tuple[int, str]] = []
    for match in _EMPHASIS.finditer(text):
        candidates.append((match.start(), match.group(0)))
    opened: list[tuple[int, str]] = []
    matched: dict[int, tuple[str, int, str]] = {}
    for start, delimiter in candidates:
        end = start + len(delimiter)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        word = delimiter.startswith("_")
        can_close = not before.isspace() and (not word or not after.isalnum())
        can_open = not after.isspace() and (not word or not before.isalnum())
        partner = next((i for i in range(len(opened) - 1, -1, -1) if opened[i][1] == delimiter),
                       None)  # fmt: skip
        if can_close and partner is not None and opened[partner][0] + len(delimiter) < start:
            open_at, _ = opened[partner]
            del opened[partner:]
            pair = pairs.new()
            ctype = "bold" if len(delimiter) == 2 else "italic"
            matched[open_at] = ("bpt", pair, ctype)
            matched[start] = ("ept", pair, ctype)
        elif can_open:
            opened.append((start, delimiter))
    position = 0
    for start, delimiter in candidates:
        if start not in matched:
            continue
        kind, pair, ctype = matched[start]
        if start > position:
            pieces.append(text[position:start])
        pieces.append(Code(kind, delimiter, ctype, pair))
        position = start + len(delimiter)
    if position < len(text):
        pieces.append(text[position:])


def join(pieces: list[Piece]) -> str:
    """The Markdown of ``pieces``: text as is, each code's native markup."""
    return "".join(piece if isinstance(piece, str) else piece.native for piece in pieces)
