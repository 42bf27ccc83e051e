"""The text of a block that may span lines: its msgid, its span and its continuation prefix.

markdown-it records, for each source line of the block, where its text starts (after any
``>`` and list indentation) and ends, and for each line break token the offset of its
newline (see :mod:`editions.markdown`). From these the msgid is built line by line:

- a soft break becomes one space (trailing blanks of the line and leading blanks of the next
  dropped), so translators see one line of prose;
- a hard break is kept visibly as ``\\`` + newline (two trailing spaces are normalised to it);
- a newline that is neither (inside a code span, raw HTML, a link title) becomes a space,
  unless the line ends in an escaping backslash, which must stay before its newline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it.token import Token

from editions.markdown import LINES, NEWLINE
from editions.segment.source import TRIM, Source

_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class BlockText:
    """A block's msgid and where it sits; offsets are into the normalised source."""

    msgid: str
    start: int
    end: int
    line: int
    continuation: str


def block_text(token: Token, source: Source) -> BlockText | None:
    """The msgid, span and continuation prefix of a paragraph-like inline token."""
    spans: list[tuple[int, int]] = token.meta[LINES]
    src = source.src
    lines = [src[start:end] for start, end in spans]
    with_text = [index for index, line in enumerate(lines) if line.strip(TRIM)]
    if not with_text:
        return None
    first, last = with_text[0], with_text[-1]
    breaks = _break_kinds(token, first)
    pieces: list[str] = []
    for index in range(first, last + 1):
        line = lines[index]
        if index == first:
            line = line.lstrip(TRIM)
        if index == last:
            pieces.append(line.rstrip(TRIM))
            break
        kind = breaks.get(index)
        if kind == "hardbreak":
            stripped = line.rstrip(" ")
            if stripped != line and not stripped.endswith("\\"):
                line = stripped + "\\"
            pieces.append(line + "\n")
        elif kind is None and _ends_in_escape(line):
            pieces.append(line + "\n")
        else:
            pieces.append(line.rstrip(" \t") + " ")
    start = spans[first][0] + len(lines[first]) - len(lines[first].lstrip(TRIM))
    end = spans[last][1] - (len(lines[last]) - len(lines[last].rstrip(TRIM)))
    line_index = source.line_index(spans[first][0])
    prefix = src[source.line_starts[line_index] : spans[first][0]]
    return BlockText("".join(pieces), start, end, line_index, continuation_prefix(prefix))


def continuation_prefix(prefix: str) -> str:
    """The prefix that continues a block whose first line starts after ``prefix``.

    Block quote markers stay, list markers and everything else become spaces of the same
    width (tabs stay tabs, so tab stops do not move): ``> 1. `` gives ``>    ``.
    """
    return "".join(char if char in ">\t" else " " for char in prefix)


def content_locator(token: Token, source: Source) -> Callable[[int], int]:
    """Map an offset into ``token.content`` to the normalised source offset of that character.

    Valid for characters that are not leading blanks of a line, which is all that is asked:
    the content of a line and its source share everything from their first non-blank on.
    """
    spans: list[tuple[int, int]] = token.meta[LINES]
    src = source.src
    first = next((i for i, (s, e) in enumerate(spans) if src[s:e].strip(TRIM)), 0)
    content = token.content
    newlines = [m.start() for m in _NEWLINE.finditer(content)]

    def locate(pos: int) -> int:
        index = bisect_left(newlines, pos)
        begin = newlines[index - 1] + 1 if index else 0
        end = newlines[index] if index < len(newlines) else len(content)
        content_line = content[begin:end]
        start, stop = spans[first + index]
        source_line = src[start:stop]
        lead_content = len(content_line) - len(content_line.lstrip(TRIM))
        lead_source = len(source_line) - len(source_line.lstrip(TRIM))
        return start + lead_source + (pos - begin - lead_content)

    return locate


def _break_kinds(token: Token, first: int) -> dict[int, str]:
    """Line boundary index (within the token's lines) → "softbreak" or "hardbreak"."""
    found = [child for child in token.children or () if NEWLINE in child.meta]
    if not found:
        return {}
    newlines = [m.start() for m in _NEWLINE.finditer(token.content)]
    return {first + bisect_left(newlines, child.meta[NEWLINE]): child.type for child in found}


def _ends_in_escape(line: str) -> bool:
    """True when the line ends in an odd run of backslashes (the last one escapes)."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1
