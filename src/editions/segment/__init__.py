"""Markdown → segments (one per translatable block, with exact source spans) and back.

``segment_document(text)`` lists the translatable blocks of a document; ``reassemble(text,
translate)`` rebuilds it with each block's text replaced by its translation and every other
byte kept. Both run on one markdown-it parse (:func:`editions.markdown.markdown_parser`).
One small module per block kind: :mod:`.paragraph` (paragraphs, list items, block quotes,
setext headings), :mod:`.heading`, :mod:`.table`, :mod:`.image`, :mod:`.front_matter`.

Choices worth knowing:

- Not extracted: code (fenced, indented), HTML blocks, link reference definitions, thematic
  breaks, front-matter keys and fields other than title/subtitle/description/summary, and
  blocks with no letter outside code spans, HTML, URLs and autolinks (a number, a date,
  ``---``, a lone ``<https://...>``), as po4a and mdpo do.
- A block made only of images (a picture, a row of badges) gives one "image alt" segment per
  image; an image inside prose stays in the paragraph's msgid as ``![alt](src)``.
- The msgid is one line: soft breaks become spaces, hard breaks are ``\\`` + newline.
- A translation that is None or blank keeps the English block untouched. A translation is
  escaped where it would change the document's blocks (:mod:`.escape`); a newline in it is a
  soft break, after ``\\`` (or two spaces) a hard break; blank lines are dropped.
"""

from __future__ import annotations

from editions.segment.extract import segment_document
from editions.segment.model import Segment
from editions.segment.reassemble import WRITERS, reassemble

__all__ = ["WRITERS", "Segment", "reassemble", "segment_document"]
