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

from editions.markdown import markdown_parser

_ESCAPE_FIRST = re.compile(
    r"""
      \#{1,6}(?:[ \t]|$)                 # ATX heading
    | >                                   # block quote
    | [-+*](?:[ \t]|$)                    # bullet list item
    | `{3,} | ~{3,}                       # code fence
    | =+[ \t]*$ | -+[ \t]*$               # setext underline
    | -{3}                                # thematic break; front matter at the top
    | ([*_-])[ \t]*(?:\1[ \t]*){2,}$      # thematic break
    | [|:-][|:\-\ \t]*$                   # table delimiter row
    """,
    re.VERBOSE,
)
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_HTML_ANY = [pattern for pattern, _, _ in HTML_SEQUENCES]
_HTML_INTERRUPTING = [pattern for pattern, _, interrupts in HTML_SEQUENCES if interrupts]
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPE_OR_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)


def neutralise_line(line: str, *, opening: bool, rest: str = "") -> str:
    """Escape what would make ``line`` (leading blanks already removed) start a block.

    ``opening`` is True for the first line of a block, where more can start (any HTML
    block, a link reference definition); ``rest`` is the text that follows the line, which a
    reference definition may span.
    """
    if not line:
        return line
    if _ESCAPE_FIRST.match(line):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{line[ordered.end(1) :]}"
    if line[0] == "<":
        patterns = _HTML_ANY if opening else _HTML_INTERRUPTING
        if any(pattern.search(line) for pattern in patterns):
            return "\\" + line
    if opening and line[0] == "[" and "]:" in line + rest and _defines_reference(line + rest):
        return "\\" + line
    return line


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
