"""Segmentation: walk markdown-it's token stream once and let one rule per block kind speak.

Rules are looked up by the token that opens a block (``paragraph_open``, ``heading_open``,
``th_open``, ``td_open``) or by the block token itself (``front_matter``); everything else
(code, HTML blocks, thematic breaks, link reference definitions) has no rule and so is
never translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from markdown_it.token import Token

from editions.markdown import markdown_parser
from editions.segment import front_matter, heading, paragraph, table
from editions.segment.context import Context
from editions.segment.model import Segment
from editions.segment.source import Source

Rule = Callable[[Token, Context], Iterator[Segment]]

INLINE_RULES: dict[str, Rule] = {
    "paragraph_open": paragraph.extract,
    "heading_open": heading.extract,
    "th_open": table.extract,
    "td_open": table.extract,
}
"""Rules for the inline token that follows each kind of block opener."""

BLOCK_RULES: dict[str, Rule] = {"front_matter": front_matter.extract}
"""Rules for block tokens that carry their own text."""

_PRE_OPEN = re.compile(r"<pre[\s>]", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
_CONTAINERS = {"list_item_open": "list item", "blockquote_open": "blockquote"}
_CLOSERS = frozenset({"list_item_close", "blockquote_close"})


def _pre_depth(depth: int, html: str) -> int:
    """How many raw ``<pre>`` elements are open after ``html``."""
    if "pre" not in html.lower():
        return depth
    return max(0, depth + len(_PRE_OPEN.findall(html)) - len(_PRE_CLOSE.findall(html)))


DIRECTIVES = re.compile(r"\{\{\s*[#%<][^{}]*\}\}")
"""Preprocessor directives of mdBook (``{{#include file.rs}}``, ``{{#rustdoc_include …}}``)
and Hugo (``{{% note %}}``, ``{{< figure >}}``): what they expand to is not English text.
A project sets its own with ``[extract] directives`` (:func:`directive_pattern`)."""


@lru_cache(maxsize=32)
def directive_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a project's directives (None: none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _only_directives(content: str, directives: re.Pattern[str] | None) -> bool:
    """True for a paragraph made of directives alone: kept as written, never extracted."""
    return directives is not None and not directives.sub("", content).strip()


def segment_document(text: str, directives: re.Pattern[str] | None = DIRECTIVES) -> list[Segment]:
    """Every translatable block of a Markdown document, in document order, repeats included;
    a paragraph made of ``directives`` alone is not one."""
    source = Source.from_text(text)
    tokens = markdown_parser().parse(source.src)
    context = Context(source)
    containers: list[str] = []
    segments: list[Segment] = []
    previous = context.opener
    for token in tokens:
        kind = token.type
        if kind == "inline":
            rule = INLINE_RULES.get(previous.type)
            if rule is not None and not _only_directives(token.content, directives):
                context.opener = previous
                context.container = containers[-1] if containers else None
                segments.extend(rule(token, context))
            for child in token.children or ():
                if child.type == "html_inline":
                    context.raw_pre = _pre_depth(context.raw_pre, child.content)
        elif kind == "html_block":
            context.raw_pre = _pre_depth(context.raw_pre, token.content)
        elif kind in _CONTAINERS:
            containers.append(_CONTAINERS[kind])
        elif kind in _CLOSERS:
            containers.pop()
        elif kind == "tr_open":
            context.cell = -1
        elif kind in ("th_open", "td_open"):
            context.cell += 1
        elif kind in BLOCK_RULES:
            segments.extend(BLOCK_RULES[kind](token, context))
        previous = token
    return segments
