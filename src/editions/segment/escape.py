"""Neutralise translations so that they cannot change the structure of the document.

A translation is inline text. Written where a block's text was, a line of it must not open a
new block (``# ``, ``> ``, ``- ``, ``1. ``, a fence, an HTML block, a thematic break, a setext
underline, a table delimiter row, a link reference definition), a table cell must not gain a
``|``, an image's alt text must not close its ``]`` early. Each rule inserts one backslash,
which CommonMark renders as nothing when it precedes ASCII punctuation.
"""

from __future__ import annotations

import re

from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_block.table import escapedSplit

from editions.markdown import markdown_parser
from editions.segment.source import TRIM, Source

_ALWAYS = re.compile(
    r"""
      \#{1,6}(?:[ \t]|$)                 # ATX heading
    | >                                   # block quote
    | `{3,}[^`]*$ | ~{3,}                 # code fence (no backtick in a backtick info)
    | =+[ \t]*$ | -+[ \t]*$               # setext underline
    | ([*_-])[ \t]*(?:\1[ \t]*){2,}$      # thematic break
    | [-+*][ \t]+\S                       # bullet list item with text
    """,
    re.VERBOSE,
)
_OPENING = re.compile(
    r"""
      [-+*](?:[ \t]|$)                    # any bullet list item
    | -{3}                                # front matter, at the top of a document
    """,
    re.VERBOSE,
)
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=([ \t]+\S)?)(?:[ \t]|$)")
_DELIMITER_ROW = re.compile(r"[|:-][|:\- \t]*$")
_ALIGN = re.compile(r":?-+:?$")
_DASHED_ROW = re.compile(r"[|:-]*-[|:\- \t]*$")
_HTML_ANY = [pattern for pattern, _, _ in HTML_SEQUENCES]
_HTML_INTERRUPTING = [pattern for pattern, _, interrupts in HTML_SEQUENCES if interrupts]
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPE_OR_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)


def neutralise_line(line: str, *, opening: bool, rest: str = "", previous: str = "") -> str:
    """Escape what would make ``line`` (leading blanks already removed) start a block.

    ``opening`` is True for the first line of a block, where anything can start; a later line
    continues a paragraph, which only some blocks may interrupt (an ordered list only when it
    starts at 1, a list only with text, a table only under a line with a ``|``), so only
    those are escaped there and a line like ``2) ...`` that was text stays as it was.
    ``rest`` is the text after the line (a reference definition may span lines) and
    ``previous`` the line before it.
    """
    if not line:
        return line
    if _ALWAYS.match(line) or (opening and _OPENING.match(line)):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered and (opening or (int(ordered.group(1)) == 1 and ordered.group(3))):
        return f"{ordered.group(1)}\\{line[ordered.end(1) :]}"
    if _DELIMITER_ROW.match(line) and (opening or starts_table(previous, line)):
        return "\\" + line
    if line[0] == "<":
        patterns = _HTML_ANY if opening else _HTML_INTERRUPTING
        if any(pattern.search(line) for pattern in patterns):
            return "\\" + line
    if opening and line[0] == "[" and "]:" in line + rest and _defines_reference(line + rest):
        return "\\" + line
    return line


def starts_table(header: str, delimiter: str) -> bool:
    """True when markdown-it's table rule reads these two lines as a table's first rows."""
    aligns = delimiter.strip(TRIM).split("|")
    if aligns and not aligns[0].strip(TRIM):
        aligns.pop(0)
    if aligns and not aligns[-1].strip(TRIM):
        aligns.pop()
    if not aligns or not all(_ALIGN.match(cell.strip(TRIM)) for cell in aligns):
        return False
    row = header.strip(TRIM)
    if "|" not in row:
        return False
    cells = escapedSplit(row)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells) == len(aligns)


def delimiter_columns(source: Source, end: int) -> int:
    """The columns of the table delimiter row that the line after the block's last line looks
    like (``---`` has one, ``|--|--|`` two); 0 when it looks like none."""
    line = source.line_index(end) + 1
    if line >= len(source.line_starts):
        return 0
    following = source.src[source.line_starts[line] :].split("\n", 1)[0].lstrip(" \t>")
    if not _DASHED_ROW.match(following):
        return 0
    return _cells(following)[0]


def guard_table_header(line: str, columns: int, original: str) -> str:
    """``line`` with its pipes as ``&#124;`` when, right above a delimiter-like row of
    ``columns`` columns, it would split into as many cells and so become a table header,
    where the source's ``original`` last line did not."""
    if "|" not in line or columns not in _cells(line):
        return line
    if "|" not in original or _cells(line) != _cells(original):
        return line.replace("\\|", "&#124;").replace("|", "&#124;")
    return line


def _cells(line: str) -> tuple[int, int]:
    """How many cells the table rule would see in ``line``, alone and after a list marker;
    a table forms when that count equals the delimiter row's."""
    counts = []
    for row in (line.strip(TRIM), "- " + line.strip(TRIM)):
        cells = escapedSplit(row)
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        counts.append(len(cells))
    return counts[0], counts[1]


def avoid_front_matter(line: str) -> str:
    """Keep a list item's text on a document's first line from reading as front matter.

    The front matter rule looks at line 0 when the document starts with ``-`` and counts
    dashes from the second character of the *innermost* block's text, so ``- x--`` opens front
    matter; escaping the second character's dash prevents it.
    """
    if line[1:3] != "--":
        return line
    if line[0] == "\\":
        return line[:2] + "\\" + line[2:]
    return line[0] + "\\" + line[1:]


def escape_pipes(text: str) -> str:
    """Escape every ``|`` that would separate table cells (GFM: any not after ``\\``)."""
    text = _UNESCAPED_PIPE.sub(r"\\|", text)
    # A trailing backslash would escape the pipe that closes the cell.
    return text + " " if text.endswith("\\") else text


def balance_brackets(text: str) -> str:
    """Escape the brackets of a link label's text unless they already nest properly."""
    depth = 0
    for match in _ESCAPE_OR_BRACKET.finditer(text):
        token = match.group()
        if token == "[":
            depth += 1
        elif token == "]":
            depth -= 1
            if depth < 0:
                break
    if depth != 0:
        text = _ESCAPE_OR_BRACKET.sub(
            lambda m: m.group() if m.group().startswith("\\") else "\\" + m.group(), text
        )
    # A trailing backslash would escape the closing bracket.
    return text + " " if (len(text) - len(text.rstrip("\\"))) % 2 else text


def single_line(text: str) -> str:
    """Text for a one-line place (heading, cell, alt text): line breaks become spaces."""
    if "\n" not in text and "\r" not in text:
        return text
    lines = re.split(r"\r\n?|\n", text)
    joined: list[str] = []
    for index, line in enumerate(lines):
        if index < len(lines) - 1 and (len(line) - len(line.rstrip("\\"))) % 2:
            line = line[:-1]
        stripped = line.strip(" \t")
        if stripped:
            joined.append(stripped)
    return " ".join(joined)


def _defines_reference(text: str) -> bool:
    env: dict[str, object] = {}
    markdown_parser().parse(text, env)
    return bool(env.get("references"))
