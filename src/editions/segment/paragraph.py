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
from editions.segment.escape import neutralise_line
from editions.segment.lines import block_text, content_locator
from editions.segment.model import Segment
from editions.segment.source import TRIM, Source
from editions.segment.words import has_words, image_only

_LINE_END = re.compile(r"\r\n?|\n")


def extract(token: Token, context: Context) -> Iterator[Segment]:
    """A paragraph; its kind is its innermost container's, when it has one."""
    return prose_segments(token, context.container or "paragraph", context.source)


def prose_segments(token: Token, kind: str, source: Source) -> Iterator[Segment]:
    """The segment of a prose block, or its images' alt texts when it holds nothing else."""
    children = token.children or []
    if image_only(children):
        yield from image.extract(token, source, content_locator(token, source))
        return
    if not has_words(children):
        return
    text = block_text(token, source)
    if text is None:
        return
    yield Segment(
        msgid=text.msgid,
        kind=kind,
        line=text.line + 1,
        start=source.original(text.start),
        end=source.original(text.end),
        form="block",
        continuation=text.continuation,
    )


def write_block(translation: str, segment: Segment, newline: str) -> str:
    """The translation as block text: hard breaks as ``\\``, prefixed continuation lines.

    A newline in the translation after ``\\`` (or two spaces) is a hard break, otherwise a
    soft one; blank lines are dropped, since they would split the block.
    """
    lines = [line.lstrip(" \t") for line in _LINE_END.split(translation.strip(TRIM))]
    lines = [line for line in lines if line]
    written: list[str] = []
    for index, line in enumerate(lines):
        if index < len(lines) - 1:
            stripped = line.rstrip(" ")
            if len(line) - len(stripped) >= 2 and not stripped.endswith("\\"):
                line = stripped + "\\"
            elif len(line) - len(stripped) < 2:
                line = line.rstrip(" \t")
        rest = "\n".join(lines[1:]) if index == 0 else ""
        written.append(neutralise_line(line, opening=index == 0, rest=rest))
    return (newline + segment.continuation).join(written)


WRITERS = {"block": write_block}
