"""Image alt text of blocks made only of images (pictures, badges): one segment per image.

An image inside prose stays in its block's msgid (``![alt](src)`` as Markdown), so the
translator sees it in context; alone, only its alt text is worth translating.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markdown_it.token import Token

from editions.markdown import LABEL
from editions.segment.escape import balance_brackets, escape_pipes, single_line
from editions.segment.model import Segment
from editions.segment.source import TRIM, Source
from editions.segment.words import has_words


def extract(
    token: Token, source: Source, locate: Callable[[int], int], form: str = "alt"
) -> Iterator[Segment]:
    """Alt-text segments of the images among ``token``'s children.

    ``locate`` maps an offset into ``token.content`` to the normalised source. An image
    written ``![alt]`` or ``![alt][]`` uses its alt text as its reference label: its
    segment covers ``alt`` (or ``alt][``) and is written back as ``translation][alt``, so the
    reference still resolves. (A link around an image cannot be a shortcut reference: a
    reference label may not hold unescaped brackets.)
    """
    for child in token.children or ():
        if child.type == "image" and LABEL in child.meta and has_words(child.children or ()):
            yield _alt_segment(token.content, child.meta[LABEL], source, locate, form)


def _tail(content: str, label: tuple[int, int, int]) -> str:
    """What follows the closing ``]`` of an image: ``(url)``, ``[ref]``, ``[]`` or ""."""
    _, end, stop = label
    return content[end + 1 : stop]


def _alt_segment(
    content: str,
    label: tuple[int, int, int],
    source: Source,
    locate: Callable[[int], int],
    form: str,
) -> Segment:
    label_start, label_end, _ = label
    text = content[label_start:label_end]
    msgid = single_line(text).strip(TRIM)
    lead = len(text) - len(text.lstrip(TRIM))
    trail = len(text) - len(text.rstrip(TRIM))
    start = locate(label_start + lead)
    end = locate(label_end - trail - 1) + 1
    tail = _tail(content, label)
    if tail in ("", "[]"):
        form = f"{form} ref"
        if tail:  # ``![alt][]``: the span takes in ``][`` (whitespace before ``]`` too).
            end = locate(label_end + 1) + 1
    return Segment(
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


def write_ref_alt(translation: str, segment: Segment, newline: str) -> str:
    """Alt text that was also the reference label: keep the label as an explicit reference."""
    return f"{write_alt(translation, segment, newline)}][{segment.msgid}"


def write_cell_ref_alt(translation: str, segment: Segment, newline: str) -> str:
    return escape_pipes(write_ref_alt(translation, segment, newline))


WRITERS = {
    "alt": write_alt,
    "cell alt": write_cell_alt,
    "alt ref": write_ref_alt,
    "cell alt ref": write_cell_ref_alt,
}
