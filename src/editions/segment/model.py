"""The segment: one translatable piece of a Markdown document and where it sits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable block of a document, in the words a translator sees.

    ``msgid`` is the block's Markdown source with container markers (``>``, list indentation)
    removed and soft line breaks turned into single spaces; a hard break is kept as ``\\``
    followed by a newline. ``kind`` says what the block is ("paragraph", "heading",
    "list item", "blockquote", "table header", "table cell", "image alt",
    "front matter title", ...), in words meant for the translator's extracted comment.

    ``line`` is the 1-based line of the source where the text starts. ``start`` and ``end`` are
    offsets (``str`` indices, not bytes) into the *original* text given to
    :func:`~editions.segment.segment_document`, before any line-ending normalisation: the text
    that a translation replaces is ``text[start:end]``; for a block spanning several lines that
    range includes the container markers of its continuation lines.

    ``form`` names how a translation is written back (see :data:`editions.segment.WRITERS`)
    and ``continuation`` is the prefix (container markers and indentation) put before each
    continuation line of a translation that has line breaks. ``delimiter_columns`` is, for the
    ``guarded`` forms, the column count of the table-delimiter-like line below the block, and
    ``last_line`` the block's last source line, which that guard compares against.
    """

    msgid: str
    kind: str
    line: int
    start: int
    end: int
    form: str
    continuation: str = ""
    delimiter_columns: int = 0
    last_line: str = ""
