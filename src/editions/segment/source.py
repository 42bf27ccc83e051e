"""A source document as markdown-it sees it, with offsets back to the original text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from markdown_it.common.utils import MD_TRIM_CHARS

TRIM = MD_TRIM_CHARS
"""The whitespace markdown-it trims from block content (CommonMark's set)."""

_LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Source:
    """The original text, the normalised text markdown-it parses, and line starts of both.

    markdown-it turns ``\\r\\n`` and ``\\r`` into ``\\n`` and NUL into U+FFFD; only the first
    changes lengths, so offsets map back line by line.
    """

    text: str
    src: str
    line_starts: list[int]
    original_line_starts: list[int] | None
    newline: str

    @classmethod
    def from_text(cls, text: str) -> Source:
        src = text.replace("\0", "\ufffd")
        original_starts: list[int] | None = None
        newline = "\n"
        if "\r" in text:
            original_starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
            newline = line_ending(text)
            src = _LINE_END.sub("\n", src)
        starts = [0, *(m.end() for m in re.finditer("\n", src))]
        return cls(text, src, starts, original_starts, newline)

    def line_index(self, pos: int) -> int:
        """The 0-based line holding normalised offset ``pos``."""
        return bisect_right(self.line_starts, pos) - 1

    def original(self, pos: int) -> int:
        """The offset in the original text of normalised offset ``pos``."""
        if self.original_line_starts is None:
            return pos
        line = self.line_index(pos)
        return self.original_line_starts[line] + pos - self.line_starts[line]


def line_ending(text: str) -> str:
    """The line ending a document uses (its first one), ``\\n`` when it has none."""
    found = _LINE_END.search(text)
    return found.group() if found else "\n"
