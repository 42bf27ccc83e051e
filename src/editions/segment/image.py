"""Image alt text of blocks made only of images (pictures, badges): one segment per image.

An image inside prose stays in its block's msgid (``![alt](src)`` as Markdown), so the
translator sees it in context; alone, only its alt text is worth translating.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from markdown_it.token import Token

from editions.markdown import LABEL
from editions.segment.escape import balance_brackets, escape_pipes, single_line
from editions.segment.model import Segment
from editions.segment.source import TRIM, Source
from editions.segment.words import has_words

_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def extract(
    token: Token, source: Source, locate: Callable[[int], int], form: str = "alt"
) -> Iterator[Segment]:
    """Alt-text segments of the images among ``token``'s children.

    ``locate`` maps an offset into ``token.content`` to the normalised source.
    """
    content = token.content
    for child in token.children or ():
        if child.type != "image" or LABEL not in child.meta:
            continue
        if not has_words(child.children or ()):
            continue
        label_start, label_end = child.meta[LABEL]
        label = content[label_start:label_end]
        msgid = _LINE_BREAK.sub(" ", label).strip(TRIM)
        lead = len(label) - len(label.lstrip(TRIM))
        trail = len(label) - len(label.rstrip(TRIM))
        start = locate(label_start + lead)
        end = locate(label_end - trail - 1) + 1
        yield Segment(
            msgid=msgid,
            kind="image alt",
            line=source.line_index(start) + 1,
            start=source.original(start),
            end=source.original(end),
            form=form,
        )


def write_alt(translation: str, segment: Segment, newline: str) -> str:
    """Alt text on one line, its brackets kept from closing the label."""
    return balance_brackets(single_line(translation).strip(TRIM))


def write_cell_alt(translation: str, segment: Segment, newline: str) -> str:
    """Alt text inside a table cell: also no ``|``."""
    return escape_pipes(write_alt(translation, segment, newline))


WRITERS = {"alt": write_alt, "cell alt": write_cell_alt}
