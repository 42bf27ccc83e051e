"""The one markdown-it-py configuration of editions, used for extraction, reassembly and HTML.

CommonMark, plus GFM tables and YAML front matter (``---`` at the top, never rendered).
A few rules are wrapped so that parsing also records *where* text sits in the source, which
is what segmentation needs to put translations back byte-exactly without a second parse:

- every ``inline`` token of a paragraph, heading or table row gets ``meta[LINES]``: one
  ``(start, end)`` pair per source line of the block, offsets into the *normalised* source
  (markdown-it turns ``\\r\\n`` and ``\\r`` into ``\\n``): ``start`` is the first non-blank
  character after any container markers (``>``, list indentation), ``end`` the end of line;
  and ``meta[INDENT]``: ``(begin, columns)``, where the first line's text starts after any
  ``>`` markers (``begin``) and the container's indentation is ``columns`` wide from there;
- every top-level ``softbreak``/``hardbreak`` token gets ``meta[NEWLINE]``: the offset of its
  ``\\n`` in the inline token's ``content``;
- every ``image`` token gets ``meta[LABEL]``: ``(start, end, stop)``, where ``start:end`` is
  its alt text (between ``![`` and ``]``) and ``stop`` the end of the whole image, offsets into
  the ``content`` of the inline token it was parsed from; what follows the ``]`` tells an
  inline ``(url)`` from a reference ``[ref]``, ``[]`` or nothing.

The recording changes no output: :func:`render_html` renders exactly what plain
markdown-it-py renders with the same configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin

LINES = "editions.lines"
NEWLINE = "editions.newline"
LABEL = "editions.label"
INDENT = "editions.indent"

BlockRule = Callable[[StateBlock, int, int, bool], bool]
InlineRule = Callable[[StateInline, bool], bool]


@cache
def markdown_parser() -> MarkdownIt:
    """The shared parser: CommonMark + tables + front matter, recording source positions."""
    md = MarkdownIt("commonmark").enable("table")
    front_matter_plugin(md)
    for name in ("paragraph", "heading", "lheading", "table"):
        _wrap(md.block.ruler, name, _recording_lines)
    _wrap(md.inline.ruler, "newline", _recording_newline)
    _wrap(md.inline.ruler, "escape", _recording_escaped_newline)
    _wrap(md.inline.ruler, "image", _recording_label)
    return md


def render_html(markdown_text: str) -> str:
    """Render Markdown to HTML with the shared parser (front matter is not rendered)."""
    html: str = markdown_parser().render(markdown_text)
    return html


def _wrap(ruler: Any, name: str, wrapper: Callable[[Any], Any]) -> None:
    """Replace rule ``name`` by ``wrapper(rule)``, keeping its position and alternates."""
    for rule in ruler.__rules__:
        if rule.name == name:
            ruler.at(name, wrapper(rule.fn), {"alt": list(rule.alt)})
            return
    raise KeyError(name)


def _recording_lines(rule: BlockRule) -> BlockRule:
    def recording(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        first = len(state.tokens)
        if not rule(state, start_line, end_line, silent):
            return False
        if not silent:
            begins, shifts, ends = state.bMarks, state.tShift, state.eMarks
            for token in state.tokens[first:]:
                if token.type == "inline" and token.map is not None:
                    token.meta[LINES] = [
                        (begins[line] + shifts[line], ends[line])
                        for line in range(token.map[0], token.map[1])
                    ]
                    token.meta[INDENT] = (begins[token.map[0]], state.blkIndent)
        return True

    return recording


def _recording_newline(rule: InlineRule) -> InlineRule:
    def recording(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            state.tokens[-1].meta[NEWLINE] = pos
        return True

    return recording


def _recording_escaped_newline(rule: InlineRule) -> InlineRule:
    def recording(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > count and state.tokens[-1].type == "hardbreak":
            state.tokens[-1].meta[NEWLINE] = pos + 1
        return True

    return recording


def _recording_label(rule: InlineRule) -> InlineRule:
    def recording(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            stop = state.pos
            end = state.md.helpers.parseLinkLabel(state, pos + 1, False)
            state.tokens[-1].meta[LABEL] = (pos + 2, end, stop)
        return True

    return recording
