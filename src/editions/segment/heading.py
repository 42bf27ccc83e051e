"""Headings: ATX (``# Title``) on one line; setext headings are written like paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from editions.markdown import LINES
from editions.segment import image, paragraph
from editions.segment.context import Context
from editions.segment.escape import delimiter_columns, guard_table_header, single_line
from editions.segment.model import Segment
from editions.segment.source import TRIM
from editions.segment.words import has_words, image_only

_CLOSING_RUN = re.compile(r"(?:^|(?<=[ \t]))#+$")


def extract(token: Token, context: Context) -> Iterator[Segment]:
    """The heading's text; for ATX headings without the ``#`` markers and closing run."""
    source = context.source
    if not context.opener.markup.startswith("#"):
        yield from paragraph.prose_segments(
            token, "heading", source, keep_lines=context.raw_pre > 0
        )
        return
    src = source.src
    line_start, line_end = token.meta[LINES][0]
    pos = line_start
    while pos < line_end and src[pos] == "#":
        pos += 1
    # markdown-it's heading rule: drop trailing blanks, then a closing run of '#' after a blank.
    end = line_end
    while end > pos and src[end - 1] in " \t":
        end -= 1
    run = end
    while run > pos and src[run - 1] == "#":
        run -= 1
    if run < end and run > pos and src[run - 1] in " \t":
        end = run
    raw = src[pos:end]
    start = pos + len(raw) - len(raw.lstrip(TRIM))
    end -= len(raw) - len(raw.rstrip(TRIM))
    children = token.children or []
    if image_only(children):
        yield from image.extract(token, source, lambda offset: start + offset)
        return
    if start >= end or not has_words(children):
        return
    columns = delimiter_columns(source, end)
    yield Segment(
        msgid=src[start:end],
        kind="heading",
        line=source.line_index(start) + 1,
        start=source.original(start),
        end=source.original(end),
        form="guarded atx" if columns else "atx",
        delimiter_columns=columns,
    )


def write_atx(translation: str, segment: Segment, newline: str) -> str:
    """One line; a trailing run of ``#`` is escaped so it is not read as the closing run."""
    text = single_line(translation).strip(TRIM)
    closing = _CLOSING_RUN.search(text)
    if closing:
        text = text[: closing.start()] + "\\" + text[closing.start() :]
    return text


def write_guarded_atx(translation: str, segment: Segment, newline: str) -> str:
    """An ATX heading right above a ``---``-like line must not become a table header."""
    return guard_table_header(
        write_atx(translation, segment, newline), segment.delimiter_columns, segment.msgid
    )


WRITERS = {"atx": write_atx, "guarded atx": write_guarded_atx}
