"""Markup parity, judged on parsed structure: msgid and msgstr go through the one Markdown
parser of editions and their links, images, code spans, emphasis and line breaks compare.

Chinese breaks emphasis in a way no character diff sees: in ``**真，**她`` the closing ``**``
follows full-width punctuation and precedes a letter, so CommonMark's flanking rules refuse
it and the asterisks are printed. The check finds the literal markers and says how to fix it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from editions.catalog import Entry
from editions.checks.context import CheckContext
from editions.checks.model import Problem, Severity
from editions.checks.registry import check

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MARKUP_CHARS = re.compile(r"[*_`\[\]<>!\\]|  \n|https?:")
_LITERAL_MARKERS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_HTML_TAG = re.compile(r"<\s*(/?)\s*(strong|b|em|i|br)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Markup:
    """The structure of one message as the Markdown parser sees it."""

    links: Counter[str] = field(default_factory=Counter)
    images: Counter[str] = field(default_factory=Counter)
    code: Counter[str] = field(default_factory=Counter)
    strong: int = 0
    emphasis: int = 0
    breaks: int = 0
    literal_markers: int = 0


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from editions.markdown import markdown_parser

    return markdown_parser()


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def markup_of(text: str) -> Markup:
    """Parse ``text`` and collect what must survive translation."""
    links: Counter[str] = Counter()
    images: Counter[str] = Counter()
    code: Counter[str] = Counter()
    counts = Counter[str]()
    for token in _walk(_parser().parse(text)):
        kind = token.type
        if kind == "link_open":
            links[str(token.attrs.get("href", ""))] += 1
        elif kind == "image":
            images[str(token.attrs.get("src", ""))] += 1
        elif kind in ("code_inline", "code_block", "fence"):
            code[token.content] += 1
        elif kind in ("strong_open", "em_open"):
            counts[kind] += 1
        elif kind == "hardbreak":
            counts["break"] += 1
        elif kind in ("html_inline", "html_block"):
            for closing, tag in _HTML_TAG.findall(token.content):
                tag = tag.lower()
                if tag == "br":
                    counts["break"] += 1
                elif not closing:
                    counts["strong_open" if tag in ("strong", "b") else "em_open"] += 1
        elif kind == "text":
            counts["literal"] += len(_LITERAL_MARKERS.findall(token.content))
    return Markup(
        links=links,
        images=images,
        code=code,
        strong=counts["strong_open"],
        emphasis=counts["em_open"],
        breaks=counts["break"],
        literal_markers=counts["literal"],
    )


def _pairs(entry: Entry) -> Iterator[tuple[Markup, Markup, str]]:
    """(source markup, translation markup, translation) for each filled form with markup."""
    for form in filter(None, entry.translations):
        source = entry.msgid_plural if entry.is_plural and entry.msgid_plural else entry.msgid
        if not (_MARKUP_CHARS.search(source) or _MARKUP_CHARS.search(form)):
            continue
        yield markup_of(source), markup_of(form), form


def _diff(wanted: Counter[str], got: Counter[str]) -> str:
    missing = ", ".join(repr(x) for x in (wanted - got).elements())
    extra = ", ".join(repr(x) for x in (got - wanted).elements())
    return "; ".join(
        p for p in (f"missing {missing}" if missing else "", f"extra {extra}" if extra else "") if p
    )


@check("E-markup-link", Severity.ERROR, markdown_only=True)
def link_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Link destinations differ between source and translation"""
    for source, target, _ in _pairs(entry):
        if source.links != target.links:
            yield Problem(
                f"link destinations differ: {_diff(source.links, target.links)}",
                fix="keep every [text](destination) with the destination unchanged",
            )
            return


@check("E-markup-image", Severity.ERROR, markdown_only=True)
def image_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Images differ between source and translation"""
    for source, target, _ in _pairs(entry):
        if source.images != target.images:
            yield Problem(
                f"images differ: {_diff(source.images, target.images)}",
                fix="keep every ![alt](source) with the source unchanged (translate the alt text)",
            )
            return


@check("E-markup-code", Severity.ERROR, markdown_only=True)
def code_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Code spans differ between source and translation (code is not translated)"""
    for source, target, _ in _pairs(entry):
        if source.code != target.code:
            yield Problem(
                f"code spans differ: {_diff(source.code, target.code)}",
                fix="copy each `code` span of the source unchanged",
            )
            return


@check("E-markup-emphasis", Severity.ERROR, markdown_only=True)
def emphasis_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Emphasis is lost or no longer parses (e.g. ** next to full-width punctuation)"""
    for source, target, _ in _pairs(entry):
        lost = target.strong < source.strong or target.emphasis < source.emphasis
        if lost and target.literal_markers > source.literal_markers:
            yield Problem(
                "emphasis no longer parses: a ** or * next to full-width punctuation "
                "fails CommonMark's flanking rules and would be printed",
                fix="move the punctuation outside the markers (**真**，她) "
                "or use <strong>…</strong>",
            )
            return
        if (target.strong, target.emphasis) != (source.strong, source.emphasis):
            yield Problem(
                f"emphasis differs: source has {source.strong} strong and {source.emphasis} "
                f"emphasised spans, the translation {target.strong} and {target.emphasis}",
                fix="mark the same phrases with ** or * as the source",
            )
            return


@check("W-markup-linebreak", Severity.WARNING, markdown_only=True)
def linebreak_parity(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Hard line breaks differ between source and translation"""
    for source, target, _ in _pairs(entry):
        if source.breaks != target.breaks:
            yield Problem(
                f"{source.breaks} hard line breaks in the source, "
                f"{target.breaks} in the translation",
                fix="end the same lines with two spaces or a backslash as the source",
            )
            return
