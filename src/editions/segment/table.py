"""Table cells, header and body: one segment per cell, written on one line without ``|``.

Cells are split as markdown-it's GFM table rule splits them: at every ``|`` not preceded by
a backslash, dropping the empty cells before a leading and after a trailing pipe. The msgid
is the cell's source text (an escaped ``\\|`` stays escaped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from editions.markdown import LINES
from editions.segment import image
from editions.segment.context import Context
from editions.segment.escape import (
    avoid_front_matter,
    escape_pipes,
    neutralise_line,
    single_line,
)
from editions.segment.lines import continuation_prefix
from editions.segment.model import Segment
from editions.segment.source import TRIM, Source
from editions.segment.words import has_words, image_only

_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPED_PIPE = re.compile(r"\\\|")


def extract(token: Token, context: Context) -> Iterator[Segment]:
    """The cell at ``context.cell`` of the row ``token`` belongs to."""
    source = context.source
    row = token.meta[LINES][0]
    cells = context.rows.get(row)
    if cells is None:
        cells = context.rows[row] = split_row(source.src, *row)
    if context.cell >= len(cells):
        return
    start, end = cells[context.cell]
    children = token.children or []
    raw = source.src[start:end]
    leading = context.cell == 0 and not source.src[row[0] : start].strip(TRIM)
    if leading and _may_end_the_block_above(source, start, raw):
        return
    if image_only(children):
        yield from image.extract(
            token, source, lambda offset: start + _raw_offset(raw, offset), "cell alt"
        )
        return
    if start >= end or not has_words(children):
        return
    line = source.line_index(start)
    yield Segment(
        msgid=raw,
        kind="table header" if context.opener.type == "th_open" else "table cell",
        line=line + 1,
        start=source.original(start),
        end=source.original(end),
        form="lead cell" if leading else "cell",
        continuation=continuation_prefix(source.src[source.line_starts[line] : row[0]]),
    )


def _may_end_the_block_above(source: Source, start: int, raw: str) -> bool:
    """True for a first cell that starts like a block (``- a | b``) right under a text line.

    Such a line may be what ended the block above (a list, a table); a translation could not
    end it again, so the cell stays as written.
    """
    line = source.line_index(start)
    if line == 0 or raw.startswith("\\"):
        return False
    above = source.src[source.line_starts[line - 1] : source.line_starts[line]]
    return bool(above.strip(TRIM)) and neutralise_line(raw, opening=True) != raw


def split_row(src: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """The (start, end) of each cell's trimmed text in a table row's line."""
    line = src[line_start:line_end]
    base = line_start + len(line) - len(line.lstrip(TRIM))
    row = line.strip(TRIM)
    bounds = [-1, *(m.start() for m in _PIPE.finditer(row)), len(row)]
    cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    spans: list[tuple[int, int]] = []
    for begin, end in cells:
        text = row[begin:end]
        stripped = text.strip(TRIM)
        if not stripped:
            spans.append((base + begin, base + begin))
            continue
        lead = len(text) - len(text.lstrip(TRIM))
        spans.append((base + begin + lead, base + begin + lead + len(stripped)))
    return spans


def _raw_offset(raw: str, offset: int) -> int:
    """Offset in the cell's source of ``offset`` in its content (where ``\\|`` became ``|``)."""
    shift = 0
    for match in _ESCAPED_PIPE.finditer(raw):
        if offset >= match.start() - shift:
            shift += 1
        else:
            break
    return offset + shift


def write_cell(translation: str, segment: Segment, newline: str) -> str:
    """One line with every cell-splitting ``|`` escaped."""
    return escape_pipes(single_line(translation).strip(TRIM))


def write_lead_cell(translation: str, segment: Segment, newline: str) -> str:
    """A first cell with no pipe before it begins the row's line: it must not open a block."""
    text = neutralise_line(single_line(translation).strip(TRIM), opening=True)
    if segment.line == 1 and segment.continuation.startswith(" "):
        text = avoid_front_matter(text)
    return escape_pipes(text)


WRITERS = {"cell": write_cell, "lead cell": write_lead_cell}
