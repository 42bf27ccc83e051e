"""Markdown → segments (one per translatable block, with exact source spans) and back.

``segment_document(text)`` lists the translatable blocks of a document; ``reassemble(text,
translate)`` rebuilds it with each block's text replaced by its translation and every other
byte kept. Both run on one markdown-it parse (:func:`editions.markdown.markdown_parser`).
One small module per block kind: :mod:`.paragraph` (paragraphs, list items, block quotes,
setext headings), :mod:`.heading`, :mod:`.table`, :mod:`.image`, :mod:`.front_matter`.
"""

from __future__ import annotations

from editions.segment.extract import segment_document
from editions.segment.model import Segment
from editions.segment.reassemble import WRITERS, reassemble

__all__ = ["WRITERS", "Segment", "reassemble", "segment_document"]
