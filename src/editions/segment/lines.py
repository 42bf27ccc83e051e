"""The text of a block that may span lines: its msgid, its span and its continuation prefix.

markdown-it records, for each source line of the block, where its text starts (after any
``>`` and list indentation) and ends, and for each line break token the offset of its
newline (see :mod:`editions.markdown`). From these the msgid is built line by line:

- a soft break becomes one space (trailing blanks of the line and leading blanks of the next
  dropped), so translators see one line of prose;
- a hard break is kept visibly as ``\\`` + newline (two trailing spaces are normalised to it);
- a newline that is neither (inside a code span, raw HTML, a link title) becomes a space,
  unless the line ends in an escaping backslash, which must stay before its newline.

One construct reads differently with a space for a newline: a ``<...>`` link destination may
hold a space but not a newline. A block whose msgid would change meaning that way keeps its
soft breaks as newlines.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it.token import Token

from editions.markdown import INDENT, LINES, NEWLINE, markdown_parser
from editions.segment.escape import neutralise_line
from editions.segment.source import TRIM, Source

_NEWLINE = re.compile("\n")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class BlockText:
    """A block's msgid and where it sits; offsets are into the normalised source."""

    msgid: str
    start: int
    end: int
    line: int
    continuation: str


def block_text(token: Token, source: Source, *, keep_lines: bool = False) -> BlockText | None:
    """The msgid, span and continuation prefix of a paragraph-like inline token."""
    spans: list[tuple[int, int]] = token.meta[LINES]
    src = source.src
    lines = [src[start:end] for start, end in spans]
    with_text = [index for index, line in enumerate(lines) if line.strip(TRIM)]
    if not with_text:
        return None
    first, last = with_text[0], with_text[-1]
    breaks = _break_kinds(token, first)
    content = token.content
    msgid = _join(lines, first, last, breaks, content, keep_soft=keep_lines)
    if not keep_lines and "](<" in msgid and first < last and _reads_differently(msgid, content):
        msgid = _join(lines, first, last, breaks, content, keep_soft=True)
    if "\n" in msgid:
        msgid = _neutralised(msgid)
    start = spans[first][0] + len(lines[first]) - len(lines[first].lstrip(TRIM))
    end = spans[last][1] - (len(lines[last]) - len(lines[last].rstrip(TRIM)))
    line_index = source.line_index(spans[first][0])
    prefix = src[source.line_starts[line_index] : spans[first][0]]
    if first == 0 and INDENT in token.meta:
        begin, columns = token.meta[INDENT]
        prefix = _container_part(src, source.line_starts[line_index], begin, columns, prefix)
    return BlockText(msgid, start, end, line_index, continuation_prefix(prefix))


def _container_part(src: str, line_start: int, begin: int, columns: int, prefix: str) -> str:
    """The part of a first line's ``prefix`` that belongs to containers, not to the block.

    ``>`` markers end at ``begin``; after them the container's indentation (or list marker)
    is ``columns`` wide. A paragraph's own indentation (``   text`` at top level) is not
    repeated on its continuation lines, where it would become code span content.
    """
    width, end = 0, begin
    stop = line_start + len(prefix)
    while end < stop and width < columns:
        width = width + 4 - width % 4 if src[end] == "\t" else width + 1
        end += 1
    return src[line_start:end]


def _join(
    lines: list[str],
    first: int,
    last: int,
    breaks: dict[int, str],
    content: str,
    *,
    keep_soft: bool,
) -> str:
    """The msgid from the block's lines ``first..last`` (see the module docstring).

    A newline inside a code span (or raw HTML) keeps the blanks around it, as markdown-it
    sees them in ``content``: a code span turns the newline into a space and keeps the rest.
    """
    soft = "\n" if keep_soft else " "
    content_lines: list[str] | None = None
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
            pieces.append(line + "\n" + _needed_indentation(content, index + 1 - first, line))
        elif kind is None:
            if content_lines is None:
                content_lines = content.split("\n")
            following = content_lines[index + 1 - first]
            lead = following[: len(following) - len(following.lstrip(" \t"))]
            pieces.append(line + ("\n" if keep_soft or _ends_in_escape(line) else " ") + lead)
        else:
            pieces.append(line.rstrip(" \t") + soft)
    return "".join(pieces)


def _neutralised(msgid: str) -> str:
    """The msgid with each line after a break escaped where it would start a block.

    Joining soft breaks can make one (``1.`` + newline + ``alpha`` gives ``1. alpha``); the
    escape is what reassembly would write anyway, so the translator sees it from the start.
    """
    lines = msgid.split("\n")
    for index in range(1, len(lines)):
        line = lines[index]
        if line and line[0] not in " \t":
            lines[index] = neutralise_line(line, opening=False, previous=lines[index - 1])
    return "\n".join(lines)


def _needed_indentation(content: str, index: int, previous: str) -> str:
    """The blanks starting content line ``index`` when they keep it from reading as a block.

    After a hard break markdown-it skips them, so the msgid shows none, unless the line would
    otherwise have to be escaped (``- x`` indented as code continues a paragraph as text).
    """
    following = content.split("\n", index + 1)[index]
    text = following.lstrip(" \t")
    if neutralise_line(text, opening=False, previous=previous) == text:
        return ""
    lead = following[: len(following) - len(text)]
    # only four columns keep a line from starting a block (``  =`` is still an underline)
    return lead if len(lead.expandtabs(4)) >= 4 else ""


def _reads_differently(msgid: str, content: str) -> bool:
    """True when the one-line msgid parses to other inline HTML than the block's content."""
    parser = markdown_parser()
    return _WHITESPACE.sub(" ", parser.renderInline(msgid)) != _WHITESPACE.sub(
        " ", parser.renderInline(content)
    )


def continuation_prefix(prefix: str) -> str:
    """The prefix that continues a block whose first line starts after ``prefix``.

    Block quote markers stay, list markers and everything else become spaces of the same
    width (tabs stay tabs, so tab stops do not move): ``> 1. `` gives ``>    ``. A ``>`` with
    no blank after it gets one, because the blank after a ``>`` belongs to the marker: in
    ``>- item`` the item's text starts one column after the quote's, so its continuation is
    ``>   ``, not ``>  ``.
    """
    out: list[str] = []
    for index, char in enumerate(prefix):
        if char == ">":
            out.append(">" if prefix[index + 1 : index + 2] in (" ", "\t") else "> ")
        else:
            out.append(char if char == "\t" else " ")
    return "".join(out)


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
