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

__all__ = ["SPECIAL", "Code", "Piece", "join", "split", "tokens"]

_TOKENS = re.compile(
    r"(?P<code>(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^<>\s]+>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<hardbreak>\\\n| {2,}\n)"
    r"|(?P<control>[\x00-\x08\x0b\x0c\r\x0e-\x1f\x7f])"
    r"|(?P<close>\](?P<target>\([^)\s]*(?:\s+\"[^\"]*\")?\))?)"
    r"|(?P<open>\[)"
    r"|(?P<emphasis>\*\*|__|\*|_)",
    re.DOTALL,
)
_FIRST = r"`!\[\]<\\*_\x00-\x08\x0b\x0c\r\x0e-\x1f\x7f"
"""The characters a token starts with, a hard break of spaces aside (it starts with a
space and ends with a newline)."""
SPECIAL = re.compile(rf"[{_FIRST}\n]")
"""A character every text that holds a token has: one of :data:`_FIRST` or a newline."""
_STARTS = re.compile(rf"(?=[{_FIRST}])(?:{_TOKENS.pattern})", re.DOTALL)
"""The same tokens, found about four times faster: the lookahead names the characters a
token can start with, so the scan skips plain text without trying every alternative. A
hard break made of spaces starts with a space; texts with one use :data:`_TOKENS`."""
_CTYPES = {"image": "image", "hardbreak": "lb"}


class Code(NamedTuple):
    """A protected piece of markup: ``kind`` is ``ph`` (standalone), ``bpt`` or ``ept``;
    ``pair`` links an opening code to its closing one; ``ctype`` names what it is."""

    kind: str
    native: str
    ctype: str
    pair: int = 0


Piece = str | Code


def split(text: str) -> list[Piece]:
    """``text`` as text and codes, in order (see the module doc). One pass over the
    markup tokens: standalone codes at once, links when a ``[`` finds its ``](target)``,
    emphasis when a delimiter finds its partner (an opener before a non-space, a closer
    after one, ``_`` only at word edges); what finds no partner stays text."""
    if not SPECIAL.search(text):
        return [text] if text else []
    pieces: list[Piece] = []
    position = 0
    for start, (end, code) in sorted(tokens(text).items()):
        if start > position:
            pieces.append(text[position:start])
        pieces.append(code)
        position = end
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def tokens(text: str) -> dict[int, tuple[int, Code]]:
    """The codes of ``text`` by start offset, with their end offsets (see :func:`split`)."""
    found: dict[int, tuple[int, Code]] = {}  # start -> (end, code)
    brackets: list[int] = []
    opened: list[tuple[int, str]] = []
    pair = 0
    scanner = _TOKENS if "  \n" in text else _STARTS
    for match in scanner.finditer(text):
        name = match.lastgroup
        start, end = match.span()
        if name == "emphasis":
            delimiter = match.group()
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            word = delimiter[0] == "_"
            partner = len(opened) - 1
            while partner >= 0 and opened[partner][1] != delimiter:
                partner -= 1
            if (
                partner >= 0
                and not before.isspace()
                and (not word or not after.isalnum())
                and opened[partner][0] + len(delimiter) < start
            ):
                open_at = opened[partner][0]
                del opened[partner:]
                pair += 1
                ctype = "bold" if len(delimiter) == 2 else "italic"
                found[open_at] = (open_at + len(delimiter), Code("bpt", delimiter, ctype, pair))
                found[start] = (end, Code("ept", delimiter, ctype, pair))
            elif not after.isspace() and (not word or not before.isalnum()):
                opened.append((start, delimiter))
        elif name == "open":
            brackets.append(start)
        elif name == "close":
            if not brackets:
                continue
            open_at = brackets.pop()
            if match.group("target") is None:
                continue  # a bracketed word, not a link
            pair += 1
            found[open_at] = (open_at + 1, Code("bpt", "[", "link", pair))
            found[start] = (end, Code("ept", match.group(), "link", pair))
        else:
            name = "code" if name == "ticks" else str(name)
            found[start] = (end, Code("ph", match.group(), _CTYPES.get(name, f"x-{name}")))
    return found


def join(pieces: list[Piece]) -> str:
    """The Markdown of ``pieces``: text as is, each code's native markup."""
    return "".join(piece if isinstance(piece, str) else piece.native for piece in pieces)
