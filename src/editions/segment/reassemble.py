"""Reassembly: the source with each translated block's text replaced, all else byte for byte."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from editions.segment import front_matter, heading, image, paragraph, table
from editions.segment.extract import segment_document
from editions.segment.model import Segment
from editions.segment.source import TRIM, line_ending

Writer = Callable[[str, Segment, str], str]

WRITERS: dict[str, Writer] = {
    **paragraph.WRITERS,
    **heading.WRITERS,
    **table.WRITERS,
    **image.WRITERS,
    **front_matter.WRITERS,
}
"""How a translation is written back, by :attr:`Segment.form`: ``(translation, segment,
newline) -> source text``, escaped so that it cannot change the document's block structure."""


def reassemble(
    text: str,
    translate: Callable[[Segment], str | None],
    segments: Sequence[Segment] | None = None,
) -> str:
    """``text`` with each block replaced by ``translate(segment)``.

    None (or a blank translation) keeps the English block untouched. ``segments`` may be
    passed when the caller already has ``segment_document(text)``.
    """
    if segments is None:
        segments = segment_document(text)
    newline = line_ending(text)
    pieces: list[str] = []
    position = 0
    for segment in segments:
        translation = translate(segment)
        if translation is None or not translation.strip(TRIM):
            continue
        pieces.append(text[position : segment.start])
        pieces.append(WRITERS[segment.form](translation, segment, newline))
        position = segment.end
    pieces.append(text[position:])
    return "".join(pieces)
