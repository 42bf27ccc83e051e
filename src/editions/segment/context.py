"""What a block rule knows while segmentation walks the token stream."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from editions.segment.source import Source


@dataclass(slots=True)
class Context:
    """The walker's position: the source, the block opener, containers and table cell.

    ``opener`` is the ``*_open`` token just before the inline token being segmented,
    ``container`` the innermost container kind ("list item", "blockquote") or None, and
    ``cell`` the index of the current cell in its table row. ``rows`` caches the cell spans of
    table rows by line span, so a row is split once, not once per cell. ``raw_pre`` counts the
    ``<pre>`` elements that raw HTML has opened and not closed yet.
    """

    source: Source
    opener: Token = field(default_factory=lambda: Token("", "", 0))
    container: str | None = None
    cell: int = -1
    raw_pre: int = 0
    rows: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
