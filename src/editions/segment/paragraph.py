"""Paragraphs (alone, in list items, in block quotes) and setext headings: prose blocks.

Their translations may have line breaks; each continuation line gets the block's container
prefix, and no line may open a new block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from editions.segment import image
from editions.segment.context import Context
from editions.segment.escape import (
    avoid_front_matter,
    delimiter_columns,
    guard_table_header,
    neutralise_line,
)
from editions.segment.lines import block_text, content_locator
from editions.segment.model import Segment
from editions.segment.source import TRIM, Source
from editions.segment.words import has_words, image_only

_LINE_END = re.compile(r"\r\n?|\n")


def extract(token: Token, context: Context) -> Iterator[Segment]:
    """A paragraph; its kind is its innermost container's, when it has one."""
    kind = context.container or "paragraph"
    return prose_segments(token, kind, context.source, keep_lines=context.raw_pre > 0)


def prose_segments(
    token: Token, kind: str, source: Source, form: str = "block", *, keep_lines: bool = False
) -> Iterator[Segment]:
    """The segment of a prose block, or its images' alt texts when it holds nothing else.

    ``keep_lines`` keeps soft line breaks as newlines in the msgid, for text that raw HTML
    has put inside a ``<pre>``, where a browser shows them.
    """
    children = token.children or []
    if image_only(children):
        yield from image.extract(token, source, content_locator(token, source))
        return
    if not has_words(children):
        return
    text = block_text(token, source, keep_lines=keep_lines)
    if text is None:
        return
    columns = delimiter_columns(source, text.end)
    last_line = ""
    if columns:
        form = "guarded"
        # soft breaks join lines in the msgid: the guard needs the source's own last line
        last_line = source.src[text.start : text.end].rpartition("\n")[2].lstrip(" \t>")
    yield Segment(
        msgid=text.msgid,
        kind=kind,
        line=text.line + 1,
        start=source.original(text.start),
        end=source.original(text.end),
        form=form,
        continuation=text.continuation,
        delimiter_columns=columns,
        last_line=last_line,
    )


def write_block(translation: str, segment: Segment, newline: str) -> str:
    """The translation as block text: hard breaks as ``\\``, prefixed continuation lines.

    A newline in the translation after ``\\`` (or two spaces) is a hard break, otherwise a
    soft one; blank lines are dropped, since they would split the block.
    """
    lines = [line for line in _LINE_END.split(translation.strip(TRIM)) if line.strip(" \t")]
    written: list[str] = []
    for index, line in enumerate(lines):
        text = line.lstrip(" \t")
        # Blanks starting a continuation line are kept: in a code span they are content.
        lead = line[: len(line) - len(text)] if index else ""
        if index < len(lines) - 1:
            stripped = text.rstrip(" ")
            if len(text) - len(stripped) >= 2 and not stripped.endswith("\\"):
                text = stripped + "\\"
            elif len(text) - len(stripped) < 2:
                text = text.rstrip(" \t")
        rest = "\n".join(lines[1:]) if index == 0 else ""
        previous = lines[index - 1].strip(" \t") if index else ""
        if not _indented_as_code(segment.continuation, lead):
            text = neutralise_line(text, opening=index == 0, rest=rest, previous=previous)
        written.append(lead + text)
    if segment.line == 1 and segment.continuation.startswith(" "):
        written[0] = avoid_front_matter(written[0])
    return (newline + segment.continuation).join(written)


def _indented_as_code(prefix: str, lead: str) -> bool:
    """Four columns of indentation past the container: a line that cannot start a block."""
    return len((prefix + lead).expandtabs(4)) - len(prefix.expandtabs(4)) >= 4


def write_guarded(translation: str, segment: Segment, newline: str) -> str:
    """Block text right above a line like ``---`` or ``|--|`` (a setext underline, a
    thematic break after a list item): with a ``|`` its last line could become a table header
    over that line, so a last line that splits into other cells than the source's gets its
    pipes written as ``&#124;``."""
    text = write_block(translation, segment, newline)
    head, separator, last = text.rpartition(newline + segment.continuation)
    return head + separator + guard_table_header(last, segment.delimiter_columns, segment.last_line)


WRITERS = {"block": write_block, "guarded": write_guarded}
